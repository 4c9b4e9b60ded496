/**
 * One-off move of delivery records from the first key layout (PartitionKey = tenant, RowKey =
 * `batch.hash`) to the current one (`tenant.batch.shard` / `hash`, see delivery-repository.ts).
 * Without it, records written before the change would be invisible: their jobs dropped, their
 * cards never updated by a supersede or withdraw, and a signal's EPMO card sent a second time.
 *
 * Runs when the delivery tables are opened. A marker row says it is done, so later starts cost
 * one point read. Safe to run from several processes at once: each copy is created (409: another
 * process did it) before its old row is deleted (404: likewise). Stop processes of the older
 * version first: one of them could update an old row after it was copied.
 */

import type { Logger } from '../../kernel/logger';
import { SYSTEM_COLUMNS } from '../../platform/storage/codec';
import { deliveryKeys, splitDeliveryId } from './delivery-repository';
import { SEPARATOR } from '../../platform/storage/keys';
import { type TableClient, statusOf } from '../../platform/storage/table-client';

/** `!` is outside the key alphabets (keys.ts), so no tenant's rows can share this partition. */
const MARKER = { partitionKey: '!meta', rowKey: 'delivery-keys-v2' } as const;

/** Moves every record still in the old layout; returns how many it moved. */
export async function migrateDeliveryKeys(client: TableClient, logger?: Logger): Promise<number> {
  try {
    await client.getEntity(MARKER.partitionKey, MARKER.rowKey);
    return 0;
  } catch (err) {
    if (statusOf(err) !== 404) throw err;
  }
  let moved = 0;
  for await (const entity of client.listEntities<Record<string, unknown>>()) {
    const { partitionKey = '', rowKey = '' } = entity;
    // The marker, and rows already in the current layout (their partition key holds a `.`).
    if (partitionKey.startsWith('!') || partitionKey.includes(SEPARATOR)) continue;
    const { tenantId, id } = entity;
    if (typeof tenantId !== 'string' || typeof id !== 'string' || !splitDeliveryId(id)) {
      logger?.warn({ table: client.tableName, partitionKey, rowKey }, 'delivery key migration: skipped a row that is not a delivery record');
      continue;
    }
    const columns = Object.fromEntries(Object.entries(entity).filter(([name]) => !SYSTEM_COLUMNS.has(name) && !name.endsWith('@odata.type')));
    try {
      await client.createEntity({ ...columns, ...deliveryKeys(tenantId, id) });
    } catch (err) {
      if (statusOf(err) !== 409) throw err;
    }
    try {
      await client.deleteEntity(partitionKey, rowKey);
    } catch (err) {
      if (statusOf(err) !== 404) throw err;
    }
    moved += 1;
  }
  await client.upsertEntity({ ...MARKER, doneAt: new Date().toISOString(), moved }, 'Replace');
  if (moved > 0) logger?.info({ table: client.tableName, moved }, 'delivery records moved to the per-batch key layout');
  return moved;
}
