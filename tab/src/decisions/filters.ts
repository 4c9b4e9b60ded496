/** The decision log's pure view logic: search and filters, and the matching export query. */
import type { DecisionLogQuery } from '../../../bot/api-contract/signals';
import type { DecisionOutcome, DecisionView } from '../signals/types';

export interface DecisionFilters {
  readonly search: string;
  readonly outcome: DecisionOutcome | '';
  readonly domainId: string;
}

export const NO_DECISION_FILTERS: DecisionFilters = { search: '', outcome: '', domainId: '' };

export type LoggedDecision = Pick<
  DecisionView,
  'signalLabel' | 'signalTitle' | 'question' | 'chosenOptionTitle' | 'rationale' | 'decidedBy' | 'domainName' | 'domainId' | 'outcome' | 'decidedAt'
>;

const normalise = (s: string): string => s.toLocaleLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');

/** Every word must appear in the signal, question, chosen option, rationale, decider or domain. */
export function matchesDecisionSearch(d: LoggedDecision, query: string): boolean {
  const words = normalise(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = normalise([d.signalLabel, d.signalTitle, d.question, d.chosenOptionTitle ?? '', d.rationale, d.decidedBy.displayName, d.domainName].join(' '));
  return words.every((w) => haystack.includes(w));
}

/** Newest first, as the log reads. */
export function filterDecisions<T extends LoggedDecision>(decisions: readonly T[], f: DecisionFilters): T[] {
  return decisions
    .filter((d) => (f.outcome === '' || d.outcome === f.outcome) && (f.domainId === '' || d.domainId === f.domainId) && matchesDecisionSearch(d, f.search))
    .sort((a, b) => b.decidedAt.localeCompare(a.decidedAt));
}

/** The server query for the CSV export, so the file holds what the table shows. */
export function exportQuery(f: DecisionFilters): DecisionLogQuery {
  return {
    ...(f.search.trim() ? { q: f.search.trim() } : {}),
    ...(f.outcome ? { outcome: f.outcome } : {}),
    ...(f.domainId ? { domainId: f.domainId } : {}),
  };
}
