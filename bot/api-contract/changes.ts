/**
 * The strategy-changes part of the JSON API (PRODUCT.md §3). Types only, shared by the server
 * and the tab. Errors are `ApiError` bodies (./common.ts): 400 bad body (with details),
 * 401 no or bad token, 403 role, 404 unknown change, 409 wrong state (`CHANGE.NOT_DRAFT`,
 * `CHANGE.NOT_PUBLISHED`, `CHANGE.STALE_VERSION`), 412 stale `If-Match`.
 *
 * Routes (all under `/api`, all need `Authorization: Bearer <token>`):
 *
 * | route | who | body → answer |
 * |---|---|---|
 * | `GET /changes?state=` | EPMO: all; PMO leads: their domains'; team members: addressed to their teams | → `ChangesListResponse` |
 * | `GET /changes/:id` | as above | → `ChangeDetailResponse` (all versions and their history) |
 * | `POST /changes` | EPMO | `ChangeDraftRequest` → 201 `ChangeDetailResponse` |
 * | `PATCH /changes/:id` + `If-Match` | EPMO | `ChangeDraftPatch` → `ChangeDetailResponse` |
 * | `POST /changes/dry-run` | EPMO | `DryRunRequest` → `DryRunResponse` (targeting of unsaved fields) |
 * | `POST /changes/:id/dry-run` | EPMO | — → `DryRunResponse` (targeting of the current version) |
 * | `POST /changes/:id/publish` + `If-Match` | EPMO | — → `ChangeDetailResponse` |
 * | `POST /changes/:id/supersede` + `If-Match` | EPMO | `SupersedeRequest` → `ChangeDetailResponse` (v n+1 published) |
 * | `POST /changes/:id/withdraw` + `If-Match` | EPMO | `WithdrawRequest` → `ChangeDetailResponse` |
 * | `GET /changes/:id/cascade` | EPMO; PMO leads (their domains only) | → `CascadeResponse` |
 *
 * `If-Match` is the `etag` of the change's current (latest) version.
 */
import type { DeliveryProgress, DeliveryState } from '../delivery/domain/delivery';
import type { ChangeAuditEvent } from '../changes/domain/change-audit';
import type {
  ChangeKind,
  ChangeRecipient,
  ChangeState,
  Impact,
  ImpactRollup,
  RecipientRole,
  RecipientStatus,
  RequiredResponse,
  StrategyChange,
} from '../changes/domain/strategy-change';

/** The editable fields of a change. `respondBy` is an ISO date-time (or `YYYY-MM-DD`, read as end of that day UTC). */
export interface ChangeDraftRequest {
  readonly title: string;
  /** Markdown, at most 20 000 characters. */
  readonly summary: string;
  readonly kind: ChangeKind;
  readonly objectiveIds: readonly string[];
  /** Domains named explicitly; those implied by the objectives are added when targeting. */
  readonly domainIds: readonly string[];
  readonly requiredResponse: RequiredResponse;
  readonly respondBy: string;
}

/** Any subset of the fields. */
export type ChangeDraftPatch = Partial<ChangeDraftRequest>;

/** The fields changed for the new version; the rest are copied from the current one. */
export type SupersedeRequest = ChangeDraftPatch;

export interface WithdrawRequest {
  /** Why, shown on every delivered card. 1–500 characters. */
  readonly reason: string;
}

/** Targeting of fields that are not saved yet (the composer). */
export interface DryRunRequest {
  readonly objectiveIds: readonly string[];
  readonly domainIds: readonly string[];
}

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

export interface DryRunResponse {
  readonly pmoChannels: number;
  readonly teamConversations: number;
  /** Whether the EPMO channel gets a copy (it is linked and reachable). */
  readonly epmoCopy: boolean;
  /** Distinct conversations the card will be sent to. */
  readonly total: number;
  /** Affected domains: explicit and implied by the objectives. */
  readonly domains: readonly { readonly domainId: string; readonly name: string; readonly explicit: boolean; readonly pmoReachable: boolean }[];
  readonly recipients: readonly ChangeRecipient[];
  /** Linked teams (and PMO/EPMO channels) that cannot be reached (app not installed). */
  readonly unreachable: readonly UnreachableConversation[];
  /** Aligned work items in the affected domains that have no team conversation linked at all. */
  readonly workItemsWithoutTeam: readonly { readonly id: string; readonly title: string; readonly domainId: string }[];
}

/** Where a change stands, for list rows and progress bars. */
export interface ChangeProgress {
  /** Of the current (latest published) version. */
  readonly rollup: ImpactRollup;
  /** Delivery of the current version's cards to its recipients (PMO and team conversations; not the EPMO copy). */
  readonly delivery: DeliveryProgress;
  /** Every domain the current version reaches: named by the change, or reached through its objectives. */
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
  /** Version token of the latest version; send as `If-Match`. */
  readonly etag: string;
  /** Absent for drafts. */
  readonly progress?: ChangeProgress;
  readonly overdue: boolean;
  readonly mine?: MyChangeStatus;
  /** Deep link to the change in the tab. */
  readonly url: string;
}

/** `GET /api/changes` */
export interface ChangesListResponse {
  readonly items: readonly ChangeSummary[];
  /** Whether the caller may draft and publish. */
  readonly canDraft: boolean;
}

/** `GET /api/changes/:id` and the answers of every write. */
export interface ChangeDetailResponse extends ChangeSummary {
  /** Every version, newest first (the first is `change`). */
  readonly versions: readonly StrategyChange[];
  /**
   * The audit trail of every version, oldest first: who did what, when, from and to which state,
   * with the withdrawal's reason or what a new version changed. Versions stored before the trail
   * existed show only what happened to them since.
   */
  readonly history: readonly ChangeAuditEvent[];
  readonly canEdit: boolean;
  readonly objectives: readonly { readonly id: string; readonly code: string; readonly title: string }[];
  readonly domains: readonly { readonly id: string; readonly name: string }[];
}

/** One person's answer, as the cascade view lists it. */
export interface CascadeResponseEntry {
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
  readonly responses: readonly CascadeResponseEntry[];
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

/** `GET /api/changes/:id/cascade` (PMO leads get their domains only). */
export interface CascadeResponse {
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
