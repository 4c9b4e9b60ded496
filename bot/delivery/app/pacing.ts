/**
 * The two pacing primitives of the delivery rate limiter (rate-limiter.ts), as pure logic over
 * a clock in milliseconds: a sliding window (at most `limit` events in ANY window — how a
 * throttling service counts) and an even pacer (one event per interval, on a schedule that
 * keeps its place when a caller wakes a little late).
 */

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

/**
 * One event every `1000 / perSecond` ms, on a schedule (GCRA's theoretical arrival time): an
 * event may go once its slot is due, and a caller waking up to `catchUpMs` late keeps the
 * schedule — the next slot is counted from when this one was due, not from when it was taken —
 * so timer lateness does not erode the rate. Being late by more than that is not made up: a
 * pacer that caught up on a long stall would send its backlog in one burst.
 */
export class EvenPacer {
  private due = -Infinity;
  private intervalMs: number;

  constructor(
    perSecond: number,
    private readonly catchUpMs = 2,
  ) {
    this.intervalMs = EvenPacer.interval(perSecond);
  }

  /** How long from `now` until the next event may go (0: now). */
  waitMs(now: number): number {
    return Math.max(0, this.due - now);
  }

  record(now: number): void {
    this.due = Math.max(this.due, now - this.catchUpMs) + this.intervalMs;
  }

  /** A new rate from now on; the slot already due stays where it is. */
  setRate(perSecond: number): void {
    this.intervalMs = EvenPacer.interval(perSecond);
  }

  private static interval(perSecond: number): number {
    if (!(perSecond > 0)) throw new Error(`Invalid rate ${perSecond}/s`);
    return 1000 / perSecond;
  }
}
