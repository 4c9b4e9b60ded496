/**
 * The signal state machine of PRODUCT.md §4: named transitions that check who may act and
 * whether the state allows it, and return the new signal, the audit events it raises and —
 * for the EPMO's decisions — the immutable decision record. Pure: no I/O, no clock (callers
 * pass `now`).
 *
 * Concurrency: a transition is computed from the version the caller read; the repository
 * writes it only if that version is still current (ETag). When it is not, the use case reads
 * again and re-runs the transition, which then answers "already <state> by <person>".
 */
import { type DomainError, type ErrorDetail, type Result, fail, forbidden, invalid, ok } from './result';
import { type Principal, can } from './roles';
import {
  type AuditEvent,
  type CloseReason,
  type Decision,
  type DecisionOutcome,
  type PersonRef,
  type Recommendation,
  type Signal,
  type SignalKind,
  type SignalOption,
  type SignalOrigin,
  type SignalState,
  type StrategicContext,
  type Urgency,
  CLOSE_REASON_LABELS,
  OUTCOME_LABELS,
  STATE_LABELS,
  signalLabel,
} from './signal';
import { type DuePolicy, addWorkingDays, isoDate } from './working-days';

/** Who performs a transition: a person, or PMO Relay itself (timers). */
export type Actor = Pick<Principal, 'userId' | 'displayName' | 'roles'>;

/** PMO Relay acting on its own (a deferral's date arriving, an overdue reminder). */
export const SYSTEM_ACTOR: Actor = { userId: 'pmo-relay', displayName: 'PMO Relay', roles: [] };

export interface TransitionResult {
  readonly signal: Signal;
  /** Audit events to append, in order. */
  readonly events: readonly AuditEvent[];
  /** The decision record to write (decide, defer, request more information). */
  readonly decision?: Decision;
}

export type TransitionName =
  | 'triage'
  | 'resolveLocally'
  | 'close'
  | 'startAnalysis'
  | 'setContext'
  | 'addOption'
  | 'recommend'
  | 'saveAnalysis'
  | 'escalate'
  | 'decide'
  | 'requestMoreInfo'
  | 'defer';

/** Limits on free text, so one signal always fits in a card (< 100 KB) and a table row (< 1 MB). */
export const LIMITS = {
  title: 200,
  details: 4000,
  comment: 2000,
  narrative: 4000,
  optionTitle: 200,
  optionText: 2000,
  maxOptions: 6,
  /**
   * The options together, as stored: one JSON text in one Table Storage property, which holds
   * at most 32K characters. Kept below that, so a long analysis is refused with the reason
   * instead of failing to save.
   */
  optionsStored: 30_000,
} as const;

/** Refuses options too long to store together (LIMITS.optionsStored). */
function checkOptionsSize(options: readonly SignalOption[]): ErrorDetail | undefined {
  const size = JSON.stringify(options).length;
  if (size <= LIMITS.optionsStored) return undefined;
  return {
    at: 'options',
    message: `The options are too long together: ${size} characters as stored, at most ${LIMITS.optionsStored} (line breaks and quotation marks count twice). Shorten some descriptions or impacts.`,
  };
}

// ---------------------------------------------------------------- who and when

const HANDLE_TRANSITIONS: readonly TransitionName[] = ['triage', 'resolveLocally', 'close', 'startAnalysis', 'setContext', 'addOption', 'recommend', 'saveAnalysis', 'escalate'];

/** Who may perform a transition on this signal: the PMO lead of its domain, or a strategy owner to decide. */
export function mayPerform(actor: Pick<Principal, 'roles'>, transition: TransitionName, signal: Pick<Signal, 'domainId'>): boolean {
  if (HANDLE_TRANSITIONS.includes(transition)) return can(actor, 'signal.handle', { domainId: signal.domainId });
  return can(actor, 'escalation.decide', { domainId: signal.domainId });
}

/** The role a transition needs, in words, for "only … can" messages. */
export function requiredRole(transition: TransitionName, signal: Pick<Signal, 'domainId'>, domainName?: string): string {
  return HANDLE_TRANSITIONS.includes(transition) ? `the PMO lead of the ${domainName ?? signal.domainId} domain` : 'a strategy owner';
}

/** Whose move it is. */
export function waitingOn(state: SignalState): 'pmo' | 'epmo' | 'nobody' {
  if (state === 'raised' || state === 'triaged' || state === 'analysing') return 'pmo';
  if (state === 'escalated' || state === 'deferred') return 'epmo';
  return 'nobody';
}

/**
 * Overdue: the current state's due time has passed and it still waits on someone. A deferred
 * signal waits for its date, which is not anybody's lateness.
 */
export function isOverdue(signal: Pick<Signal, 'state' | 'dueAt'>, now: Date): boolean {
  if (!signal.dueAt || signal.state === 'deferred' || waitingOn(signal.state) === 'nobody') return false;
  return now.getTime() > Date.parse(signal.dueAt);
}

// ---------------------------------------------------------------- errors

/** "already <state> by <person>": somebody else moved the signal first. */
function alreadyHandled(signal: Signal, code: 'SIGNAL.ALREADY_HANDLED' | 'SIGNAL.ALREADY_DECIDED' = 'SIGNAL.ALREADY_HANDLED'): Result<never> {
  const by = signal.stateChangedBy.displayName;
  const what = describeState(signal);
  const details: ErrorDetail[] = [
    { at: 'state', message: signal.state },
    { at: 'by', message: by },
    { at: 'at', message: signal.stateChangedAt },
  ];
  return fail(code, `${signalLabel(signal)} is already ${what} by ${by}.`, details);
}

/** The state in words, for "already … by": "triaged", "deferred until 2026-04-01", "sent back for more information". */
function describeState(signal: Signal): string {
  switch (signal.state) {
    case 'deferred':
      return `deferred until ${signal.deferredUntil ?? 'later'}`;
    case 'analysing':
      return signal.infoRequest ? 'sent back for more information' : 'being analysed';
    case 'resolved':
      return 'resolved locally';
    case 'closed':
      return `closed (${signal.closeReason ? CLOSE_REASON_LABELS[signal.closeReason].toLowerCase() : 'closed'})`;
    default:
      return STATE_LABELS[signal.state].toLowerCase();
  }
}

const article = (state: SignalState): string => (state === 'analysing' || state === 'escalated' ? 'an' : 'a');

function invalidTransition(signal: Signal, what: string, why: string): Result<never> {
  return fail(
    'SIGNAL.INVALID_TRANSITION',
    `${article(signal.state) === 'an' ? 'An' : 'A'} ${STATE_LABELS[signal.state].toLowerCase()} signal cannot be ${what}: ${why}`,
    [{ at: 'state', message: signal.state }],
  );
}

/** Lifecycle order, to tell "too early" (invalid) from "somebody got there first" (already handled). */
const ORDER: Readonly<Record<SignalState, number>> = { raised: 0, triaged: 1, analysing: 2, escalated: 3, deferred: 4, decided: 4, resolved: 5, closed: 6 };

/**
 * Checks role and state. When the state does not allow the transition, a signal that has moved
 * past every allowed state was handled by somebody else (or earlier); one that has not got there
 * yet is refused with `tooEarly`'s reason.
 */
function guard(
  signal: Signal,
  actor: Actor,
  transition: TransitionName,
  from: readonly SignalState[],
  what: string,
  tooEarly: string,
): Result<true> {
  if (actor !== SYSTEM_ACTOR && !mayPerform(actor, transition, signal)) {
    return forbidden(`Only ${requiredRole(transition, signal)} can do that. ${signalLabel(signal)} was not changed.`);
  }
  if (from.includes(signal.state)) return ok(true);
  const latest = Math.max(...from.map((s) => ORDER[s]));
  if (ORDER[signal.state] > latest || (signal.state === 'analysing' && signal.infoRequest && transition === 'decide')) return alreadyHandled(signal);
  return invalidTransition(signal, what, tooEarly);
}

// ---------------------------------------------------------------- building blocks

const person = (actor: Actor): PersonRef => ({ userId: actor.userId, displayName: actor.displayName });

function event(signal: Signal, seq: number, actor: Actor, now: Date, action: string, from?: SignalState, to?: SignalState, comment?: string): AuditEvent {
  return {
    tenantId: signal.tenantId,
    subjectId: signal.id,
    seq,
    at: now.toISOString(),
    actorId: actor.userId,
    actorName: actor.displayName,
    action,
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(comment ? { comment } : {}),
  };
}

/** Drops keys whose value is undefined, so "cleared" fields are absent (exactOptionalPropertyTypes-friendly). */
function clean<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;
}

/** Moves to `to` with one audit event; clears the reminder flag and sets the new due time. */
function move(
  signal: Signal,
  actor: Actor,
  now: Date,
  action: string,
  to: SignalState,
  changes: Partial<Signal>,
  comment?: string,
): TransitionResult {
  const seq = signal.revision + 1;
  const next = clean<Signal>({
    ...signal,
    ...changes,
    state: to,
    revision: seq,
    stateChangedAt: now.toISOString(),
    stateChangedBy: person(actor),
    remindedAt: undefined,
    updatedAt: now.toISOString(),
  });
  return { signal: next, events: [event(signal, seq, actor, now, action, signal.state, to, comment)] };
}

/** An edit within the same state (analysis work): one audit event, no state change. */
function edit(signal: Signal, actor: Actor, now: Date, action: string, changes: Partial<Signal>, comment?: string): TransitionResult {
  const seq = signal.revision + 1;
  const next = clean<Signal>({ ...signal, ...changes, revision: seq, updatedAt: now.toISOString() });
  return { signal: next, events: [event(signal, seq, actor, now, action, undefined, undefined, comment)] };
}

const due = (now: Date, days: number, policy: DuePolicy): string => addWorkingDays(now, days, policy.holidays).toISOString();

function text(value: string | undefined, field: string, max: number, required: boolean): Result<string> {
  const trimmed = (value ?? '').trim();
  if (required && trimmed === '') return invalid(`Give a ${field}.`, [{ at: field, message: 'Required.' }]);
  if (trimmed.length > max) return invalid(`The ${field} is too long (at most ${max} characters).`, [{ at: field, message: `At most ${max} characters.` }]);
  return ok(trimmed);
}

// ---------------------------------------------------------------- raise

export interface RaiseInput {
  readonly tenantId: string;
  readonly id: string;
  readonly number: number;
  readonly kind: SignalKind;
  readonly title: string;
  readonly details: string;
  readonly urgency: Urgency;
  readonly domainId: string;
  readonly workItemId?: string;
  readonly origin: SignalOrigin;
}

/** A new signal in `raised`, due for triage in `policy.triageDays` working days. Permission is checked by the use case (it needs the conversation). */
export function raise(input: RaiseInput, actor: Actor, now: Date, policy: DuePolicy): Result<TransitionResult> {
  const title = text(input.title, 'title', LIMITS.title, true);
  if (!title.ok) return title;
  const details = text(input.details, 'details', LIMITS.details, false);
  if (!details.ok) return details;
  const at = now.toISOString();
  const signal: Signal = clean<Signal>({
    tenantId: input.tenantId,
    id: input.id,
    number: input.number,
    kind: input.kind,
    title: title.value,
    details: details.value,
    urgency: input.urgency,
    domainId: input.domainId,
    workItemId: input.workItemId,
    raisedBy: person(actor),
    origin: input.origin,
    state: 'raised',
    revision: 1,
    stateChangedAt: at,
    stateChangedBy: person(actor),
    options: [],
    dueAt: due(now, policy.triageDays, policy),
    decisionRound: 0,
    createdAt: at,
    updatedAt: at,
  });
  return ok({ signal, events: [event(signal, 1, actor, now, 'raise', undefined, 'raised')] });
}

// ---------------------------------------------------------------- PMO: triage, resolve, close

/** raised → triaged (PMO lead). The analysis is then due in `policy.analysisDays` working days. */
export function triage(signal: Signal, actor: Actor, now: Date, policy: DuePolicy, comment?: string): Result<TransitionResult> {
  const g = guard(signal, actor, 'triage', ['raised'], 'triaged', 'it is not waiting for triage.');
  if (!g.ok) return g;
  const c = text(comment, 'comment', LIMITS.comment, false);
  if (!c.ok) return c;
  return ok(move(signal, actor, now, 'triage', 'triaged', { dueAt: due(now, policy.analysisDays, policy) }, c.value || undefined));
}

/** raised | triaged | analysing → resolved, with the resolution (PMO lead). */
export function resolveLocally(signal: Signal, actor: Actor, now: Date, resolution: string): Result<TransitionResult> {
  const g = guard(signal, actor, 'resolveLocally', ['raised', 'triaged', 'analysing'], 'resolved locally', 'it is with the EPMO.');
  if (!g.ok) return g;
  const r = text(resolution, 'resolution', LIMITS.comment, true);
  if (!r.ok) return r;
  return ok(move(signal, actor, now, 'resolveLocally', 'resolved', { resolution: r.value, dueAt: undefined }, r.value));
}

export interface CloseInput {
  readonly reason: CloseReason;
  readonly comment: string;
  readonly duplicateOf?: number;
}

/**
 * Closes a signal (PMO lead): from raised, triaged or analysing as a duplicate or not
 * actionable; from decided once the decision is implemented. Always with a reason.
 */
export function close(signal: Signal, actor: Actor, now: Date, input: CloseInput): Result<TransitionResult> {
  const afterDecision = input.reason === 'decision_implemented';
  const from: readonly SignalState[] = afterDecision ? ['decided'] : ['raised', 'triaged', 'analysing'];
  const why = afterDecision ? 'only a decided signal is closed as implemented.' : 'it is with the EPMO.';
  const g = guard(signal, actor, 'close', from, `closed as ${CLOSE_REASON_LABELS[input.reason].toLowerCase()}`, why);
  if (!g.ok) return g;
  const c = text(input.comment, 'comment', LIMITS.comment, true);
  if (!c.ok) return c;
  if (input.reason === 'duplicate') {
    if (input.duplicateOf === undefined || !Number.isInteger(input.duplicateOf) || input.duplicateOf <= 0) {
      return invalid('Say which signal this duplicates (its number).', [{ at: 'duplicateOf', message: 'Required for a duplicate.' }]);
    }
    if (input.duplicateOf === signal.number) return invalid('A signal cannot duplicate itself.', [{ at: 'duplicateOf', message: 'Another signal’s number.' }]);
  }
  return ok(
    move(signal, actor, now, 'close', 'closed', {
      closeReason: input.reason,
      closeComment: c.value,
      duplicateOf: input.reason === 'duplicate' ? input.duplicateOf : undefined,
      dueAt: undefined,
    }, `${CLOSE_REASON_LABELS[input.reason]}: ${c.value}`),
  );
}

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
  const n = text(context.narrative, 'context narrative', LIMITS.narrative, true);
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
      infoRequest: undefined,
    }, c.value || undefined),
  );
}

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
    decidedAt: now.toISOString(),
  });
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
    dueAt: due(now, policy.analysisDays, policy),
  }, r.value);
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
    dueAt: `${until}T00:00:00.000Z`,
  }, `Until ${until}: ${r.value}`);
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
      deferredUntil: undefined,
    }, `The deferral until ${signal.deferredUntil ?? '?'} has ended; the decision is due again.`),
  );
}

/** Records that the owner of the overdue state was reminded (once per state). */
export function markReminded(signal: Signal, now: Date, whom: string): Result<TransitionResult> {
  if (signal.remindedAt) return fail('CONFLICT.ALREADY_EXISTS', 'Already reminded.');
  const r = edit(signal, SYSTEM_ACTOR, now, 'remind', { remindedAt: now.toISOString() }, `Overdue: reminded ${whom}.`);
  return ok(r);
}

/** Is `error` one of the "somebody acted first" answers? */
export const isAlreadyHandled = (error: DomainError): boolean => error.code === 'SIGNAL.ALREADY_HANDLED' || error.code === 'SIGNAL.ALREADY_DECIDED';
