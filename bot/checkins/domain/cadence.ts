/**
 * The weekly check-in cadence of a domain (PRODUCT.md §2): when its check-ins go out, when the
 * one reminder goes, when they are due. Wall-clock times are in the cadence's IANA time zone and
 * stay at the same local time across daylight-saving changes (09:00 stays 09:00), computed from
 * the offsets `Intl.DateTimeFormat` reports; no date library. Pure: the caller gives the instant.
 */

/*
 * The portfolio's words, restated: a feature's domain imports only the kernel, and these are
 * structurally the portfolio's `Weekday` and `CheckInCadence` (stored on its `Domain`).
 */
export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export interface CheckInCadence {
  readonly enabled: boolean;
  readonly weekday: Weekday;
  /** Local time of day, `HH:MM` (24 h). */
  readonly time: string;
  /** IANA time zone, e.g. `Europe/London`. */
  readonly timeZone: string;
  readonly answerWithinHours: number;
  readonly remindHoursBefore: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The local wall-clock time of `instantMs` in `timeZone`, as if it were UTC (ms). */
function wallClockMs(timeZone: string, instantMs: number): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instantMs))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return Date.UTC(parts['year'] ?? 1970, (parts['month'] ?? 1) - 1, parts['day'] ?? 1, parts['hour'] ?? 0, parts['minute'] ?? 0, parts['second'] ?? 0);
}

/** The zone's offset from UTC at `instantMs` (ms; positive east of Greenwich). */
const offsetMs = (timeZone: string, instantMs: number): number => wallClockMs(timeZone, Math.floor(instantMs / 1000) * 1000) - Math.floor(instantMs / 1000) * 1000;

/**
 * The instant a local wall-clock time (given as if UTC) happens in `timeZone`. A time that
 * happens twice (clocks going back) is the first; a time that never happens (clocks going
 * forward) is moved on by the gap, as a clock on the wall would show it (01:30 → 02:30).
 */
export function zonedInstant(timeZone: string, localMs: number): Date {
  const before = offsetMs(timeZone, localMs - DAY_MS);
  const after = offsetMs(timeZone, localMs + DAY_MS);
  const fits = [localMs - before, localMs - after].filter((t) => wallClockMs(timeZone, t) === localMs).sort((a, b) => a - b);
  return new Date(fits[0] ?? localMs - before);
}

const weekdayOf = (localMs: number): Weekday => WEEKDAYS[(new Date(localMs).getUTCDay() + 6) % 7] as Weekday;

function timeOfDayMs(time: string): number {
  const m = TIME.exec(time);
  return m ? Number(m[1]) * HOUR_MS + Number(m[2]) * 60_000 : 0;
}

/** The cadence's occurrences (instants) whose local day is within a week either side of `around`. */
function occurrencesAround(cadence: CheckInCadence, around: Date): Date[] {
  const local = wallClockMs(cadence.timeZone, around.getTime());
  const midnight = local - (local % DAY_MS);
  const out: Date[] = [];
  for (let d = -8; d <= 8; d++) {
    const day = midnight + d * DAY_MS;
    if (weekdayOf(day) === cadence.weekday) out.push(zonedInstant(cadence.timeZone, day + timeOfDayMs(cadence.time)));
  }
  return out;
}

/** The first time the cadence sends check-ins strictly after `after` (whether enabled or not). */
export function nextOccurrence(cadence: CheckInCadence, after: Date): Date {
  const next = occurrencesAround(cadence, after).find((t) => t.getTime() > after.getTime());
  if (!next) throw new Error(`no occurrence of the cadence within a week of ${after.toISOString()}`);
  return next;
}

/** The last time the cadence sent (or would have sent) check-ins at or before `atOrBefore`. */
export function previousOccurrence(cadence: CheckInCadence, atOrBefore: Date): Date {
  const prev = occurrencesAround(cadence, atOrBefore)
    .filter((t) => t.getTime() <= atOrBefore.getTime())
    .pop();
  if (!prev) throw new Error(`no occurrence of the cadence within a week of ${atOrBefore.toISOString()}`);
  return prev;
}

/** When the one reminder of check-ins sent at `sentAt` and due at `dueAt` goes: never before they were sent. */
export function reminderAt(cadence: Pick<CheckInCadence, 'remindHoursBefore'>, sentAt: Date, dueAt: Date): Date {
  return new Date(Math.max(sentAt.getTime(), dueAt.getTime() - cadence.remindHoursBefore * HOUR_MS));
}
