/** The caller's activity-feed notifications (`/api/me/notifications`). Shapes come from the server's contract. */
import type { NotificationsResponse } from '../../../bot/api-contract/notifications';
import type { Transport } from './client';

export const myNotifications = (transport: Transport, signal?: AbortSignal): Promise<NotificationsResponse> =>
  transport.json<NotificationsResponse>('GET', '/api/me/notifications', signal ? { signal } : {});
