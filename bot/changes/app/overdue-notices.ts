/**
 * At a version's respond-by, each PMO or team conversation that has not responded as asked is
 * overdue (PRODUCT.md §3); the people who own that response hear of it in their Teams activity
 * feed (§5): the owners of the team's work items, the domain's PMO leads for a PMO channel.
 * Keyed by version and conversation, so a retried job notifies nobody twice.
 */
import { type ActivityNotification, activityNotification } from '../../notifications';
import { satisfies } from '../domain/change-responses';
import type { ChangeRecipientRecord } from '../ports';
import { type ChangeDeps, changeUrl } from './deps';
import { versionStatus } from './versions';

/** Entra object ids of the people who own `recipient`'s response. */
async function ownersOf(deps: ChangeDeps, recipient: ChangeRecipientRecord): Promise<string[]> {
  if (recipient.role === 'team') {
    const items = await deps.repos.workItems.getMany(recipient.tenantId, recipient.workItemIds ?? []);
    return items.map((i) => i.value.owner.userId).filter((id): id is string => Boolean(id));
  }
  if (recipient.role === 'pmo' && recipient.domainId) {
    const users = await deps.repos.users.list(recipient.tenantId);
    return users.filter((u) => u.roles.some((r) => r.role === 'pmo_lead' && r.domainId === recipient.domainId)).map((u) => u.userId);
  }
  return [];
}

/** Notifies the owners of every response still missing at respond-by; answers how many notifications. */
export async function notifyOverdue(deps: ChangeDeps, tenantId: string, changeId: string, version: number): Promise<number> {
  if (!deps.notifier) return 0;
  const change = (await deps.stores.changes.get(tenantId, changeId, version))?.value;
  if (!change || change.state !== 'published') return 0;
  const status = await versionStatus(deps, change);
  const missing = status.recipients.filter((r) => r.outcome.overdue && r.record.value.role !== 'epmo' && !r.responses.some((x) => satisfies(change, x)));
  const asked = change.requiredResponse === 'assess' ? 'an impact assessment' : 'an acknowledgement';
  const notices: ActivityNotification[] = [];
  for (const r of missing) {
    const recipient = r.record.value;
    for (const owner of new Set(await ownersOf(deps, recipient))) {
      notices.push(
        activityNotification({
          tenantId,
          eventId: `change:${changeId}:v${version}:overdue:${recipient.conversationId}`,
          recipientUserId: owner,
          activityType: 'changeResponseOverdue',
          templateParameters: { changeTitle: change.title, recipientName: recipient.title },
          previewText: `${recipient.title} owes ${asked} of "${change.title}"; respond-by was ${change.respondBy.slice(0, 10)}.`,
          topic: { text: change.title, webUrl: changeUrl(deps, change.id) },
        }),
      );
    }
  }
  await deps.notifier.notify(notices);
  deps.logger?.info({ tenantId, changeId, version, overdue: missing.length, notified: notices.length }, 'overdue change responses: owners notified');
  return notices.length;
}
