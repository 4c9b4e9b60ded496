/**
 * Due times in working days (PRODUCT.md §4): Monday to Friday, minus configured holidays.
 * Days are counted in UTC; a due time keeps the time of day it started from, so "2 working days
 * after Friday 10:00" is Tuesday 10:00.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** `YYYY-MM-DD` of a date, in UTC. */
export const isoDate = (d: Date): string => d.toISOString().slice(0, 10);

export function isWorkingDay(d: Date, holidays: ReadonlySet<string> = new Set()): boolean {
  const day = d.getUTCDay();
  return day !== 0 && day !== 6 && !holidays.has(isoDate(d));
}

/**
 * The moment `days` working days after `from`. Each step moves one calendar day and counts it
 * only when it is a working day; non-working days are skipped. `days` must be a whole number ≥ 0.
 */
export function addWorkingDays(from: Date, days: number, holidays: ReadonlySet<string> = new Set()): Date {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${days}`);
  let at = from.getTime();
  let left = days;
  while (left > 0) {
    at += DAY_MS;
    if (isWorkingDay(new Date(at), holidays)) left -= 1;
  }
  return new Date(at);
}

/** Working days a state may take, per PRODUCT.md §4; configurable (bot/config, `SIGNAL_*_WORKING_DAYS`). */
export interface DuePolicy {
  /** From raised to triaged. */
  readonly triageDays: number;
  /** From triaged to escalated (or resolved or closed). */
  readonly analysisDays: number;
  /** Default time the EPMO has to decide, set at escalation. */
  readonly decisionDays: number;
  /** `YYYY-MM-DD` dates that are not working days. */
  readonly holidays: ReadonlySet<string>;
}

export const DEFAULT_DUE_POLICY: DuePolicy = { triageDays: 2, analysisDays: 10, decisionDays: 5, holidays: new Set() };
