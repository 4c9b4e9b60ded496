/**
 * The signal state machine of PRODUCT.md §4: named transitions that check who may act and
 * whether the state allows it, and return the new signal, the audit events it raises and —
 * for the EPMO's decisions — the immutable decision record. Pure: no I/O, no clock (callers
 * pass `now`).
 *
 * Concurrency: a transition is computed from the version the caller read; the repository
 * writes it only if that version is still current (ETag). When it is not, the use case reads
 * again and re-runs the transition, which then answers "already <state> by <person>".
 *
 * Raising, triage and closing are here; the PMO's analysis and escalation are in analysis.ts,
 * the EPMO's decisions in decision.ts, what they share in transition-kit.ts.
 */
import { type Result, invalid, ok } from '../../kernel/result';
import {
  type CloseReason,
  type Signal,
  type SignalKind,
  type SignalOrigin,
  type SignalState,
  type Urgency,
  CLOSE_REASON_LABELS,
} from './signal';
import { type DuePolicy } from './working-days';
import {
  type Actor,
  type TransitionResult,
  LIMITS,
  clean,
  due,
  event,
  guard,
  move,
  person,
  text,
} from './transition-kit';


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
    updatedAt: at });
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
      dueAt: undefined }, `${CLOSE_REASON_LABELS[input.reason]}: ${c.value}`),
  );
}
