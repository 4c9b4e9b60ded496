/**
 * Sends activity-feed notifications through a durable timer, so a send survives a restart and a
 * throttled or failed one is retried with back-off. Idempotent per event: the timer's id is the
 * notification's, and a notification already recorded is not sent again (at least once: a crash
 * between Graph's answer and the record sends it again, as delivery does for cards).
 */
import type { JobHandlers, ScheduledJob, Scheduler } from '../../delivery';
import type { Logger } from '../../kernel/logger';
import type { Clock } from '../../kernel/runtime';
import { ACTIVITY_TYPES, type ActivityNotification, type ActivityType } from '../domain/activity-notification';
import type { ActivityFeed, NotificationStore } from '../ports';

export const NOTIFICATION_JOB_KIND = 'activity.notify';

/** The timer of one notification; the notification travels in its payload. Stored: keep the kind and payload. */
export interface NotificationJob extends ScheduledJob {
  readonly kind: typeof NOTIFICATION_JOB_KIND;
  readonly payload: { readonly notification: string };
}

/** What features call to notify people. */
export interface Notifier {
  notify(notifications: readonly ActivityNotification[]): Promise<void>;
}

export interface NotifierDeps {
  readonly scheduler: Scheduler<NotificationJob>;
  readonly feed: ActivityFeed;
  readonly store: NotificationStore;
  readonly clock: Clock;
  readonly logger: Logger;
}

export function createNotifier(deps: Pick<NotifierDeps, 'scheduler' | 'clock'>): Notifier {
  return {
    async notify(notifications) {
      const dueAt = deps.clock.now().toISOString();
      for (const n of notifications) {
        await deps.scheduler.schedule({ tenantId: n.tenantId, id: `notify:${n.id}`, kind: NOTIFICATION_JOB_KIND, dueAt, payload: { notification: JSON.stringify(n) } });
      }
    },
  };
}

const isActivityType = (value: unknown): value is ActivityType => typeof value === 'string' && Object.hasOwn(ACTIVITY_TYPES, value);

/** The payload as stored, checked: a job written by another version may not parse. */
function parse(job: ScheduledJob): ActivityNotification | undefined {
  try {
    const n = JSON.parse(job.payload['notification'] ?? '') as Partial<ActivityNotification>;
    if (n.tenantId !== job.tenantId || !n.id || !n.recipientUserId || !isActivityType(n.activityType) || !n.topic || typeof n.previewText !== 'string') return undefined;
    return n as ActivityNotification;
  } catch {
    return undefined;
  }
}

async function send(deps: NotifierDeps, job: ScheduledJob): Promise<void> {
  const n = parse(job);
  if (!n) {
    deps.logger.warn({ jobId: job.id }, 'ignored a malformed activity notification job');
    return;
  }
  if (await deps.store.get(n.tenantId, n.recipientUserId, n.id)) return;
  const outcome = await deps.feed.send(n);
  const at = deps.clock.now().toISOString();
  const where = { tenantId: n.tenantId, notificationId: n.id, activityType: n.activityType, recipient: n.recipientUserId };
  switch (outcome.kind) {
    case 'retry':
      // The scheduler retries with back-off; nothing is recorded until the feed answers for good.
      throw new Error(`activity notification not sent yet: ${outcome.error}`);
    case 'refused':
      deps.logger.warn({ ...where, error: outcome.error }, 'activity notification refused');
      await deps.store.put({ ...n, state: 'failed', at, error: outcome.error });
      return;
    case 'logged':
      // No Graph configured (local demo): the record is the log the demo shows; nothing left the machine.
      deps.logger.info({ ...where, previewText: n.previewText }, 'activity notification kept in the local log (Graph is not configured)');
      await deps.store.put({ ...n, state: 'logged', at });
      return;
    case 'sent':
      deps.logger.info(where, 'activity notification sent');
      await deps.store.put({ ...n, state: 'sent', at });
  }
}

export function notificationJobHandlers(deps: NotifierDeps): JobHandlers<NotificationJob> {
  return { [NOTIFICATION_JOB_KIND]: { run: (job) => send(deps, job) } };
}

/** The feed when Graph is not configured (local demo, tests): every notification stays in the local log. */
export const localActivityFeed: ActivityFeed = { send: async () => ({ kind: 'logged' }) };
