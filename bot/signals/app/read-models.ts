/**
 * What the signal queries answer with: a signal and a decision as lists and pages show them,
 * the inbox, one signal with its timeline and allowed actions, and the EPMO queue. The routes map
 * these to the wire types of the API contract.
 */
import type { AuditEvent, Decision, DecisionOutcome, Signal, SignalState } from '../domain/signal';

/** A signal with what is derived from it: label, names, whether it is overdue and on whom it waits. */
export interface SignalView extends Signal {
  /** `S-12`. */
  readonly label: string;
  readonly domainName: string;
  readonly workItemTitle?: string;
  /** True when `dueAt` has passed and the state still waits on someone. */
  readonly overdue: boolean;
  readonly waitingOn: 'pmo' | 'epmo' | 'nobody';
  /** Version token, for saving the analysis. */
  readonly etag: string;
}

/** What the caller may do with a signal now. */
export type SignalActionName = 'triage' | 'resolve' | 'close' | 'startAnalysis' | 'saveAnalysis' | 'escalate' | 'decide' | 'createStrategyChange';

/** The PMO inbox (or what the caller raised), with counts per state before the state and overdue filters. */
export interface SignalInbox {
  readonly items: readonly SignalView[];
  readonly counts: Readonly<Record<SignalState, number>>;
  /** How many items in scope are overdue. */
  readonly overdue: number;
}

/** A decision with the names the log shows. */
export interface DecisionView extends Decision {
  /** The signal's label, `S-12`. */
  readonly signalLabel: string;
  readonly domainName: string;
  readonly chosenOptionTitle?: string;
  readonly recommendedOptionTitle?: string;
  /** The strategy-change draft made from it, if any. */
  readonly strategyChangeId?: string;
}

/** One signal as the caller may see it. */
export interface SignalDetail {
  readonly signal: SignalView;
  /** The audit trail, oldest first. */
  readonly timeline: readonly AuditEvent[];
  /** Every decision recorded for it (one per escalation round), oldest first. */
  readonly decisions: readonly DecisionView[];
  readonly allowedActions: readonly SignalActionName[];
}

/** Escalated signals awaiting a decision, then deferred ones. */
export interface EscalationQueue {
  readonly items: readonly SignalView[];
  /** Whether the caller may decide (strategy owner). */
  readonly canDecide: boolean;
}

/** Which decisions the log shows; `from` and `to` are `YYYY-MM-DD`, inclusive, on `decidedAt`. */
export interface DecisionLogFilter {
  readonly q?: string;
  readonly domainId?: string;
  readonly outcome?: DecisionOutcome;
  readonly from?: string;
  readonly to?: string;
}
