/**
 * Durable timers. `createScheduler` is the `Scheduler` port use cases call; `SchedulerRunner`
 * polls the store every `pollMs` and runs due jobs through the `ScheduledJobHandler`
 * registered for their kind.
 *
 * Exactly one process runs a due job: it first claims the row with an ETag-guarded update
 * (claimedBy, claimedUntil, attempts + 1); the loser of that race skips it. When the handler
 * returns, the row is deleted — only if unchanged, so a job re-scheduled (same id) while it
 * ran is kept. When the handler throws, the job is pushed back with jittered back-off and
 * tried again, up to `retry.maxAttempts`. A process that dies mid-run leaves a claim that
 * expires after `claimMs`; then another process runs the job (at least once, never lost).
 */
import { type RetryPolicy, retryDelayMs } from '../domain/delivery';
import type { ScheduleStore, ScheduledJob, Scheduler, StoredScheduledJob } from '../ports';
import type { Logger } from '../../kernel/logger';
import type { Versioned } from '../../kernel/versioned';
import type { Clock } from '../../kernel/runtime';
import type { DeliveryRegistry } from './registry';

export function createScheduler(store: ScheduleStore): Scheduler {
  const schedule = async (job: ScheduledJob): Promise<void> => {
    if (Number.isNaN(Date.parse(job.dueAt))) throw new Error(`Scheduled job ${job.id} has an invalid dueAt: ${job.dueAt}`);
    await store.put(job);
  };
  return {
    schedule,
    async scheduleIfAbsent(job) {
      // Two processes starting together may both find it absent: both then write the same job.
      if (await store.get(job.tenantId, job.id)) return false;
      await schedule(job);
      return true;
    },
    cancel: (tenantId, id) => store.remove(tenantId, id),
  };
}

export interface SchedulerRunnerDeps {
  readonly workerId: string;
  readonly store: ScheduleStore;
  readonly registry: DeliveryRegistry;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly pollMs: number;
  readonly claimMs: number;
  readonly retry: RetryPolicy;
  readonly random?: () => number;
}

/** Jobs looked at per poll; the rest wait for the next one. */
const BATCH = 50;

export class SchedulerRunner {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private readonly logger: Logger;

  constructor(private readonly deps: SchedulerRunnerDeps) {
    this.logger = deps.logger.child({ component: 'scheduler', workerId: deps.workerId });
  }

  start(): void {
    this.stopped = false;
    this.plan(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** One poll: runs every job due now. Exposed for tests. */
  async tick(): Promise<number> {
    const due = await this.deps.store.listDue(this.deps.clock.now(), BATCH);
    let ran = 0;
    for (const job of due) {
      if (this.stopped) break;
      if (await this.runOne(job)) ran++;
    }
    return ran;
  }

  private plan(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick()
        .catch((err: unknown) => this.logger.warn({ err }, 'scheduler poll failed; will try again'))
        .then(() => this.plan(this.deps.pollMs));
    }, delay);
  }

  private async runOne(found: Versioned<StoredScheduledJob>): Promise<boolean> {
    const { deps } = this;
    const now = deps.clock.now();
    const claim = await deps.store.update(
      { ...found.value, attempts: found.value.attempts + 1, claimedBy: deps.workerId, claimedUntil: new Date(now.getTime() + deps.claimMs).toISOString() },
      found.etag,
    );
    if (!claim.ok) return false; // another process claimed it, or it was re-scheduled
    const job = claim.value.value;
    const handler = deps.registry.jobHandler(job.kind);
    try {
      if (!handler) throw new Error(`no handler is registered for scheduled job kind "${job.kind}"`);
      await handler.run({ tenantId: job.tenantId, id: job.id, kind: job.kind, dueAt: job.dueAt, payload: job.payload });
      await deps.store.removeIfUnchanged(job.tenantId, job.id, claim.value.etag);
      return true;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (job.attempts >= deps.retry.maxAttempts) {
        this.logger.error({ tenantId: job.tenantId, jobId: job.id, kind: job.kind, attempts: job.attempts, error: message }, 'scheduled job failed: gave up');
        await deps.store.removeIfUnchanged(job.tenantId, job.id, claim.value.etag);
        return false;
      }
      const delay = retryDelayMs(job.attempts, deps.retry, (deps.random ?? Math.random)());
      this.logger.warn({ tenantId: job.tenantId, jobId: job.id, kind: job.kind, attempts: job.attempts, delay, error: message }, 'scheduled job failed; will retry');
      const { claimedBy: _b, claimedUntil: _u, ...rest } = job;
      await deps.store.update({ ...rest, lastError: message, dueAt: new Date(deps.clock.now().getTime() + delay).toISOString() }, claim.value.etag);
      return false;
    }
  }
}
