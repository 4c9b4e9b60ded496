/**
 * The pacing primitives of the delivery rate limiter (rate-limiter.ts), as pure logic over a
 * clock in milliseconds: a sliding window (at most `limit` events in ANY window — how a
 * throttling service counts), the same for requests counted where they arrive, and an even
 * pacer (one event per interval, on a schedule that keeps its place when a caller wakes late).
 */

/** At most `limit` events in any `windowMs`. */
export class SlidingWindow {
  private readonly times: number[] = [];

  constructor(
    readonly limit: number,
    readonly windowMs: number,
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
    // The (limit)-th most recent event must leave the window first.
    return n < this.limit ? -Infinity : (this.times[n - this.limit] as number) + this.windowMs;
  }

  /** Records an event; the caller asked `waitMs` first, which dropped the events out of the window. */
  record(now: number): void {
    this.times.push(now);
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

/** How a rate, possibly fractional (a share of the tenant budget, e.g. 50/3), is counted: `floor(rate)` events per `floor(rate)/rate` seconds. */
export function windowOfRate(perSecond: number): { readonly limit: number; readonly windowMs: number } {
  const limit = Math.max(1, Math.floor(perSecond));
  return { limit, windowMs: (1000 * limit) / perSecond };
}

/** One request in an ArrivalWindow: when it left, and its round trip once answered. */
interface Sent {
  readonly at: number;
  roundTripMs?: number;
}

/** How many recent round trips the fastest is taken over. */
const ROUND_TRIPS_KEPT = 64;

/**
 * At most `limit` requests ARRIVING in any `windowMs` — how a throttling service counts — where
 * only the time each request left is known. Each is counted at its estimated arrival: when it
 * left, plus whatever its round trip took beyond the fastest recent one (all of it assumed to be
 * on the way there: an event-loop stall before the write, a slow network, a busy service), at
 * most `maxDelayMs` — a request unanswered that long is taken to have arrived. So a request
 * held up on its way — which may arrive after requests sent later — pushes back the slot a
 * window later by its delay, and arrivals keep to the limit however they bunched up; `marginMs`
 * covers clocks that count whole milliseconds.
 */
export class ArrivalWindow {
  private sent: Sent[] = [];
  private readonly roundTrips: number[] = [];

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly maxDelayMs = windowMs / 4,
    private readonly marginMs = 1,
  ) {
    if (!(limit >= 1) || !(windowMs > 0)) throw new Error(`Invalid window ${limit}/${windowMs}ms`);
  }

  /** How long from `now` until one more request fits (0: now). */
  waitMs(now: number): number {
    this.evict(now);
    if (this.sent.length < this.limit) return 0;
    const fastest = this.roundTrips.length > 0 ? Math.min(...this.roundTrips) : 0;
    const arrivals = this.sent.map((s) => this.arrival(s, now, fastest)).sort((a, b) => b - a);
    // The limit-th latest arrival must leave the window first.
    return Math.max(0, (arrivals[this.limit - 1] as number) + this.windowMs + this.marginMs - now);
  }

  record(now: number): void {
    this.sent.push({ at: now });
  }

  /** The request that left at `at` was answered at `now` (with anything: a 201, a 429, an error). */
  answered(at: number, now: number): void {
    const request = this.sent.find((s) => s.at === at && s.roundTripMs === undefined);
    const roundTripMs = Math.max(0, now - at);
    if (request) request.roundTripMs = roundTripMs;
    this.roundTrips.push(roundTripMs);
    if (this.roundTrips.length > ROUND_TRIPS_KEPT) this.roundTrips.shift();
  }

  /** How many requests left after `since` (within the last window and its delays). */
  sentSince(since: number): number {
    return this.sent.filter((s) => s.at > since).length;
  }

  /** Carries the requests that may still be in the window, and the round trips, over from `old`. */
  carryOver(old: ArrivalWindow): void {
    this.sent = [...old.sent];
    this.roundTrips.push(...old.roundTrips);
  }

  /** The latest time a request was recorded, or -Infinity. */
  get last(): number {
    return this.sent.at(-1)?.at ?? -Infinity;
  }

  private arrival(request: Sent, now: number, fastest: number): number {
    const delay = Math.max(0, (request.roundTripMs ?? now - request.at) - fastest);
    return request.at + Math.min(delay, this.maxDelayMs);
  }

  /** Drops requests that arrived a window ago however late they were. */
  private evict(now: number): void {
    let drop = 0;
    while (drop < this.sent.length && (this.sent[drop] as Sent).at + this.maxDelayMs + this.windowMs + this.marginMs <= now) drop++;
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
    private readonly catchUpMs = 2,
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
