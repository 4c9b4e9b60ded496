/** Small ports for time and identifiers, so use cases are deterministic under test. */

export interface Clock {
  now(): Date;
}

export interface IdSource {
  /** A new unique id, optionally with a readable prefix (`wi_…`). */
  next(prefix?: string): string;
}

export const systemClock: Clock = { now: () => new Date() };
