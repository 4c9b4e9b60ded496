/** The caller's activity-feed notifications (`GET /api/me/notifications`). Types only. */
import type { NotificationRecord } from '../notifications/domain/activity-notification';

/**
 * What reached (or, without Graph configured, would have reached) the caller's Teams activity
 * feed, newest first; `state` is `logged` when it stayed in the local log.
 */
export interface NotificationsResponse {
  readonly items: readonly NotificationView[];
}

/**
 * One notification as the wire shows it; per activity type, so its template parameters are
 * known. `text` is the line Teams shows: the manifest's template filled in; `stateNote` says
 * where it went, in words.
 */
type NotificationView = NotificationRecord extends infer N
  ? N extends NotificationRecord
    ? Pick<N, 'id' | 'activityType' | 'templateParameters' | 'previewText' | 'topic' | 'state' | 'at'> & { readonly text: string; readonly stateNote: string }
    : never
  : never;
