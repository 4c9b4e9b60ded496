/**
 * Finds `queued` delivery records whose queue job was lost — dispatch wrote the records, then
 * the enqueue failed (or the process died) — and enqueues them again. Without it such records
 * would stay `queued` for ever.
 *
 * Cheap by design: it never scans deliveries at large. Dispatch marks each batch in a small
 * index (PendingBatchStore) before writing its records; every `intervalMs` the sweep lists that
 * index and, for a batch marked (or swept) at least `staleMs` ago, reads its records:
 *   - nothing queued: the batch has settled; its mark is removed (unless a dispatch marked it
 *     again meanwhile — the removal is ETag-guarded);
 *   - a record changed within `staleMs`: the batch is progressing, its jobs are on the queue;
 *   - otherwise its queued records without a live claim are stuck: one process claims the sweep
 *     of the batch (ETag update of the mark, `sweptAt`) and enqueues them again.
 * A job enqueued twice is harmless: the worker skips records not `queued`, waits out a live
 * claim (its own included), and claims with an ETag update before sending, so one record is
 * sent once. At worst a batch whose jobs merely wait long (a conversation's hourly window) gets
 * one extra job per record every `staleMs`.
 */
import type { DeliveryQueue, DeliveryRepository, PendingBatchStore } from '../ports';
import type { Logger } from '../../kernel/logger';
import type { Clock } from '../../kernel/runtime';

export interface QueuedSweeperDeps {
  readonly pending: PendingBatchStore;
  readonly deliveries: DeliveryRepository;
  readonly queue: DeliveryQueue;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly intervalMs: number;
  /** How long a batch stays untouched before its queued records count as stuck. */
  readonly staleMs: number;
}

export class QueuedSweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private readonly logger: Logger;

  constructor(private readonly deps: QueuedSweeperDeps) {
    this.logger = deps.logger.child({ component: 'queued-sweeper' });
  }

  start(): void {
    this.stopped = false;
    this.plan();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private plan(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.sweep()
        .then(() => undefined)
        .catch((err: unknown) => this.logger.warn({ err }, 'sweep of queued deliveries failed; will try again'))
        .then(() => this.plan());
    }, this.deps.intervalMs);
    this.timer.unref();
  }

  /** One sweep; returns how many records were enqueued again. Exposed for tests. */
  async sweep(): Promise<number> {
    const { deps } = this;
    let requeued = 0;
    for (const { value: batch, etag } of await deps.pending.list()) {
      if (this.stopped) break;
      const now = deps.clock.now().getTime();
      const touched = Math.max(Date.parse(batch.since), batch.sweptAt ? Date.parse(batch.sweptAt) : 0);
      if (now - touched < deps.staleMs) continue;
      try {
        const records = await deps.deliveries.listByBatch(batch.tenantId, batch.batchId);
        const queued = records.filter((d) => d.state === 'queued');
        if (queued.length === 0) {
          await deps.pending.removeIfUnchanged(batch.tenantId, batch.batchId, etag);
          continue;
        }
        const lastChange = Math.max(...records.map((d) => Date.parse(d.updatedAt)));
        if (now - lastChange < deps.staleMs) continue;
        const stuck = queued.filter((d) => !(d.claimedUntil && Date.parse(d.claimedUntil) > now));
        if (stuck.length === 0) continue;
        // Claim this batch's sweep: another process sweeping now sees the new etag and skips it.
        if (!(await deps.pending.update({ ...batch, sweptAt: new Date(now).toISOString() }, etag))) continue;
        await deps.queue.enqueue(stuck.map((d) => ({ tenantId: d.tenantId, deliveryId: d.id })));
        requeued += stuck.length;
        this.logger.warn({ tenantId: batch.tenantId, batchId: batch.batchId, requeued: stuck.length }, 'queued deliveries without a job on the queue were enqueued again');
      } catch (err) {
        this.logger.warn({ err, tenantId: batch.tenantId, batchId: batch.batchId }, 'could not sweep a pending batch; will try again');
      }
    }
    return requeued;
  }
}
