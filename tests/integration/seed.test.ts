/** The demo seed on real storage: once on a fresh start, rebuilt on request, other tenants untouched. */
import { describe, expect, it } from '@jest/globals';
import { createTableRepositories } from '../../bot/directory/tables';
import type { Repositories } from '../../bot/directory/repositories';
import { DEMO_TENANT } from '../../bot/demo/demo-identities';
import { resetDemo, seedDemoIfEmpty } from '../../bot/demo/seed';
import { wipeTenant } from '../../scripts/lib/tenant-wipe';
import { createDeliveryTables } from '../../bot/delivery/tables/delivery-tables';
import type { Delivery } from '../../bot/delivery/domain/delivery';
import { systemClock } from '../../bot/kernel/runtime';
import { testConnectionString, uniqueTablePrefix } from '../support/storage';

/** Work items of every domain of the tenant, read domain by domain as the app does. */
async function itemCount(repos: Repositories, tenantId: string): Promise<number> {
  const domains = await repos.domains.list(tenantId);
  const lists = await Promise.all(domains.map((d) => repos.workItems.listByDomain(tenantId, d.value.id)));
  return lists.flat().length;
}

describe('demo seed', () => {
  it('seeds once, keeps changes on later starts, and --reset rebuilds only the demo tenant', async () => {
    const repos = await createTableRepositories({ connectionString: testConnectionString(), tablePrefix: uniqueTablePrefix() });
    const first = await seedDemoIfEmpty(repos, systemClock);
    expect(first?.workItems).toBeGreaterThanOrEqual(40);
    expect(await seedDemoIfEmpty(repos, systemClock)).toBeUndefined();

    const item = await repos.workItems.get(DEMO_TENANT.tenantId, 'wi-001');
    if (!item) throw new Error('seeded item missing');
    await repos.workItems.update({ item: { ...item.value, title: 'Renamed by a user' } }, item.etag);
    await repos.tenants.upsert({ tenantId: 'other-tenant', displayName: 'Other', createdAt: new Date().toISOString() });
    await repos.domains.createMany([{ tenantId: 'other-tenant', id: 'd1', name: 'Other IT', description: '', freshnessDays: 14, createdAt: new Date().toISOString() }]);
    expect(await seedDemoIfEmpty(repos, systemClock)).toBeUndefined();
    expect((await repos.workItems.get(DEMO_TENANT.tenantId, 'wi-001'))?.value.title).toBe('Renamed by a user');

    await resetDemo(repos, systemClock);
    expect((await repos.workItems.get(DEMO_TENANT.tenantId, 'wi-001'))?.value.title).toBe('Customer Portal Replatform');
    expect(await itemCount(repos, DEMO_TENANT.tenantId)).toBe(first?.workItems ?? -1);
    expect((await repos.domains.list('other-tenant')).map((d) => d.value.name)).toEqual(['Other IT']);
  });
});

describe('wiping a tenant (seed --reset)', () => {
  it('clears that tenant from every table of the deployment, and nothing else', async () => {
    const prefix = uniqueTablePrefix();
    const otherPrefix = uniqueTablePrefix();
    const repos = await createTableRepositories({ connectionString: testConnectionString(), tablePrefix: prefix });
    const neighbour = await createTableRepositories({ connectionString: testConnectionString(), tablePrefix: otherPrefix });
    await seedDemoIfEmpty(repos, systemClock);
    await seedDemoIfEmpty(neighbour, systemClock);
    await repos.domains.createMany([{ tenantId: 'other-tenant', id: 'd1', name: 'Other IT', description: '', freshnessDays: 14, createdAt: new Date().toISOString() }]);
    // Deliveries spread a tenant over several partitions (tenant.batch.shard): all of them go.
    const { deliveries } = await createDeliveryTables({ connectionString: testConnectionString(), tablePrefix: prefix });
    const at = new Date().toISOString();
    const delivery = (tenantId: string, hash: string): Delivery => ({
      tenantId,
      id: `change:chg-1:v1/${hash}`,
      batchId: 'change:chg-1:v1',
      conversationId: `19:${hash}@thread.tacv2`,
      operation: 'send',
      content: { kind: 'change', ref: 'chg-1' },
      state: 'queued',
      attempts: 0,
      createdAt: at,
      updatedAt: at,
    });
    await deliveries.createMany(['0a', '7b', 'fc'].map((hash) => delivery(DEMO_TENANT.tenantId, hash)));
    await deliveries.createMany([delivery('other-tenant', '0a')]);
    expect(await deliveries.listByBatch(DEMO_TENANT.tenantId, 'change:chg-1:v1')).toHaveLength(3);

    const cleared = await wipeTenant(testConnectionString(), prefix, DEMO_TENANT.tenantId);
    expect(cleared.length).toBeGreaterThanOrEqual(7);
    expect(cleared.every((name) => name.startsWith(prefix))).toBe(true);
    expect(await repos.tenants.get(DEMO_TENANT.tenantId)).toBeUndefined();
    expect(await repos.workItems.get(DEMO_TENANT.tenantId, 'wi-001')).toBeUndefined();
    expect(await itemCount(repos, DEMO_TENANT.tenantId)).toBe(0);
    expect(await repos.links.list(DEMO_TENANT.tenantId)).toEqual([]);
    expect(await repos.domains.list('other-tenant')).toHaveLength(1);
    expect(await deliveries.listByBatch(DEMO_TENANT.tenantId, 'change:chg-1:v1')).toEqual([]);
    expect(await deliveries.listByBatch('other-tenant', 'change:chg-1:v1')).toHaveLength(1);
    expect(await itemCount(neighbour, DEMO_TENANT.tenantId)).toBeGreaterThanOrEqual(40);
  });
});
