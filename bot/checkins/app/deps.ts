/** What every check-in use case shares: its dependencies, its card content and its delivery batches. */
import type { DeliveryService } from '../../delivery';
import type { Repositories } from '../../directory';
import type { Logger } from '../../kernel/logger';
import type { Clock, IdSource } from '../../kernel/runtime';
import type { CheckInStore } from '../ports';

/** Content kinds this feature renders (renderers.ts). */
export const CHECK_IN_CONTENT = { request: 'checkin.request' } as const;

/**
 * What check-ins deliver, by reference, rendered when sent: an item's check-in card (`ref`
 * `<domainId>/<roundId>`, the partition and round of its request; `variant` the work item id).
 * Stored on delivery records: keep the kinds and fields.
 */
export type CheckInContent = { readonly kind: typeof CHECK_IN_CONTENT.request; readonly ref: string; readonly variant: string };

/** Which request a check-in card shows. */
export interface RequestKey {
  readonly domainId: string;
  readonly roundId: string;
  readonly workItemId: string;
}

export const requestContent = (r: RequestKey): CheckInContent => ({ kind: CHECK_IN_CONTENT.request, ref: `${r.domainId}/${r.roundId}`, variant: r.workItemId });

/** The request a card's content names; round ids never hold `/`, so the last one splits. */
export function requestKeyOf(content: CheckInContent): RequestKey {
  const at = content.ref.lastIndexOf('/');
  return { domainId: content.ref.slice(0, at), roundId: content.ref.slice(at + 1), workItemId: content.variant };
}

/** Delivery batches: one per round (the cards), one per answered item (the other copies of its card). */
export const CHECK_IN_BATCH = {
  round: (roundId: string) => `checkin:${roundId}`,
  answered: (roundId: string, workItemId: string) => `checkin:${roundId}:answered:${workItemId}`,
  superseded: (roundId: string) => `checkin:${roundId}:superseded`,
} as const;

export interface CheckInDeps {
  readonly repos: Repositories;
  readonly store: CheckInStore;
  readonly delivery: DeliveryService<CheckInContent>;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly logger: Logger;
  /** Base URL of the tab (ends with `/`), for the card's link to the item; undefined when unknown. */
  readonly tabBaseUrl: () => string | undefined;
}
