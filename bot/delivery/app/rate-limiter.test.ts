import { describe, expect, it } from '@jest/globals';

import { TEAMS_RATE_LIMITS } from '../domain/delivery';
import { ArrivalWindow, SlidingWindows, windowOfRate } from './pacing';
import { DeliveryRateLimiter } from './rate-limiter';

/** Reserves a send, answered at once; 0 when reserved, else how long to wait (the shape most tests want). */
function tryAcquire(limiter: DeliveryRateLimiter, tenant: string, conversation: string, now: number): number {
  const r = limiter.reserve(tenant, conversation, now);
  if (!('reservedAt' in r)) return r.waitMs;
  limiter.answered(tenant, r.reservedAt, now);
  return 0;
}

/** Sends as fast as the limiter allows over `durationMs` of fake time; returns send times. */
function drive(limiter: DeliveryRateLimiter, pick: (i: number) => [string, string], durationMs: number): number[] {
  const times: number[] = [];
  let now = 0;
  let i = 0;
  while (now < durationMs) {
    const [tenant, conversation] = pick(i);
    const wait = tryAcquire(limiter, tenant, conversation, now);
    if (wait === 0) {
      times.push(now);
      i++;
    } else {
      now += wait;
    }
  }
  return times;
}

/** The most events in any window of `windowMs`. */
function maxInWindow(times: number[], windowMs: number): number {
  let best = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while ((times[end] as number) - (times[start] as number) >= windowMs - 1e-6) start++; // float sums of gaps
    best = Math.max(best, end - start + 1);
  }
  return best;
}

describe('SlidingWindows', () => {
  it('allows `limit` events in any window and says how long to wait for the next', () => {
    const w = new SlidingWindows([[3, 1000]]);
    for (const t of [0, 10, 20]) {
      expect(w.waitMs(t)).toBe(0);
      w.record(t);
    }
    expect(w.waitMs(500)).toBe(500);
    expect(w.waitMs(1000)).toBe(0);
  });

  it('holds every limit at once over the same events: the longest wait wins, and an event stays counted for the longest window', () => {
    const w = new SlidingWindows([[2, 1000], [3, 10_000]]);
    for (const t of [0, 10]) {
      expect(w.waitMs(t)).toBe(0);
      w.record(t);
    }
    expect(w.waitMs(500)).toBe(500); // the 2 / 1 s window
    w.record(1000);
    expect(w.waitMs(1500)).toBe(8500); // the 3 / 10 s one: the first event leaves it at 10 s
    expect(w.waitMs(10_000)).toBe(0);
    w.record(10_000);
    expect(w.last).toBe(10_000);
  });

  it('turns a fractional rate into a window that holds it exactly', () => {
    const w = windowOfRate(50 / 3);
    expect(w.limit).toBe(16);
    expect(w.windowMs).toBeCloseTo(960);
  });
});

describe('ArrivalWindow', () => {
  /** A window that has seen enough 4-ms round trips (long ago) to trust 4 ms as the fastest. */
  function warmed(limit: number): ArrivalWindow {
    const w = new ArrivalWindow(limit, 1000);
    for (let i = 0; i < 16; i++) {
      w.record(-100_000 + 2000 * i);
      w.answered(-100_000 + 2000 * i, -100_000 + 2000 * i + 4);
    }
    return w;
  }

  it('allows `limit` requests in any window, with a millisecond to spare, when they all took the fastest round trip', () => {
    const w = warmed(3);
    for (const t of [0, 10, 20]) {
      expect(w.waitMs(t)).toBe(0);
      w.record(t);
      w.answered(t, t + 4);
    }
    expect(w.waitMs(500)).toBe(501);
    expect(w.waitMs(1001)).toBe(0);
  });

  it('counts a request slower than the fastest as arriving that much later, and so holds the next one back', () => {
    const w = warmed(1);
    w.record(0);
    w.answered(0, 4);
    expect(w.waitMs(1001)).toBe(0);
    w.record(1001);
    w.answered(1001, 1035); // 30 ms slower than the fastest: it may have reached Teams at 1031
    expect(w.waitMs(2002)).toBe(30);
  });

  it('counts a request held up behind later ones where it arrived', () => {
    const w = warmed(2);
    w.record(0);
    w.answered(0, 104); // arrived at 100, after the next one
    w.record(50);
    w.answered(50, 54);
    expect(w.waitMs(1051)).toBe(0);
    w.record(1051);
    w.answered(1051, 1055);
    // Arrivals at 50, 100 and 1051: the next must wait until 100 has left the window.
    expect(w.waitMs(1052)).toBe(49);
  });

  it('counts a request not answered yet as arriving now, however long it has been out', () => {
    const w = warmed(1);
    w.record(0);
    w.answered(0, 4);
    w.record(1001); // say, waiting for a token before it can leave
    expect(w.waitMs(1101)).toBeGreaterThan(0);
    expect(w.waitMs(10_000)).toBeGreaterThan(0);
    w.answered(1001, 10_000); // it may have arrived just now
    expect(w.waitMs(10_000)).toBe(997);
  });

  it('counts the whole round trip as the way there until it has seen enough to know the fastest', () => {
    const w = new ArrivalWindow(1, 1000);
    w.record(0);
    w.answered(0, 30);
    expect(w.waitMs(1001)).toBe(30);
  });
});

describe('DeliveryRateLimiter', () => {
  it('holds a tenant to its budget per second, and uses all of it but the headroom (0.5%)', () => {
    const limiter = new DeliveryRateLimiter(TEAMS_RATE_LIMITS);
    const times = drive(limiter, (i) => ['t1', `conv-${i}`], 10_000);
    expect(maxInWindow(times, 1000)).toBe(50);
    expect(times.length).toBeGreaterThanOrEqual(495);
    expect(times.length).toBeLessThanOrEqual(550);
  });

  it('spreads a tenant\'s sends out instead of sending a second\'s budget in one burst', () => {
    const limiter = new DeliveryRateLimiter(TEAMS_RATE_LIMITS);
    const times = drive(limiter, (i) => ['t1', `conv-${i}`], 1_000);
    const gaps = times.slice(1).map((t, i) => t - (times[i] as number));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(15);
    expect(maxInWindow(times, 100)).toBeLessThanOrEqual(7);
  });

  it('gives each tenant its own budget', () => {
    const limiter = new DeliveryRateLimiter(TEAMS_RATE_LIMITS);
    const times = drive(limiter, (i) => [i % 2 ? 't1' : 't2', `conv-${i}`], 1_000);
    expect(times.length).toBe(100);
  });

  it('holds one conversation to 7/1 s, 8/2 s and 60/30 s', () => {
    const limiter = new DeliveryRateLimiter(TEAMS_RATE_LIMITS);
    const times = drive(limiter, () => ['t1', 'busy'], 120_000);
    expect(maxInWindow(times, 1000)).toBeLessThanOrEqual(7);
    expect(maxInWindow(times, 2000)).toBeLessThanOrEqual(8);
    expect(maxInWindow(times, 30_000)).toBe(60);
    expect(times.length).toBeLessThanOrEqual(240);
    expect(times.length).toBeGreaterThanOrEqual(230);
  });

  it('holds one conversation to 1800 an hour', () => {
    const limiter = new DeliveryRateLimiter({ perTenantPerSecond: 1000, perConversation: [[1800, 3_600_000]] });
    const times = drive(limiter, () => ['t1', 'busy'], 2 * 3_600_000);
    expect(maxInWindow(times, 3_600_000)).toBe(1800);
  });

  it('splits the tenant budget between processes, carrying recent sends over', () => {
    const limiter = new DeliveryRateLimiter(TEAMS_RATE_LIMITS);
    const first = drive(limiter, (i) => ['t1', `a-${i}`], 1_000);
    expect(first.length).toBe(50);
    limiter.setShare(1 / 2);
    // The 50 sends of the last second still count: nothing more until they age out.
    expect(tryAcquire(limiter, 't1', 'x', 999)).toBeGreaterThan(0);
    let now = 1_000;
    let sent = 0;
    while (now < 11_000) {
      const wait = tryAcquire(limiter, 't1', `b-${sent}`, now);
      if (wait === 0) sent++;
      else now += wait;
    }
    // 25/s, once the first second's requests have left the window.
    expect(sent).toBeGreaterThanOrEqual(220);
    expect(sent).toBeLessThanOrEqual(255);
  });

  it('keeps sending at the new share after a long busy spell', () => {
    const limiter = new DeliveryRateLimiter(TEAMS_RATE_LIMITS, { headroom: 0.97 });
    const busy = drive(limiter, (i) => ['t1', `a-${i}`], 20_000);
    expect(busy.length).toBeGreaterThanOrEqual(960);
    limiter.setShare(1 / 2);
    let now = 20_000;
    const after: number[] = [];
    while (now < 25_000) {
      const wait = tryAcquire(limiter, 't1', `b-${after.length}`, now);
      if (wait > 0) now += wait;
      else after.push(now);
    }
    expect(after.length).toBeGreaterThanOrEqual(110);
    expect(maxInWindow(after, 1000)).toBeLessThanOrEqual(25);
  });

  it('counts every request, throttled or not: occasional 429s neither tighten the pace nor let more requests through', () => {
    const limiter = new DeliveryRateLimiter(TEAMS_RATE_LIMITS);
    // Every 40th request is throttled (429): Teams' own load, not ours.
    const requests: number[] = [];
    let now = 0;
    while (now < 10_000) {
      const r = limiter.reserve('t1', `c-${requests.length}`, now);
      if ('waitMs' in r) {
        now += r.waitMs;
        continue;
      }
      requests.push(r.reservedAt);
      limiter.answered('t1', r.reservedAt, now + 5, requests.length % 40 === 0 ? { retryAfterMs: 1000 } : undefined);
    }
    expect(maxInWindow(requests, 1000)).toBe(50);
    expect(requests.length).toBeGreaterThanOrEqual(495);
    expect(limiter.requestFactor('t1', now)).toBe(1);
  });

  it('backs the whole tenant off when throttling is heavy, and never exceeds the limit in requests', () => {
    const limiter = new DeliveryRateLimiter(TEAMS_RATE_LIMITS, { headroom: 0.97 });
    const requests: number[] = [];
    let now = 0;
    while (now < 10_000) {
      const r = limiter.reserve('t1', `c-${requests.length}`, now);
      if ('waitMs' in r) now += r.waitMs;
      else {
        requests.push(r.reservedAt);
        limiter.answered('t1', r.reservedAt, now + 5, { retryAfterMs: 1000 }); // Teams throttles everything
      }
    }
    expect(maxInWindow(requests, 1000)).toBeLessThanOrEqual(50);
    // A few requests, then a pause of the Retry-After, again and again (the request cap
    // tightening each time): nowhere near 50/s.
    expect(requests.length).toBeLessThanOrEqual(100);
    const gaps = requests.slice(1).map((t, i) => t - (requests[i] as number));
    expect(Math.max(...gaps)).toBeGreaterThanOrEqual(1000);
    // Only that tenant: another still sends at once.
    expect(limiter.reserve('t2', 'c', now)).toEqual({ reservedAt: now });
  });

  it('reports a conversation wait without reserving anything, and forgets idle conversations', () => {
    const limiter = new DeliveryRateLimiter({ ...TEAMS_RATE_LIMITS, perTenantPerSecond: 10_000 });
    for (let i = 0; i < 7; i++) expect(tryAcquire(limiter, 't1', 'c', i)).toBe(0);
    expect(limiter.conversationWaitMs('t1', 'c', 10)).toBe(990);
    expect(limiter.conversationWaitMs('t1', 'other', 10)).toBe(0);
    limiter.prune(10 + 3_600_000);
    expect(limiter.conversationWaitMs('t1', 'c', 10)).toBe(0);
  });
});
