/**
 * "Turn into a strategy-change draft" (PRODUCT.md §4): a strategy owner makes a draft from a
 * decision, through the strategy-change feature's own use case, closing the loop from a signal
 * raised below to a change announced from above. One draft per decision: asking again answers
 * with the draft already made.
 */
import { type Result, fail, forbidden, notFound, ok } from '../../kernel/result';
import { type Principal, can } from '../../kernel/roles';
import { type Decision, KIND_LABELS, OUTCOME_LABELS } from '../domain/signal';
import type { ChangeKind } from '../../changes';
import { addWorkingDays } from '../domain/working-days';
import type { DraftFromDecision, SignalDeps } from './deps';

const KIND: Readonly<Record<Decision['signalKind'], ChangeKind>> = { opportunity: 'opportunity', risk: 'threat', issue: 'reprioritisation', information: 'policy' };

/** The strategy-change draft made from a decision, and where the tab shows it. */
export interface DecisionDraft {
  readonly changeId: string;
  readonly version: number;
  readonly title: string;
  /** The tab route of the draft: `#/changes/<id>`. */
  readonly tabPath: string;
}

/** The draft's fields: the decision as its summary, an acknowledgement due in ten working days. */
export function draftFields(d: Decision, now: Date, holidays: ReadonlySet<string>): DraftFromDecision {
  const chosen = d.options.find((o) => o.id === d.chosenOptionId);
  const title = `${chosen ? chosen.title : d.signalTitle} (decision on S-${d.signalNumber})`.slice(0, 200);
  const summary = [
    `**Decision on S-${d.signalNumber}** — ${KIND_LABELS[d.signalKind]}: ${d.signalTitle}`,
    '',
    `${OUTCOME_LABELS[d.outcome]}${chosen ? `: **${chosen.title}** (impact: ${chosen.impact})` : ''}.`,
    '',
    `Rationale: ${d.rationale}`,
    '',
    `Context: ${d.context.narrative}`,
    '',
    `Decided by ${d.decidedBy.displayName} on ${d.decidedAt.slice(0, 10)}.`,
  ].join('\n');
  return {
    title,
    summary,
    kind: KIND[d.signalKind],
    objectiveIds: d.context.objectiveIds,
    domainIds: [d.domainId],
    requiredResponse: 'acknowledge',
    respondBy: addWorkingDays(now, 10, holidays).toISOString(),
  };
}

/**
 * Makes the draft (strategy owners), or answers with the one already made; `created` says which.
 * Deferrals and requests for information have nothing to announce yet.
 */
export async function strategyChangeFromDecision(deps: SignalDeps, p: Principal, decisionId: string): Promise<Result<{ readonly draft: DecisionDraft; readonly created: boolean }>> {
  const d = await deps.stores.decisions.get(p.tenantId, decisionId);
  if (!d) return notFound(`Decision ${decisionId}`);
  if (!can(p, 'escalation.decide', { domainId: d.domainId })) return forbidden('Only strategy owners can turn a decision into a strategy-change draft.');
  if (d.outcome === 'defer' || d.outcome === 'request_info') {
    return fail('SIGNAL.INVALID_TRANSITION', 'Only a decision that approved, chose or rejected an option can become a strategy change.');
  }
  const existing = await deps.stores.decisions.strategyChangeOf(p.tenantId, decisionId);
  if (existing) return ok({ draft: { changeId: existing, version: 1, title: '', tabPath: `#/changes/${encodeURIComponent(existing)}` }, created: false });
  if (!deps.drafter) return fail('VALIDATION.INVALID', 'Strategy changes are not available in this deployment.');
  const drafted = await deps.drafter.createDraft(p, draftFields(d, deps.clock.now(), deps.policy.holidays));
  if (!drafted.ok) return drafted;
  const linked = await deps.stores.decisions.linkStrategyChange(p.tenantId, decisionId, drafted.value.changeId);
  // Two clicks at once: the first link wins and is the answer; the second draft stays as an ordinary draft.
  const { changeId, created } = linked;
  deps.logger.info({ tenantId: p.tenantId, decisionId, changeId, created, by: p.userId }, 'strategy-change draft made from a decision');
  const draft = created
    ? { changeId, version: drafted.value.version, title: drafted.value.title, tabPath: `#/changes/${encodeURIComponent(changeId)}` }
    : { changeId, version: 1, title: '', tabPath: `#/changes/${encodeURIComponent(changeId)}` };
  return ok({ draft, created });
}
