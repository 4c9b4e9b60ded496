/**
 * The tenant budget against a simulated Teams, on a fake clock: a fan-out with an endless
 * backlog sends as fast as the limiter allows; each request arrives after a random delay
 * (arrival jitter, and now and then a stall that bunches requests up), where the simulated
 * service enforces the limit over any one second of arrivals — counting accepted sends, or
 * every request (Teams does not say which) — and throttles 2% of requests at random. Every
 * answer (a 201 or a 429) comes back 5 ms after the request arrived and goes to the limiter,
 * as the delivery worker reports it.
 */
import { describe, expect, it } from '@jest/globals';

import { TEAMS_RATE_LIMITS } from '../domain/delivery';
import { DeliveryRateLimiter } from './rate-limiter';

type Reading = 'accepted' | 'requests';

/** A small deterministic PRNG (mulberry32), so every run sees the same jitter. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Outcome {
  /** What the limit counted (accepted sends, or every request), per second of the run, as a share of the limit. */
  readonly ratio: number;
  readonly delivered: number;
  readonly overLimit: number;
  readonly random: number;
  /** The most arrivals the service counted in any one second. */
  readonly busiestSecond: number;
}

function simulate(limiter: DeliveryRateLimiter, reading: Reading, opts: { seconds: number; seed: number; jitterMs: number; stallEvery?: number; limit?: number }): Outcome {
  const limit = opts.limit ?? 50;
  const random = seeded(opts.seed);
  const durationMs = opts.seconds * 1000;
  // Events in time order: a request arriving at the service, or its answer coming back.
  const events: { at: number; kind: 'arrive' | 'answer'; reservedAt: number; throttled?: boolean }[] = [];
  const push = (e: (typeof events)[number]) => {
    let i = events.length;
    while (i > 0 && (events[i - 1]?.at as number) > e.at) i--;
    events.splice(i, 0, e);
  };
  const window: number[] = [];
  const counted: number[] = [];
  let delivered = 0;
  let overLimit = 0;
  let randomThrottled = 0;
  let busiestSecond = 0;
  let nextTry = 0;
  let n = 0;
  while (nextTry < durationMs || events.length > 0) {
    const event = events[0];
    if (event && (event.at <= nextTry || nextTry >= durationMs)) {
      events.shift();
      const now = event.at;
      if (event.kind === 'answer') {
        limiter.answered('t1', event.reservedAt, now, event.throttled ? { retryAfterMs: 1000 } : undefined);
        continue;
      }
      while (window.length > 0 && (window[0] as number) <= now - 1000) window.shift();
      const over = window.length >= limit;
      if (reading === 'requests') window.push(now);
      busiestSecond = Math.max(busiestSecond, window.length);
      if (reading === 'requests' && now < durationMs) counted.push(now);
      if (over || random() < 0.02) {
        if (over) overLimit++;
        else randomThrottled++;
        push({ at: now + 5, kind: 'answer', reservedAt: event.reservedAt, throttled: true });
        continue;
      }
      if (reading === 'accepted') {
        window.push(now);
        busiestSecond = Math.max(busiestSecond, window.length);
        if (now < durationMs) counted.push(now);
      }
      delivered++;
      push({ at: now + 5, kind: 'answer', reservedAt: event.reservedAt });
      continue;
    }
    const now = nextTry;
    const r = limiter.reserve('t1', `c-${n}`, now);
    if ('waitMs' in r) {
      nextTry = now + r.waitMs;
      continue;
    }
    n++;
    // Most requests take 5–5+jitter ms to arrive; a stall holds one back much longer, and
    // those sent after it catch up with it.
    const stalled = opts.stallEvery !== undefined && random() < 1 / opts.stallEvery;
    push({ at: now + 5 + random() * opts.jitterMs + (stalled ? 80 : 0), kind: 'arrive', reservedAt: r.reservedAt });
  }
  return { ratio: counted.length / (limit * opts.seconds), delivered, overLimit, random: randomThrottled, busiestSecond };
}

describe('the tenant budget under arrival jitter (simulated, fake clock)', () => {
  // Every request counts, so under the `accepted` reading the 2% random 429s are requests not
  // delivered: at most 0.98 × the pace (0.995 of the limit) = 0.975.
  const floor = { accepted: 0.965, requests: 0.985 } as const;
  for (const reading of ['accepted', 'requests'] as const) {
    it(`counting ${reading}: no second of arrivals holds more than the limit, and the pace uses at least ${floor[reading]} of it`, () => {
      for (const seed of [1, 2, 3]) {
        const limiter = new DeliveryRateLimiter(TEAMS_RATE_LIMITS);
        const outcome = simulate(limiter, reading, { seconds: 120, seed, jitterMs: 8 });
        expect(outcome).toMatchObject({ overLimit: 0 });
        expect(outcome.busiestSecond).toBeLessThanOrEqual(50);
        expect(outcome.ratio).toBeGreaterThanOrEqual(floor[reading]);
      }
    });
  }

  it('counting requests, with stalls that hold requests back on their way and bunch arrivals up: still none over the limit', () => {
    for (const seed of [7, 8, 9]) {
      const limiter = new DeliveryRateLimiter(TEAMS_RATE_LIMITS);
      const outcome = simulate(limiter, 'requests', { seconds: 120, seed, jitterMs: 15, stallEvery: 100 });
      // About 5,900 requests and 59 stalls of 80 ms. Held at send time instead of arrival, each
      // stall could put one over the limit, and under this reading each 429 counts too.
      expect(outcome).toMatchObject({ overLimit: 0 });
      expect(outcome.busiestSecond).toBeLessThanOrEqual(50);
      expect(outcome.ratio).toBeGreaterThanOrEqual(0.98);
    }
  });
});

describe('the request cap (AIMD)', () => {
  it('tightens after a burst of 429s and climbs back once they stop', () => {
    const limiter = new DeliveryRateLimiter(TEAMS_RATE_LIMITS, { headroom: 0.97 });
    let now = 0;
    // A quiet minute at the pace, 1 in 50 requests throttled: the random share it learns.
    for (let n = 0; now < 60_000; n++) {
      const r = limiter.reserve('t1', `a-${n}`, now);
      if ('waitMs' in r) now += r.waitMs;
      else limiter.answered('t1', r.reservedAt, now, n % 50 === 0 ? { retryAfterMs: 1000 } : undefined);
    }
    expect(limiter.requestFactor('t1', now)).toBe(1);
    // Then eight 429s within 160 ms: far more than 2% explains.
    for (let k = 0; k < 8; k++) limiter.answered('t1', now - 1000 + k, now + 20 * k, { retryAfterMs: 1000 });
    now += 200;
    const tightened = limiter.requestFactor('t1', now);
    expect(tightened).toBeLessThan(0.95);
    // The next seconds' requests stay under the tightened cap…
    const sent: number[] = [];
    const until = now + 5_000;
    while (now < until) {
      const r = limiter.reserve('t1', `b-${sent.length}`, now);
      if ('waitMs' in r) now += r.waitMs;
      else {
        sent.push(now);
        limiter.answered('t1', r.reservedAt, now);
      }
    }
    expect(sent.filter((t) => t >= until - 1000).length).toBeLessThanOrEqual(Math.ceil(50 * 0.97 * (tightened + 0.05)) /* it climbs 1% a second */);
    // …and without further 429s it is back at full within half a minute.
    expect(limiter.requestFactor('t1', now + 30_000)).toBe(1);
  });
});
