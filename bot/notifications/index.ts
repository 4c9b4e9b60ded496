/**
 * Teams activity-feed notifications (PRODUCT.md §5): what needs one person's attention, sent to
 * their feed through one port (Microsoft Graph in bot/platform/graph, a local log otherwise).
 * This file is the feature's one door.
 */
export { activityNotification, type ActivityNotification } from './domain/activity-notification';
export { createNotifier, localActivityFeed, notificationJobHandlers, type Notifier } from './app/notifier';
export type { ActivityFeed, FeedOutcome, NotificationStore } from './ports';
export { notificationRoutes } from './routes';
export { createNotificationStore } from './tables/notification-store';
