import { describe, expect, it } from '@jest/globals';

import { TEAMS_RATE_LIMITS } from '../domain/delivery';
import { SlidingWindow, windowForRate } from './pacing';
import { DeliveryRateLimiter } from './rate-limiter';

/** Reserves a send; 0 when reserved, else how long to wait (the shape most tests want). */
function tryAcquire(limiter: DeliveryRateLimiter, tenant: string, conversation: string, now: number): number {
  const r = limiter.reserve(tenant, conversation, now);
  return 'reservedAt' in r ? 0 : r.waitMs;
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

describe('SlidingWindow', () => {
  it('allows `limit` events in any window and says how long to wait for the next', () => {
    const w = new SlidingWindow(3, 1000);
    for (const t of [0, 10, 20]) {
      expect(w.waitMs(t)).toBe(0);
      w.record(t);
    }
    expect(w.waitMs(500)).toBe(500);
    expect(w.waitMs(1000)).toBe(0);
  });

  it('turns a fractional rate into a window that holds it exactly', () => {
    const w = windowForRate(50 / 3);
    expect(w.limit).toBe(16);
    expect(w.windowMs).toBeCloseTo(960);
  });
});

describe('DeliveryRateLimiter', () => {
  it('holds a tenant to its budget per second, and uses all of it but the request headroom (1%)', () => {
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
    // 25/s, less the first second's 50 requests still inside the ten-second cap on requests.
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
      const r = limiter.reserve('t1', `b-${after.length}`, now);
      if ('waitMs' in r) now += r.waitMs;
      else after.push(now);
    }
    expect(after.length).toBeGreaterThanOrEqual(110);
    expect(maxInWindow(after, 1000)).toBeLessThanOrEqual(25);
  });

  it('paces counted sends below the limit, gives an occasionally throttled send its slot back, and never exceeds the limit in requests', () => {
    const limiter = new DeliveryRateLimiter(TEAMS_RATE_LIMITS, { headroom: 0.9 });
    // Every 20th request is throttled (429).
    const requests: number[] = [];
    const counted: number[] = [];
    let now = 0;
    while (now < 10_000) {
      const r = limiter.reserve('t1', `c-${requests.length}`, now);
      if ('waitMs' in r) {
        now += r.waitMs;
        continue;
      }
      requests.push(r.reservedAt);
      if (requests.length % 20 === 0) limiter.throttled('t1', r.reservedAt, now + 5);
      else counted.push(r.reservedAt);
    }
    // Without refunds 45 requests/s of which 95% count: ~427 in 10 s.
    expect(maxInWindow(counted, 1000)).toBeLessThanOrEqual(45);
    expect(counted.length).toBeGreaterThanOrEqual(440);
    expect(maxInWindow(requests, 1000)).toBeLessThanOrEqual(50);
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
        limiter.throttled('t1', r.reservedAt, now + 5, 1000); // Teams throttles everything
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
