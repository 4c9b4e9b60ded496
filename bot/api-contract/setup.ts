/**
 * The setup part of the JSON API (PRODUCT.md §5, "Setup without help"): what the tenant has not
 * set up yet, and what a channel is linked to (for the channel tab's configuration page). Types
 * only; the tab imports them, the server (bot/setup/routes.ts) implements them. Errors are
 * `ApiError` bodies (./common.ts).
 */
import type { SetupGap } from '../setup/domain/gaps';

export type { SetupGap, SetupGapEntry } from '../setup/domain/gaps';

/**
 * `GET /api/setup/gaps` (tenant admins): each kind of gap with its fix and its first entries (at
 * most 50; `total` counts them all). Empty when everything is set up.
 */
export interface SetupGapsResponse {
  readonly gaps: readonly SetupGap[];
}

/**
 * `GET /api/conversations/:conversationId/link`: what the channel or chat is linked to, as far as
 * the caller may see (a domain's PMO they may view, the EPMO for its members and admins).
 */
export interface ConversationLinkResponse {
  readonly pmoDomainIds: readonly string[];
  readonly epmo: boolean;
}
