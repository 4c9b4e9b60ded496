/**
 * The check-ins part of the JSON API (PRODUCT.md §2, §5): a domain's check-in rounds, who has
 * answered and what is overdue, requesting one now, and the domain's cadence. Types only; the tab
 * imports them, the server (bot/checkins/routes.ts) implements them. Errors are `ApiError`
 * bodies (./common.ts).
 */
import type { RequestState, RoundTrigger, SkippedItem } from '../checkins/domain/check-in';
import type { CheckInCadence } from '../portfolio/domain/portfolio';

/** `POST /api/domains/:domainId/check-ins` body: the items to ask (absent: every item of the domain that is due). */
export interface CheckInRequestBody {
  readonly itemIds?: readonly string[];
  /**
   * Confirms a request while the domain's newest round is still within its answer window;
   * without it such a request answers 409 `CONFLICT.ALREADY_EXISTS` saying who asked and when.
   */
  readonly again?: boolean;
}

/**
 * One item of a round as the PMO lead sees it. `overdue`: still open after the round's due time.
 * `undelivered`: still open, and its card reached none of the team's conversations (check the
 * team's channel link); never counted overdue.
 */
export interface CheckInItemView {
  readonly workItemId: string;
  readonly title: string;
  readonly state: RequestState | 'overdue' | 'undelivered';
  readonly answeredBy?: string;
  readonly answeredAt?: string;
}

export interface CheckInRoundView {
  readonly id: string;
  readonly trigger: RoundTrigger['kind'];
  /** Who asked, for a manual round. */
  readonly requestedBy?: string;
  readonly requestedAt: string;
  readonly dueAt: string;
  readonly remindedAt?: string;
  readonly items: readonly CheckInItemView[];
  readonly skipped: readonly (SkippedItem & { readonly title: string })[];
}

/** `POST /api/domains/:domainId/check-ins` → 201 with the new round. */
export type CheckInRoundResponse = CheckInRoundView;

/** `GET /api/domains/:domainId/check-ins`: the domain's cadence and its recent rounds (newest first). */
export interface CheckInsResponse {
  readonly domainId: string;
  readonly cadence: CheckInCadence;
  /** When the cadence next sends check-ins (absent while it is off). */
  readonly nextAt?: string;
  /** Items whose newest request is past due and unanswered, their card delivered. */
  readonly overdue: number;
  readonly rounds: readonly CheckInRoundView[];
}

/** `PUT /api/domains/:domainId/check-in-cadence` body (the whole cadence) → `CheckInCadenceResponse`. PMO lead of the domain or tenant admin. */
export type CheckInCadenceBody = CheckInCadence;
export interface CheckInCadenceResponse {
  readonly cadence: CheckInCadence;
  readonly nextAt?: string;
}
