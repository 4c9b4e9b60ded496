/**
 * The activity-feed route of the JSON API, served under `/api`: the caller's own notifications,
 * so the tab or the local demo can show what reached (or would reach) their Teams activity feed.
 */
import type { NotificationsResponse } from '../api-contract/notifications';
import { type RouteTable, json, route } from '../kernel/http-routes';
import type { NotificationStore } from './ports';

export function notificationRoutes(store: NotificationStore): RouteTable {
  return {
    jsonLimit: '1kb',
    routes: [
      route({
        method: 'GET',
        path: '/me/notifications',
        handle: async (_req, p) => {
          const records = await store.listForRecipient(p.tenantId, p.userId);
          return json<NotificationsResponse>({
            items: records.map(({ id, activityType, templateParameters, previewText, topic, state, at }) => ({ id, activityType, templateParameters, previewText, topic, state, at })),
          });
        },
      }),
    ],
  };
}
