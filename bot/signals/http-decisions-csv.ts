/** The decision log as a CSV file (`GET /api/decisions/export.csv`): the columns of the API contract. */
import { DECISION_CSV_COLUMNS } from '../api-contract/signals';
import type { DecisionView } from './app/read-models';

/** RFC 4180: quote every field, double embedded quotes; neutralise spreadsheet formulas. */
function csvField(value: string | number | undefined): string {
  let s = value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

/** A header row, then one row per decision; CRLF line ends as RFC 4180 has them. */
export function decisionsCsv(items: readonly DecisionView[]): string {
  const rows = items.map((d) => {
    const c = d.context;
    const fields: Record<(typeof DECISION_CSV_COLUMNS)[number], string | number | undefined> = {
      decisionId: d.id,
      signal: d.signalLabel,
      signalTitle: d.signalTitle,
      kind: d.signalKind,
      domain: d.domainName,
      round: d.round,
      question: d.question,
      context: `${c.narrative} [objectives: ${c.objectiveIds.join(' ')}; schedule ${c.schedule}, cost ${c.cost}, benefit ${c.benefit}, risk ${c.risk}]`,
      options: d.options.map((o, i) => `${i + 1}. ${o.title} (impact: ${o.impact})`).join('\n'),
      recommendedOption: d.recommendedOptionTitle,
      recommendationRationale: d.recommendation.rationale,
      recommendedBy: d.recommendation.authorName,
      outcome: d.outcome,
      chosenOption: d.chosenOptionTitle,
      deferredUntil: d.deferredUntil,
      rationale: d.rationale,
      decidedBy: d.decidedBy.displayName,
      decidedAt: d.decidedAt,
      strategyChangeId: d.strategyChangeId,
    };
    return DECISION_CSV_COLUMNS.map((col) => csvField(fields[col])).join(',');
  });
  return [DECISION_CSV_COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}
