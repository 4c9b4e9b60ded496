/**
 * Teams' send limits (PRODUCT.md §7) as pure logic over a clock in milliseconds: a per-tenant
 * budget (requests per second) and per-conversation windows (7/1 s, 8/2 s, 60/30 s, 1800/h).
 * Sliding windows rather than token buckets, so that in ANY window of the given length at most
 * `limit` sends count — which is how a throttling service counts — and an even pacer for the
 * tenant's requests (pacing.ts).
 */
import type { RateLimits } from '../domain/delivery';
import { ArrivalWindow, EvenPacer, SlidingWindows, windowOfRate } from './pacing';

/** A tenant's request budget (see DeliveryRateLimiter), its recent 429s and what they caused. */
interface TenantState {
  /** Every request, counted where it arrives: never more than the limit in any second. */
  requests: ArrivalWindow;
  /** Every request, spread evenly at limit × headroom × `factor`. */
  readonly pacer: EvenPacer;
  /** When requests were throttled in the last second. */
  throttledAt: number[];
  /** No sends before this time (heavy throttling: the tenant backs off as a whole). */
  pausedUntil: number;
  /** The pace's multiplier (AIMD): cut on excess 429s, then climbing back to 1. */
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
/** Default share of the limit requests are paced at (see RateLimiterOptions.headroom). */
const DEFAULT_HEADROOM = 0.995;
/** How late a wake-up may be and still keep the pace's schedule (EvenPacer): about five slots at 50/s. */
const CATCH_UP_MS = 100;
/** Excess 429s cut the pace to this fraction of what it was (heavy throttling: the second), at most once per second… */
const TIGHTEN = 0.95;
const TIGHTEN_HEAVY = 0.85;
const TIGHTEN_COOLDOWN_MS = 1000;
/** …never below this fraction of it… */
const MIN_FACTOR = 0.5;
/** …and it climbs back by this much per second (from 0.95 to 1 in 5 s). */
const RECOVER_PER_SECOND = 0.01;
/**
 * Teams' own throttling is taken to be at most this share of requests, however much is seen:
 * over-limit 429s that come one at a time look random and would otherwise teach it a higher one.
 */
const MAX_RANDOM_SHARE = 0.03;
/** The longest a Retry-After pauses a tenant: a service asking for an hour does not stop its fan-outs for an hour here. */
const MAX_PAUSE_MS = 60_000;
/** How long the random share of 429s is learned over. */
const LEARN_HALF_LIFE_MS = 30_000;

export interface RateLimiterOptions {
  /**
   * Share of the per-tenant limit to pace requests at (DELIVERY_RATE_HEADROOM, default 0.995).
   * The limit itself is held where requests arrive (ArrivalWindow); the headroom only keeps the
   * pace from leaning on it, so the slots a late wake-up catches up on have room.
   */
  readonly headroom?: number;
  /** Fraction of the per-tenant budget this process may use (1 / live processes). */
  readonly share?: number;
}

/**
 * Teams' per-tenant limit is documented as "50 requests per second", and whether a throttled
 * request counts is not said. Counting every request is the stricter reading, and the only one
 * that can be held without ever going over either: so every request counts, throttled or not.
 * Each tenant has
 *   - `requests`: at most the limit in any second, counted where requests arrive — when each
 *     left, plus how much longer than the fastest its round trip took (pacing.ts). Arrival
 *     jitter is what put sends over a limit held at send time: a request held up on its way
 *     arrives closer to the ones after it;
 *   - `pacer`: requests spread evenly at limit × headroom × `factor`, catching up on up to
 *     CATCH_UP_MS of lateness (a timer that fired late, a short stall) so the pace keeps its
 *     rate; `factor` is AIMD feedback for what the window does not foresee: when 429s come
 *     faster than the random share learned over the last minute explains (at least 3 in a
 *     second, and more than expected + 2σ + 1, the share taken as at most 3%), the pace is cut
 *     by 5%, at most once a second — on heavy throttling by 15% at once, once per pause — and it
 *     climbs back by 1% a second.
 * Heavy throttling (more than 8 of the last second's 429s and more than 15% of its requests)
 * is not random: then the whole tenant pauses for the Retry-After.
 *
 * What it costs under the other reading (only accepted sends count): the requests Teams
 * throttles at random (2% in the fan-out benchmark) are requests not delivered, so delivered
 * sends reach 0.98 × the pace at most.
 *
 * Several processes share a tenant's budget through `share` (1 / live processes, from
 * worker-presence.ts): each paces its requests at its share, and each learns and tightens on
 * the 429s it sees itself — which, with the queue spreading every tenant's jobs over all
 * processes, are its share of the tenant's.
 */
export class DeliveryRateLimiter {
  private readonly tenants = new Map<string, TenantState>();
  private readonly conversations = new Map<string, SlidingWindows>();
  private share: number;
  private readonly headroom: number;
  private readonly longestConversationWindow: number;

  /** @param limits Teams' limits (configurable) */
  constructor(
    private readonly limits: RateLimits,
    options: RateLimiterOptions = {},
  ) {
    this.headroom = options.headroom ?? DEFAULT_HEADROOM;
    this.share = options.share ?? 1;
    if (!(this.headroom > 0 && this.headroom <= 1)) throw new Error(`Invalid headroom ${this.headroom}`);
    this.longestConversationWindow = Math.max(0, ...limits.perConversation.map(([, ms]) => ms));
  }

  /** This process's share of each tenant's budget changed (a process joined or left). */
  setShare(share: number): void {
    if (share === this.share) return;
    this.share = share;
    // A new window starts empty, which could allow a burst of up to one second's budget; carry
    // the most recent requests over so the new budget is honoured from the first instant.
    for (const tenant of this.tenants.values()) {
      const requests = this.requestWindow();
      requests.carryOver(tenant.requests);
      tenant.requests = requests;
      tenant.pacer.setRate(this.paceAt(tenant.builtFactor));
    }
  }

  /** The rate this process paces each tenant's requests at, per second, when not tightened. */
  get perTenantRate(): number {
    return this.paceAt(1);
  }

  /** The rate this process sends a tenant's requests at now, per second. */
  tenantRate(tenantId: string, now: number): number {
    return this.paceAt(this.factorAt(this.tenantState(tenantId), now));
  }

  /** The pace's current multiplier for a tenant (1: not tightened). */
  requestFactor(tenantId: string, now: number): number {
    return this.factorAt(this.tenantState(tenantId), now);
  }

  /** How long the conversation's windows alone would make a send wait (nothing reserved). */
  conversationWaitMs(tenantId: string, conversationId: string, now: number): number {
    return this.conversationWindows(tenantId, conversationId).waitMs(now);
  }

  /** How long the tenant's budget alone would make a send wait (nothing reserved). */
  tenantWaitMs(tenantId: string, now: number): number {
    const tenant = this.current(tenantId, now);
    return Math.max(tenant.pausedUntil - now, tenant.requests.waitMs(now), tenant.pacer.waitMs(now), 0);
  }

  /**
   * Reserves a send now if every window allows it: `{ reservedAt }` (to report its answer by).
   * Otherwise reserves nothing: `{ waitMs }` until asking again makes sense.
   */
  reserve(tenantId: string, conversationId: string, now: number): { readonly reservedAt: number } | { readonly waitMs: number } {
    const tenant = this.current(tenantId, now);
    const conversation = this.conversationWindows(tenantId, conversationId);
    const wait = Math.max(tenant.pausedUntil - now, tenant.pacer.waitMs(now), tenant.requests.waitMs(now), conversation.waitMs(now));
    if (!(wait <= 0)) return { waitMs: wait }; // NaN too: never a send past a window we could not read
    conversation.record(now);
    tenant.requests.record(now);
    tenant.pacer.record(now);
    this.learn(tenant, now, 0, 1);
    return { reservedAt: now };
  }

  /**
   * Teams answered the send reserved at `reservedAt`, at `now` — however: sent, failed, or
   * `throttled` (429, with the Retry-After Teams gave). The round trip tells the tenant's window
   * when the request most likely arrived. More 429s than the random share explains tighten the
   * pace; heavy throttling pauses the tenant for the Retry-After.
   */
  answered(tenantId: string, reservedAt: number, now: number, throttled?: { readonly retryAfterMs: number }): void {
    const tenant = this.current(tenantId, now);
    tenant.requests.answered(reservedAt, now);
    if (throttled) this.throttled(tenant, now, throttled.retryAfterMs);
  }

  /** Forgets conversations idle longer than the longest window, and tenants with nothing in theirs, so memory stays bounded. */
  prune(now: number): void {
    for (const [key, windows] of this.conversations) {
      if (windows.last <= now - this.longestConversationWindow) this.conversations.delete(key);
    }
    for (const [tenantId, tenant] of this.tenants) {
      if (tenant.requests.idle(now) && tenant.pausedUntil <= now && this.factorAt(tenant, now) === 1) this.tenants.delete(tenantId);
    }
  }

  private throttled(tenant: TenantState, now: number, retryAfterMs: number): void {
    tenant.throttledAt = [...tenant.throttledAt.filter((t) => t > now - 1000), now];
    const recent = tenant.throttledAt.length;
    const requests = tenant.requests.sentSince(now - 1000);
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
    if (heavy) tenant.pausedUntil = Math.max(tenant.pausedUntil, now + Math.min(retryAfterMs, MAX_PAUSE_MS));
  }

  private requestWindow(): ArrivalWindow {
    const { limit, windowMs } = windowOfRate(this.limits.perTenantPerSecond * this.share);
    return new ArrivalWindow(limit, windowMs);
  }

  private newTenantState(): TenantState {
    return {
      requests: this.requestWindow(),
      pacer: new EvenPacer(this.paceAt(1), CATCH_UP_MS),
      throttledAt: [],
      pausedUntil: -Infinity,
      factor: 1,
      factorAt: -Infinity,
      builtFactor: 1,
      learned: { throttled: 0, requests: 0, at: 0 },
    };
  }

  /** The pace's multiplier at `now`: climbing back linearly since it was last cut. */
  private factorAt(tenant: TenantState, now: number): number {
    return Math.min(1, tenant.factor + (RECOVER_PER_SECOND * Math.max(0, now - tenant.factorAt)) / 1000);
  }

  /** The tenant's state, its pacer at the factor of `now`. */
  private current(tenantId: string, now: number): TenantState {
    const tenant = this.tenantState(tenantId);
    const factor = this.factorAt(tenant, now);
    if (factor !== tenant.builtFactor) {
      tenant.pacer.setRate(this.paceAt(factor));
      tenant.builtFactor = factor;
    }
    return tenant;
  }

  /** Requests per second this process paces a tenant at, at `factor`. */
  private paceAt(factor: number): number {
    return this.limits.perTenantPerSecond * this.share * this.headroom * factor;
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

  private conversationWindows(tenantId: string, conversationId: string): SlidingWindows {
    const key = `${tenantId}\n${conversationId}`;
    let ws = this.conversations.get(key);
    if (!ws) {
      ws = new SlidingWindows(this.limits.perConversation);
      this.conversations.set(key, ws);
    }
    return ws;
  }
}
