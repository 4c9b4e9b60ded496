/**
 * Teams' send limits (PRODUCT.md §7) as pure logic over a clock in milliseconds:
 * a per-tenant budget (messages per second) and per-conversation windows (7/1 s, 8/2 s,
 * 60/30 s, 1800/h). Sliding logs rather than token buckets, so that in ANY window of the
 * given length at most `limit` sends start — which is how a throttling service counts.
 */
import type { RateLimits } from '../../domain/delivery';

/** At most `limit` events in any `windowMs`, and (optionally) at least `minGapMs` apart. */
export class SlidingWindow {
  private readonly times: number[] = [];

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    readonly minGapMs = 0,
  ) {
    if (!(limit >= 1) || !(windowMs > 0)) throw new Error(`Invalid window ${limit}/${windowMs}ms`);
  }

  /** How long from `now` until one more event fits (0: now). */
  waitMs(now: number): number {
    this.evict(now);
    const gap = this.times.length > 0 ? Math.max(0, (this.times[this.times.length - 1] as number) + this.minGapMs - now) : 0;
    if (this.times.length < this.limit) return gap;
    // The (limit)-th most recent event must leave the window first.
    const blocking = this.times[this.times.length - this.limit] as number;
    return Math.max(gap, blocking + this.windowMs - now);
  }

  record(now: number): void {
    this.times.push(now);
    // Only the last `limit` events can ever block; older ones are dead weight.
    if (this.times.length > this.limit) this.times.splice(0, this.times.length - this.limit);
  }

  /** The times of the latest `n` events, oldest first. */
  recent(n: number): number[] {
    return this.times.slice(-n);
  }

  /** The time of the latest event, or -Infinity. */
  get last(): number {
    return this.times.length > 0 ? (this.times[this.times.length - 1] as number) : -Infinity;
  }

  private evict(now: number): void {
    let drop = 0;
    while (drop < this.times.length && (this.times[drop] as number) <= now - this.windowMs) drop++;
    if (drop > 0) this.times.splice(0, drop);
  }
}

/**
 * A per-second rate, possibly fractional (a share of the tenant budget, e.g. 50/3), as a
 * sliding window: `floor(rate)` events per `floor(rate)/rate` seconds. Sends are also kept
 * 80% of the average interval apart: a window alone lets a whole second's budget go in one
 * burst after a pause, and a burst reaches Teams bunched up by network jitter — measured by
 * the fan-out benchmark as ~10% of sends throttled. Spreading them costs no throughput.
 */
export function windowForRate(perSecond: number): SlidingWindow {
  const limit = Math.max(1, Math.floor(perSecond));
  const windowMs = (1000 * limit) / perSecond;
  return new SlidingWindow(limit, windowMs, (0.8 * windowMs) / limit);
}

export class DeliveryRateLimiter {
  private readonly tenants = new Map<string, SlidingWindow>();
  private readonly conversations = new Map<string, SlidingWindow[]>();
  private tenantRate: number;
  private readonly longestConversationWindow: number;

  /**
   * @param limits Teams' limits (configurable)
   * @param share fraction of the per-tenant budget this process may use (1 / live processes)
   */
  constructor(
    private readonly limits: RateLimits,
    share = 1,
  ) {
    this.tenantRate = limits.perTenantPerSecond * share;
    this.longestConversationWindow = Math.max(0, ...limits.perConversation.map(([, ms]) => ms));
  }

  /** This process's share of each tenant's budget changed (a process joined or left). */
  setShare(share: number): void {
    const rate = this.limits.perTenantPerSecond * share;
    if (rate === this.tenantRate) return;
    this.tenantRate = rate;
    // New windows start empty, which could allow a burst of up to one second's budget; carry
    // the most recent sends over so the new budget is honoured from the first instant.
    for (const [tenant, old] of this.tenants) {
      const next = windowForRate(rate);
      for (const t of old.recent(next.limit)) next.record(t);
      this.tenants.set(tenant, next);
    }
  }

  get perTenantRate(): number {
    return this.tenantRate;
  }

  /** How long the conversation's windows alone would make a send wait (nothing reserved). */
  conversationWaitMs(tenantId: string, conversationId: string, now: number): number {
    return Math.max(0, ...this.conversationWindows(tenantId, conversationId).map((w) => w.waitMs(now)));
  }

  /** How long until a send would be allowed (nothing reserved). */
  waitMs(tenantId: string, conversationId: string, now: number): number {
    return Math.max(this.tenantWindow(tenantId).waitMs(now), this.conversationWaitMs(tenantId, conversationId, now));
  }

  /**
   * Reserves a send now if every window allows it and returns 0; otherwise reserves nothing
   * and returns how long to wait before asking again.
   */
  tryAcquire(tenantId: string, conversationId: string, now: number): number {
    const tenant = this.tenantWindow(tenantId);
    const conversation = this.conversationWindows(tenantId, conversationId);
    const wait = Math.max(tenant.waitMs(now), ...conversation.map((w) => w.waitMs(now)));
    if (wait > 0) return wait;
    tenant.record(now);
    for (const w of conversation) w.record(now);
    return 0;
  }

  /** Forgets conversations idle longer than the longest window, so memory stays bounded. */
  prune(now: number): void {
    for (const [key, windows] of this.conversations) {
      if (windows.every((w) => w.last <= now - this.longestConversationWindow)) this.conversations.delete(key);
    }
  }

  private tenantWindow(tenantId: string): SlidingWindow {
    let w = this.tenants.get(tenantId);
    if (!w) {
      w = windowForRate(this.tenantRate);
      this.tenants.set(tenantId, w);
    }
    return w;
  }

  private conversationWindows(tenantId: string, conversationId: string): SlidingWindow[] {
    const key = `${tenantId}\n${conversationId}`;
    let ws = this.conversations.get(key);
    if (!ws) {
      ws = this.limits.perConversation.map(([limit, ms]) => new SlidingWindow(limit, ms));
      this.conversations.set(key, ws);
    }
    return ws;
  }
}
