/**
 * Teams' send limits (PRODUCT.md §7) as pure logic over a clock in milliseconds:
 * a per-tenant budget (messages per second) and per-conversation windows (7/1 s, 8/2 s,
 * 60/30 s, 1800/h). Sliding logs rather than token buckets, so that in ANY window of the
 * given length at most `limit` sends start — which is how a throttling service counts.
 */
import type { RateLimits } from '../domain/delivery';

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
    return Math.max(0, this.earliest() - now);
  }

  /** The earliest time one more event fits, given the events in the window (-Infinity: any time). */
  earliest(): number {
    const n = this.times.length;
    const gap = n > 0 ? (this.times[n - 1] as number) + this.minGapMs : -Infinity;
    if (n < this.limit) return gap;
    // The (limit)-th most recent event must leave the window first.
    return Math.max(gap, (this.times[n - this.limit] as number) + this.windowMs);
  }

  /** Takes back one event recorded at `at` (it did not count after all); false if none is held. */
  remove(at: number): boolean {
    const i = this.times.lastIndexOf(at);
    if (i < 0) return false;
    this.times.splice(i, 1);
    return true;
  }

  /** Records an event; the caller asked `waitMs` first, which dropped the events out of the window. */
  record(now: number): void {
    this.times.push(now);
  }

  /** How many events are in the window at `now`. */
  count(now: number): number {
    this.evict(now);
    return this.times.length;
  }

  /** The times of the latest `n` events, oldest first. */
  recent(n: number): number[] {
    return this.times.slice(-n);
  }

  /** The time of the latest event, or -Infinity. */
  get last(): number {
    return this.times.length > 0 ? (this.times[this.times.length - 1] as number) : -Infinity;
  }

  /**
   * Drops events out of the window. Every event in it is kept (not only the last `limit`): a
   * refund may take one back, and the one before must then count again.
   */
  private evict(now: number): void {
    let drop = 0;
    while (drop < this.times.length && (this.times[drop] as number) <= now - this.windowMs) drop++;
    if (drop > 0) this.times.splice(0, drop);
  }
}

/**
 * A per-second rate, possibly fractional (a share of the tenant budget, e.g. 50/3), as a
 * sliding window: `floor(rate)` events per `floor(rate)/rate` seconds. With `spread` (the
 * default), sends are also kept 80% of the average interval apart: a window alone lets a whole
 * second's budget go in one burst after a pause, and a burst reaches Teams bunched up by
 * network jitter — measured by the fan-out benchmark as ~10% of sends throttled. Spreading them
 * costs no throughput.
 */
export function windowForRate(perSecond: number, spread = true): SlidingWindow {
  const limit = Math.max(1, Math.floor(perSecond));
  const windowMs = (1000 * limit) / perSecond;
  return new SlidingWindow(limit, windowMs, spread ? (0.8 * windowMs) / limit : 0);
}

/** A tenant's windows (see DeliveryRateLimiter), its recent 429s and any pause they caused. */
interface TenantState {
  readonly paced: SlidingWindow;
  readonly requests: SlidingWindow;
  /** When requests were throttled in the last second. */
  throttledAt: number[];
  /** No sends before this time (heavy throttling: the tenant backs off as a whole). */
  pausedUntil: number;
}

/** Heavy throttling: more 429s in one second than this many, and than this share of the requests. */
const HEAVY_THROTTLING_COUNT = 3;
const HEAVY_THROTTLING_SHARE = 0.1;

export interface RateLimiterOptions {
  /**
   * Share of the per-tenant limit to pace sends at (DELIVERY_RATE_HEADROOM, e.g. 0.97): what is
   * left absorbs clock and network jitter, so the sends Teams counts stay under its limit.
   */
  readonly headroom?: number;
  /** Fraction of the per-tenant budget this process may use (1 / live processes). */
  readonly share?: number;
}

/**
 * Teams' per-tenant limit is on requests ("50 requests per second"), and a throttled request
 * is not a message delivered. So each tenant has two windows:
 *   - `paced`: the sends that deliver, at limit × headroom. A send answered 429 gives its slot
 *     back (`throttled`), so occasional throttling — which Teams does under its own load — does
 *     not leave gaps in the pace;
 *   - `requests`: every request, throttled or not, at the limit itself: in any second we never
 *     make more requests than the limit, however many come back 429.
 * Heavy throttling (more than 3 of the last second's 429s and more than 10% of its requests)
 * is not random: then nothing is refunded and the whole tenant pauses for the Retry-After.
 */
export class DeliveryRateLimiter {
  private readonly tenants = new Map<string, TenantState>();
  private readonly conversations = new Map<string, SlidingWindow[]>();
  private share: number;
  private readonly headroom: number;
  private readonly longestConversationWindow: number;

  /** @param limits Teams' limits (configurable) */
  constructor(
    private readonly limits: RateLimits,
    options: RateLimiterOptions = {},
  ) {
    this.headroom = options.headroom ?? 1;
    this.share = options.share ?? 1;
    if (!(this.headroom > 0 && this.headroom <= 1)) throw new Error(`Invalid headroom ${this.headroom}`);
    this.longestConversationWindow = Math.max(0, ...limits.perConversation.map(([, ms]) => ms));
  }

  /** This process's share of each tenant's budget changed (a process joined or left). */
  setShare(share: number): void {
    if (share === this.share) return;
    this.share = share;
    // New windows start empty, which could allow a burst of up to one second's budget; carry
    // the most recent sends over so the new budget is honoured from the first instant.
    for (const [tenant, old] of this.tenants) {
      const next = this.newTenantState();
      for (const t of old.paced.recent(next.paced.limit)) next.paced.record(t);
      for (const t of old.requests.recent(next.requests.limit)) next.requests.record(t);
      next.throttledAt = old.throttledAt;
      next.pausedUntil = old.pausedUntil;
      this.tenants.set(tenant, next);
    }
  }

  /** The rate this process paces each tenant's counted sends at, per second. */
  get perTenantRate(): number {
    return this.limits.perTenantPerSecond * this.headroom * this.share;
  }

  /** How long the conversation's windows alone would make a send wait (nothing reserved). */
  conversationWaitMs(tenantId: string, conversationId: string, now: number): number {
    return Math.max(0, ...this.conversationWindows(tenantId, conversationId).map((w) => w.waitMs(now)));
  }

  /** How long the tenant's budget alone would make a send wait (nothing reserved). */
  tenantWaitMs(tenantId: string, now: number): number {
    const tenant = this.tenantState(tenantId);
    return Math.max(tenant.pausedUntil - now, tenant.paced.waitMs(now), tenant.requests.waitMs(now), 0);
  }

  /**
   * Reserves a send now if every window allows it: `{ reservedAt }` (to report it by, should
   * Teams throttle it). Otherwise reserves nothing: `{ waitMs }` until asking again makes sense.
   */
  reserve(tenantId: string, conversationId: string, now: number): { readonly reservedAt: number } | { readonly waitMs: number } {
    const tenant = this.tenantState(tenantId);
    const windows = [tenant.paced, tenant.requests, ...this.conversationWindows(tenantId, conversationId)];
    const wait = Math.max(tenant.pausedUntil - now, ...windows.map((w) => w.waitMs(now)));
    if (wait > 0) return { waitMs: wait };
    for (const w of windows) w.record(now);
    return { reservedAt: now };
  }

  /**
   * The send reserved at `reservedAt` was throttled (429) at `now`. Occasional throttling: the
   * slot in the tenant's pace is given back (Teams delivered nothing); the request still counts,
   * and in its conversation's windows (their budgets are too small to risk). Heavy throttling:
   * no refund, and the tenant pauses for `retryAfterMs` (the Retry-After Teams gave).
   */
  throttled(tenantId: string, reservedAt: number, now: number, retryAfterMs = 1000): void {
    const tenant = this.tenantState(tenantId);
    tenant.throttledAt = [...tenant.throttledAt.filter((t) => t > now - 1000), now];
    const recent = tenant.throttledAt.length;
    if (recent > HEAVY_THROTTLING_COUNT && recent > HEAVY_THROTTLING_SHARE * tenant.requests.count(now)) {
      tenant.pausedUntil = Math.max(tenant.pausedUntil, now + retryAfterMs);
      return;
    }
    tenant.paced.remove(reservedAt);
  }

  /** Forgets conversations idle longer than the longest window, so memory stays bounded. */
  prune(now: number): void {
    for (const [key, windows] of this.conversations) {
      if (windows.every((w) => w.last <= now - this.longestConversationWindow)) this.conversations.delete(key);
    }
  }

  private newTenantState(): TenantState {
    const limit = this.limits.perTenantPerSecond * this.share;
    // The request cap is not spread: the pace already spaces sends; a refunded request may be
    // followed at once by the send that takes its slot.
    return { paced: windowForRate(limit * this.headroom), requests: windowForRate(limit, false), throttledAt: [], pausedUntil: -Infinity };
  }

  private tenantState(tenantId: string): TenantState {
    let w = this.tenants.get(tenantId);
    if (!w) {
      w = this.newTenantState();
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
