/**
 * What every signal transition is built from (PRODUCT.md §4): who acts, the limits on what they
 * write, who may perform which transition, the errors they answer with, and the steps that
 * move a signal and record its audit events. The transitions themselves are in
 * signal-machine.ts (raise, triage, close), analysis.ts (the PMO's analysis and escalation) and
 * decision.ts (the EPMO's decisions). Pure: no I/O, no clock.
 */
import { type ErrorDetail, type Result, fail, forbidden, invalid, ok } from '../../kernel/result';
import { type Principal, can } from '../../kernel/roles';
import {
  type AuditEvent,
  type Decision,
  type PersonRef,
  type Signal,
  type SignalOption,
  type SignalState,
  CLOSE_REASON_LABELS,
  STATE_LABELS,
  signalLabel,
} from './signal';
import { type DuePolicy, addWorkingDays } from './working-days';

/**
 * Who performs a transition: a person, or PMO Relay itself (timers). `domainName` is the signal's
 * domain as this person may read it named, for a refusal to say whose the step is; the caller
 * sets it only for someone who may see that domain, and without it the refusal says "its domain".
 */
export type Actor = Pick<Principal, 'userId' | 'displayName' | 'roles'> & { readonly domainName?: string };

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
  optionsStored: 30_000 } as const;

/** Refuses options too long to store together (LIMITS.optionsStored). */
export function checkOptionsSize(options: readonly SignalOption[]): ErrorDetail | undefined {
  const size = JSON.stringify(options).length;
  if (size <= LIMITS.optionsStored) return undefined;
  return {
    at: 'options',
    message: `The options are too long together: ${size} characters as stored, at most ${LIMITS.optionsStored} (line breaks and quotation marks count twice). Shorten some descriptions or impacts.` };
}

// ---------------------------------------------------------------- who and when

export const HANDLE_TRANSITIONS: readonly TransitionName[] = ['triage', 'resolveLocally', 'close', 'startAnalysis', 'setContext', 'addOption', 'recommend', 'saveAnalysis', 'escalate'];

/** Who may perform a transition on this signal: the PMO lead of its domain, or a strategy owner to decide. */
export function mayPerform(actor: Pick<Principal, 'roles'>, transition: TransitionName, signal: Pick<Signal, 'domainId'>): boolean {
  if (HANDLE_TRANSITIONS.includes(transition)) return can(actor, 'signal.handle', { domainId: signal.domainId });
  return can(actor, 'escalation.decide', { domainId: signal.domainId });
}

/** The role a transition needs, in words, for "only … can" messages; the domain by name when given, never by id. */
export function requiredRole(transition: TransitionName, domainName?: string): string {
  if (!HANDLE_TRANSITIONS.includes(transition)) return 'a strategy owner';
  return `the PMO lead of ${domainName ? `the ${domainName} domain` : 'its domain'}`;
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
export function alreadyHandled(signal: Signal, code: 'SIGNAL.ALREADY_HANDLED' | 'SIGNAL.ALREADY_DECIDED' = 'SIGNAL.ALREADY_HANDLED'): Result<never> {
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
export function describeState(signal: Signal): string {
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

export const article = (state: SignalState): string => (state === 'analysing' || state === 'escalated' ? 'an' : 'a');

export function invalidTransition(signal: Signal, what: string, why: string): Result<never> {
  return fail(
    'SIGNAL.INVALID_TRANSITION',
    `${article(signal.state) === 'an' ? 'An' : 'A'} ${STATE_LABELS[signal.state].toLowerCase()} signal cannot be ${what}: ${why}`,
    [{ at: 'state', message: signal.state }],
  );
}

/** Lifecycle order, to tell "too early" (invalid) from "somebody got there first" (already handled). */
export const ORDER: Readonly<Record<SignalState, number>> = { raised: 0, triaged: 1, analysing: 2, escalated: 3, deferred: 4, decided: 4, resolved: 5, closed: 6 };

/**
 * Checks role and state. When the state does not allow the transition, a signal that has moved
 * past every allowed state was handled by somebody else (or earlier); one that has not got there
 * yet is refused with `tooEarly`'s reason.
 */
export function guard(
  signal: Signal,
  actor: Actor,
  transition: TransitionName,
  from: readonly SignalState[],
  what: string,
  tooEarly: string,
): Result<true> {
  if (actor !== SYSTEM_ACTOR && !mayPerform(actor, transition, signal)) {
    return forbidden(`Only ${requiredRole(transition, actor.domainName)} can do that. ${signalLabel(signal)} was not changed.`);
  }
  if (from.includes(signal.state)) return ok(true);
  const latest = Math.max(...from.map((s) => ORDER[s]));
  if (ORDER[signal.state] > latest || (signal.state === 'analysing' && signal.infoRequest && transition === 'decide')) return alreadyHandled(signal);
  return invalidTransition(signal, what, tooEarly);
}

// ---------------------------------------------------------------- building blocks

export const person = (actor: Actor): PersonRef => ({ userId: actor.userId, displayName: actor.displayName });

export function event(signal: Signal, seq: number, actor: Actor, now: Date, action: string, from?: SignalState, to?: SignalState, comment?: string): AuditEvent {
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
    ...(comment ? { comment } : {}) };
}

/** Drops keys whose value is undefined, so "cleared" fields are absent (exactOptionalPropertyTypes-friendly). */
export function clean<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;
}

/** Moves to `to` with one audit event; clears the reminder flag and sets the new due time. */
export function move(
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
    updatedAt: now.toISOString() });
  return { signal: next, events: [event(signal, seq, actor, now, action, signal.state, to, comment)] };
}

/** An edit within the same state (analysis work): one audit event, no state change. */
export function edit(signal: Signal, actor: Actor, now: Date, action: string, changes: Partial<Signal>, comment?: string): TransitionResult {
  const seq = signal.revision + 1;
  const next = clean<Signal>({ ...signal, ...changes, revision: seq, updatedAt: now.toISOString() });
  return { signal: next, events: [event(signal, seq, actor, now, action, undefined, undefined, comment)] };
}

export const due = (now: Date, days: number, policy: DuePolicy): string => addWorkingDays(now, days, policy.holidays).toISOString();

/** Checks free text: `field` names it in the message, `at` is where it is in the request (the field unless given). */
export function text(value: string | undefined, field: string, max: number, required: boolean, at: string = field): Result<string> {
  const trimmed = (value ?? '').trim();
  if (required && trimmed === '') return invalid(`Give a ${field}.`, [{ at, message: 'Required.' }]);
  if (trimmed.length > max) return invalid(`The ${field} is too long (at most ${max} characters).`, [{ at, message: `At most ${max} characters.` }]);
  return ok(trimmed);
}
