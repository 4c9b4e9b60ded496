/**
 * Teams' send limits (PRODUCT.md §7) as pure logic over a clock in milliseconds:
 * a per-tenant budget (messages per second) and per-conversation windows (7/1 s, 8/2 s,
 * 60/30 s, 1800/h). Sliding logs rather than token buckets, so that in ANY window of the
 * given length at most `limit` sends start — which is how a throttling service counts — and an
 * even pacer for the tenant's requests (pacing.ts).
 */
import type { RateLimits } from '../domain/delivery';
import { EvenPacer, SlidingWindow, windowForRate } from './pacing';

/** A tenant's windows (see DeliveryRateLimiter), its recent 429s and what they caused. */
interface TenantState {
  paced: SlidingWindow;
  /** Every request, at most the limit in any second: the backstop, and the count 429s are weighed against. */
  requests: SlidingWindow;
  /** Every request, spread evenly at the request cap × `factor`. */
  readonly pacer: EvenPacer;
  /** When requests were throttled in the last second. */
  throttledAt: number[];
  /** No sends before this time (heavy throttling: the tenant backs off as a whole). */
  pausedUntil: number;
  /** The request cap's multiplier (AIMD): cut on excess 429s, then climbing back to 1. */
  factor: number;
  /** When `factor` was last cut (it climbs back from there), and the factor `pacer` runs at. */
  factorAt: number;
  builtFactor: number;
  /** 429s and requests, decayed (half-life LEARN_HALF_LIFE_MS): the share Teams throttles at random. */
  learned: { throttled: number; requests: number; at: number };
}

/** Heavy throttling: more 429s in one second than this many, and than this share of the requests. */
const HEAVY_THROTTLING_COUNT = 8;
const HEAVY_THROTTLING_SHARE = 0.15;
/** Default share of the limit the request cap allows (see RateLimiterOptions.requestHeadroom). */
const DEFAULT_REQUEST_HEADROOM = 0.99;
/** Excess 429s cut the request cap to this fraction of what it was (heavy throttling: the second), at most once per second… */
const TIGHTEN = 0.95;
const TIGHTEN_HEAVY = 0.85;
const TIGHTEN_COOLDOWN_MS = 1000;
/** …never below this fraction of the cap… */
const MIN_FACTOR = 0.5;
/** …and it climbs back by this much per second (from 0.95 to 1 in 5 s). */
const RECOVER_PER_SECOND = 0.01;
/**
 * Teams' own throttling is taken to be at most this share of requests, however much is seen:
 * over-limit 429s that come one at a time look random and would otherwise teach it a higher one.
 */
const MAX_RANDOM_SHARE = 0.03;
/** How long the random share of 429s is learned over. */
const LEARN_HALF_LIFE_MS = 30_000;

export interface RateLimiterOptions {
  /**
   * Share of the per-tenant limit to pace sends at (DELIVERY_RATE_HEADROOM, e.g. 0.97): what is
   * left absorbs clock and network jitter, so the sends Teams counts stay under its limit.
   */
  readonly headroom?: number;
  /**
   * Share of the per-tenant limit that requests — throttled ones too — may reach (default 0.99):
   * the margin for arrival jitter should Teams count every request, not only accepted sends.
   */
  readonly requestHeadroom?: number;
  /** Fraction of the per-tenant budget this process may use (1 / live processes). */
  readonly share?: number;
}

/**
 * Teams' per-tenant limit is documented as "50 requests per second", and whether a throttled
 * request counts is not said. So each tenant has two windows, one for each reading:
 *   - `paced`: the sends that deliver, at limit × headroom. A send answered 429 gives its slot
 *     back (`throttled`), so occasional throttling — which Teams does under its own load — does
 *     not leave gaps in the pace;
 *   - `pacer`: every request, throttled or not, spread evenly at limit × requestHeadroom ×
 *     factor (and `requests` never lets any second hold more than the limit). The headroom
 *     absorbs arrival jitter (a send is counted when it arrives, not when it leaves); `factor`
 *     is AIMD feedback for jitter the headroom does not absorb: when 429s come faster than the
 *     random share learned over the last minute explains (at least 3 in a second, and more
 *     than expected + 2σ + 1, the share taken as at most 3%), the cap is cut by 5%, at most
 *     once a second — on heavy throttling by 15% at once, once per pause — and it climbs back
 *     by 1% a second.
 * Heavy throttling (more than 8 of the last second's 429s and more than 15% of its requests)
 * is not random: then nothing is refunded and the whole tenant pauses for the Retry-After.
 *
 * Several processes share a tenant's budget through `share` (1 / live processes, from
 * worker-presence.ts): each paces both windows at its share, and each learns and tightens on
 * the 429s it sees itself — which, with the queue spreading every tenant's jobs over all
 * processes, are its share of the tenant's.
 */
export class DeliveryRateLimiter {
  private readonly tenants = new Map<string, TenantState>();
  private readonly conversations = new Map<string, SlidingWindow[]>();
  private share: number;
  private readonly headroom: number;
  private readonly requestHeadroom: number;
  private readonly longestConversationWindow: number;

  /** @param limits Teams' limits (configurable) */
  constructor(
    private readonly limits: RateLimits,
    options: RateLimiterOptions = {},
  ) {
    this.headroom = options.headroom ?? 1;
    this.requestHeadroom = options.requestHeadroom ?? DEFAULT_REQUEST_HEADROOM;
    this.share = options.share ?? 1;
    if (!(this.headroom > 0 && this.headroom <= 1)) throw new Error(`Invalid headroom ${this.headroom}`);
    if (!(this.requestHeadroom > 0 && this.requestHeadroom <= 1)) throw new Error(`Invalid request headroom ${this.requestHeadroom}`);
    this.longestConversationWindow = Math.max(0, ...limits.perConversation.map(([, ms]) => ms));
  }

  /** This process's share of each tenant's budget changed (a process joined or left). */
  setShare(share: number): void {
    if (share === this.share) return;
    this.share = share;
    // New windows start empty, which could allow a burst of up to one second's budget; carry
    // the most recent sends over so the new budget is honoured from the first instant.
    for (const old of this.tenants.values()) {
      const next = this.newTenantState(old.builtFactor);
      for (const t of old.paced.recent(next.paced.limit)) next.paced.record(t);
      for (const t of old.requests.recent(next.requests.limit)) next.requests.record(t);
      old.paced = next.paced;
      old.requests = next.requests;
      old.pacer.setRate(this.requestRate(old.builtFactor));
    }
  }

  /** The rate this process paces each tenant's counted sends at, per second. */
  get perTenantRate(): number {
    return this.limits.perTenantPerSecond * this.headroom * this.share;
  }

  /** The rate this process sends a tenant's requests at now, per second: the pace, or the request cap if it is lower. */
  tenantRate(tenantId: string, now: number): number {
    return Math.min(this.perTenantRate, this.requestRate(this.factorAt(this.tenantState(tenantId), now)));
  }

  /** The request cap's current multiplier for a tenant (1: not tightened). */
  requestFactor(tenantId: string, now: number): number {
    return this.factorAt(this.tenantState(tenantId), now);
  }

  /** How long the conversation's windows alone would make a send wait (nothing reserved). */
  conversationWaitMs(tenantId: string, conversationId: string, now: number): number {
    return Math.max(0, ...this.conversationWindows(tenantId, conversationId).map((w) => w.waitMs(now)));
  }

  /** How long the tenant's budget alone would make a send wait (nothing reserved). */
  tenantWaitMs(tenantId: string, now: number): number {
    const tenant = this.current(tenantId, now);
    return Math.max(tenant.pausedUntil - now, tenant.paced.waitMs(now), tenant.requests.waitMs(now), tenant.pacer.waitMs(now), 0);
  }

  /**
   * Reserves a send now if every window allows it: `{ reservedAt }` (to report it by, should
   * Teams throttle it). Otherwise reserves nothing: `{ waitMs }` until asking again makes sense.
   */
  reserve(tenantId: string, conversationId: string, now: number): { readonly reservedAt: number } | { readonly waitMs: number } {
    const tenant = this.current(tenantId, now);
    const windows = [tenant.paced, tenant.requests, ...this.conversationWindows(tenantId, conversationId)];
    const wait = Math.max(tenant.pausedUntil - now, tenant.pacer.waitMs(now), ...windows.map((w) => w.waitMs(now)));
    if (wait > 0) return { waitMs: wait };
    for (const w of windows) w.record(now);
    tenant.pacer.record(now);
    this.learn(tenant, now, 0, 1);
    return { reservedAt: now };
  }

  /**
   * The send reserved at `reservedAt` was throttled (429) at `now`. Occasional throttling: the
   * slot in the tenant's pace is given back (Teams delivered nothing); the request still counts,
   * and in its conversation's windows (their budgets are too small to risk). More 429s than the
   * random share explains: the request cap tightens. Heavy throttling: no refund, and the tenant
   * pauses for `retryAfterMs` (the Retry-After Teams gave).
   */
  throttled(tenantId: string, reservedAt: number, now: number, retryAfterMs = 1000): void {
    const tenant = this.current(tenantId, now);
    tenant.throttledAt = [...tenant.throttledAt.filter((t) => t > now - 1000), now];
    const recent = tenant.throttledAt.length;
    const requests = tenant.requests.count(now);
    const learned = tenant.learned.requests > 0 ? tenant.learned.throttled / tenant.learned.requests : 0;
    const expected = Math.min(learned, MAX_RANDOM_SHARE) * requests;
    const heavy = recent > HEAVY_THROTTLING_COUNT && recent > HEAVY_THROTTLING_SHARE * requests;
    if (heavy || (recent >= 3 && recent > expected + 2 * Math.sqrt(expected) + 1)) {
      // Ours, not Teams' background throttling: tighten, and keep these out of the random share.
      // Heavy throttling cuts again at once, but only once per pause it causes.
      if ((heavy && tenant.pausedUntil <= now) || now - tenant.factorAt >= TIGHTEN_COOLDOWN_MS) {
        tenant.factor = Math.max(MIN_FACTOR, this.factorAt(tenant, now) * (heavy ? TIGHTEN_HEAVY : TIGHTEN));
        tenant.factorAt = now;
      }
    } else {
      this.learn(tenant, now, 1, 0);
    }
    if (heavy) {
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

  private newTenantState(factor = 1): TenantState {
    const limit = this.limits.perTenantPerSecond * this.share;
    return {
      paced: windowForRate(limit * this.headroom),
      // Not spread: the pacer spreads requests; this only caps any one second at the limit.
      requests: windowForRate(limit, false),
      pacer: new EvenPacer(this.requestRate(factor)),
      throttledAt: [],
      pausedUntil: -Infinity,
      factor,
      factorAt: -Infinity,
      builtFactor: factor,
      learned: { throttled: 0, requests: 0, at: 0 },
    };
  }

  /** The request cap's multiplier at `now`: climbing back linearly since it was last cut. */
  private factorAt(tenant: TenantState, now: number): number {
    return Math.min(1, tenant.factor + (RECOVER_PER_SECOND * Math.max(0, now - tenant.factorAt)) / 1000);
  }

  /** The tenant's state, its pacer at the factor of `now`. */
  private current(tenantId: string, now: number): TenantState {
    const tenant = this.tenantState(tenantId);
    const factor = this.factorAt(tenant, now);
    if (factor !== tenant.builtFactor) {
      tenant.pacer.setRate(this.requestRate(factor));
      tenant.builtFactor = factor;
    }
    return tenant;
  }

  /** Requests per second this process allows a tenant at `factor`. */
  private requestRate(factor: number): number {
    return this.limits.perTenantPerSecond * this.share * this.requestHeadroom * factor;
  }

  private learn(tenant: TenantState, now: number, throttled: number, requests: number): void {
    const l = tenant.learned;
    const decay = 2 ** (-Math.max(0, now - l.at) / LEARN_HALF_LIFE_MS);
    l.throttled = l.throttled * decay + throttled;
    l.requests = l.requests * decay + requests;
    l.at = now;
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
