/**
 * Delivery records on `${prefix}Deliveries`.
 *
 * Key design: a delivery id embeds its batch — `${batchId}/${hash}`, where the hash is fixed
 * hex made by the delivery service (app/delivery-service.ts) and never holds `/`.
 *   PartitionKey = `tenant.batch.shard` (encoded parts; shard = the hash's first two characters)
 *   RowKey       = the hash
 * so
 *   - `get` and `update` are point operations: batch and shard are recovered from the id,
 *   - `listByBatch` is one partition-key range, `[tenant.batch., tenant.batch/)`,
 *   - the tenant still leads every key: its rows are `tenant` and the range `[tenant., tenant/)`
 *     (see `deleteTenantRows`), and nothing of one tenant shares a partition with another's.
 * Why not one partition per tenant, as elsewhere: a large fan-out updates each record twice
 * (claim, outcome) at Teams' pace, and a store that finds a row within its partition by scanning
 * it — Azurite does, measured by the fan-out benchmark (docs/benchmarks.md) — pays for every row
 * of the tenant on every update. 256 partitions per batch keep those operations small (16, the
 * layout before, held a 10,000-recipient fan-out to ~300 sends a second), and on Azure spread a big
 * batch over several partition servers instead of one hot partition.
 */
import { z } from 'zod';

import { DELIVERY_STATES, type Delivery } from '../domain/delivery';
import { type Result, fail, notFound, ok } from '../../kernel/result';
import type { DeliveryRepository } from '../ports';
import type { Versioned } from '../../kernel/versioned';
import { defineCodec } from '../../platform/storage/codec';
import { compositeKey, encodeKey, prefixRange, SEPARATOR } from '../../platform/storage/keys';
import { type TableClient, odata, queryRows, row, statusOf, submitInTransactions } from '../../platform/storage/table-client';

const text = z.string();

const deliverySchema: z.ZodType<Delivery> = z.object({
  tenantId: text.min(1),
  id: text.min(1),
  batchId: text.min(1),
  conversationId: text.min(1),
  operation: z.enum(['send', 'update']),
  targetActivityId: text.optional(),
  threadId: text.optional(),
  content: z.object({ kind: text.min(1), ref: text, variant: text.optional() }),
  state: z.enum(DELIVERY_STATES),
  activityId: text.optional(),
  fingerprint: text.optional(),
  sentBy: text.optional(),
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

/** Hex characters of the hash that name the shard: 256 partitions per batch. */
const SHARD_CHARS = 2;

/** The row's keys: see the header. Throws for an id that is not a delivery id. */
export function deliveryKeys(tenantId: string, id: string): { readonly partitionKey: string; readonly rowKey: string } {
  const parts = splitDeliveryId(id);
  if (!parts) throw new Error(`Not a delivery id: ${id}`);
  return { partitionKey: compositeKey(tenantId, parts.batchId) + SEPARATOR + encodeKey(parts.hash.slice(0, SHARD_CHARS)), rowKey: encodeKey(parts.hash) };
}

/** Every partition of one batch: `[tenant.batch., tenant.batch/)`. */
function batchFilter(tenantId: string, batchId: string): string {
  const { from, to } = prefixRange(tenantId, batchId);
  return odata`PartitionKey ge ${from} and PartitionKey lt ${to}`;
}

const codec = defineCodec<Delivery>({
  schema: deliverySchema,
  jsonColumns: ['content'],
  partitionKey: (d) => deliveryKeys(d.tenantId, d.id).partitionKey,
  rowKeys: (d) => [deliveryKeys(d.tenantId, d.id).rowKey],
});

/** Table Storage holds at most 32K characters per string property; errors are cut well below. */
const MAX_ERROR_CHARS = 2000;

function toRow(d: Delivery) {
  const { partitionKey, rowKey } = deliveryKeys(d.tenantId, d.id);
  return row(partitionKey, rowKey, codec.toColumns(d.lastError && d.lastError.length > MAX_ERROR_CHARS ? { ...d, lastError: d.lastError.slice(0, MAX_ERROR_CHARS) } : d));
}

export class TableDeliveryRepository implements DeliveryRepository {
  constructor(private readonly client: TableClient) {}

  async createMany(deliveries: readonly Delivery[]): Promise<void> {
    if (deliveries.length === 0) return;
    // In transactions (per partition, 100 rows each). A row that exists already (a repeated
    // dispatch, or another process creating the same ids meanwhile) fails its transaction with
    // 409: then create the rows one by one, leaving existing ones as they are. Not listing the
    // batch first keeps a large dispatch, written in chunks, linear.
    try {
      await submitInTransactions(
        this.client,
        deliveries.map((d) => ['create', toRow(d)] as const),
      );
    } catch (err) {
      if (statusOf(err) !== 409) throw err;
      for (const d of deliveries) {
        try {
          await this.client.createEntity(toRow(d));
        } catch (e) {
          if (statusOf(e) !== 409) throw e;
        }
      }
    }
  }

  async get(tenantId: string, id: string): Promise<Versioned<Delivery> | undefined> {
    if (!splitDeliveryId(id)) return undefined;
    try {
      const { partitionKey, rowKey } = deliveryKeys(tenantId, id);
      const entity = await this.client.getEntity<Record<string, unknown>>(partitionKey, rowKey);
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
    const rows = await queryRows(this.client, batchFilter(tenantId, batchId));
    return rows.map((r) => codec.fromRow(this.client.tableName, r));
  }

  async listQueuedInBatch(tenantId: string, batchId: string): Promise<Versioned<Delivery>[]> {
    const rows = await queryRows(this.client, `${batchFilter(tenantId, batchId)} and ${odata`state eq ${'queued'}`}`);
    return rows.map((r) => ({ value: codec.fromRow(this.client.tableName, r), etag: requireEtag(r.etag as string | undefined) }));
  }
}

function requireEtag(etag: string | undefined): string {
  if (!etag) throw new Error('Table Storage returned no etag');
  return etag;
}
