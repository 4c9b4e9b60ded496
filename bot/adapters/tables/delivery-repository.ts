/**
 * Delivery records on `${prefix}Deliveries`. PartitionKey = tenant id (as everywhere).
 *
 * Key design: a delivery id embeds its batch — `${batchId}/${hash}`, where the hash is fixed
 * hex made by the delivery service (bot/app/delivery/delivery-ids.ts) and never holds `/`. The
 * RowKey is `encodeKey(batchId) + '.' + hash`, so
 *   - `listByBatch` is a row-key range scan over `[encodeKey(batchId).,  encodeKey(batchId)/)`,
 *   - `get` is a point read: the batch is recovered from the id (text after the last `/`),
 * and one row per delivery suffices (no secondary index row to keep consistent).
 */
import { z } from 'zod';

import { DELIVERY_STATES } from '../../domain/delivery';
import type { Delivery } from '../../domain/delivery';
import { fail, notFound, ok } from '../../domain/result';
import type { Result } from '../../domain/result';
import type { DeliveryRepository } from '../../ports/delivery';
import type { Versioned } from '../../ports/repositories';
import { defineCodec } from './codec';
import { encodeKey, prefixRange, SEPARATOR } from './keys';
import { odata, queryRows, row, rowKeyRange, statusOf, submitInTransactions } from './table-client';
import type { TableClient } from './table-client';

const text = z.string();

const deliverySchema: z.ZodType<Delivery> = z.object({
  tenantId: text.min(1),
  id: text.min(1),
  batchId: text.min(1),
  conversationId: text.min(1),
  operation: z.enum(['send', 'update']),
  targetActivityId: text.optional(),
  content: z.object({ kind: text.min(1), ref: text, variant: text.optional() }),
  state: z.enum(DELIVERY_STATES),
  activityId: text.optional(),
  attempts: z.number().int().nonnegative(),
  lastError: text.optional(),
  createdAt: text.min(1),
  updatedAt: text.min(1),
  sentAt: text.optional(),
  claimedBy: text.optional(),
  claimedUntil: text.optional(),
});

/** Splits a delivery id into its batch and its hash; undefined when it is not one of ours. */
export function splitDeliveryId(id: string): { readonly batchId: string; readonly hash: string } | undefined {
  const at = id.lastIndexOf('/');
  if (at <= 0 || at === id.length - 1) return undefined;
  return { batchId: id.slice(0, at), hash: id.slice(at + 1) };
}

function rowKeyOf(id: string): string {
  const parts = splitDeliveryId(id);
  if (!parts) throw new Error(`Not a delivery id: ${id}`);
  return encodeKey(parts.batchId) + SEPARATOR + encodeKey(parts.hash);
}

const codec = defineCodec<Delivery>({
  schema: deliverySchema,
  jsonColumns: ['content'],
  partitionKey: (d) => encodeKey(d.tenantId),
  rowKeys: (d) => [rowKeyOf(d.id)],
});

/** Table Storage holds at most 32K characters per string property; errors are cut well below. */
const MAX_ERROR_CHARS = 2000;

const toRow = (d: Delivery) =>
  row(encodeKey(d.tenantId), rowKeyOf(d.id), codec.toColumns(d.lastError && d.lastError.length > MAX_ERROR_CHARS ? { ...d, lastError: d.lastError.slice(0, MAX_ERROR_CHARS) } : d));

export class TableDeliveryRepository implements DeliveryRepository {
  constructor(private readonly client: TableClient) {}

  async createMany(deliveries: readonly Delivery[]): Promise<void> {
    if (deliveries.length === 0) return;
    // Skip what exists (a repeated dispatch), then write the rest in transactions. Another
    // process may create the same ids meanwhile; then fall back to one create per row.
    const byTenantBatch = new Map<string, Delivery[]>();
    for (const d of deliveries) {
      const key = `${d.tenantId}\n${d.batchId}`;
      byTenantBatch.set(key, [...(byTenantBatch.get(key) ?? []), d]);
    }
    for (const group of byTenantBatch.values()) {
      const first = group[0] as Delivery;
      const existing = new Set((await this.listByBatch(first.tenantId, first.batchId)).map((d) => d.id));
      const fresh = group.filter((d) => !existing.has(d.id));
      try {
        await submitInTransactions(
          this.client,
          fresh.map((d) => ['create', toRow(d)] as const),
        );
      } catch (err) {
        if (statusOf(err) !== 409) throw err;
        for (const d of fresh) {
          try {
            await this.client.createEntity(toRow(d));
          } catch (e) {
            if (statusOf(e) !== 409) throw e;
          }
        }
      }
    }
  }

  async get(tenantId: string, id: string): Promise<Versioned<Delivery> | undefined> {
    if (!splitDeliveryId(id)) return undefined;
    try {
      const entity = await this.client.getEntity<Record<string, unknown>>(encodeKey(tenantId), rowKeyOf(id));
      return { value: codec.fromRow(this.client.tableName, entity), etag: requireEtag(entity.etag) };
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw err;
    }
  }

  async update(delivery: Delivery, etag: string): Promise<Result<Versioned<Delivery>>> {
    try {
      const res = await this.client.updateEntity(toRow(delivery), 'Replace', { etag });
      return ok({ value: delivery, etag: requireEtag(res.etag) });
    } catch (err) {
      const status = statusOf(err);
      if (status === 412) return fail('CONFLICT.STALE', `The delivery ${delivery.id} was changed by another worker.`);
      if (status === 404) return notFound(`The delivery ${delivery.id}`);
      throw err;
    }
  }

  async listByBatch(tenantId: string, batchId: string): Promise<Delivery[]> {
    const { from, to } = prefixRange(batchId);
    const rows = await queryRows(this.client, rowKeyRange(encodeKey(tenantId), from, to));
    return rows.map((r) => codec.fromRow(this.client.tableName, r));
  }

  async listQueuedInBatch(tenantId: string, batchId: string): Promise<Versioned<Delivery>[]> {
    const { from, to } = prefixRange(batchId);
    const rows = await queryRows(this.client, `${rowKeyRange(encodeKey(tenantId), from, to)} and ${odata`state eq ${'queued'}`}`);
    return rows.map((r) => ({ value: codec.fromRow(this.client.tableName, r), etag: requireEtag(r.etag as string | undefined) }));
  }
}

function requireEtag(etag: string | undefined): string {
  if (!etag) throw new Error('Table Storage returned no etag');
  return etag;
}
