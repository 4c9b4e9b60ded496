/**
 * Pending delivery batches on `${prefix}PendingBatches`: PartitionKey = tenant id, RowKey = the
 * batch id (both through `encodeKey`). One small row per batch that may still hold `queued`
 * records; the sweep lists them all (one cross-partition query over a table of unsettled
 * batches only). A row that does not parse is logged and skipped, never fatal.
 */
import { z } from 'zod';

import type { Logger } from '../../kernel/logger';
import type { PendingBatch, PendingBatchStore } from '../ports';
import type { Versioned } from '../../kernel/versioned';
import { encodeKey } from '../../platform/storage/keys';
import { type TableClient, row, statusOf } from '../../platform/storage/table-client';

const schema: z.ZodType<PendingBatch> = z.object({
  tenantId: z.string().min(1),
  batchId: z.string().min(1),
  since: z.string().min(1),
  sweptAt: z.string().min(1).optional(),
});

const toRow = (b: PendingBatch) =>
  row(encodeKey(b.tenantId), encodeKey(b.batchId), { tenantId: b.tenantId, batchId: b.batchId, since: b.since, ...(b.sweptAt ? { sweptAt: b.sweptAt } : {}) });

export class TablePendingBatchStore implements PendingBatchStore {
  constructor(
    private readonly client: TableClient,
    private readonly logger?: Logger,
  ) {}

  async mark(tenantId: string, batchId: string, at: Date): Promise<void> {
    await this.client.upsertEntity(toRow({ tenantId, batchId, since: at.toISOString() }), 'Replace');
  }

  async list(): Promise<Versioned<PendingBatch>[]> {
    const found: Versioned<PendingBatch>[] = [];
    for await (const entity of this.client.listEntities<Record<string, unknown>>()) {
      const parsed = schema.safeParse({ tenantId: entity.tenantId, batchId: entity.batchId, since: entity.since, sweptAt: entity.sweptAt ?? undefined });
      if (!parsed.success || typeof entity.etag !== 'string') {
        this.logger?.error({ table: this.client.tableName, partitionKey: entity.partitionKey, rowKey: entity.rowKey }, 'pending batch row is corrupt; skipped');
        continue;
      }
      found.push({ value: parsed.data, etag: entity.etag });
    }
    return found;
  }

  async update(batch: PendingBatch, etag: string): Promise<boolean> {
    try {
      await this.client.updateEntity(toRow(batch), 'Replace', { etag });
      return true;
    } catch (err) {
      const status = statusOf(err);
      if (status === 412 || status === 404) return false;
      throw err;
    }
  }

  async removeIfUnchanged(tenantId: string, batchId: string, etag: string): Promise<void> {
    try {
      await this.client.deleteEntity(encodeKey(tenantId), encodeKey(batchId), { etag });
    } catch (err) {
      const status = statusOf(err);
      if (status !== 404 && status !== 412) throw err;
    }
  }
}
