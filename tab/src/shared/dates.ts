/**
 * Every date and time the tab shows or puts in a date input. Shown dates follow the reader's
 * locale (Teams gives the tab the user's language), so one format reads the same on every page;
 * what is not a valid time is shown as it came rather than as "Invalid Date".
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const DATE: Intl.DateTimeFormatOptions = { dateStyle: 'medium' };
const DATE_TIME: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
const TIME: Intl.DateTimeFormatOptions = { timeStyle: 'medium' };
const MONTH: Intl.DateTimeFormatOptions = { month: 'short', year: 'numeric' };

function format(ms: number, options: Intl.DateTimeFormatOptions, locale: string | undefined): string {
  return new Intl.DateTimeFormat(locale, options).format(ms);
}

const DAY_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A day, e.g. "3 Dec 2026" (en-GB) or "Dec 3, 2026" (en-US). A date-only `YYYY-MM-DD` is that
 * calendar day wherever the reader is (parsed as an instant, it would be midnight UTC: the day
 * before, west of Greenwich).
 */
export function formatDate(iso: string, locale?: string): string {
  const day = DAY_ONLY.exec(iso);
  const ms = day ? new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3])).getTime() : Date.parse(iso);
  return Number.isNaN(ms) ? iso : format(ms, DATE, locale);
}

/** The month of a `YYYY-MM-DD` day, e.g. "Dec 2026": a timeline's scale. */
export function formatMonth(day: string, locale?: string): string {
  const m = DAY_ONLY.exec(day);
  return m ? format(new Date(Number(m[1]), Number(m[2]) - 1, 1).getTime(), MONTH, locale) : day;
}

/** A day and a time to the minute, e.g. "3 Dec 2026, 17:00". */
export function formatDateTime(iso: string, locale?: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : format(ms, DATE_TIME, locale);
}

/** A time of day to the second, e.g. "17:00:05": when a live view last refreshed. */
export const formatTime = (ms: number, locale?: string): string => format(ms, TIME, locale);

const startOfDay = (ms: number): number => new Date(ms).setHours(0, 0, 0, 0);

/** Calendar days (in the reader's time zone) from `now` to `iso`; negative when past. */
function daysUntil(iso: string, now: number): number {
  const due = Date.parse(iso);
  if (Number.isNaN(due)) return Number.NaN;
  return Math.round((startOfDay(due) - startOfDay(now)) / DAY_MS);
}

/** A day relative to today: "today", "tomorrow", "in 5 days", "a day ago", "2 days ago". */
export function relativeDay(iso: string, now: number): string {
  const days = daysUntil(iso, now);
  if (Number.isNaN(days)) return '';
  if (days < 0) return days === -1 ? 'a day ago' : `${-days} days ago`;
  if (days === 0) return 'today';
  return days === 1 ? 'tomorrow' : `in ${days} days`;
}

const plural = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'}`;

/**
 * A span of time in whole units, to the nearest: "7 days", "5 hours", "under an hour". Every
 * due badge says its time through this one rule. Not rounded down: a deadline is set whole days
 * ahead, so rounding down made a page whose clock ticked a minute later read a day less than
 * one opened before (6 days on the EPMO queue, 7 on the signal page, for the same signal).
 */
export function durationText(ms: number): string {
  if (ms < HOUR_MS) return 'under an hour';
  const hours = Math.round(ms / HOUR_MS);
  return hours < 24 ? plural(hours, 'hour') : plural(Math.round(ms / DAY_MS), 'day');
}

/** `days` calendar days after `from` (same time of day): e.g. a default response-by day. */
export const addDays = (from: number, days: number): number => from + days * DAY_MS;

/** `from` plus `days` working days (Monday to Friday, reader's calendar), for previewing a due date. */
export function addWorkingDays(from: number, days: number): Date {
  const d = new Date(from);
  let left = days;
  while (left > 0) {
    d.setDate(d.getDate() + 1);
    const day = d.getDay();
    if (day !== 0 && day !== 6) left--;
  }
  return d;
}

/** `YYYY-MM-DD` of a time in UTC: the day as the server reads a date-only field. */
export const utcDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** `YYYY-MM-DD` of an ISO time in the reader's time zone, for date inputs; empty when there is none. */
export function toDateInput(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * A date input's `YYYY-MM-DD` as the end of that working day (17:00 local), as an ISO time:
 * "due on the 12th" means by close of business, not midnight before it.
 */
export function fromDateInput(value: string): string | undefined {
  const m = DAY_ONLY.exec(value);
  if (!m) return undefined;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 17, 0, 0, 0);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}
