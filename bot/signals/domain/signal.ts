/**
 * Signals raised from below, their analysis, escalation and the EPMO's decision
 * (PRODUCT.md §4). These are the record types; the state machine is in signal-machine.ts.
 *
 * States (PRODUCT.md §4):
 *
 * ```
 * raised ──triage──▶ triaged ──startAnalysis──▶ analysing ──escalate──▶ escalated ──decide──▶ decided ──close──▶ closed
 *   │ resolveLocally / close (duplicate, not actionable) from raised, triaged, analysing   │
 *   ▼                                                                                      ├─ requestMoreInfo ─▶ analysing
 * resolved | closed                                                                        └─ defer ─▶ deferred ─(date)─▶ escalated
 * ```
 *
 * `resolved` (resolved locally by the PMO) and `closed` are final. `deferred` waits for its
 * date and then returns to `escalated` for a new decision round.
 */

export const SIGNAL_KINDS = ['opportunity', 'issue', 'risk', 'information'] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

export const URGENCIES = ['low', 'normal', 'high', 'critical'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const SIGNAL_STATES = ['raised', 'triaged', 'analysing', 'escalated', 'deferred', 'decided', 'resolved', 'closed'] as const;
export type SignalState = (typeof SIGNAL_STATES)[number];

/**
 * Why a signal was closed: at triage as a duplicate or not actionable, or after a decision
 * once it has been carried out.
 */
export const CLOSE_REASONS = ['duplicate', 'not_actionable', 'decision_implemented'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

export const IMPACT_LEVELS = ['none', 'low', 'medium', 'high'] as const;
export type ImpactLevel = (typeof IMPACT_LEVELS)[number];

export interface PersonRef {
  /** Entra object id. */
  readonly userId: string;
  readonly displayName: string;
}

/** The PMO lead's strategic context (PRODUCT.md §4, *Analysing*). */
export interface StrategicContext {
  /** Objectives the signal touches. */
  readonly objectiveIds: readonly string[];
  readonly schedule: ImpactLevel;
  readonly cost: ImpactLevel;
  readonly benefit: ImpactLevel;
  readonly risk: ImpactLevel;
  readonly narrative: string;
}

/** One alternative course of action with its impact. */
export interface SignalOption {
  /** Stable within the signal: `o1`, `o2`… */
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly impact: string;
}

/** The PMO lead's recommended option, its rationale and author. */
export interface Recommendation {
  readonly optionId: string;
  readonly rationale: string;
  readonly authorId: string;
  readonly authorName: string;
  readonly at: string;
}

/** Where the signal came from in Teams, so cards can be updated and replies sent there. */
export interface SignalOrigin {
  readonly conversationId: string;
  /**
   * Raised in a channel thread: the thread's root message id. Replies to the raiser (receipt,
   * decision notice) go into that thread rather than as new posts in the channel.
   */
  readonly threadId?: string;
  /** The Teams message it was raised from (message action), if any. */
  readonly messageId?: string;
  readonly messageLink?: string;
  readonly messagePreview?: string;
}

export interface Signal {
  readonly tenantId: string;
  readonly id: string;
  /** Human-friendly number per tenant, e.g. 42 → "S-42". */
  readonly number: number;
  readonly kind: SignalKind;
  readonly title: string;
  readonly details: string;
  readonly urgency: Urgency;
  readonly domainId: string;
  readonly workItemId?: string;
  readonly raisedBy: PersonRef;
  readonly origin: SignalOrigin;
  readonly state: SignalState;
  /** Number of audit events written for this signal; the next event gets `revision + 1`. */
  readonly revision: number;
  /** When and by whom the current state was entered ("already triaged by Dana"). */
  readonly stateChangedAt: string;
  readonly stateChangedBy: PersonRef;
  readonly context?: StrategicContext;
  readonly options: readonly SignalOption[];
  readonly recommendation?: Recommendation;
  /** When the current state's work is due (working days; PRODUCT.md §4). Absent when nothing is due. */
  readonly dueAt?: string;
  /** Working days the EPMO has to decide, set at escalation. */
  readonly decisionWorkingDays?: number;
  /** The local resolution, when resolved by the PMO. */
  readonly resolution?: string;
  readonly closeReason?: CloseReason;
  readonly closeComment?: string;
  /** For a duplicate: the signal number it duplicates. */
  readonly duplicateOf?: number;
  readonly deferredUntil?: string;
  /** What the EPMO asked for when it requested more information. */
  readonly infoRequest?: string;
  /** Incremented each time the signal enters `escalated`; one decision per round. */
  readonly decisionRound: number;
  /** The latest decision record (every outcome writes one). */
  readonly decisionId?: string;
  /** The activity id of the raiser's receipt card, when it is the form card the raiser submitted. */
  readonly receiptActivityId?: string;
  /** Set when the owner of the current state was reminded that it is overdue; cleared on every transition. */
  readonly remindedAt?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export const DECISION_OUTCOMES = ['approve_recommended', 'choose_other', 'reject', 'defer', 'request_info'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

/** Outcomes that end the decision (the signal becomes `decided`). */
export const FINAL_OUTCOMES: readonly DecisionOutcome[] = ['approve_recommended', 'choose_other', 'reject'];

/**
 * The immutable record of an EPMO decision (PRODUCT.md §4): question, context, options,
 * recommendation and its author, chosen option, rationale, decided by, decided at, linked
 * signal. Every outcome (including defer and request more information) is recorded, so the
 * log shows the whole history. There is no update path for these records.
 */
export interface Decision {
  readonly tenantId: string;
  /** `<signalId>-d<round>`: one decision per escalation round, so a double submit records one. */
  readonly id: string;
  readonly signalId: string;
  readonly signalNumber: number;
  readonly signalTitle: string;
  readonly signalKind: SignalKind;
  readonly domainId: string;
  readonly round: number;
  readonly question: string;
  readonly context: StrategicContext;
  readonly options: readonly SignalOption[];
  readonly recommendation: Recommendation;
  readonly outcome: DecisionOutcome;
  /** The option decided on: the recommended one for `approve_recommended`, the chosen one for `choose_other`. */
  readonly chosenOptionId?: string;
  readonly deferredUntil?: string;
  readonly rationale: string;
  readonly decidedBy: PersonRef;
  readonly decidedAt: string;
}

/** Append-only audit event (PRODUCT.md §2): who, when, from, to, comment. */
export interface AuditEvent {
  readonly tenantId: string;
  readonly subjectId: string;
  /** 1, 2, 3… per subject. */
  readonly seq: number;
  readonly at: string;
  readonly actorId: string;
  readonly actorName: string;
  /** The transition's name: `raise`, `triage`, `resolveLocally`, `close`, `startAnalysis`, `addOption`, `recommend`, `escalate`, `decide`, `requestMoreInfo`, `defer`, `undefer`, `remind`… */
  readonly action: string;
  readonly from?: string;
  readonly to?: string;
  readonly comment?: string;
}

export const signalLabel = (s: Pick<Signal, 'number'>): string => `S-${s.number}`;

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

export const OUTCOME_LABELS: Readonly<Record<DecisionOutcome, string>> = {
  approve_recommended: 'Approved the recommended option',
  choose_other: 'Chose another option',
  reject: 'Rejected',
  defer: 'Deferred',
  request_info: 'Requested more information',
};

export const KIND_LABELS: Readonly<Record<SignalKind, string>> = {
  opportunity: 'Opportunity',
  issue: 'Issue',
  risk: 'Risk',
  information: 'Information',
};

export const CLOSE_REASON_LABELS: Readonly<Record<CloseReason, string>> = {
  duplicate: 'Duplicate',
  not_actionable: 'Not actionable',
  decision_implemented: 'Decision implemented',
};
