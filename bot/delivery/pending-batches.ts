/**
 * The small index of delivery batches that may still hold `queued` records, so a periodic
 * sweep finds records whose queue job was lost (an enqueue that failed after the records were
 * written) without scanning every delivery of every tenant. Dispatch marks a batch before it
 * writes its records; the sweep removes the mark once the batch has nothing queued.
 */
import type { Versioned } from '../kernel/versioned';

export interface PendingBatch {
  readonly tenantId: string;
  readonly batchId: string;
  /** When a dispatch last marked it. */
  readonly since: string;
  /** When a sweep last re-enqueued its stuck records. */
  readonly sweptAt?: string;
}

export interface PendingBatchStore {
  /** Marks (or marks again) a batch; changes its etag, so a sweep about to remove it keeps it. */
  mark(tenantId: string, batchId: string, at: Date): Promise<void>;
  /** Every marked batch, across tenants (the table holds only unsettled batches: small). */
  list(): Promise<Versioned<PendingBatch>[]>;
  /** ETag-guarded write (the sweep's claim on a batch); false when someone changed it first. */
  update(batch: PendingBatch, etag: string): Promise<boolean>;
  /** Removes the mark unless it changed since `etag`. */
  removeIfUnchanged(tenantId: string, batchId: string, etag: string): Promise<void>;
}
