/**
 * Signals raised from below, their analysis, escalation and the EPMO's decision
 * (PRODUCT.md §4). These are the shared types; transitions and rules are added beside them.
 */

export const SIGNAL_KINDS = ['opportunity', 'issue', 'risk', 'information'] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

export const URGENCIES = ['low', 'normal', 'high', 'critical'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const SIGNAL_STATES = ['raised', 'triaged', 'analysing', 'escalated', 'decided', 'resolved', 'closed', 'deferred'] as const;
export type SignalState = (typeof SIGNAL_STATES)[number];

export const CLOSE_REASONS = ['duplicate', 'not_actionable', 'decision_implemented'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

export type ImpactLevel = 'none' | 'low' | 'medium' | 'high';

export interface StrategicContext {
  readonly objectiveIds: readonly string[];
  readonly schedule: ImpactLevel;
  readonly cost: ImpactLevel;
  readonly benefit: ImpactLevel;
  readonly risk: ImpactLevel;
  readonly narrative: string;
}

export interface SignalOption {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly impact: string;
}

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
  readonly raisedBy: { readonly userId: string; readonly displayName: string };
  readonly origin: SignalOrigin;
  readonly state: SignalState;
  readonly context?: StrategicContext;
  readonly options: readonly SignalOption[];
  readonly recommendation?: Recommendation;
  /** When the current state's work is due (working days; PRODUCT.md §4). */
  readonly dueAt?: string;
  readonly resolution?: string;
  readonly closeReason?: CloseReason;
  readonly deferredUntil?: string;
  readonly decisionId?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export const DECISION_OUTCOMES = ['approve_recommended', 'choose_other', 'reject', 'defer', 'request_info'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

/** The immutable record of an EPMO decision (PRODUCT.md §4). */
export interface Decision {
  readonly tenantId: string;
  readonly id: string;
  readonly signalId: string;
  readonly signalNumber: number;
  readonly domainId: string;
  readonly question: string;
  readonly context: StrategicContext;
  readonly options: readonly SignalOption[];
  readonly recommendation: Recommendation;
  readonly outcome: DecisionOutcome;
  readonly chosenOptionId?: string;
  readonly deferredUntil?: string;
  readonly rationale: string;
  readonly decidedBy: { readonly userId: string; readonly displayName: string };
  readonly decidedAt: string;
}

/** Append-only audit event (PRODUCT.md §2): who, when, from, to, comment. */
export interface AuditEvent {
  readonly tenantId: string;
  readonly subjectId: string;
  readonly seq: number;
  readonly at: string;
  readonly actorId: string;
  readonly actorName: string;
  readonly action: string;
  readonly from?: string;
  readonly to?: string;
  readonly comment?: string;
}
