/**
 * What a version's state change sends, after the state is committed: a published version's cards
 * to its recipients (snapshotted once) with its reminder and overdue timers; a closed version's
 * delivered cards updated in place, its timers cancelled. Dispatch is idempotent, so a retried
 * request finishes what a failed one began.
 */
import type { StrategyChange } from '../domain/strategy-change';
import { changeBatchId, changeReminderBatchId, changeUpdateBatchId } from '../domain/change-rules';
import type { DeliveryRequest } from '../../delivery';
import { CHANGE_CONTENT_KIND, CHANGE_OVERDUE_JOB_KIND, CHANGE_REMINDER_JOB_KIND, type ChangeContent, type ChangeDeps, overdueJobId, reminderJobId } from './deps';
import { computeTargeting, recipientRecords } from './current-targeting';

/** When the one reminder goes out: `lead` hours before respond-by, but never in the first half of the window. */
export function reminderDueAt(change: Pick<StrategyChange, 'respondBy' | 'publishedAt'>, leadHours: number, now: Date): Date {
  const due = Date.parse(change.respondBy);
  const published = Date.parse(change.publishedAt ?? now.toISOString());
  return new Date(Math.max(due - leadHours * 3_600_000, published + (due - published) / 2, now.getTime()));
}

async function scheduleReminder(deps: ChangeDeps, change: StrategyChange): Promise<void> {
  if (!deps.scheduler) return;
  await deps.scheduler.schedule({
    tenantId: change.tenantId,
    id: reminderJobId(change.id, change.version),
    kind: CHANGE_REMINDER_JOB_KIND,
    dueAt: reminderDueAt(change, deps.reminderLeadHours, deps.clock.now()).toISOString(),
    payload: { changeId: change.id, version: String(change.version) },
  });
  // Just after respond-by (overdue means strictly past it), whoever owns a missing response hears
  // of it in their activity feed.
  if (!deps.notifier) return;
  await deps.scheduler.schedule({
    tenantId: change.tenantId,
    id: overdueJobId(change.id, change.version),
    kind: CHANGE_OVERDUE_JOB_KIND,
    dueAt: new Date(Math.max(Date.parse(change.respondBy) + 1000, deps.clock.now().getTime())).toISOString(),
    payload: { changeId: change.id, version: String(change.version) },
  });
}

/**
 * The targeting snapshot of a version whose published state is committed, and its sends.
 * Written only AFTER the state write succeeded, so a publish or supersede that loses a race
 * (412) leaves no recipients behind; a retry after a crash finds the snapshot already written
 * and sends to the same recipients.
 */
async function snapshotRecipients(deps: ChangeDeps, change: StrategyChange): Promise<DeliveryRequest<ChangeContent>[]> {
  const written = await deps.stores.recipients.listByVersion(change.tenantId, change.id, change.version);
  let reachable: readonly { readonly conversationId: string }[] = written.map((r) => r.value).filter((r) => r.reachable);
  if (written.length === 0) {
    const { targeting } = await computeTargeting(deps, change.tenantId, change);
    await deps.stores.recipients.putMany(recipientRecords(change, targeting));
    reachable = targeting.recipients;
  }
  return reachable.map((r) => ({
    conversationId: r.conversationId,
    operation: 'send' as const,
    content: { kind: CHANGE_CONTENT_KIND, ref: change.id, variant: String(change.version) },
  }));
}

export async function sendVersion(deps: ChangeDeps, change: StrategyChange): Promise<void> {
  const sends = await snapshotRecipients(deps, change);
  if (sends.length > 0) await deps.delivery.dispatch(change.tenantId, changeBatchId(change.id, change.version), sends);
  await scheduleReminder(deps, change);
  deps.logger?.info({ tenantId: change.tenantId, changeId: change.id, version: change.version, recipients: sends.length }, 'strategy change published');
}

/** Cards delivered for a version (its sends and reminders), to update in place. */
async function deliveredCards(deps: ChangeDeps, change: StrategyChange): Promise<{ conversationId: string; activityId: string; sentBy: string }[]> {
  const batches = [changeBatchId(change.id, change.version), changeReminderBatchId(change.id, change.version)];
  const lists = await Promise.all(batches.map((b) => deps.delivery.listBatch(change.tenantId, b)));
  return lists
    .flat()
    .filter((d) => d.operation === 'send' && d.state === 'sent' && d.activityId)
    .map((d) => ({ conversationId: d.conversationId, activityId: d.activityId as string, sentBy: d.id }));
}

export async function updateDelivered(deps: ChangeDeps, closed: StrategyChange, closing: 'superseded' | 'withdrawn'): Promise<number> {
  const cards = await deliveredCards(deps, closed);
  if (cards.length > 0) {
    await deps.delivery.dispatch(
      closed.tenantId,
      changeUpdateBatchId(closed.id, closed.version, closing),
      cards.map((c) => ({
        conversationId: c.conversationId,
        operation: 'update' as const,
        targetActivityId: c.activityId,
        sentBy: c.sentBy,
        content: { kind: CHANGE_CONTENT_KIND, ref: closed.id, variant: String(closed.version) },
      })),
    );
  }
  await deps.scheduler?.cancel(closed.tenantId, reminderJobId(closed.id, closed.version));
  await deps.scheduler?.cancel(closed.tenantId, overdueJobId(closed.id, closed.version));
  return cards.length;
}
