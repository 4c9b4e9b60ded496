/**
 * Delivered cards on `${prefix}DeliveredCards`: PartitionKey = `tenant.shard` (shard = the first
 * character of a hash of the conversation id: 64 partitions per tenant), RowKey = conversation
 * and activity id (a composite key). One small row per card PMO Relay was asked to update: the
 * latest update asked for and the fingerprint of what the card shows since the last update sent
 * (before any, the fingerprint is on the record of the send). Each write merges its own column
 * only, so a dispatch naming the latest update and a worker recording a fingerprint never
 * overwrite each other.
 *
 * Why shards: a fan-out of updates (a change superseded, say) writes a row per card, as many
 * writes as its sends — one partition per tenant capped that at one partition's throughput (and
 * Azurite, which scans a partition for a point write, at ~200 a second). Every read is a point
 * read, so nothing needs the rows of a tenant together. Rows of cards delivered before sends kept
 * their fingerprints on their records still hold them here, and are read first.
 */
import { createHash } from 'node:crypto';

import type { DeliveredCard, DeliveredCardStore } from '../ports';
import { SEPARATOR, compositeKey, encodeKey } from '../../platform/storage/keys';
import { type TableClient, row, statusOf } from '../../platform/storage/table-client';
import type { KeyMigration } from './key-migration';

const shardOf = (conversationId: string): string => createHash('sha256').update(conversationId).digest('base64url').slice(0, 1);

export const deliveredCardKeys = (tenantId: string, conversationId: string, activityId: string) => ({
  partitionKey: encodeKey(tenantId) + SEPARATOR + encodeKey(shardOf(conversationId)),
  rowKey: compositeKey(conversationId, activityId),
});
const keys = deliveredCardKeys;

/** From the first layout (PartitionKey = tenant) to shards: cards sent before keep their fingerprints. */
export const DELIVERED_CARD_KEYS_V2: KeyMigration = {
  marker: 'delivered-card-keys-v2',
  rows: 'delivered cards',
  keysOf: ({ partitionKey, tenantId, conversationId, activityId }) =>
    partitionKey.includes(SEPARATOR)
      ? 'current'
      : typeof tenantId === 'string' && typeof conversationId === 'string' && typeof activityId === 'string'
        ? deliveredCardKeys(tenantId, conversationId, activityId)
        : 'unknown',
};
const optionalText = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

export class TableDeliveredCardStore implements DeliveredCardStore {
  constructor(private readonly client: TableClient) {}

  async get(tenantId: string, conversationId: string, activityId: string): Promise<DeliveredCard | undefined> {
    const { partitionKey, rowKey } = keys(tenantId, conversationId, activityId);
    try {
      const entity = await this.client.getEntity<Record<string, unknown>>(partitionKey, rowKey);
      const latestUpdateId = optionalText(entity['latestUpdateId']);
      const fingerprint = optionalText(entity['fingerprint']);
      return { ...(latestUpdateId ? { latestUpdateId } : {}), ...(fingerprint ? { fingerprint } : {}) };
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw err;
    }
  }

  async requested(tenantId: string, conversationId: string, activityId: string, deliveryId: string): Promise<void> {
    await this.merge(tenantId, conversationId, activityId, { latestUpdateId: deliveryId });
  }

  async shown(tenantId: string, conversationId: string, activityId: string, fingerprint: string): Promise<void> {
    await this.merge(tenantId, conversationId, activityId, { fingerprint });
  }

  private async merge(tenantId: string, conversationId: string, activityId: string, columns: Record<string, string>): Promise<void> {
    const { partitionKey, rowKey } = keys(tenantId, conversationId, activityId);
    await this.client.upsertEntity(row(partitionKey, rowKey, { tenantId, conversationId, activityId, ...columns }), 'Merge');
  }
}
