/**
 * One-off move of delivery records from earlier key layouts to the current one (see
 * delivery-repository.ts): from the first (PartitionKey = tenant, RowKey = `batch.hash`), and
 * from 16 shards per batch (`tenant.batch.h`) to 256 (`tenant.batch.hh`). Without it, records
 * written before would be invisible: their jobs dropped, their cards never updated by a
 * supersede or withdraw, and a signal's EPMO card sent a second time.
 */
import { deliveryKeys, splitDeliveryId } from './delivery-repository';
import type { KeyMigration } from './key-migration';

export const DELIVERY_KEYS_V3: KeyMigration = {
  marker: 'delivery-keys-v3',
  rows: 'delivery records',
  keysOf: ({ partitionKey, rowKey, tenantId, id }) => {
    if (typeof tenantId !== 'string' || typeof id !== 'string' || !splitDeliveryId(id)) return 'unknown';
    const keys = deliveryKeys(tenantId, id);
    return keys.partitionKey === partitionKey && keys.rowKey === rowKey ? 'current' : keys;
  },
};
