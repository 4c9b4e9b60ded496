/**
 * A worker's sends waiting for the rate limiter, served in the order they came by one loop per
 * tenant: it wakes when the tenant's next slot is due and hands it to the first waiter whose
 * conversation has room. One wake-up per slot, however many wait — waiters each sleeping on
 * their own timer all woke at every slot, and at hundreds of sends a second that churn was
 * most of the worker's CPU.
 */
import type { DeliveryRateLimiter } from './rate-limiter';

interface Waiter {
  readonly conversationId: string;
  /** Give up rather than be served after this time. */
  readonly deadline: number;
  readonly resolve: (reservedAt: number | undefined) => void;
}

export interface SendTurnsDeps {
  readonly limiter: DeliveryRateLimiter;
  readonly now: () => number;
  /** Waits; injected so tests with a fake clock need not sleep. Default: a timer a new waiter cuts short. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** A tenant's waiters, and how to wake its loop early (a new waiter may be served sooner). */
interface Line {
  readonly queue: Waiter[];
  wake?: () => void;
}

export class SendTurns {
  private readonly lines = new Map<string, Line>();

  constructor(private readonly deps: SendTurnsDeps) {}

  /**
   * Waits until the tenant's budget and the conversation's windows allow one more send, and
   * reserves it: the time it was reserved at (to report Teams' answer by). Undefined once the
   * wait would pass `deadline`.
   */
  take(tenantId: string, conversationId: string, deadline: number): Promise<number | undefined> {
    if (this.closed) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const line = this.lines.get(tenantId);
      if (line) {
        line.queue.push({ conversationId, deadline, resolve });
        line.wake?.();
        return;
      }
      const started: Line = { queue: [{ conversationId, deadline, resolve }] };
      this.lines.set(tenantId, started);
      void this.serve(tenantId, started);
    });
  }

  /** Stopping: every send waiting is answered "no turn" at once, and so is any asking later. */
  close(): void {
    this.closed = true;
    for (const line of this.lines.values()) {
      for (const waiter of line.queue.splice(0)) waiter.resolve(undefined);
      line.wake?.();
    }
  }

  private closed = false;

  /** Roughly how long until a send of the tenant starting to wait now would get its turn. */
  turnInMs(tenantId: string, now: number): number {
    const ahead = this.lines.get(tenantId)?.queue.length ?? 0;
    return this.deps.limiter.tenantWaitMs(tenantId, now) + (1000 * ahead) / this.deps.limiter.tenantRate(tenantId, now);
  }

  private async serve(tenantId: string, line: Line): Promise<void> {
    try {
      for (;;) {
        const waitMs = this.serveDue(tenantId, line.queue);
        if (line.queue.length === 0) return;
        await this.pause(line, waitMs);
      }
    } finally {
      // Only an exception ends the loop with waiters left: none may be left waiting for it.
      for (const waiter of line.queue.splice(0)) waiter.resolve(undefined);
      this.lines.delete(tenantId);
    }
  }

  /** Sleeps `ms`, or until a new waiter comes. */
  private pause(line: Line, ms: number): Promise<void> {
    const { sleep } = this.deps;
    return new Promise<void>((resolve) => {
      if (sleep) {
        line.wake = resolve;
        void sleep(ms).then(resolve);
        return;
      }
      const timer = setTimeout(resolve, ms);
      line.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => {
      line.wake = undefined;
    });
  }

  /** Hands out every slot due now, in order; returns how long until the next is worth a look. */
  private serveDue(tenantId: string, queue: Waiter[]): number {
    const { limiter } = this.deps;
    const now = this.deps.now();
    let next = Infinity;
    for (let i = 0; i < queue.length; ) {
      const waiter = queue[i] as Waiter;
      // Past its deadline (a late wake-up), sending would eat into its claim's margin.
      const reservation = now > waiter.deadline ? undefined : limiter.reserve(tenantId, waiter.conversationId, now);
      if (reservation && 'reservedAt' in reservation) {
        queue.splice(i, 1);
        waiter.resolve(reservation.reservedAt);
        continue;
      }
      if (!reservation || now + reservation.waitMs > waiter.deadline) {
        queue.splice(i, 1);
        waiter.resolve(undefined);
        continue;
      }
      // The tenant's budget holds it: it holds everyone behind too. Otherwise only its
      // conversation's windows do, and the next waiter may go.
      const tenantWait = limiter.tenantWaitMs(tenantId, now);
      if (tenantWait > 0) {
        next = Math.min(next, tenantWait);
        break;
      }
      next = Math.min(next, reservation.waitMs);
      i++;
    }
    // Those behind give up on time too.
    for (const waiter of queue) next = Math.min(next, waiter.deadline - now + 1);
    return next === Infinity ? 0 : Math.max(0, next);
  }
}
