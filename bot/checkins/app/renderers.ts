/**
 * The ContentRenderers of check-in cards: they turn a delivery's content reference into the card
 * at send time, from the request's current state (open, answered, or replaced by a newer one).
 * Where cards live: each team conversation linked to the item, one per round (batch `checkin:<round>`).
 */
import type { ContentRenderers } from '../../delivery';
import { checkInCard } from '../cards/check-in-card';
import { cachedUsers, cardModelOf } from './card-view';
import { CHECK_IN_CONTENT, type CheckInContent, type CheckInDeps, requestKeyOf } from './deps';

export function checkInRenderers(deps: CheckInDeps): ContentRenderers<CheckInContent> {
  const usersOf = cachedUsers(deps);
  return {
    [CHECK_IN_CONTENT.request]: {
      async render(tenantId, content) {
        const key = requestKeyOf(content);
        const request = await deps.store.getRequest(tenantId, key.domainId, key.roundId, key.workItemId);
        const model = request && (await cardModelOf(deps, request.value, undefined, usersOf));
        return model ? checkInCard(model) : undefined;
      },
    },
  };
}
