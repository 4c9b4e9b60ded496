/**
 * Delivered cards on `${prefix}DeliveredCards`: PartitionKey = tenant id, RowKey = conversation
 * and activity id (a composite key). One small row per card PMO Relay delivered and may update:
 * the latest update asked for and the fingerprint of what the card shows. Each write merges its
 * own column only, so a dispatch naming the latest update and a worker recording a fingerprint
 * never overwrite each other.
 */
import type { DeliveredCard, DeliveredCardStore } from '../ports';
import { compositeKey, encodeKey } from '../../platform/storage/keys';
import { type TableClient, row, statusOf } from '../../platform/storage/table-client';

const keys = (tenantId: string, conversationId: string, activityId: string) => ({ partitionKey: encodeKey(tenantId), rowKey: compositeKey(conversationId, activityId) });
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
