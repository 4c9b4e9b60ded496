/**
 * Strategy changes (PRODUCT.md §3): what the EPMO announces, who it reaches, and how people
 * respond. These are the shared types; transitions and rules are added beside them.
 */

export const CHANGE_KINDS = ['threat', 'opportunity', 'reprioritisation', 'funding', 'policy'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const CHANGE_STATES = ['draft', 'published', 'superseded', 'withdrawn'] as const;
export type ChangeState = (typeof CHANGE_STATES)[number];

export const REQUIRED_RESPONSES = ['acknowledge', 'assess'] as const;
/** `acknowledge`: a click is enough; `assess`: an impact assessment is asked for. */
export type RequiredResponse = (typeof REQUIRED_RESPONSES)[number];

export const IMPACTS = ['none', 'low', 'medium', 'high'] as const;
export type Impact = (typeof IMPACTS)[number];

/**
 * One version of a strategy change. A change is identified by `id`; publishing a new version
 * supersedes the previous one (`supersedes` points at it). Each version is its own record.
 */
export interface StrategyChange {
  readonly tenantId: string;
  /** Stable across versions, e.g. `chg-7`. */
  readonly id: string;
  readonly version: number;
  readonly state: ChangeState;
  readonly title: string;
  /** Markdown. */
  readonly summary: string;
  readonly kind: ChangeKind;
  readonly objectiveIds: readonly string[];
  /** Domains named explicitly; those implied by the objectives are added when targeting. */
  readonly domainIds: readonly string[];
  readonly requiredResponse: RequiredResponse;
  /** ISO date-time by which a response is due. */
  readonly respondBy: string;
  readonly authorId: string;
  readonly authorName: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly publishedAt?: string;
  /** When superseded or withdrawn, and by whom. */
  readonly closedAt?: string;
  readonly closedBy?: string;
  readonly withdrawReason?: string;
  /**
   * Audit events recorded for this version (change-audit.ts); the next one is number
   * `auditCount + 1`. Absent on versions stored before changes had an audit trail: their
   * history simply starts with their next transition (no migration).
   */
  readonly auditCount?: number;
}

/** A conversation a published change goes to, and why. */
export type RecipientRole = 'pmo' | 'team' | 'epmo';

export interface ChangeRecipient {
  readonly conversationId: string;
  readonly role: RecipientRole;
  readonly domainId?: string;
  /** For team recipients: the work item(s) whose team this conversation is. */
  readonly workItemIds?: readonly string[];
  readonly title: string;
}

/** One person's response to one version, on behalf of the conversation (team) they answered in. */
export interface ChangeResponse {
  readonly tenantId: string;
  readonly changeId: string;
  readonly version: number;
  readonly conversationId: string;
  readonly userId: string;
  readonly userName: string;
  readonly acknowledged: boolean;
  readonly impact?: Impact;
  readonly comment?: string;
  readonly respondedAt: string;
}

/** Where one recipient stands on one version. `unreachable` wins over everything else. */
export type RecipientStatus = 'pending' | 'overdue' | 'acknowledged' | 'assessed' | 'unreachable';

/** Counts and impact of a set of recipients (a domain, an objective, a whole change). */
export interface ImpactRollup {
  /** Recipients counted (PMO and team conversations; the EPMO copy is not counted). */
  readonly recipients: number;
  /** Responded as the change asks (acknowledged, or assessed when an assessment is required). */
  readonly responded: number;
  readonly acknowledged: number;
  readonly assessed: number;
  /** Not responded yet (includes overdue). */
  readonly pending: number;
  readonly overdue: number;
  readonly unreachable: number;
  /** Highest impact any of them reported. */
  readonly maxImpact?: Impact;
  /** How many reported each impact. */
  readonly impacts: Readonly<Record<Impact, number>>;
}
