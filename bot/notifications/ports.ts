/**
 * Ports of activity-feed notifications: the feed (Microsoft Graph when configured, a local log
 * otherwise) and the record of what was sent, which makes sending idempotent per event.
 */
import type { ActivityNotification, NotificationRecord } from './domain/activity-notification';

/**
 * What became of one send. `retry` is thrown-worthy trouble (throttled beyond what the adapter
 * waits out in hand, a timeout, a 5xx): the durable timer tries again later. `refused` will not
 * get better by retrying (the app is not installed for the person, a bad request).
 */
export type FeedOutcome =
  | { readonly kind: 'sent' }
  | { readonly kind: 'logged' }
  | { readonly kind: 'refused'; readonly error: string }
  | { readonly kind: 'retry'; readonly error: string };

/** Sends one notification to one person's Teams activity feed. */
export interface ActivityFeed {
  send(notification: ActivityNotification): Promise<FeedOutcome>;
}

/** Notifications whose fate is known, per tenant and recipient. */
export interface NotificationStore {
  get(tenantId: string, recipientUserId: string, id: string): Promise<NotificationRecord | undefined>;
  put(record: NotificationRecord): Promise<void>;
  /** A person's notifications, newest first. */
  listForRecipient(tenantId: string, recipientUserId: string): Promise<NotificationRecord[]>;
}
