/**
 * Durable timers on `${prefix}Schedule`: PartitionKey = tenant id, RowKey = the job id (through
 * `encodeKey`). Polling for due jobs is the one cross-partition query here: it filters on the
 * `dueAt` column (ISO-8601 UTC strings sort by time), and the table holds only pending timers
 * (a job's row is deleted when it has run), so it stays small.
 */
import { z } from 'zod';

import { type Result, fail, notFound, ok } from '../../kernel/result';
import type { ScheduledJob, ScheduleStore, StoredScheduledJob } from '../ports';
import type { Logger } from '../../kernel/logger';
import type { Versioned } from '../../kernel/versioned';
import { defineCodec } from '../../platform/storage/codec';
import { encodeKey } from '../../platform/storage/keys';
import { type TableClient, odata, row, statusOf } from '../../platform/storage/table-client';

const text = z.string();

const jobSchema: z.ZodType<StoredScheduledJob> = z.object({
  tenantId: text.min(1),
  id: text.min(1),
  kind: text.min(1),
  dueAt: text.min(1),
  payload: z.record(z.string(), z.string()),
  attempts: z.number().int().nonnegative(),
  lastError: text.optional(),
  claimedBy: text.optional(),
  claimedUntil: text.optional(),
});

const codec = defineCodec<StoredScheduledJob>({
  schema: jobSchema,
  jsonColumns: ['payload'],
  partitionKey: (j) => encodeKey(j.tenantId),
  rowKeys: (j) => [encodeKey(j.id)],
});

const toRow = (j: StoredScheduledJob) => row(encodeKey(j.tenantId), encodeKey(j.id), codec.toColumns({ ...j, lastError: j.lastError?.slice(0, 2000) }));

export class TableScheduleStore implements ScheduleStore {
  constructor(
    private readonly client: TableClient,
    private readonly logger?: Logger,
  ) {}

  async put(job: ScheduledJob): Promise<void> {
    const stored: StoredScheduledJob = { tenantId: job.tenantId, id: job.id, kind: job.kind, dueAt: new Date(job.dueAt).toISOString(), payload: job.payload, attempts: 0 };
    // Replace: scheduling the same id again supersedes the earlier one, claim and retries included.
    await this.client.upsertEntity(toRow(stored), 'Replace');
  }

  async remove(tenantId: string, id: string): Promise<void> {
    try {
      await this.client.deleteEntity(encodeKey(tenantId), encodeKey(id));
    } catch (err) {
      if (statusOf(err) !== 404) throw err;
    }
  }

  async removeIfUnchanged(tenantId: string, id: string, etag: string): Promise<void> {
    try {
      await this.client.deleteEntity(encodeKey(tenantId), encodeKey(id), { etag });
    } catch (err) {
      const status = statusOf(err);
      if (status !== 404 && status !== 412) throw err;
    }
  }

  async listDue(now: Date, limit: number): Promise<Versioned<StoredScheduledJob>[]> {
    const at = now.toISOString();
    const found: Versioned<StoredScheduledJob>[] = [];
    const entities = this.client.listEntities<Record<string, unknown>>({ queryOptions: { filter: odata`dueAt le ${at}` } });
    for await (const entity of entities) {
      let job: StoredScheduledJob;
      try {
        job = codec.fromRow(this.client.tableName, entity);
      } catch (err) {
        // One bad row must not stop every tenant's timers: log it and leave it.
        this.logger?.error({ err, table: this.client.tableName, partitionKey: entity.partitionKey, rowKey: entity.rowKey }, 'scheduled job row is corrupt; skipped');
        continue;
      }
      if (job.claimedUntil && job.claimedUntil > at) continue;
      found.push({ value: job, etag: requireEtag(entity.etag) });
      if (found.length >= limit) break;
    }
    return found;
  }

  async get(tenantId: string, id: string): Promise<Versioned<StoredScheduledJob> | undefined> {
    try {
      const entity = await this.client.getEntity<Record<string, unknown>>(encodeKey(tenantId), encodeKey(id));
      return { value: codec.fromRow(this.client.tableName, entity), etag: requireEtag(entity.etag) };
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw err;
    }
  }

  async update(job: StoredScheduledJob, etag: string): Promise<Result<Versioned<StoredScheduledJob>>> {
    try {
      const res = await this.client.updateEntity(toRow(job), 'Replace', { etag });
      return ok({ value: job, etag: requireEtag(res.etag) });
    } catch (err) {
      const status = statusOf(err);
      if (status === 412) return fail('CONFLICT.STALE', `The scheduled job ${job.id} was changed or claimed by another process.`);
      if (status === 404) return notFound(`The scheduled job ${job.id}`);
      throw err;
    }
  }
}

function requireEtag(etag: string | undefined): string {
  if (!etag) throw new Error('Table Storage returned no etag');
  return etag;
}
