/**
 * The activity-feed route of the JSON API, served under `/api`: the caller's own notifications,
 * so the tab or the local demo can show what reached (or would reach) their Teams activity feed.
 */
import type { NotificationsResponse } from '../api-contract/notifications';
import { type RouteTable, json, route } from '../kernel/http-routes';
import { type NotificationRecord, feedLine } from './domain/activity-notification';

/** What Teams shows as the actor of an app's notification: the app's name. */
const APP_NAME = 'PMO Relay';

/** Where each notification went, in words. */
const STATE_NOTES: Readonly<Record<NotificationRecord['state'], string>> = {
  logged: 'kept locally (Graph is not configured)',
  sent: 'sent to Teams',
  failed: 'Teams refused it',
};
import type { NotificationStore } from './ports';

/** A record as the wire shows it: the caller is the recipient, so tenant and recipient stay out. */
function toView(record: NotificationRecord): NotificationsResponse['items'][number] {
  const { tenantId: _tenant, recipientUserId: _recipient, error: _error, ...view } = record;
  return { ...view, text: feedLine(record, APP_NAME), stateNote: STATE_NOTES[record.state] };
}

export function notificationRoutes(store: NotificationStore): RouteTable {
  return {
    jsonLimit: '1kb',
    routes: [
      route({
        method: 'GET',
        path: '/me/notifications',
        handle: async (_req, p) => {
          const records = await store.listForRecipient(p.tenantId, p.userId);
          return json<NotificationsResponse>({ items: records.map(toView) });
        },
      }),
    ],
  };
}
