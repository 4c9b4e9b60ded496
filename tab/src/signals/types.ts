/**
 * Signal view types and display labels. Domain types come from the server's domain core
 * (types only); the value lists are repeated here, checked against those types, so the tab
 * bundle carries no server code.
 */
import type {
  AuditEvent,
  CloseReason,
  DecisionOutcome,
  ImpactLevel,
  Signal,
  SignalKind,
  SignalOption,
  SignalState,
  Urgency,
} from '../../../bot/signals/domain/signal';
import type { DecisionView, SignalActionName, SignalDetailResponse, SignalView } from '../../../bot/api-contract/signals';

export type { DecisionView, SignalActionName, SignalDetailResponse, SignalView };
export type {
  AuditEvent,
  CloseReason,
  DecisionOutcome,
  ImpactLevel,
  Signal,
  SignalKind,
  SignalOption,
  SignalState,
  Urgency,
};

/** Fails to compile when `List` misses a member of `Union`. */
type Exhaustive<Union, List extends readonly Union[]> = [Exclude<Union, List[number]>] extends [never] ? List : never;

const kinds = ['opportunity', 'issue', 'risk', 'information'] as const;
const urgencies = ['critical', 'high', 'normal', 'low'] as const;
// Inbox order: work waiting on the PMO first, then on the EPMO, then what is done.
const states = ['raised', 'triaged', 'analysing', 'escalated', 'deferred', 'decided', 'resolved', 'closed'] as const;
const impacts = ['none', 'low', 'medium', 'high'] as const;
const outcomes = ['approve_recommended', 'choose_other', 'reject', 'defer', 'request_info'] as const;

export const SIGNAL_KINDS: Exhaustive<SignalKind, typeof kinds> = kinds;
/** Most urgent first. */
export const URGENCIES: Exhaustive<Urgency, typeof urgencies> = urgencies;
export const SIGNAL_STATES: Exhaustive<SignalState, typeof states> = states;
export const IMPACT_LEVELS: Exhaustive<ImpactLevel, typeof impacts> = impacts;
export const DECISION_OUTCOMES: Exhaustive<DecisionOutcome, typeof outcomes> = outcomes;

export const KIND_LABELS: Readonly<Record<SignalKind, string>> = {
  opportunity: 'Opportunity',
  issue: 'Issue',
  risk: 'Risk',
  information: 'Information',
};

export const URGENCY_LABELS: Readonly<Record<Urgency, string>> = {
  low: 'Low',
  normal: 'Normal',
  high: 'High',
  critical: 'Critical',
};

export const URGENCY_RANK: Readonly<Record<Urgency, number>> = { low: 0, normal: 1, high: 2, critical: 3 };

export const STATE_LABELS: Readonly<Record<SignalState, string>> = {
  raised: 'Raised',
  triaged: 'Triaged',
  analysing: 'Analysing',
  escalated: 'Escalated',
  deferred: 'Deferred',
  decided: 'Decided',
  resolved: 'Resolved locally',
  closed: 'Closed',
};

/** What the state is waiting for, as the inbox group headings say it. */
export const STATE_DESCRIPTIONS: Readonly<Record<SignalState, string>> = {
  raised: 'New, waiting for triage by the PMO',
  triaged: 'Accepted, waiting for analysis',
  analysing: 'Being analysed by the PMO',
  escalated: 'With the EPMO, waiting for a decision',
  deferred: 'Decision deferred by the EPMO',
  decided: 'Decided by the EPMO',
  resolved: 'Resolved by the PMO',
  closed: 'Closed',
};

/** States in which someone still has work to do. */
export const OPEN_STATES: readonly SignalState[] = ['raised', 'triaged', 'analysing', 'escalated', 'deferred'];

export const IMPACT_LABELS: Readonly<Record<ImpactLevel, string>> = {
  none: 'None',
  low: 'Low',
  medium: 'Medium',
  high: 'High',
};

export const CLOSE_REASON_LABELS: Readonly<Record<CloseReason, string>> = {
  duplicate: 'Duplicate',
  not_actionable: 'Not actionable',
  decision_implemented: 'Decision implemented',
};

export const OUTCOME_LABELS: Readonly<Record<DecisionOutcome, string>> = {
  approve_recommended: 'Approved the recommendation',
  choose_other: 'Chose another option',
  reject: 'Rejected',
  defer: 'Deferred',
  request_info: 'More information requested',
};

/** `S-42`: the number people use in Teams and in the log. */
export const signalRef = (s: Pick<Signal, 'number'>): string => `S-${s.number}`;

/** Outcomes that end the decision (the signal becomes `decided`). */
export const FINAL_OUTCOME_SET: ReadonlySet<DecisionOutcome> = new Set<DecisionOutcome>(['approve_recommended', 'choose_other', 'reject']);
