/**
 * What the strategy-change use cases answer with: a change with its progress and the caller's
 * status, the list, one change with its versions, the dry run and the cascade. The routes map
 * these to the wire types of the API contract.
 */
import type { DeliveryProgress, DeliveryState } from '../../delivery';
import type { ChangeAuditEvent } from '../domain/change-audit';
import type {
  ChangeRecipient,
  ChangeState,
  Impact,
  ImpactRollup,
  RecipientRole,
  RecipientStatus,
  StrategyChange,
} from '../domain/strategy-change';

/** A linked conversation that will not get the card, and why. */
export interface UnreachableConversation {
  readonly conversationId: string;
  readonly role: RecipientRole;
  readonly title: string;
  readonly domainId?: string;
  readonly workItemIds: readonly string[];
  /** `not-installed`: the app was removed; `missing`: linked, but the app never saw the conversation. */
  readonly reason: 'not-installed' | 'missing';
}

/** Who a change would reach if published now. */
export interface DryRunReport {
  readonly pmoChannels: number;
  readonly teamConversations: number;
  /** Whether the EPMO channel gets a copy (it is linked and reachable). */
  readonly epmoCopy: boolean;
  /** Distinct conversations the card will be sent to. */
  readonly total: number;
  /** Affected domains: explicit and implied by the objectives. */
  readonly domains: readonly { readonly domainId: string; readonly name: string; readonly explicit: boolean; readonly pmoReachable: boolean }[];
  readonly recipients: readonly ChangeRecipient[];
  readonly unreachable: readonly UnreachableConversation[];
  /** Aligned work items in the affected domains that have no team conversation linked at all. */
  readonly workItemsWithoutTeam: readonly { readonly id: string; readonly title: string; readonly domainId: string }[];
}

/** Where the current (latest published) version stands. */
export interface ChangeProgress {
  readonly rollup: ImpactRollup;
  readonly delivery: DeliveryProgress;
  readonly reachedDomainIds: readonly string[];
}

/** The caller's own status on a change, for team members and leads. */
export interface MyChangeStatus {
  readonly status: RecipientStatus;
  readonly impact?: Impact;
  readonly respondedAt?: string;
}

export interface ChangeSummary {
  /** The latest version. */
  readonly change: StrategyChange;
  /** Version token of the latest version. */
  readonly etag: string;
  /** Absent for drafts. */
  readonly progress?: ChangeProgress;
  readonly overdue: boolean;
  readonly mine?: MyChangeStatus;
  /** Deep link to the change in the tab. */
  readonly url: string;
}

/** The changes the caller may see, and whether they may draft. */
export interface ChangeList {
  readonly items: readonly ChangeSummary[];
  readonly canDraft: boolean;
}

/** One change with every version (newest first), its history and the records it names. */
export interface ChangeDetail extends ChangeSummary {
  readonly versions: readonly StrategyChange[];
  /** The audit trail of every version, oldest first. */
  readonly history: readonly ChangeAuditEvent[];
  readonly canEdit: boolean;
  readonly objectives: readonly { readonly id: string; readonly code: string; readonly title: string }[];
  readonly domains: readonly { readonly id: string; readonly name: string }[];
}

/** One person's answer. */
export interface CascadeAnswer {
  readonly userId: string;
  readonly userName: string;
  readonly acknowledged: boolean;
  readonly impact?: Impact;
  readonly comment?: string;
  readonly respondedAt: string;
}

/** One recipient conversation (a PMO channel, a team, the EPMO copy) of the current version. */
export interface CascadeRecipient {
  readonly conversationId: string;
  readonly role: RecipientRole;
  readonly title: string;
  readonly domainId?: string;
  readonly workItems: readonly { readonly id: string; readonly title: string }[];
  readonly status: RecipientStatus;
  readonly acknowledged: boolean;
  /** Highest impact reported in this conversation. */
  readonly impact?: Impact;
  /** The latest comment, when any. */
  readonly comment?: string;
  readonly responses: readonly CascadeAnswer[];
  readonly overdue: boolean;
  /** Delivery of the card; `not-sent` for linked conversations that cannot be reached. */
  readonly delivery: DeliveryState | 'not-sent';
  readonly deliveryError?: string;
}

export interface CascadeDomain {
  readonly domainId: string;
  readonly name: string;
  readonly pmo?: CascadeRecipient;
  readonly teams: readonly CascadeRecipient[];
  readonly rollup: ImpactRollup;
}

export interface CascadeObjective {
  readonly objectiveId: string;
  readonly code: string;
  readonly title: string;
  readonly rollup: ImpactRollup;
}

/** How a change cascaded, per domain and team, with roll-ups (PMO leads: their domains only). */
export interface Cascade {
  readonly change: StrategyChange;
  readonly state: ChangeState;
  readonly delivery: DeliveryProgress;
  readonly rollup: ImpactRollup;
  readonly domains: readonly CascadeDomain[];
  readonly objectives: readonly CascadeObjective[];
  /** The EPMO copy, when sent (EPMO callers only). */
  readonly epmo?: CascadeRecipient;
  /** ISO date-time the view was computed. */
  readonly asOf: string;
}
