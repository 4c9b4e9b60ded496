/** The record of role changes on a real Azurite: newest first, a page at a time, each tenant's to itself. */
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { RoleChange } from '../../bot/people/domain/role-change';
import { type TableRoleChangeLog, createRoleChangeLog } from '../../bot/people/tables/role-change-log';
import { testConnectionString, uniqueTablePrefix } from '../support/storage';

const T = '8d8d8d8d-0000-4000-8000-000000000001';
const OTHER = '8d8d8d8d-0000-4000-8000-000000000002';

const change = (tenantId: string, n: number): RoleChange => ({
  tenantId,
  id: `rc-${n}`,
  at: new Date(Date.UTC(2026, 11, 1, 9, n)).toISOString(),
  by: { userId: 'admin', displayName: 'Ada Admin' },
  subject: { userId: `u${n}`, displayName: `Person ${n}` },
  granted: [{ role: { role: 'pmo_lead', domainId: 'dom-it' }, label: 'PMO lead · IT' }],
  removed: [],
});

let log: TableRoleChangeLog;

beforeAll(async () => {
  log = await createRoleChangeLog({ connectionString: testConnectionString(), tablePrefix: uniqueTablePrefix() });
  // Written out of order: the keys, not the writes, give the order.
  for (const n of [3, 1, 5, 2, 4]) await log.append(change(T, n));
  await log.append(change(OTHER, 9));
});

describe('role change log', () => {
  it('reads newest first, page by page, until nothing older is left', async () => {
    const first = await log.page(T, 2);
    expect(first?.changes.map((c) => c.id)).toEqual(['rc-5', 'rc-4']);
    const second = await log.page(T, 2, first?.continuation);
    expect(second?.changes.map((c) => c.id)).toEqual(['rc-3', 'rc-2']);
    const last = await log.page(T, 2, second?.continuation);
    expect(last).toEqual({ changes: [change(T, 1)] });
  });

  it('keeps tenants apart and refuses a continuation it did not give', async () => {
    expect((await log.page(OTHER, 10))?.changes.map((c) => c.id)).toEqual(['rc-9']);
    expect(await log.page(T, 2, "garbage' or PartitionKey ne '")).toBeUndefined();
  });
});
