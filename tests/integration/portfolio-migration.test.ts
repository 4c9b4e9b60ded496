/**
 * Work items written in the first layout (one partition per tenant) are copied into the per-domain
 * read model when the tables open: once, safely from two processes at once, with right figures.
 */
import { describe, expect, it } from '@jest/globals';

import { createTableRepositories, tableNames } from '../../bot/directory/tables';
import { encodeKey } from '../../bot/platform/storage/keys';
import { ensureTable, openTable } from '../../bot/platform/storage/table-client';
import { statsOf } from '../../bot/portfolio/domain/projection';
import type { WorkItem } from '../../bot/portfolio/domain/portfolio';
import { migrateWorkItems } from '../../bot/portfolio/tables/work-item-migration';
import { domain, workItem } from '../support/directory-records';
import { testConnectionString, uniqueTablePrefix } from '../support/storage';

const T = 'e0000000-0000-4000-8000-0000000000e1';
const U = 'e0000000-0000-4000-8000-0000000000e2';

/** A row as the first layout stored it: PartitionKey = tenant, RowKey = item id, nested values as JSON. */
const legacyRow = (w: WorkItem) => ({
  partitionKey: encodeKey(w.tenantId),
  rowKey: encodeKey(w.id),
  ...w,
  owner: JSON.stringify(w.owner),
  objectives: JSON.stringify(w.objectives),
  health: JSON.stringify(w.health),
});

describe('work item migration', () => {
  it('copies old-layout items into their domains, from two processes at once, then costs one read', async () => {
    const prefix = uniqueTablePrefix();
    const names = tableNames(prefix);
    const [old, items, index] = [names.workItems, names.portfolioItems, names.itemIndex].map((n) => openTable(testConnectionString(), n));
    if (!old || !items || !index) throw new Error('tables');
    await Promise.all([old, items, index].map(ensureTable));
    const legacy = [
      ...Array.from({ length: 150 }, (_, i) =>
        workItem(T, `wi_${i}`, i % 3 === 0 ? 'dom-hr' : 'dom-it', { health: { schedule: i % 2 ? 'red' : 'green', cost: 'green', scope: 'green', benefit: 'green' }, statusReportedAt: '2026-11-01T10:00:00.000Z', statusNote: 'Vendor late' }),
      ),
      workItem(U, 'wi_0', 'dom-it', { title: 'Other tenant, same id' }),
    ];
    for (let i = 0; i < legacy.length; i += 100) {
      await old.submitTransaction(legacy.slice(i, i + 100).filter((w) => w.tenantId === T).map((w) => ['create', legacyRow(w)] as const));
    }
    await old.createEntity(legacyRow(legacy[legacy.length - 1] as WorkItem));
    await old.createEntity({ partitionKey: encodeKey(T), rowKey: 'junk', note: 'not a work item' });

    // Two app processes starting together both run it.
    const runs = await Promise.all([migrateWorkItems({ old, items, index }), migrateWorkItems({ old, items, index })]);
    expect(runs).toEqual([151, 151]);

    const repos = await createTableRepositories({ connectionString: testConnectionString(), tablePrefix: prefix });
    await repos.domains.createMany([domain(T, 'dom-it'), domain(T, 'dom-hr'), domain(U, 'dom-it')]);
    const itDomain = await repos.workItems.listByDomain(T, 'dom-it');
    const hr = await repos.workItems.listByDomain(T, 'dom-hr');
    expect(itDomain).toHaveLength(100);
    expect(hr).toHaveLength(50);
    expect(sortById(itDomain.map((v) => v.value))).toEqual(sortById(legacy.filter((w) => w.tenantId === T && w.domainId === 'dom-it')));
    expect(await repos.workItems.stats(T, 'dom-it')).toEqual(statsOf(itDomain.map((v) => v.value)));
    expect((await repos.workItems.stats(T, 'dom-hr')).total).toBe(50);
    expect((await repos.workItems.get(T, 'wi_3'))?.value.domainId).toBe('dom-hr');
    expect((await repos.workItems.get(U, 'wi_0'))?.value.title).toBe('Other tenant, same id');

    // Each item's stored status is its first report (one, though two processes copied it), so the
    // history chart is not empty after the upgrade; an item never reported gets none.
    const history = await repos.workItems.history(T, { id: 'wi_1', domainId: 'dom-it' });
    expect(history).toEqual([
      { at: '2026-11-01T10:00:00.000Z', by: { displayName: 'Dana Delivery' }, source: 'import', health: { schedule: 'red', cost: 'green', scope: 'green', benefit: 'green' }, overall: 'red', stage: 'Beta', note: 'Vendor late' },
    ]);
    expect(await repos.workItems.history(U, { id: 'wi_0', domainId: 'dom-it' })).toEqual([]);

    // Done: a later start does nothing, even with a row that looks old; an edit made since is kept.
    const edited = await repos.workItems.get(T, 'wi_1');
    if (!edited) throw new Error('missing');
    expect((await repos.workItems.update({ item: { ...edited.value, title: 'Edited after migration' } }, edited.etag)).ok).toBe(true);
    await old.createEntity(legacyRow(workItem(T, 'wi_late', 'dom-it')));
    expect(await migrateWorkItems({ old, items, index })).toBe(0);
    await createTableRepositories({ connectionString: testConnectionString(), tablePrefix: prefix });
    expect(await repos.workItems.get(T, 'wi_late')).toBeUndefined();
    expect((await repos.workItems.get(T, 'wi_1'))?.value.title).toBe('Edited after migration');
    // The edit changed no status: still the one imported report.
    expect((await repos.workItems.history(T, { id: 'wi_1', domainId: 'dom-it' })).map((r) => r.source)).toEqual(['import']);
    // The old rows stay (the way back, should the release be rolled back).
    expect((await old.getEntity(encodeKey(T), 'wi_1')).rowKey).toBe('wi_1');
  });
});

const sortById = <W extends { id: string }>(items: W[]): W[] => [...items].sort((a, b) => a.id.localeCompare(b.id));
