/**
 * One-off move of delivery records from the first key layout (PartitionKey = tenant, RowKey =
 * `batch.hash`) to the current one (`tenant.batch.shard` / `hash`, see delivery-repository.ts).
 * Without it, records written before the change would be invisible: their jobs dropped, their
 * cards never updated by a supersede or withdraw, and a signal's EPMO card sent a second time.
 */
import { SEPARATOR } from '../../platform/storage/keys';
import { deliveryKeys, splitDeliveryId } from './delivery-repository';
import type { KeyMigration } from './key-migration';

export const DELIVERY_KEYS_V2: KeyMigration = {
  marker: 'delivery-keys-v2',
  rows: 'delivery records',
  // The current layout's partition key holds a `.`.
  keysOf: ({ partitionKey, tenantId, id }) =>
    partitionKey.includes(SEPARATOR) ? 'current' : typeof tenantId === 'string' && typeof id === 'string' && splitDeliveryId(id) ? deliveryKeys(tenantId, id) : 'unknown',
};
