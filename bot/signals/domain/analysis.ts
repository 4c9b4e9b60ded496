/** The PMO's analysis of a signal and its escalation to the EPMO (PRODUCT.md §4). Pure. */
import { type ErrorDetail, type Result, fail, invalid, ok } from '../../kernel/result';
import { type Recommendation, type Signal, type SignalOption, type StrategicContext } from './signal';
import { type DuePolicy } from './working-days';
import {
  type Actor,
  type TransitionResult,
  checkOptionsSize,
  LIMITS,
  due,
  edit,
  guard,
  move,
  text,
} from './transition-kit';

// ---------------------------------------------------------------- PMO: analysis

/** triaged → analysing (PMO lead). The due time set at triage stays. */
export function startAnalysis(signal: Signal, actor: Actor, now: Date, comment?: string): Result<TransitionResult> {
  const g = guard(signal, actor, 'startAnalysis', ['triaged'], 'analysed yet', 'it has to be triaged first.');
  if (!g.ok) return g;
  const c = text(comment, 'comment', LIMITS.comment, false);
  if (!c.ok) return c;
  return ok(move(signal, actor, now, 'startAnalysis', 'analysing', {}, c.value || undefined));
}

function checkContext(context: StrategicContext): Result<StrategicContext> {
  // Said where it is in the request (context.narrative), so the form marks the field.
  const n = text(context.narrative, 'context narrative', LIMITS.narrative, true, 'context.narrative');
  if (!n.ok) return n;
  if (context.objectiveIds.length > 20) return invalid('Name at most 20 objectives.', [{ at: 'context.objectiveIds', message: 'At most 20.' }]);
  return ok({ ...context, objectiveIds: [...new Set(context.objectiveIds)], narrative: n.value });
}

function checkOption(option: Omit<SignalOption, 'id'>, at: string): Result<Omit<SignalOption, 'id'>> {
  const title = text(option.title, `${at}.title`, LIMITS.optionTitle, true);
  if (!title.ok) return title;
  const description = text(option.description, `${at}.description`, LIMITS.optionText, false);
  if (!description.ok) return description;
  const impact = text(option.impact, `${at}.impact`, LIMITS.optionText, true);
  if (!impact.ok) return impact;
  return ok({ title: title.value, description: description.value, impact: impact.value });
}

const nextOptionId = (options: readonly SignalOption[]): string =>
  `o${options.reduce((max, o) => Math.max(max, Number(o.id.slice(1)) || 0), 0) + 1}`;

/** Sets the strategic context: objectives touched and impact on schedule, cost, benefit and risk (analysing, PMO lead). */
export function setContext(signal: Signal, actor: Actor, now: Date, context: StrategicContext): Result<TransitionResult> {
  const g = guard(signal, actor, 'setContext', ['analysing'], 'given a context', 'start the analysis first.');
  if (!g.ok) return g;
  const c = checkContext(context);
  if (!c.ok) return c;
  return ok(edit(signal, actor, now, 'setContext', { context: c.value }));
}

/** Adds an alternative course of action with its impact (analysing, PMO lead). */
export function addOption(signal: Signal, actor: Actor, now: Date, option: Omit<SignalOption, 'id'>): Result<TransitionResult> {
  const g = guard(signal, actor, 'addOption', ['analysing'], 'given options', 'start the analysis first.');
  if (!g.ok) return g;
  if (signal.options.length >= LIMITS.maxOptions) return invalid(`A signal has at most ${LIMITS.maxOptions} options.`);
  const o = checkOption(option, 'option');
  if (!o.ok) return o;
  const added: SignalOption = { id: nextOptionId(signal.options), ...o.value };
  const tooLarge = checkOptionsSize([...signal.options, added]);
  if (tooLarge) return invalid(tooLarge.message, [tooLarge]);
  return ok(edit(signal, actor, now, 'addOption', { options: [...signal.options, added] }, added.title));
}

/** Recommends one of the options with a rationale (analysing, PMO lead). */
export function recommend(signal: Signal, actor: Actor, now: Date, optionId: string, rationale: string): Result<TransitionResult> {
  const g = guard(signal, actor, 'recommend', ['analysing'], 'given a recommendation', 'start the analysis first.');
  if (!g.ok) return g;
  const option = signal.options.find((o) => o.id === optionId);
  if (!option) return invalid('Recommend one of the signal’s options.', [{ at: 'recommendation.optionId', message: `No option ${optionId}.` }]);
  const r = text(rationale, 'recommendation rationale', LIMITS.comment, true);
  if (!r.ok) return r;
  const recommendation: Recommendation = { optionId, rationale: r.value, authorId: actor.userId, authorName: actor.displayName, at: now.toISOString() };
  return ok(edit(signal, actor, now, 'recommend', { recommendation }, `${option.title}: ${r.value}`));
}

export interface AnalysisInput {
  readonly context?: StrategicContext;
  /** The whole list; options with a known `id` keep it, new ones get the next free id. */
  readonly options: readonly (Omit<SignalOption, 'id'> & { readonly id?: string })[];
  readonly recommendation?: { readonly optionIndex: number; readonly rationale: string };
}

/**
 * Saves the whole analysis at once (the tab's form): context, options and recommendation. A
 * draft may be incomplete; `escalate` checks completeness. One audit event.
 */
export function saveAnalysis(signal: Signal, actor: Actor, now: Date, input: AnalysisInput): Result<TransitionResult> {
  const g = guard(signal, actor, 'saveAnalysis', ['analysing'], 'given an analysis', 'start the analysis first.');
  if (!g.ok) return g;
  const problems: ErrorDetail[] = [];
  let context: StrategicContext | undefined;
  if (input.context) {
    const c = checkContext(input.context);
    if (c.ok) context = c.value;
    else problems.push(...(c.error.details ?? [{ at: 'context', message: c.error.message }]));
  }
  if (input.options.length > LIMITS.maxOptions) problems.push({ at: 'options', message: `At most ${LIMITS.maxOptions} options.` });
  const options: SignalOption[] = [];
  const known = new Set(signal.options.map((o) => o.id));
  input.options.forEach((raw, i) => {
    const o = checkOption(raw, `options.${i}`);
    if (!o.ok) {
      problems.push(...(o.error.details ?? [{ at: `options.${i}`, message: o.error.message }]));
      return;
    }
    const keep = raw.id && known.has(raw.id) && !options.some((x) => x.id === raw.id) ? raw.id : undefined;
    options.push({ id: keep ?? nextOptionId([...signal.options, ...options]), ...o.value });
  });
  const tooLarge = problems.length === 0 ? checkOptionsSize(options) : undefined;
  if (tooLarge) return invalid(`${tooLarge.message} Nothing was saved.`, [tooLarge]);
  let recommendation: Recommendation | undefined;
  if (input.recommendation) {
    const chosen = options[input.recommendation.optionIndex];
    const r = text(input.recommendation.rationale, 'recommendation.rationale', LIMITS.comment, true);
    if (!chosen) problems.push({ at: 'recommendation.optionIndex', message: 'Recommend one of the options.' });
    if (!r.ok) problems.push(...(r.error.details ?? []));
    if (chosen && r.ok) {
      const same = signal.recommendation && signal.recommendation.optionId === chosen.id && signal.recommendation.rationale === r.value;
      recommendation = same ? signal.recommendation : { optionId: chosen.id, rationale: r.value, authorId: actor.userId, authorName: actor.displayName, at: now.toISOString() };
    }
  }
  if (problems.length > 0) return invalid('The analysis has problems; nothing was saved.', problems);
  const summary = `${context ? 'context, ' : ''}${options.length} option${options.length === 1 ? '' : 's'}${recommendation ? `, recommends “${options.find((o) => o.id === recommendation.optionId)?.title ?? ''}”` : ''}`;
  return ok(edit(signal, actor, now, 'saveAnalysis', { context, options, recommendation }, summary));
}

/** What escalation still needs, as field-level details (empty when ready). */
export function escalationGaps(signal: Pick<Signal, 'context' | 'options' | 'recommendation'>): ErrorDetail[] {
  const gaps: ErrorDetail[] = [];
  if (!signal.context) gaps.push({ at: 'context', message: 'Add the strategic context.' });
  if (signal.options.length < 2) gaps.push({ at: 'options', message: 'Give at least two options, each with its impact.' });
  if (!signal.recommendation || !signal.options.some((o) => o.id === signal.recommendation?.optionId)) {
    gaps.push({ at: 'recommendation', message: 'Recommend one of the options, with a rationale.' });
  }
  return gaps;
}

/**
 * analysing → escalated (PMO lead), once the analysis is complete. Opens a new decision round;
 * the decision is due `decisionDays` working days later (default from the policy).
 */
export function escalate(signal: Signal, actor: Actor, now: Date, policy: DuePolicy, decisionDays?: number, comment?: string): Result<TransitionResult> {
  const g = guard(signal, actor, 'escalate', ['analysing'], 'escalated', 'it has to be triaged and analysed first.');
  if (!g.ok) return g;
  const gaps = escalationGaps(signal);
  if (gaps.length > 0) return fail('SIGNAL.INVALID_TRANSITION', 'The analysis is not complete yet, so it cannot be escalated.', gaps);
  const days = decisionDays ?? policy.decisionDays;
  if (!Number.isInteger(days) || days < 1 || days > 60) return invalid('The decision time must be 1 to 60 working days.', [{ at: 'decisionWorkingDays', message: '1–60.' }]);
  const c = text(comment, 'comment', LIMITS.comment, false);
  if (!c.ok) return c;
  return ok(
    move(signal, actor, now, 'escalate', 'escalated', {
      decisionRound: signal.decisionRound + 1,
      decisionWorkingDays: days,
      dueAt: due(now, days, policy),
      infoRequest: undefined }, c.value || undefined),
  );
}
