/**
 * Composition of activity-feed notifications for start-app.ts: the record table, the feed
 * (Microsoft Graph when `config.graph` is set, the local log otherwise: nothing leaves the
 * machine), and the durable timer that sends each notification.
 */
import type { Config } from '../config';
import type { DeliveryRegistry, Scheduler } from '../delivery';
import type { Logger } from '../kernel/logger';
import type { Clock } from '../kernel/runtime';
import { type ActivityFeed, type NotificationStore, type Notifier, createNotificationStore, createNotifier, localActivityFeed, notificationJobHandlers } from '../notifications';
import { createGraphActivityFeed } from '../platform/graph/graph-activity-feed';

export interface NotificationsFeature {
  readonly notifier: Notifier;
  readonly store: NotificationStore;
}

export interface NotificationsFeatureOptions {
  readonly config: Config;
  readonly connectionString: string;
  readonly scheduler: Scheduler;
  readonly registry: DeliveryRegistry;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Extra trusted certificate authorities (PEM) for Graph and its token endpoint: tests' local stand-ins. */
  readonly graphCa?: string;
}

export async function createNotificationsFeature(o: NotificationsFeatureOptions): Promise<NotificationsFeature> {
  const logger = o.logger.child({ component: 'notifications' });
  const store = await createNotificationStore({ connectionString: o.connectionString, tablePrefix: o.config.storage.tablePrefix });
  const graph = o.config.graph;
  const feed: ActivityFeed = graph
    ? createGraphActivityFeed({ ...graph, timeoutMs: o.config.delivery.sendTimeoutMs, ...(o.graphCa ? { ca: o.graphCa } : {}) })
    : localActivityFeed;
  if (!graph) logger.info('activity-feed notifications stay in the local log: AAD_APP_CLIENT_SECRET is not set');
  o.registry.addJobHandlers(notificationJobHandlers({ scheduler: o.scheduler, feed, store, clock: o.clock, logger }));
  return { notifier: createNotifier({ scheduler: o.scheduler, clock: o.clock }), store };
}
