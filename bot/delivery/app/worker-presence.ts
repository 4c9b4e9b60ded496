/**
 * The per-tenant budget (50 messages/s by default) belongs to the app, not to one process.
 * With several processes on one storage account, each one heartbeats a row and takes an equal
 * share: budget / live processes.
 *
 * Why a split rather than a per-tenant lease (one process sends for a tenant at a time): all
 * processes drain the same queue, so each sees about the same mix of tenants and an equal
 * split loses little; it needs no leader, a dead process's share returns to the others after
 * `3 × intervalMs` (at once on a clean stop), and a lease would make every other process
 * bounce that tenant's jobs back onto the queue. The cost: while the process count changes,
 * shares lag by up to one heartbeat — Teams' 429 and our back-off absorb that.
 */
import type { WorkerRegistry } from '../ports';
import type { Logger } from '../../kernel/logger';
import type { Clock } from '../../kernel/runtime';

export interface WorkerPresenceDeps {
  readonly workerId: string;
  readonly registry: WorkerRegistry;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly intervalMs: number;
  /** Called with 1 / live processes whenever that changes. */
  readonly onShare: (share: number) => void;
}

export class WorkerPresence {
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<void> | undefined;
  private stopped = false;
  private live = 1;

  constructor(private readonly deps: WorkerPresenceDeps) {}

  /** Beats once (so the share is right before the first send), then every interval. */
  async start(): Promise<void> {
    await this.beat();
    this.plan();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.current;
    await this.deps.registry.leave(this.deps.workerId).catch((err: unknown) => this.deps.logger.warn({ err }, 'could not deregister the worker'));
  }

  get liveWorkers(): number {
    return this.live;
  }

  async beat(): Promise<void> {
    const now = this.deps.clock.now();
    await this.deps.registry.heartbeat(this.deps.workerId, now);
    const ids = await this.deps.registry.liveWorkers(new Date(now.getTime() - 3 * this.deps.intervalMs));
    const live = Math.max(1, new Set([...ids, this.deps.workerId]).size);
    if (live !== this.live) this.deps.logger.info({ live }, 'delivery workers sharing the tenant budget');
    this.live = live;
    this.deps.onShare(1 / live);
  }

  private plan(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.current = this.beat()
        .catch((err: unknown) => this.deps.logger.warn({ err }, 'worker heartbeat failed'))
        .then(() => this.plan());
    }, this.deps.intervalMs);
  }
}
