/** The caller's activity-feed notifications (`GET /api/me/notifications`). Types only. */
import type { NotificationRecord } from '../notifications/domain/activity-notification';

/**
 * What reached (or, without Graph configured, would have reached) the caller's Teams activity
 * feed, newest first; `state` is `logged` when it stayed in the local log.
 */
export interface NotificationsResponse {
  readonly items: readonly Pick<NotificationRecord, 'id' | 'activityType' | 'templateParameters' | 'previewText' | 'topic' | 'state' | 'at'>[];
}
