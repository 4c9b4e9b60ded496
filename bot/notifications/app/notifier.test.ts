/**
 * Sending notifications through the durable timer, with fakes of the feature's own ports: each
 * event reaches a person once, however often its timer runs; trouble worth retrying leaves
 * nothing recorded so the timer tries again; a refusal is recorded and not retried.
 */
import { describe, expect, it } from '@jest/globals';
import type { ScheduledJob } from '../../delivery';
import type { Logger } from '../../kernel/logger';
import { type ActivityNotification, type NotificationRecord, activityNotification } from '../domain/activity-notification';
import type { ActivityFeed, FeedOutcome, NotificationStore } from '../ports';
import { NOTIFICATION_JOB_KIND, createNotifier, notificationJobHandlers } from './notifier';

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => silent };
const clock = { now: () => new Date('2026-12-07T10:00:00Z') };

const notice = activityNotification({
  tenantId: 't1',
  eventId: 'signal:s-1:decision:d-1',
  recipientUserId: 'u-raiser',
  activityType: 'signalDecided',
  templateParameters: { signalLabel: 'S-1', outcome: 'Rejected' },
  previewText: 'x'.repeat(400),
  topic: { text: 'S-1 Title', webUrl: 'https://relay.example/#/signals/s-1' },
});

function world(outcomes: FeedOutcome[]) {
  const scheduled: ScheduledJob[] = [];
  const sent: ActivityNotification[] = [];
  const records = new Map<string, NotificationRecord>();
  const feed: ActivityFeed = {
    async send(n) {
      sent.push(n);
      return outcomes.shift() ?? { kind: 'sent' };
    },
  };
  const store: NotificationStore = {
    get: async (_t, _u, id) => records.get(id),
    put: async (r) => void records.set(r.id, r),
    listForRecipient: async () => [...records.values()],
  };
  const scheduler = { schedule: async (job: ScheduledJob) => void scheduled.push(job), scheduleIfAbsent: async () => false, cancel: async () => {} };
  const handler = notificationJobHandlers({ scheduler, feed, store, clock, logger: silent })[NOTIFICATION_JOB_KIND];
  return { scheduled, sent, records, notifier: createNotifier({ scheduler, clock }), run: (job: ScheduledJob) => handler.run(job) };
}

describe('activity notifications through the durable timer', () => {
  it('keeps the preview within the 150 characters Teams shows', () => {
    expect(notice.previewText).toHaveLength(150);
    expect(notice.id).toBe('signal:s-1:decision:d-1:u-raiser');
  });

  it('sends an event to a person once, however often its timer runs', async () => {
    const w = world([]);
    await w.notifier.notify([notice]);
    await w.notifier.notify([notice]);
    expect(w.scheduled.map((j) => j.id)).toEqual(['notify:signal:s-1:decision:d-1:u-raiser', 'notify:signal:s-1:decision:d-1:u-raiser']);

    for (const job of w.scheduled) await w.run(job);
    expect(w.sent).toHaveLength(1);
    expect(w.records.get(notice.id)).toMatchObject({ state: 'sent', activityType: 'signalDecided', recipientUserId: 'u-raiser' });
  });

  it('records nothing and throws when the feed asks for a retry, so the timer tries again', async () => {
    const w = world([{ kind: 'retry', error: '429 TooManyRequests' }]);
    await w.notifier.notify([notice]);
    const job = w.scheduled[0] as ScheduledJob;
    await expect(w.run(job)).rejects.toThrow('429 TooManyRequests');
    expect(w.records.size).toBe(0);
    await w.run(job);
    expect(w.sent).toHaveLength(2);
    expect(w.records.get(notice.id)?.state).toBe('sent');
  });

  it('records a refusal as failed and does not send it again', async () => {
    const w = world([{ kind: 'refused', error: '403 Forbidden: not installed' }]);
    await w.notifier.notify([notice]);
    const job = w.scheduled[0] as ScheduledJob;
    await w.run(job);
    await w.run(job);
    expect(w.sent).toHaveLength(1);
    expect(w.records.get(notice.id)).toMatchObject({ state: 'failed', error: '403 Forbidden: not installed' });
  });

  it('drops a job whose payload is not a notification of its tenant', async () => {
    const w = world([]);
    await w.run({ tenantId: 't2', id: 'notify:x', kind: NOTIFICATION_JOB_KIND, dueAt: clock.now().toISOString(), payload: { notification: JSON.stringify(notice) } });
    await w.run({ tenantId: 't1', id: 'notify:y', kind: NOTIFICATION_JOB_KIND, dueAt: clock.now().toISOString(), payload: { notification: '{not json' } });
    expect(w.sent).toHaveLength(0);
  });
});
