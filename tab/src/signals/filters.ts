/** The PMO inbox's pure view logic: filtering, search, ordering and grouping by state. */
import { dueAtOf } from './due';
import { type Signal, type SignalKind, type SignalState, type Urgency, SIGNAL_STATES, URGENCY_RANK, signalRef } from './types';

/** What the inbox needs of a signal. */
export type InboxSignal = Pick<Signal, 'id' | 'number' | 'kind' | 'title' | 'details' | 'urgency' | 'domainId' | 'raisedBy' | 'state' | 'dueAt' | 'deferredUntil' | 'createdAt'>;

export interface InboxFilters {
  readonly kinds: readonly SignalKind[];
  readonly urgencies: readonly Urgency[];
  readonly states: readonly SignalState[];
  readonly domains: readonly string[];
  /** Free text matched against the reference (`S-12`), title, details and raiser. */
  readonly search: string;
}

export const NO_INBOX_FILTERS: InboxFilters = { kinds: [], urgencies: [], states: [], domains: [], search: '' };

export const hasActiveInboxFilters = (f: InboxFilters): boolean =>
  f.kinds.length > 0 || f.urgencies.length > 0 || f.states.length > 0 || f.domains.length > 0 || f.search.trim() !== '';

const normalise = (s: string): string => s.toLocaleLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');

/** Every word of the query must appear somewhere (`S-12`, title, details or raiser). */
export function matchesSignalSearch(signal: InboxSignal, query: string): boolean {
  const words = normalise(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = normalise([signal.title, signal.details, signal.raisedBy.displayName].join(' '));
  const ref = normalise(signalRef(signal));
  // A reference matches exactly (`S-1` is not `S-12`); other words match anywhere.
  return words.every((w) => (/^s-?\d+$/.test(w) ? ref === w.replace(/^s-?/, 's-') : haystack.includes(w)));
}

export function filterSignals<T extends InboxSignal>(signals: readonly T[], f: InboxFilters): T[] {
  return signals.filter(
    (s) =>
      (f.kinds.length === 0 || f.kinds.includes(s.kind)) &&
      (f.urgencies.length === 0 || f.urgencies.includes(s.urgency)) &&
      (f.states.length === 0 || f.states.includes(s.state)) &&
      (f.domains.length === 0 || f.domains.includes(s.domainId)) &&
      matchesSignalSearch(s, f.search),
  );
}

/**
 * Most pressing first: earliest due (overdue at the top), then most urgent, then oldest.
 * Signals with nothing due come after those with a due time.
 */
export function compareSignals(a: InboxSignal, b: InboxSignal): number {
  const da = dueAtOf(a);
  const db = dueAtOf(b);
  if (da && db && da !== db) return Date.parse(da) - Date.parse(db);
  if (da && !db) return -1;
  if (!da && db) return 1;
  const urgency = URGENCY_RANK[b.urgency] - URGENCY_RANK[a.urgency];
  if (urgency !== 0) return urgency;
  return a.createdAt.localeCompare(b.createdAt) || a.number - b.number;
}

export interface StateGroup<T> {
  readonly state: SignalState;
  readonly signals: readonly T[];
}

/** Non-empty groups in inbox order (work for the PMO first), each sorted by `compareSignals`. */
export function groupByState<T extends InboxSignal>(signals: readonly T[]): StateGroup<T>[] {
  return SIGNAL_STATES.map((state) => ({ state, signals: signals.filter((s) => s.state === state).sort(compareSignals) })).filter(
    (g) => g.signals.length > 0,
  );
}

