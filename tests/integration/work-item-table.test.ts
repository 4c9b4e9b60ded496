/**
 * The work items table against a real Azurite (tests/support/table-repositories.ts): items with
 * their figures, versions, bulk writes, and rows that do not match the schema.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { TableClient } from '@azure/data-tables';
import { CorruptRowError } from '../../bot/platform/storage/codec';
import { encodeKey } from '../../bot/platform/storage/keys';
import type { Repositories } from '../../bot/directory/repositories';
import { workItem } from '../support/directory-records';
import { TENANT_A, rawTable, sortById, useTableRepositories, values } from '../support/table-repositories';

let repos: Repositories;
let prefix: string;

useTableRepositories((t) => ({ repos, prefix } = t));

describe('round trips', () => {
  it('stores work items with every nested field, and drops removed optional fields on update', async () => {
    const full = workItem(TENANT_A, 'wi_full', 'dom-rt', {
      structure: 'program',
      mode: 'traditional',
      owner: { userId: 'aad-owner-1', displayName: 'Olu Owner' },
      parentId: 'wi_parent',
      objectives: [
        { objectiveId: 'obj-1', weight: 60 },
        { objectiveId: 'obj-2', weight: 40 },
      ],
      health: { schedule: 'red', cost: 'amber', scope: 'green', benefit: 'unknown' },
      statusReportedAt: '2025-02-27T16:30:00.000Z',
      statusNote: 'Vendor late; "quotes" and émojis 🚦 survive',
      benefits: { planned: { value: 1200.5, unit: 'GBP k' }, realised: { value: 300, unit: 'GBP k' } },
    });
    const created = await repos.workItems.create({ item: full });
    if (!created.ok) throw new Error(created.error.message);
    expect((await repos.workItems.get(TENANT_A, 'wi_full'))?.value).toEqual(full);

    const { benefits: _b, statusNote: _n, parentId: _p, ...trimmed } = full;
    const updated = await repos.workItems.update({ item: trimmed }, created.value.etag);
    expect(updated.ok).toBe(true);
    expect((await repos.workItems.get(TENANT_A, 'wi_full'))?.value).toEqual(trimmed);
  });

  it('lists work items by domain', async () => {
    await repos.workItems.createMany([
      workItem(TENANT_A, 'wi_d1', 'dom-x'),
      workItem(TENANT_A, 'wi_d2', 'dom-x'),
      workItem(TENANT_A, 'wi_d3', 'dom-y'),
    ]);
    expect(sortById(values(await repos.workItems.listByDomain(TENANT_A, 'dom-x'))).map((w) => w.id)).toEqual(['wi_d1', 'wi_d2']);
    expect(await repos.workItems.listByDomain(TENANT_A, 'dom-none')).toEqual([]);
  });
});

describe('optimistic concurrency', () => {
  it('refuses a stale etag with CONFLICT.STALE and changes nothing', async () => {
    const created = await repos.workItems.create({ item: workItem(TENANT_A, 'wi_etag', 'dom-c') });
    if (!created.ok) throw new Error(created.error.message);
    const first = await repos.workItems.update({ item: { ...created.value.value, stage: 'Live' } }, created.value.etag);
    if (!first.ok) throw new Error(first.error.message);
    expect(first.value.etag).not.toBe(created.value.etag);

    const stale = await repos.workItems.update({ item: { ...created.value.value, stage: 'Alpha' } }, created.value.etag);
    expect(stale).toEqual({ ok: false, error: expect.objectContaining({ code: 'CONFLICT.STALE' }) });
    const stored = await repos.workItems.get(TENANT_A, 'wi_etag');
    expect(stored?.value.stage).toBe('Live');
    expect(stored?.etag).toBe(first.value.etag);
  });
});

describe('createMany', () => {
  it('writes more than one transaction worth of records across tenants', async () => {
    const tenantC = '66666666-6666-4666-8666-666666666666';
    const tenantD = '77777777-7777-4777-8777-777777777777';
    const items = [
      ...Array.from({ length: 230 }, (_, i) => workItem(tenantC, `wi_${String(i).padStart(3, '0')}`, 'dom-bulk')),
      ...Array.from({ length: 5 }, (_, i) => workItem(tenantD, `wi_${i}`, 'dom-bulk')),
    ];
    await repos.workItems.createMany(items);
    expect(sortById(values(await repos.workItems.listByDomain(tenantC, 'dom-bulk')))).toEqual(sortById(items.slice(0, 230)));
    expect(await repos.workItems.listByDomain(tenantD, 'dom-bulk')).toHaveLength(5);
    expect((await repos.workItems.stats(tenantC, 'dom-bulk')).total).toBe(230);
  });

  it('throws when a work item already exists, and writes nothing of its transaction', async () => {
    const tenantE = '88888888-8888-4888-8888-888888888888';
    await repos.workItems.createMany([workItem(tenantE, 'wi_dup', 'dom-dup')]);
    await expect(repos.workItems.createMany([workItem(tenantE, 'wi_new', 'dom-dup'), workItem(tenantE, 'wi_dup', 'dom-dup')])).rejects.toThrow(/already exists/);
    expect(await repos.workItems.get(tenantE, 'wi_new')).toBeUndefined();
    expect((await repos.workItems.stats(tenantE, 'dom-dup')).total).toBe(1);
  });
});

describe('corrupt rows', () => {
  const tenant = '99999999-9999-4999-8999-999999999999';
  let raw: TableClient;

  beforeAll(() => {
    raw = rawTable(prefix, 'portfolioItems');
  });

  it('names the table, the row and the problem when a column is invalid', async () => {
    const good = workItem(tenant, 'wi_bad_health', 'dom-z');
    await repos.workItems.create({ item: good });
    await raw.updateEntity(
      { partitionKey: `${tenant}.dom-z`, rowKey: 'item.wi_bad_health', health: JSON.stringify({ schedule: 'purple', cost: 'green', scope: 'green', benefit: 'green' }) },
      'Merge',
    );
    const read = repos.workItems.get(tenant, 'wi_bad_health');
    await expect(read).rejects.toThrow(CorruptRowError);
    await expect(repos.workItems.get(tenant, 'wi_bad_health')).rejects.toThrow(
      new RegExp(`table ${prefix}PortfolioItems \\(PartitionKey '${tenant}\\.dom-z', RowKey 'item\\.wi_bad_health'\\): health\\.schedule`),
    );
    // Lists fail too, rather than silently skipping or returning the bad row.
    await expect(repos.workItems.listByDomain(tenant, 'dom-z')).rejects.toThrow(CorruptRowError);
  });

  it('rejects JSON that does not parse and missing columns', async () => {
    await raw.createEntity({ partitionKey: `${tenant}.dom-j`, rowKey: 'item.wi_bad_json', ...{ tenantId: tenant, id: 'wi_bad_json', owner: '{not json' } });
    await expect(repos.workItems.listByDomain(tenant, 'dom-j')).rejects.toThrow(/RowKey 'item\.wi_bad_json'\): column owner is not valid JSON/);
    await raw.deleteEntity(`${tenant}.dom-j`, 'item.wi_bad_json');

    await raw.createEntity({ partitionKey: `${tenant}.dom-j`, rowKey: 'item.wi_sparse', tenantId: tenant, id: 'wi_sparse' });
    await expect(repos.workItems.listByDomain(tenant, 'dom-j')).rejects.toThrow(/RowKey 'item\.wi_sparse'\): .*domainId/);
  });

  it('refuses a row whose content belongs to another tenant', async () => {
    const other = '12121212-1212-4121-8121-121212121212';
    await repos.workItems.create({ item: workItem(TENANT_A, 'wi_d1', 'dom-x') });
    const { etag: _e, timestamp: _t, ...copied } = await raw.getEntity(`${encodeKey(TENANT_A)}.dom-x`, 'item.wi_d1');
    await raw.createEntity({ ...copied, partitionKey: `${other}.dom-x`, rowKey: 'item.wi_d1' });
    await expect(repos.workItems.listByDomain(other, 'dom-x')).rejects.toThrow(/keys do not match its content/);
  });
});
