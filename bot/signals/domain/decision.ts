/** The EPMO's decisions on an escalated signal, deferral, and reminders (PRODUCT.md §4). Pure. */
import { type Result, fail, invalid, ok } from '../../kernel/result';
import {
  type Decision,
  type DecisionOutcome,
  type Recommendation,
  type Signal,
  type StrategicContext,
  OUTCOME_LABELS,
  signalLabel,
} from './signal';
import { type DuePolicy, isoDate } from './working-days';
import {
  type Actor,
  type TransitionResult,
  SYSTEM_ACTOR,
  type TransitionName,
  LIMITS,
  alreadyHandled,
  clean,
  due,
  edit,
  guard,
  invalidTransition,
  move,
  person,
  text,
} from './transition-kit';

// ---------------------------------------------------------------- EPMO: decide

export const decisionId = (signalId: string, round: number): string => `${signalId}-d${round}`;

/** The question put to the EPMO, as the decision record states it. */
export const decisionQuestion = (signal: Pick<Signal, 'number' | 'kind' | 'title'>): string =>
  `What should we do about ${signal.kind === 'information' ? 'this information' : `this ${signal.kind}`} (${signalLabel(signal)}): ${signal.title}?`;

export interface DecisionInput {
  readonly outcome: DecisionOutcome;
  readonly chosenOptionId?: string;
  /** `YYYY-MM-DD`, for `defer`. */
  readonly deferredUntil?: string;
  readonly rationale: string;
}

function decisionRecord(signal: Signal, actor: Actor, now: Date, input: DecisionInput, rationale: string): Decision {
  const chosen =
    input.outcome === 'approve_recommended' ? signal.recommendation?.optionId : input.outcome === 'choose_other' ? input.chosenOptionId : undefined;
  return clean<Decision>({
    tenantId: signal.tenantId,
    id: decisionId(signal.id, signal.decisionRound),
    signalId: signal.id,
    signalNumber: signal.number,
    signalTitle: signal.title,
    signalKind: signal.kind,
    domainId: signal.domainId,
    round: signal.decisionRound,
    question: decisionQuestion(signal),
    // escalate() guarantees both; an escalated signal always has them.
    context: signal.context as StrategicContext,
    options: signal.options,
    recommendation: signal.recommendation as Recommendation,
    outcome: input.outcome,
    chosenOptionId: chosen,
    deferredUntil: input.outcome === 'defer' ? input.deferredUntil : undefined,
    rationale,
    decidedBy: person(actor),
    decidedAt: now.toISOString() });
}

function decisionGuard(signal: Signal, actor: Actor, transition: TransitionName, what: string): Result<true> {
  const g = guard(signal, actor, transition, ['escalated'], what, 'it has to be triaged, analysed and escalated first.');
  if (!g.ok && g.error.code === 'SIGNAL.ALREADY_HANDLED' && (signal.state === 'decided' || signal.state === 'deferred' || signal.state === 'analysing' || signal.state === 'closed')) {
    return alreadyHandled(signal, 'SIGNAL.ALREADY_DECIDED');
  }
  return g;
}

/**
 * The EPMO's decision on an escalated signal (strategy owners): approve the recommended
 * option, choose another option, or reject → decided. Defer and request more information have
 * their own transitions; this one dispatches to them so callers can pass any outcome.
 * Always with a rationale; always writes a decision record.
 */
export function decide(signal: Signal, actor: Actor, now: Date, policy: DuePolicy, input: DecisionInput): Result<TransitionResult> {
  if (input.outcome === 'defer') return defer(signal, actor, now, input.deferredUntil ?? '', input.rationale);
  if (input.outcome === 'request_info') return requestMoreInfo(signal, actor, now, policy, input.rationale);
  const g = decisionGuard(signal, actor, 'decide', 'decided');
  if (!g.ok) return g;
  const r = text(input.rationale, 'rationale', LIMITS.comment, true);
  if (!r.ok) return r;
  if (input.outcome === 'choose_other') {
    if (!input.chosenOptionId || !signal.options.some((o) => o.id === input.chosenOptionId)) {
      return invalid('Choose one of the signal’s options.', [{ at: 'chosenOptionId', message: 'One of the options.' }]);
    }
  }
  const decision = decisionRecord(signal, actor, now, input, r.value);
  const result = move(signal, actor, now, 'decide', 'decided', { decisionId: decision.id, dueAt: undefined }, `${OUTCOME_LABELS[input.outcome]}: ${r.value}`);
  return ok({ ...result, decision });
}

/** escalated → analysing (strategy owners): the EPMO needs more information; the PMO's analysis is due again. */
export function requestMoreInfo(signal: Signal, actor: Actor, now: Date, policy: DuePolicy, rationale: string): Result<TransitionResult> {
  const g = decisionGuard(signal, actor, 'requestMoreInfo', 'sent back for more information');
  if (!g.ok) return g;
  const r = text(rationale, 'rationale', LIMITS.comment, true);
  if (!r.ok) return r;
  const decision = decisionRecord(signal, actor, now, { outcome: 'request_info', rationale: r.value }, r.value);
  const result = move(signal, actor, now, 'requestMoreInfo', 'analysing', {
    decisionId: decision.id,
    infoRequest: r.value,
    dueAt: due(now, policy.analysisDays, policy) }, r.value);
  return ok({ ...result, decision });
}

/** escalated → deferred until a date in the future (strategy owners); at that date it returns to escalated. */
export function defer(signal: Signal, actor: Actor, now: Date, until: string, rationale: string): Result<TransitionResult> {
  const g = decisionGuard(signal, actor, 'defer', 'deferred');
  if (!g.ok) return g;
  const r = text(rationale, 'rationale', LIMITS.comment, true);
  if (!r.ok) return r;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(until) || Number.isNaN(Date.parse(`${until}T00:00:00Z`)) || isoDate(new Date(`${until}T00:00:00Z`)) !== until) {
    return invalid('Give the date to defer until (YYYY-MM-DD).', [{ at: 'deferredUntil', message: 'A date, YYYY-MM-DD.' }]);
  }
  if (until <= isoDate(now)) return invalid('Defer until a date after today.', [{ at: 'deferredUntil', message: 'After today.' }]);
  const decision = decisionRecord(signal, actor, now, { outcome: 'defer', deferredUntil: until, rationale: r.value }, r.value);
  const result = move(signal, actor, now, 'defer', 'deferred', {
    decisionId: decision.id,
    deferredUntil: until,
    dueAt: `${until}T00:00:00.000Z` }, `Until ${until}: ${r.value}`);
  return ok({ ...result, decision });
}

/** deferred → escalated when the deferral's date arrives (PMO Relay itself): a new decision round. */
export function undefer(signal: Signal, now: Date, policy: DuePolicy): Result<TransitionResult> {
  if (signal.state !== 'deferred') return invalidTransition(signal, 'brought back from deferral', 'it is not deferred.');
  const days = signal.decisionWorkingDays ?? policy.decisionDays;
  return ok(
    move(signal, SYSTEM_ACTOR, now, 'undefer', 'escalated', {
      decisionRound: signal.decisionRound + 1,
      dueAt: due(now, days, policy),
      deferredUntil: undefined }, `The deferral until ${signal.deferredUntil ?? '?'} has ended; the decision is due again.`),
  );
}

/** Records that the owner of the overdue state was reminded (once per state). */
export function markReminded(signal: Signal, now: Date, whom: string): Result<TransitionResult> {
  if (signal.remindedAt) return fail('CONFLICT.ALREADY_EXISTS', 'Already reminded.');
  const r = edit(signal, SYSTEM_ACTOR, now, 'remind', { remindedAt: now.toISOString() }, `Overdue: reminded ${whom}.`);
  return ok(r);
}
