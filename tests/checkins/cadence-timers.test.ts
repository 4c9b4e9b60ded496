/**
 * The cadence's timers on the real check-in store (Azurite), with fakes of our own delivery and
 * scheduler ports: the cadence job starts one round per occurrence and moves on; a round's one
 * reminder goes to the teams that have not answered, in their card's thread; the PMO digest lists
 * what is unanswered and who answered.
 */
import { describe, expect, it } from '@jest/globals';
import { createTableCheckInStore } from '../../bot/checkins/tables/check-in-store';
import { CADENCE_JOBS, type CadenceDeps, type CadenceRoundRequest, cadenceJobId } from '../../bot/checkins/app/cadence-deps';
import { cadenceTimers } from '../../bot/checkins/app/cadence-timers';
import { cadenceJobHandlers, scheduleRoundTimers } from '../../bot/checkins/app/round-timers';
import { cadenceRenderers } from '../../bot/checkins/app/cadence-renderers';
import type { CheckInRound } from '../../bot/checkins/domain/check-in';
import type { Delivery } from '../../bot/delivery/domain/delivery';
import type { DeliveryRequest, ScheduledJob } from '../../bot/delivery/ports';
import type { ConversationRef } from '../../bot/conversations';
import { ok } from '../../bot/kernel/result';
import { createMemoryRepositories } from '../support/memory-repositories';
import { testConnectionString, uniqueTablePrefix } from '../support/storage';
import { cardText, validateAdaptiveCard } from '../support/adaptive-card';

const T = '11111111-0000-4000-8000-00000000c0de';
const silent = { info() {}, warn() {}, error() {}, debug() {}, child() { return silent; } };
const at = '2026-11-01T00:00:00.000Z';

async function setup(start: Date) {
  let now = start;
  const repos = createMemoryRepositories();
  const store = await createTableCheckInStore({ connectionString: testConnectionString(), tablePrefix: uniqueTablePrefix() });
  const jobs = new Map<string, ScheduledJob>();
  const dispatched: { batchId: string; requests: readonly DeliveryRequest[] }[] = [];
  const cards: Delivery[] = [];
  const asked: CadenceRoundRequest[] = [];
  const deps: CadenceDeps = {
    repos,
    store,
    clock: { now: () => now },
    logger: silent,
    tabBaseUrl: () => 'https://tab.example/',
    cardBatch: (r) => `checkin:${r.id}`,
    delivery: {
      async dispatch(_t, batchId, requests) {
        dispatched.push({ batchId, requests });
        return [];
      },
      listBatch: async (_t, batchId) => cards.filter((d) => d.batchId === batchId),
      progress: async () => ({ total: 0, queued: 0, sent: 0, failed: 0, unreachable: 0 }),
    },
    scheduler: {
      schedule: async (job) => void jobs.set(job.id, job),
      async scheduleIfAbsent(job) {
        if (jobs.has(job.id)) return false;
        jobs.set(job.id, job);
        return true;
      },
      cancel: async (_t, id) => void jobs.delete(id),
    },
    // The request use case, as far as the timers see it: the round written once by its id.
    async startRound(request) {
      asked.push(request);
      const round: CheckInRound = { tenantId: request.tenantId, domainId: request.domainId, id: request.roundId, trigger: { kind: 'cadence' }, requestedAt: now.toISOString(), dueAt: new Date(now.getTime() + 48 * 3600_000).toISOString(), itemIds: ['wi-1', 'wi-2'], skipped: [] };
      await store.createRound(round);
      return ok((await store.getRound(request.tenantId, request.domainId, request.roundId))?.value ?? round);
    },
  };
  await repos.tenants.upsert({ tenantId: T, displayName: 'Contoso', createdAt: at });
  await repos.domains.create({ tenantId: T, id: 'it', name: 'IT', description: '', freshnessDays: 14, createdAt: at, checkInCadence: { enabled: true, weekday: 'monday', time: '09:00', timeZone: 'Europe/London', answerWithinHours: 48, remindHoursBefore: 24 } });
  return { deps, jobs, dispatched, cards, asked, store, repos, setNow: (d: Date) => (now = d) };
}

describe('the cadence timer', () => {
  it('is ensured once per domain at start, runs one round per occurrence, and moves to the next occurrence', async () => {
    const { deps, jobs, asked, store, setNow } = await setup(new Date('2026-12-03T12:00:00Z'));
    expect(await cadenceTimers(deps).ensureAll()).toBe(1);
    expect(await cadenceTimers(deps).ensureAll()).toBe(0);
    const job = jobs.get(cadenceJobId('it')) as ScheduledJob;
    expect(job).toMatchObject({ kind: CADENCE_JOBS.cadence, dueAt: '2026-12-07T09:00:00.000Z' });

    setNow(new Date('2026-12-07T09:00:01Z'));
    await cadenceJobHandlers(deps)[CADENCE_JOBS.cadence].run(job);
    await cadenceJobHandlers(deps)[CADENCE_JOBS.cadence].run(job); // a retry, or a second process after a crash
    expect(asked.map((a) => [a.roundId, a.skipReportedSince.toISOString()])).toEqual([
      ['cad-it-20261207T0900', '2026-11-30T09:00:00.000Z'],
      ['cad-it-20261207T0900', '2026-11-30T09:00:00.000Z'],
    ]);
    expect((await store.listRounds(T, 'it', new Date(at))).map((r) => r.id)).toEqual(['cad-it-20261207T0900']);
    expect(jobs.get(cadenceJobId('it'))?.dueAt).toBe('2026-12-14T09:00:00.000Z');
  });

  it('follows a changed cadence, stops while it is off, and keeps a job that came due while no process ran', async () => {
    const { deps, jobs, repos, asked, setNow } = await setup(new Date('2026-12-03T12:00:00Z'));
    const timers = cadenceTimers(deps);
    await timers.ensureAll();
    const stored = await repos.domains.get(T, 'it');
    if (!stored) throw new Error('no domain');
    await repos.domains.update({ ...stored.value, checkInCadence: { ...(stored.value.checkInCadence as NonNullable<typeof stored.value.checkInCadence>), weekday: 'friday', time: '16:30', timeZone: 'America/New_York' } }, stored.etag);
    await timers.changed(T, 'it');
    expect(jobs.get(cadenceJobId('it'))?.dueAt).toBe('2026-12-04T21:30:00.000Z');

    // Down over the occurrence, up again: the overdue job stays and sends the round at once.
    setNow(new Date('2026-12-04T23:00:00Z'));
    await timers.ensureAll();
    expect(jobs.get(cadenceJobId('it'))?.dueAt).toBe('2026-12-04T21:30:00.000Z');
    await cadenceJobHandlers(deps)[CADENCE_JOBS.cadence].run(jobs.get(cadenceJobId('it')) as ScheduledJob);
    expect(asked.map((a) => a.roundId)).toEqual(['cad-it-20261204T2130']);

    const again = await repos.domains.get(T, 'it');
    if (!again) throw new Error('no domain');
    await repos.domains.update({ ...again.value, checkInCadence: { ...(again.value.checkInCadence as NonNullable<typeof again.value.checkInCadence>), enabled: false } }, again.etag);
    await timers.changed(T, 'it');
    expect(jobs.has(cadenceJobId('it'))).toBe(false);
  });
});

describe('a round\'s reminder and digest', () => {
  const team = (conversationId: string, workItemId: string) => ({ tenantId: T, conversationId, target: { kind: 'team' as const, workItemId }, linkedBy: 'x', linkedAt: at });

  async function withRound() {
    const s = await setup(new Date('2026-12-07T09:00:00Z'));
    for (const [id, title] of [['wi-1', 'Payroll upgrade'], ['wi-2', 'Laptop refresh']]) {
      await s.repos.workItems.create({ item: { tenantId: T, id, domainId: 'it', title } as never });
    }
    await s.repos.links.put(team('team-1', 'wi-1'));
    await s.repos.links.put(team('team-2', 'wi-2'));
    await s.repos.links.put({ tenantId: T, conversationId: 'pmo-it', target: { kind: 'pmo', domainId: 'it' }, linkedBy: 'x', linkedAt: at });
    const started = await s.deps.startRound({ tenantId: T, domainId: 'it', roundId: 'chk-1', skipReportedSince: new Date(at) });
    if (!started.ok) throw new Error('no round');
    await scheduleRoundTimers(s.deps, started.value);
    s.cards.push({ tenantId: T, id: 'checkin:chk-1/a', batchId: 'checkin:chk-1', conversationId: 'team-1', operation: 'send', content: { kind: 'checkin.request', ref: 'chk-1', variant: 'wi-1' }, state: 'sent', activityId: '1700000000123', attempts: 1, createdAt: at, updatedAt: at });
    // Team 2 answers before the reminder.
    const request = await s.store.getRequest(T, 'it', 'chk-1', 'wi-2');
    if (!request) throw new Error('no request');
    const by = { userId: 'u-t', displayName: 'Tam Team' };
    await s.store.updateRequest({ ...request.value, state: 'answered', answer: { by, at: '2026-12-07T10:00:00.000Z', health: { schedule: 'green', cost: 'green', scope: 'green', benefit: 'green' }, stage: 'Build', note: 'ok', reasons: {} } }, request.etag);
    return s;
  }

  it('reminds once, 24 hours before the due time, only the teams that have not answered, in their card\'s thread', async () => {
    const { deps, jobs, dispatched, store, setNow } = await withRound();
    const remind = jobs.get('checkin-remind:it:chk-1') as ScheduledJob;
    expect(remind.dueAt).toBe('2026-12-08T09:00:00.000Z');
    setNow(new Date('2026-12-08T09:00:00Z'));
    await cadenceJobHandlers(deps)[CADENCE_JOBS.remind].run(remind);
    await cadenceJobHandlers(deps)[CADENCE_JOBS.remind].run(remind);
    expect(dispatched.map((d) => [d.batchId, d.requests.map((r) => [r.conversationId, r.threadId, r.content.kind, r.content.variant])])).toEqual([
      ['checkin:it:chk-1:remind', [['team-1', '1700000000123', 'checkin.reminder', 'wi-1']]],
    ]);
    expect((await store.getRound(T, 'it', 'chk-1'))?.value.remindedAt).toBe('2026-12-08T09:00:00.000Z');
  });

  it('sends the PMO digest at the due time, once, listing the unanswered and who answered', async () => {
    const { deps, jobs, dispatched, store, setNow } = await withRound();
    const digest = jobs.get('checkin-digest:it:chk-1') as ScheduledJob;
    expect(digest.dueAt).toBe('2026-12-09T09:00:00.000Z');
    setNow(new Date('2026-12-09T09:00:00Z'));
    await cadenceJobHandlers(deps)[CADENCE_JOBS.digest].run(digest);
    await cadenceJobHandlers(deps)[CADENCE_JOBS.digest].run(digest);
    expect(dispatched.map((d) => [d.batchId, d.requests.map((r) => r.conversationId)])).toEqual([['checkin:it:chk-1:digest', ['pmo-it']]]);
    expect((await store.getRound(T, 'it', 'chk-1'))?.value.digestAt).toBe('2026-12-09T09:00:00.000Z');

    const conversation = { conversationId: 'pmo-it', kind: 'channel' } as ConversationRef;
    const card = await cadenceRenderers(deps)['checkin.digest'].render(T, dispatched[0]?.requests[0]?.content as never, conversation);
    expect(validateAdaptiveCard(card)).toEqual([]);
    const text = cardText(card);
    expect(text).toContain('Overdue: 1 of 2 check-ins unanswered');
    expect(text).toMatch(/Still unanswered[\s\S]*Payroll upgrade/);
    expect(text).toMatch(/Answered[\s\S]*Laptop refresh — Tam Team/);
    const reminder = await cadenceRenderers(deps)['checkin.reminder'].render(T, { kind: 'checkin.reminder', ref: 'it/chk-1', variant: 'wi-1' }, conversation);
    expect(validateAdaptiveCard(reminder)).toEqual([]);
    expect(cardText(reminder)).toContain('Payroll upgrade');
  });

  it('the digest names an item whose card was never delivered as "could not be reached", not as unanswered', async () => {
    const { deps, jobs, dispatched, cards, setNow } = await withRound();
    // Team 1's card ran out of attempts: the team never saw it.
    cards.splice(0, cards.length, { tenantId: T, id: 'checkin:chk-1/a', batchId: 'checkin:chk-1', conversationId: 'team-1', operation: 'send', content: { kind: 'checkin.request', ref: 'it/chk-1', variant: 'wi-1' }, state: 'failed', lastError: 'gave up after 8 attempts', attempts: 8, createdAt: at, updatedAt: at });
    setNow(new Date('2026-12-09T09:00:00Z'));
    await cadenceJobHandlers(deps)[CADENCE_JOBS.digest].run(jobs.get('checkin-digest:it:chk-1') as ScheduledJob);
    const conversation = { conversationId: 'pmo-it', kind: 'channel' } as ConversationRef;
    const card = await cadenceRenderers(deps)['checkin.digest'].render(T, dispatched[0]?.requests[0]?.content as never, conversation);
    expect(validateAdaptiveCard(card)).toEqual([]);
    const text = cardText(card);
    expect(text).not.toContain('Still unanswered');
    expect(text).not.toContain('Overdue:');
    expect(text).toMatch(/Could not be reached[\s\S]*check the team's channel link[\s\S]*Payroll upgrade/);
  });
});
