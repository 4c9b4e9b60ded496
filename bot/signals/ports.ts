/**
 * Storage ports for signals (PRODUCT.md §4), in domain words. Every write of a transition —
 * the new signal version, its audit events and, for the EPMO's decisions, the decision record —
 * is one `commit`: all of it is written or none of it, so nothing is ever half-written.
 */
import type { AuditEvent, Decision, Signal } from './domain/signal';
import type { Result } from '../kernel/result';
import type { TransitionResult } from './domain/transition-kit';
import type { Versioned } from '../kernel/versioned';

/** Which signals to read; every field given narrows the answer. */
export interface SignalFilter {
  readonly domainId?: string;
  readonly workItemId?: string;
  /** Only signals that are not closed. */
  readonly openOnly?: boolean;
}

export interface SignalRepository {
  get(tenantId: string, id: string): Promise<Versioned<Signal> | undefined>;
  list(tenantId: string): Promise<Versioned<Signal>[]>;
  /**
   * The tenant's signals that match `where`, filtered by the store (not after reading the
   * tenant's every signal): what the portfolio's pages and roll-up show.
   */
  find(tenantId: string, where: SignalFilter): Promise<Signal[]>;
  /**
   * Takes the tenant's next signal number and writes the signal `make` builds with it, with its
   * audit events, atomically: two people raising at once get different numbers, and a failed
   * write uses no number. When a signal with the id `make` gives exists already (the same raise
   * submitted twice), nothing is written and that signal is the answer, with `created: false`.
   */
  createNumbered(tenantId: string, make: (number: number) => TransitionResult): Promise<Versioned<Signal> & { readonly created: boolean }>;
  /**
   * Writes a transition computed from the version `etag` names, atomically with its audit
   * events and decision record. `CONFLICT.STALE` when the signal changed since (nothing is
   * written; read again and re-run the transition); `SIGNAL.ALREADY_DECIDED` when the decision
   * record exists already (one decision per round).
   */
  commit(change: TransitionResult, etag: string): Promise<Result<Versioned<Signal>>>;
  /** The audit trail of one signal, oldest first. Append-only: there is no way to change or remove an event. */
  timeline(tenantId: string, signalId: string): Promise<AuditEvent[]>;
  /** Seed only: writes finished signals with their events and decisions as they are. */
  importMany(tenantId: string, changes: readonly TransitionResult[], lastNumber: number): Promise<void>;
  /** Removes the tenant's signals, events, decisions and counter (seed `--reset`). */
  deleteTenant(tenantId: string): Promise<void>;
}

/** The strategy-change draft a decision is linked to: the one just linked, or the one linked before. */
export interface StrategyChangeLink {
  readonly changeId: string;
  /** False when another draft was linked first; `changeId` is then that draft's. */
  readonly created: boolean;
}

/**
 * The decision log. Records are written only through `SignalRepository.commit` and have no
 * update or delete path: a decision, once recorded, is never edited.
 */
export interface DecisionLog {
  get(tenantId: string, id: string): Promise<Decision | undefined>;
  list(tenantId: string): Promise<Decision[]>;
  listBySignal(tenantId: string, signalId: string): Promise<Decision[]>;
  /**
   * Notes, beside the record (which stays as it was), the strategy-change draft made from a
   * decision. Insert-only: when the decision has a draft already, nothing is written and the
   * answer is that draft's id with `created: false`.
   */
  linkStrategyChange(tenantId: string, decisionId: string, changeId: string): Promise<StrategyChangeLink>;
  strategyChangeOf(tenantId: string, decisionId: string): Promise<string | undefined>;
  /** Links of every decision of the tenant, decision id → change id. */
  strategyChanges(tenantId: string): Promise<ReadonlyMap<string, string>>;
}

export interface SignalStores {
  readonly signals: SignalRepository;
  readonly decisions: DecisionLog;
}
