/** What every signal use case shares: its dependencies and small lookups. */
import type { DuePolicy } from '../domain/working-days';
import type { Result } from '../../kernel/result';
import type { Principal } from '../../kernel/roles';
import type { ChangeKind } from '../../changes';
import type { DeliveryService, ScheduledJob, Scheduler } from '../../delivery';
import type { Logger } from '../../kernel/logger';
import type { ConversationRef } from '../../conversations';
import type { Repositories } from '../../directory';
import type { Clock, IdSource } from '../../kernel/runtime';
import type { Notifier } from '../../notifications';
import type { SignalStores } from '../ports';

/** The fields of a strategy-change draft made from a decision (PRODUCT.md §3). */
export interface DraftFromDecision {
  readonly title: string;
  readonly summary: string;
  readonly kind: ChangeKind;
  readonly objectiveIds: readonly string[];
  readonly domainIds: readonly string[];
  readonly requiredResponse: 'acknowledge' | 'assess';
  readonly respondBy: string;
}

/**
 * Makes a strategy-change draft through the strategy-change feature's own use case (its
 * rules and role checks apply); wired in composition (start-app.ts).
 */
export interface StrategyChangeDrafter {
  createDraft(p: Principal, fields: DraftFromDecision): Promise<Result<{ readonly changeId: string; readonly version: number; readonly title: string }>>;
}

export interface SignalDeps {
  readonly repos: Repositories;
  readonly stores: SignalStores;
  readonly delivery: DeliveryService<SignalContent>;
  readonly scheduler: Scheduler<SignalJob>;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly policy: DuePolicy;
  readonly logger: Logger;
  /** Base URL of the tab (ends with `/`); deep links are `<base>#/signals/<id>`. */
  readonly tabBaseUrl: () => string | undefined;
  readonly drafter?: StrategyChangeDrafter;
  /** Activity-feed notifications (a decision to the raiser, an escalation to the strategy owners). */
  readonly notifier?: Notifier;
  /**
   * A person's 1:1 chat with the bot (known, or opened with their Teams user id); undefined
   * when they cannot be addressed. Without it, nothing goes to a person directly.
   */
  readonly personalChat?: (tenantId: string, userId: string) => Promise<ConversationRef | undefined>;
}

/** Content kinds this feature renders (renderers.ts). */
export const SIGNAL_CONTENT = {
  receipt: 'signal.receipt',
  pmo: 'signal.pmo',
  epmo: 'signal.epmo',
  decision: 'signal.decision',
  reminder: 'signal.reminder',
} as const;

/** A signal's card: `ref` the signal id; an update names the revision it follows (`variant: 'r<n>'`). */
type SignalCardContent<K extends string> = { readonly kind: K; readonly ref: string; readonly variant?: string };

/**
 * What signals deliver, by reference, rendered when sent: the receipt, the PMO and EPMO cards,
 * the decision notice (`variant` the decision id) and the overdue reminder. Stored on delivery
 * records and read back after upgrades: keep the kinds and fields.
 */
export type SignalContent =
  | SignalCardContent<typeof SIGNAL_CONTENT.receipt>
  | SignalCardContent<typeof SIGNAL_CONTENT.pmo>
  | SignalCardContent<typeof SIGNAL_CONTENT.epmo>
  | { readonly kind: typeof SIGNAL_CONTENT.decision; readonly ref: string; readonly variant: string }
  | { readonly kind: typeof SIGNAL_CONTENT.reminder; readonly ref: string };

/** Scheduled-job kinds (timers.ts). */
export const SIGNAL_JOBS = { due: 'signal.due', undefer: 'signal.undefer' } as const;

/**
 * A signal's timer: due time of its state, or the end of a deferral, set at `revision`.
 * Stored: keep the kinds and payload.
 */
export interface SignalJob extends ScheduledJob {
  readonly kind: (typeof SIGNAL_JOBS)[keyof typeof SIGNAL_JOBS];
  readonly payload: { readonly signalId: string; readonly revision: string };
}

export const dueJobId = (signalId: string): string => `signal-due:${signalId}`;
export const undeferJobId = (signalId: string): string => `signal-undefer:${signalId}`;

/** Delivery batches: one per card family, so each card's activity id can be found again. */
export const BATCH = {
  receipt: (signalId: string) => `signal:${signalId}:receipt`,
  pmo: (signalId: string) => `signal:${signalId}:pmo`,
  epmo: (signalId: string) => `signal:${signalId}:epmo`,
  /** Updates after the transition that made `revision`. */
  updates: (signalId: string, revision: number) => `signal:${signalId}:r${revision}`,
  notice: (signalId: string, decisionId: string) => `signal:${signalId}:notice:${decisionId}`,
  reminder: (signalId: string, revision: number) => `signal:${signalId}:remind:r${revision}`,
} as const;
