/** Updating the check-in cards already sent for an item, so every copy shows what happened (answered, replaced). */
import type { DeliveryRequest } from '../../delivery';
import { CHECK_IN_BATCH, type CheckInContent, type CheckInDeps, type RequestKey, requestContent } from './deps';

/**
 * Updates, in batch `batchId`, every card of `request` that went out (an item may have several
 * team conversations). Best effort: a card not updated still shows the truth when someone acts on
 * it or Teams refreshes it.
 */
export async function updateSentCards(deps: CheckInDeps, tenantId: string, batchId: string, requests: readonly RequestKey[]): Promise<void> {
  try {
    const sent = await Promise.all(requests.map(async (request) => ({ request, deliveries: await deps.delivery.listBatch(tenantId, CHECK_IN_BATCH.round(request.roundId)) })));
    const updates: DeliveryRequest<CheckInContent>[] = sent.flatMap(({ request, deliveries }) =>
      deliveries.flatMap((d) =>
        d.activityId !== undefined && d.operation === 'send' && d.content.variant === request.workItemId
          ? [{ conversationId: d.conversationId, operation: 'update' as const, targetActivityId: d.activityId, sentBy: d.id, content: requestContent(request) }]
          : [],
      ),
    );
    if (updates.length > 0) await deps.delivery.dispatch(tenantId, batchId, updates);
  } catch (error) {
    deps.logger.error({ err: error, tenantId, batchId }, 'could not update the check-in cards already sent');
  }
}
