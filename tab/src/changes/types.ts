/**
 * Strategy-change view types and labels. Shapes come from the server's contract and domain
 * (types only); kind and impact labels from the card builder, so the tab and the card say
 * the same words.
 */
import type { ChangeKind, ChangeState, Impact, ImpactRollup, RecipientStatus, RequiredResponse, StrategyChange } from '../../../bot/changes/domain/strategy-change';
import type { DeliveryProgress, DeliveryState } from '../../../bot/delivery/domain/delivery';

export type { ChangeKind, ChangeState, Impact, ImpactRollup, RecipientStatus, RequiredResponse, StrategyChange, DeliveryProgress, DeliveryState };
export type {
  CascadeDomain,
  CascadeRecipient,
  CascadeResponse,
  ChangeDetailResponse,
  ChangeDraftPatch,
  ChangeDraftRequest,
  ChangeSummary,
  ChangesListResponse,
  DryRunResponse,
} from '../../../bot/api-contract/changes';
export type { ChangeAction, ChangeAuditEvent } from '../../../bot/changes/domain/change-audit';
export { CHANGE_KIND_LABELS, IMPACT_LABELS } from '../../../bot/changes/cards/change-card';

/** Fails to compile when `List` misses a member of `Union`. */
type Exhaustive<Union, List extends readonly Union[]> = [Exclude<Union, List[number]>] extends [never] ? List : never;

const kinds = ['threat', 'opportunity', 'reprioritisation', 'funding', 'policy'] as const;
const states = ['draft', 'published', 'superseded', 'withdrawn'] as const;
const impacts = ['none', 'low', 'medium', 'high'] as const;
const responses = ['acknowledge', 'assess'] as const;

export const KINDS: Exhaustive<ChangeKind, typeof kinds> = kinds;
export const STATES: Exhaustive<ChangeState, typeof states> = states;
export const IMPACTS: Exhaustive<Impact, typeof impacts> = impacts;
export const REQUIRED_RESPONSES: Exhaustive<RequiredResponse, typeof responses> = responses;

export const STATE_LABELS: Readonly<Record<ChangeState, string>> = {
  draft: 'Draft',
  published: 'Published',
  superseded: 'Superseded',
  withdrawn: 'Withdrawn',
};

export const REQUIRED_RESPONSE_LABELS: Readonly<Record<RequiredResponse, string>> = {
  acknowledge: 'Acknowledge',
  assess: 'Assess impact',
};

export const STATUS_LABELS: Readonly<Record<RecipientStatus, string>> = {
  pending: 'Pending',
  overdue: 'Overdue',
  acknowledged: 'Acknowledged',
  assessed: 'Impact assessed',
  unreachable: 'Unreachable',
};

export const DELIVERY_LABELS: Readonly<Record<DeliveryState | 'not-sent', string>> = {
  queued: 'Queued',
  sent: 'Delivered',
  failed: 'Failed',
  unreachable: 'Unreachable',
  'not-sent': 'Not sent',
};

/** Fluent badge colours, never the only carrier of meaning (every badge has its label). */
export type BadgeColor = 'brand' | 'danger' | 'important' | 'informative' | 'severe' | 'subtle' | 'success' | 'warning';

export const KIND_COLORS: Readonly<Record<ChangeKind, BadgeColor>> = {
  threat: 'danger',
  opportunity: 'success',
  reprioritisation: 'brand',
  funding: 'warning',
  policy: 'informative',
};

export const STATE_COLORS: Readonly<Record<ChangeState, BadgeColor>> = {
  draft: 'informative',
  published: 'brand',
  superseded: 'informative',
  withdrawn: 'danger',
};

export const STATUS_COLORS: Readonly<Record<RecipientStatus, BadgeColor>> = {
  pending: 'informative',
  overdue: 'severe',
  acknowledged: 'success',
  assessed: 'success',
  unreachable: 'danger',
};

export const IMPACT_COLORS: Readonly<Record<Impact, BadgeColor>> = {
  none: 'subtle',
  low: 'informative',
  medium: 'warning',
  high: 'danger',
};
