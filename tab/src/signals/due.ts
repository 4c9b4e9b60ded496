/**
 * Due-time badges: how long until (or since) the current step's work is due, in words,
 * so the state never rests on colour alone.
 */
import type { Signal, SignalState } from './types';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The step a due time belongs to, as people say it. */
export const DUE_STEP: Readonly<Partial<Record<SignalState, string>>> = {
  raised: 'Triage',
  triaged: 'Analysis',
  analysing: 'Analysis',
  escalated: 'Decision',
  deferred: 'Revisit',
};

export type DueTone = 'overdue' | 'soon' | 'later';

export interface DueInfo {
  readonly tone: DueTone;
  /** Short badge text: `Due in 3 days`, `Due in 5 hours`, `Overdue by 2 days`. */
  readonly text: string;
  /** Full sentence for screen readers and tooltips: `Triage overdue by 2 days (due 12 Mar 2026, 09:00)`. */
  readonly label: string;
  readonly overdue: boolean;
}

const plural = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** `3 days`, `5 hours`, `under an hour`. */
export function spanText(ms: number): string {
  if (ms >= DAY_MS) return plural(Math.floor(ms / DAY_MS), 'day');
  if (ms >= HOUR_MS) return plural(Math.floor(ms / HOUR_MS), 'hour');
  return 'under an hour';
}

/** Work due within this span is flagged as due soon. */
export const SOON_MS = DAY_MS;

/** The due time of a signal's current step, if the state has one. */
export function dueAtOf(signal: Pick<Signal, 'state' | 'dueAt' | 'deferredUntil'>): string | undefined {
  if (!DUE_STEP[signal.state]) return undefined;
  return signal.state === 'deferred' ? (signal.deferredUntil ?? signal.dueAt) : signal.dueAt;
}

export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function formatDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
}

/** The badge for a signal's current step, or `undefined` when nothing is due (done states). */
export function dueInfo(signal: Pick<Signal, 'state' | 'dueAt' | 'deferredUntil'>, now: number): DueInfo | undefined {
  const step = DUE_STEP[signal.state];
  const at = dueAtOf(signal);
  if (!step || !at) return undefined;
  const due = Date.parse(at);
  if (Number.isNaN(due)) return undefined;
  const left = due - now;
  const when = `due ${formatDateTime(at)}`;
  if (left < 0) {
    const text = `Overdue by ${spanText(-left)}`;
    return { tone: 'overdue', text, label: `${step} overdue by ${spanText(-left)} (${when})`, overdue: true };
  }
  const text = `Due in ${spanText(left)}`;
  return { tone: left < SOON_MS ? 'soon' : 'later', text, label: `${step} ${text.toLowerCase()} (${when})`, overdue: false };
}

/** `YYYY-MM-DD` of an ISO time in the browser's zone, for date inputs. */
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
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return undefined;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 17, 0, 0, 0);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** `from` plus `days` working days (Monday to Friday), for previewing a decision due date. */
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
