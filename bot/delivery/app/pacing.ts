/**
 * The pacing primitives of the delivery rate limiter (rate-limiter.ts), as pure logic over a
 * clock in milliseconds: sliding windows (at most `limit` events in ANY window — how a
 * throttling service counts), the same for requests counted where they arrive, and an even
 * pacer (one event per interval, on a schedule that keeps its place when a caller wakes late).
 */

/**
 * Events held to several sliding-window limits at once — a conversation's 7 / 1 s, 8 / 2 s,
 * 60 / 30 s and 1800 / h: at most each `limit` in ANY window of its length. The same events count
 * in every window, so one list of their times serves all the limits, and a conversation that was
 * sent one card in the last hour costs one number (a list per limit cost ~1.2 KB per
 * conversation, kept for the hour: 6 MB after a 5,000-card fan-out).
 */
export class SlidingWindows {
  private readonly times: number[] = [];
  private readonly longestMs: number;

  /** `limits`: [limit, windowMs] pairs, shared by every SlidingWindows of the same limits (not copied). */
  constructor(private readonly limits: readonly (readonly [number, number])[]) {
    for (const [limit, windowMs] of limits) if (!(limit >= 1) || !(windowMs > 0)) throw new Error(`Invalid window ${limit}/${windowMs}ms`);
    this.longestMs = Math.max(0, ...limits.map(([, ms]) => ms));
  }

  /** How long from `now` until one more event fits every window (0: now). */
  waitMs(now: number): number {
    this.evict(now);
    const n = this.times.length;
    let earliest = -Infinity;
    // In each window, the (limit)-th most recent event must leave it first.
    for (const [limit, windowMs] of this.limits) if (n >= limit) earliest = Math.max(earliest, (this.times[n - limit] as number) + windowMs);
    return Math.max(0, earliest - now);
  }

  /** Records an event; the caller asked `waitMs` first, which dropped the events out of every window. */
  record(now: number): void {
    this.times.push(now);
  }

  /** The time of the latest event, or -Infinity. */
  get last(): number {
    return this.times.length > 0 ? (this.times[this.times.length - 1] as number) : -Infinity;
  }

  private evict(now: number): void {
    let drop = 0;
    while (drop < this.times.length && (this.times[drop] as number) <= now - this.longestMs) drop++;
    if (drop > 0) this.times.splice(0, drop);
  }
}

/** How a rate, possibly fractional (a share of the tenant budget, e.g. 50/3), is counted: `floor(rate)` events per `floor(rate)/rate` seconds. */
export function windowOfRate(perSecond: number): { readonly limit: number; readonly windowMs: number } {
  const limit = Math.max(1, Math.floor(perSecond));
  return { limit, windowMs: (1000 * limit) / perSecond };
}

/**
 * How many recent round trips the fastest is taken over: enough that the fastest seen is close to
 * the fastest there is (over 64, a request could be faster than all of them by a millisecond or
 * more, and arrive that much sooner than counted — seen in the simulation with 15 ms of jitter).
 */
const ROUND_TRIPS_KEPT = 1024;
/** How many before the fastest of them is taken as the fastest there is. */
const ROUND_TRIPS_TO_TRUST = 16;

/** An answered request: when it left and when its answer came. */
interface Answered {
  readonly at: number;
  readonly answeredAt: number;
}

/** Inserts `entry` into `sorted`, ascending by answer time. */
function insertByAnswer(sorted: Answered[], entry: Answered): void {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as Answered).answeredAt <= entry.answeredAt) lo = mid + 1;
    else hi = mid;
  }
  sorted.splice(lo, 0, entry);
}

/**
 * At most `limit` requests ARRIVING in any `windowMs` — how a throttling service counts — where
 * only the time each request left is known. An answered request counts at its estimated
 * arrival: when it left, plus whatever its round trip took beyond the fastest recent one (all of
 * it assumed to be on the way there: an event-loop stall before the write, a token fetched first,
 * a slow network, a busy service). A request not answered yet counts as arriving now, however
 * long it has been out: it may arrive any moment. So a request held up on its way — which may
 * arrive after requests sent later — pushes back the slot a window later by its delay, and
 * arrivals keep to the limit however they bunched up; `marginMs` covers clocks that count whole
 * milliseconds.
 */
export class ArrivalWindow {
  /** Send times of the requests not answered yet. */
  private outstanding: number[] = [];
  /**
   * Answered requests that may still be in the window, by answer time — which orders them by
   * estimated arrival too: each arrived at its answer time less the fastest round trip (the
   * way back, at its quickest), never before it left.
   */
  private arrivals: Answered[] = [];
  /** Send times over the last second, ascending (for `sentSince`). */
  private sent: number[] = [];
  private roundTrips: number[] = [];
  private fastest = Infinity;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly marginMs = 1,
  ) {
    if (!(limit >= 1) || !(windowMs > 0)) throw new Error(`Invalid window ${limit}/${windowMs}ms`);
  }

  /** How long from `now` until one more request fits (0: now). */
  waitMs(now: number): number {
    this.evict(now);
    const room = this.limit - this.outstanding.length;
    if (room <= 0) return this.windowMs / this.limit; // all on their way: look again once some are answered
    if (this.arrivals.length < room) return 0;
    // The room-th latest answered arrival must leave the window first. The fastest is read now,
    // not when each was answered: round trips all held up alike (a token fetched first) would
    // otherwise each look fast against the others.
    const decisive = this.arrivals[this.arrivals.length - room] as Answered;
    const arrival = decisive.answeredAt - Math.min(this.trustedFastest(), decisive.answeredAt - decisive.at);
    return Math.max(0, arrival + this.windowMs + this.marginMs - now);
  }

  record(now: number): void {
    this.outstanding.push(now);
    this.sent.push(now);
  }

  /** The request that left at `at` was answered at `now` (with anything: a 201, a 429, an error). */
  answered(at: number, now: number): void {
    const roundTripMs = Math.max(0, now - at);
    this.roundTrips.push(roundTripMs);
    this.fastest = Math.min(this.fastest, roundTripMs);
    if (this.roundTrips.length > ROUND_TRIPS_KEPT && this.roundTrips.shift() === this.fastest) this.fastest = Math.min(...this.roundTrips);
    const i = this.outstanding.indexOf(at);
    if (i < 0) return; // not one of this window's (answered twice, or sent before a restart)
    this.outstanding.splice(i, 1);
    insertByAnswer(this.arrivals, { at, answeredAt: now });
  }

  /** How many requests left after `since` (at most a second ago). */
  sentSince(since: number): number {
    return this.sent.filter((t) => t > since).length;
  }

  /** Carries the requests still on their way or in the window, and the round trips, over from `old`. */
  carryOver(old: ArrivalWindow): void {
    this.outstanding = [...old.outstanding];
    this.arrivals = [...old.arrivals];
    this.sent = [...old.sent];
    this.roundTrips = [...old.roundTrips];
    this.fastest = old.fastest;
  }

  /** Nothing on its way and nothing left in the window. */
  idle(now: number): boolean {
    this.evict(now);
    return this.outstanding.length === 0 && this.arrivals.length === 0;
  }

  /** The fastest round trip seen; until enough are known to tell, 0: the whole of each counts as the way there. */
  private trustedFastest(): number {
    return this.roundTrips.length >= ROUND_TRIPS_TO_TRUST ? this.fastest : 0;
  }

  private evict(now: number): void {
    let drop = 0;
    while (drop < this.arrivals.length && (this.arrivals[drop] as Answered).answeredAt + this.windowMs + this.marginMs <= now) drop++;
    if (drop > 0) this.arrivals.splice(0, drop);
    drop = 0;
    while (drop < this.sent.length && (this.sent[drop] as number) <= now - Math.max(1000, this.windowMs)) drop++;
    if (drop > 0) this.sent.splice(0, drop);
  }
}

/**
 * One event every `1000 / perSecond` ms, on a schedule (GCRA's theoretical arrival time): an
 * event may go once its slot is due, and a caller waking up to `catchUpMs` late keeps the
 * schedule — the next slot is counted from when this one was due, not from when it was taken —
 * so timer lateness and short event-loop stalls do not erode the rate (the slots missed go
 * at once, a few at most). Being late by more than that is not made up: a pacer that caught up
 * on a long stall would send its backlog in one burst.
 */
export class EvenPacer {
  private due = -Infinity;
  private intervalMs: number;

  constructor(
    perSecond: number,
    private readonly catchUpMs: number,
  ) {
    this.intervalMs = EvenPacer.interval(perSecond);
  }

  /** How long from `now` until the next event may go (0: now). */
  waitMs(now: number): number {
    return Math.max(0, this.due - now);
  }

  record(now: number): void {
    // Late by at most `catchUpMs`: the schedule holds. Later (idle, or a long stall): it restarts now.
    this.due = (now - this.due <= this.catchUpMs ? this.due : now) + this.intervalMs;
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
