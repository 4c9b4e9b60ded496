/**
 * Requesting a check-in round: who may ask, which items are asked and which are left out (and
 * why), the due time from the domain's cadence, one card per team conversation through the
 * delivery queue, and the older open requests it replaces.
 */
import { beforeEach, describe, expect, it } from '@jest/globals';
import { requestRound, requestRoundAs } from '../../bot/checkins/app/request';
import type { CheckInContent, CheckInDeps } from '../../bot/checkins/app/deps';
import { createTableCheckInStore } from '../../bot/checkins/tables/check-in-store';
import type { Delivery, DeliveryRequest, DeliveryService } from '../../bot/delivery';
import { domainCheckIns } from '../../bot/checkins/app/queries';
import type { Principal } from '../../bot/kernel/roles';
import type { Repositories } from '../../bot/directory/repositories';
import { createMemoryRepositories } from '../support/memory-repositories';
import { domain, link, workItem } from '../support/directory-records';
import { testConnectionString, uniqueTablePrefix } from '../support/storage';

const T = '22222222-0000-4000-8000-00000000aaaa';
const now = new Date('2026-03-02T09:00:00.000Z');
const lead: Principal = { tenantId: T, userId: 'u-lead', displayName: 'Lee Lead', roles: [{ role: 'pmo_lead', domainId: 'it' }] };
const hrLead: Principal = { tenantId: T, userId: 'u-hr', displayName: 'Hana HR', roles: [{ role: 'pmo_lead', domainId: 'hr' }] };
const admin: Principal = { tenantId: T, userId: 'u-admin', displayName: 'Ada Admin', roles: [{ role: 'tenant_admin' }] };

interface Dispatched {
  readonly batchId: string;
  readonly requests: readonly DeliveryRequest<CheckInContent>[];
}

function recordingDelivery(sent: Dispatched[]): DeliveryService<CheckInContent> {
  return {
    async dispatch(_tenantId, batchId, requests) {
      sent.push({ batchId, requests });
      return [];
    },
    listBatch: async () => [],
    progress: async () => ({ total: 0, queued: 0, sending: 0, sent: 0, failed: 0, unreachable: 0 }) as never,
  };
}

describe('requesting a check-in round', () => {
  let repos: Repositories;
  let deps: CheckInDeps;
  let sent: Dispatched[];
  let n: number;

  beforeEach(async () => {
    repos = createMemoryRepositories();
    sent = [];
    n = 0;
    deps = {
      repos,
      store: await createTableCheckInStore({ connectionString: testConnectionString(), tablePrefix: uniqueTablePrefix() }),
      delivery: recordingDelivery(sent),
      clock: { now: () => now },
      ids: { next: (prefix) => `${prefix}-${++n}` },
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined, child: () => deps.logger },
      tabBaseUrl: () => undefined,
    };
    await repos.domains.createMany([{ ...domain(T, 'it'), checkInCadence: { enabled: true, weekday: 'monday', time: '09:00', timeZone: 'UTC', answerWithinHours: 24, remindHoursBefore: 4 } }, domain(T, 'hr')]);
    await repos.workItems.createMany([
      workItem(T, 'wi-a', 'it', { title: 'Alpha' }),
      workItem(T, 'wi-b', 'it', { title: 'Beta', statusReportedAt: '2026-03-01T12:00:00.000Z' }),
      workItem(T, 'wi-done', 'it', { title: 'Gamma', stage: 'Done' }),
      workItem(T, 'wi-lonely', 'it', { title: 'Delta' }),
      workItem(T, 'wi-hr', 'hr', { title: 'Payroll' }),
    ]);
    for (const l of [link(T, '19:alpha@thread.tacv2', { kind: 'team', workItemId: 'wi-a' }), link(T, '19:chat-alpha@thread.v2', { kind: 'team', workItemId: 'wi-a' }), link(T, '19:beta@thread.tacv2', { kind: 'team', workItemId: 'wi-b' }), link(T, '19:hr@thread.tacv2', { kind: 'team', workItemId: 'wi-hr' })]) {
      await repos.links.put(l);
    }
  });

  it('asks every reachable, unfinished item of the domain, one card per team conversation, due after the cadence\'s answer window', async () => {
    const r = await requestRoundAs(deps, lead, { domainId: 'it' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({ domainId: 'it', itemIds: ['wi-a', 'wi-b'], trigger: { kind: 'manual', by: { displayName: 'Lee Lead' } }, dueAt: '2026-03-03T09:00:00.000Z' });
    // In title order, as the items are asked: Delta (no team conversation), Gamma (done).
    expect(r.value.skipped).toEqual([{ workItemId: 'wi-lonely', reason: 'no-team-conversation' }, { workItemId: 'wi-done', reason: 'finished' }]);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.batchId).toBe(`checkin:${r.value.id}`);
    expect(sent[0]?.requests.map((q) => `${q.conversationId} ${q.content.variant}`).sort()).toEqual(['19:alpha@thread.tacv2 wi-a', '19:beta@thread.tacv2 wi-b', '19:chat-alpha@thread.v2 wi-a']);
    expect((await deps.store.listOpen(T, 'it')).map((q) => q.workItemId).sort()).toEqual(['wi-a', 'wi-b']);
  });

  it('skips items reported at or after the given time (the cadence\'s rounds)', async () => {
    const r = await requestRound(deps, { tenantId: T, domainId: 'it', trigger: { kind: 'cadence' }, now, skipReportedSince: new Date('2026-03-01T12:00:00.000Z') });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.itemIds).toEqual(['wi-a']);
    expect(r.value.skipped).toContainEqual({ workItemId: 'wi-b', reason: 'reported-recently' });
  });

  it('asks only the items chosen; another domain\'s or unknown ids are refused without naming them', async () => {
    const chosen = await requestRoundAs(deps, admin, { domainId: 'it', itemIds: ['wi-b'] });
    expect(chosen.ok && chosen.value.itemIds).toEqual(['wi-b']);
    const foreign = await requestRoundAs(deps, lead, { domainId: 'it', itemIds: ['wi-a', 'wi-hr'] });
    expect(foreign).toMatchObject({ ok: false, error: { code: 'VALIDATION.INVALID' } });
    expect(foreign.ok ? '' : foreign.error.message).not.toMatch(/wi-hr|Payroll/);
  });

  it('refuses a PMO lead of another domain before looking at anything, and says when nothing can be asked', async () => {
    expect(await requestRoundAs(deps, hrLead, { domainId: 'it', itemIds: ['nope'] })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
    const none = await requestRoundAs(deps, lead, { domainId: 'it', itemIds: ['wi-done', 'wi-lonely'] });
    expect(none).toMatchObject({ ok: false, error: { code: 'VALIDATION.INVALID' } });
    expect(none.ok ? '' : none.error.message).toMatch(/1 finished; 1 without a linked team conversation/);
    expect(sent).toHaveLength(0);
  });

  it('a newer round supersedes the item\'s open request of an older one', async () => {
    const first = await requestRoundAs(deps, lead, { domainId: 'it' });
    const second = await requestRoundAs(deps, lead, { domainId: 'it', itemIds: ['wi-a'], again: true });
    if (!first.ok || !second.ok) throw new Error('round refused');
    expect((await deps.store.getRequest(T, 'it', first.value.id, 'wi-a'))?.value).toMatchObject({ state: 'superseded', supersededBy: second.value.id });
    expect((await deps.store.getRequest(T, 'it', first.value.id, 'wi-b'))?.value.state).toBe('open');
  });

  it('an item whose cards all failed shows "undelivered", not overdue, after the due time; the batch is read once per round', async () => {
    const r = await requestRoundAs(deps, lead, { domainId: 'it' });
    if (!r.ok) throw new Error(r.error.message);
    const card = (conversationId: string, variant: string, state: Delivery['state']): Delivery => ({ tenantId: T, id: `${conversationId}/${variant}`, batchId: `checkin:${r.value.id}`, conversationId, operation: 'send', content: { kind: 'checkin.request', ref: `it/${r.value.id}`, variant }, state, attempts: 8, createdAt: now.toISOString(), updatedAt: now.toISOString() });
    const batchReads: string[] = [];
    const later = new Date('2026-03-04T09:00:00.000Z');
    const page = await domainCheckIns(
      {
        ...deps,
        clock: { now: () => later },
        delivery: {
          ...deps.delivery,
          async listBatch(_t, batchId) {
            batchReads.push(batchId);
            return [card('19:alpha@thread.tacv2', 'wi-a', 'failed'), card('19:chat-alpha@thread.v2', 'wi-a', 'unreachable'), card('19:beta@thread.tacv2', 'wi-b', 'sent')];
          },
        },
      },
      lead,
      'it',
    );
    if (!page.ok) throw new Error(page.error.message);
    expect(page.value.rounds[0]?.items.map((i) => [i.title, i.state])).toEqual([['Alpha', 'undelivered'], ['Beta', 'overdue']]);
    expect(page.value.overdue).toBe(1);
    expect(batchReads).toEqual([`checkin:${r.value.id}`]);
  });

  it('asking again while the last round waits for answers asks for a confirmation, sends nothing, and goes ahead once confirmed', async () => {
    const first = await requestRoundAs(deps, lead, { domainId: 'it' });
    if (!first.ok) throw new Error('round refused');
    const later = { ...deps, clock: { now: () => new Date(now.getTime() + 3 * 60_000) } };
    const repeated = await requestRoundAs(later, admin, { domainId: 'it' });
    expect(repeated).toMatchObject({ ok: false, error: { code: 'CONFLICT.ALREADY_EXISTS', message: '2 teams were asked 3 minutes ago (round by Lee Lead); asking again sends each a new card. Ask again anyway?' } });
    expect(sent).toHaveLength(1);
    expect((await requestRoundAs(later, admin, { domainId: 'it', again: true })).ok).toBe(true);
    expect(sent).toHaveLength(2);
    // Once the round's answer window is over, a new request goes ahead without asking.
    const dueOver = { ...deps, clock: { now: () => new Date('2026-03-03T09:03:01.000Z') } };
    expect((await requestRoundAs(dueOver, lead, { domainId: 'it' })).ok).toBe(true);
  });
});
