/** Delivery records and delivered cards written in their first key layouts are moved when the tables open, once. */
import { describe, expect, it } from '@jest/globals';

import { createDeliveryTables, deliveryTableNames } from '../../bot/delivery/tables/delivery-tables';
import { compositeKey, encodeKey } from '../../bot/platform/storage/keys';
import { openTable } from '../../bot/platform/storage/table-client';
import { testConnectionString, uniqueTablePrefix } from '../support/storage';

const TENANT = 'c0000000-0000-4000-8000-0000000000c1';
const BATCH = 'change:chg-7:v1';

/**
 * A record as an earlier layout stored it: the first (PartitionKey = tenant, RowKey = batch.hash)
 * or 16 shards per batch (PartitionKey = tenant.batch.h, RowKey = hash).
 */
function legacyRow(hash: string, state: 'queued' | 'sent', layout: 'v1' | 'v2' = 'v1') {
  const at = '2026-11-20T10:00:00.000Z';
  return {
    ...(layout === 'v1'
      ? { partitionKey: encodeKey(TENANT), rowKey: `${encodeKey(BATCH)}.${hash}` }
      : { partitionKey: `${compositeKey(TENANT, BATCH)}.${hash.slice(0, 1)}`, rowKey: hash }),
    tenantId: TENANT,
    id: `${BATCH}/${hash}`,
    batchId: BATCH,
    conversationId: `19:${hash}@thread.tacv2`,
    operation: 'send',
    content: JSON.stringify({ kind: 'change', ref: 'chg-7' }),
    state,
    attempts: state === 'sent' ? 1 : 0,
    ...(state === 'sent' ? { activityId: `activity-${hash}`, sentAt: at } : {}),
    createdAt: at,
    updatedAt: at,
  };
}

describe('delivery key migration', () => {
  it('moves records of both earlier layouts so they are found, updated and listed again, and runs once', async () => {
    const prefix = uniqueTablePrefix();
    const first = await createDeliveryTables({ connectionString: testConnectionString(), tablePrefix: prefix });
    const raw = openTable(testConnectionString(), deliveryTableNames(prefix).deliveries);
    // Rows written by the previous version (the marker is already there: this process created the table).
    await raw.deleteEntity('!meta', 'delivery-keys-v3');
    for (const [hash, state, layout] of [['0a1b', 'sent', 'v1'], ['9f00', 'queued', 'v2'], ['e5e5', 'sent', 'v2']] as const) await raw.createEntity(legacyRow(hash, state, layout));
    expect(await first.deliveries.get(TENANT, `${BATCH}/0a1b`)).toBeUndefined(); // invisible until moved

    const tables = await createDeliveryTables({ connectionString: testConnectionString(), tablePrefix: prefix });
    const listed = await tables.deliveries.listByBatch(TENANT, BATCH);
    expect(listed.map((d) => [d.id, d.state, d.activityId]).sort()).toEqual([
      [`${BATCH}/0a1b`, 'sent', 'activity-0a1b'],
      [`${BATCH}/9f00`, 'queued', undefined],
      [`${BATCH}/e5e5`, 'sent', 'activity-e5e5'],
    ]);
    const queued = await tables.deliveries.get(TENANT, `${BATCH}/9f00`);
    expect(queued?.value.content).toEqual({ kind: 'change', ref: 'chg-7' });
    const updated = await tables.deliveries.update({ ...(queued?.value as NonNullable<typeof queued>['value']), state: 'sent', activityId: 'a-new' }, queued?.etag as string);
    expect(updated.ok).toBe(true);
    // No old row is left behind: each partition now is `tenant.batch.hh`.
    const partitions: string[] = [];
    for await (const e of raw.listEntities()) if (e.partitionKey !== '!meta') partitions.push(e.partitionKey as string);
    expect(partitions.sort()).toEqual(['0a', '9f', 'e5'].map((shard) => `${compositeKey(TENANT, BATCH)}.${shard}`));

    // Later starts find the marker and touch nothing, even a row that looks old.
    await raw.createEntity(legacyRow('7777', 'queued'));
    await createDeliveryTables({ connectionString: testConnectionString(), tablePrefix: prefix });
    expect(await tables.deliveries.get(TENANT, `${BATCH}/7777`)).toBeUndefined();
  });

  it('moves delivered cards from one partition per tenant to its shards, keeping what each card shows, once', async () => {
    const prefix = uniqueTablePrefix();
    await createDeliveryTables({ connectionString: testConnectionString(), tablePrefix: prefix });
    const raw = openTable(testConnectionString(), deliveryTableNames(prefix).cards);
    await raw.deleteEntity('!meta', 'delivered-card-keys-v2');
    const card = (n: number) => ({ conversationId: `19:team-${n}@thread.tacv2`, activityId: `1700000000${n}` });
    const legacy = (n: number) => ({ partitionKey: encodeKey(TENANT), rowKey: compositeKey(card(n).conversationId, card(n).activityId), tenantId: TENANT, ...card(n), fingerprint: `fp-${n}`, ...(n === 2 ? { latestUpdateId: `${BATCH}/upd${n}` } : {}) });
    for (const n of [1, 2, 3]) await raw.createEntity(legacy(n));

    const tables = await createDeliveryTables({ connectionString: testConnectionString(), tablePrefix: prefix });
    expect(await tables.cards.get(TENANT, card(1).conversationId, card(1).activityId)).toEqual({ fingerprint: 'fp-1' });
    expect(await tables.cards.get(TENANT, card(2).conversationId, card(2).activityId)).toEqual({ fingerprint: 'fp-2', latestUpdateId: `${BATCH}/upd2` });
    const oldRows: unknown[] = [];
    for await (const e of raw.listEntities({ queryOptions: { filter: `PartitionKey eq '${encodeKey(TENANT)}'` } })) oldRows.push(e);
    expect(oldRows).toEqual([]);
    // New writes land beside the moved rows.
    await tables.cards.shown(TENANT, card(3).conversationId, card(3).activityId, 'fp-3b');
    expect(await tables.cards.get(TENANT, card(3).conversationId, card(3).activityId)).toEqual({ fingerprint: 'fp-3b' });

    await raw.createEntity(legacy(4));
    await createDeliveryTables({ connectionString: testConnectionString(), tablePrefix: prefix });
    expect(await tables.cards.get(TENANT, card(4).conversationId, card(4).activityId)).toBeUndefined();
  });
});
