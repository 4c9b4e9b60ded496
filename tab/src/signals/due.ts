/**
 * Due-time badges: how long until (or since) the current step's work is due, in words,
 * so the state never rests on colour alone.
 */
import { addDays, durationText, formatDateTime } from '../shared/dates';
import type { Signal, SignalState } from './types';

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

/** Work due within this span (a day) is flagged as due soon. */
const SOON_MS = addDays(0, 1);

/** The due time of a signal's current step, if the state has one. */
export function dueAtOf(signal: Pick<Signal, 'state' | 'dueAt' | 'deferredUntil'>): string | undefined {
  if (!DUE_STEP[signal.state]) return undefined;
  return signal.state === 'deferred' ? (signal.deferredUntil ?? signal.dueAt) : signal.dueAt;
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
    const text = `Overdue by ${durationText(-left)}`;
    return { tone: 'overdue', text, label: `${step} overdue by ${durationText(-left)} (${when})`, overdue: true };
  }
  const text = `Due in ${durationText(left)}`;
  return { tone: left < SOON_MS ? 'soon' : 'later', text, label: `${step} ${text.toLowerCase()} (${when})`, overdue: false };
}
