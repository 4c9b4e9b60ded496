/**
 * Answering a check-in, at the use case: the item written once per answer even when its write
 * fails after the request was answered (repaired on the next look at the card) or races a tab
 * edit (retried on the item's new version), and the PMO lead answering for a team.
 */
import { beforeEach, describe, expect, it } from '@jest/globals';
import { answerCheckIn, showCheckIn } from '../../bot/checkins/app/answer';
import type { CheckInContent, CheckInDeps } from '../../bot/checkins/app/deps';
import { requestRound } from '../../bot/checkins/app/request';
import type { AnswerData } from '../../bot/checkins/cards/actions';
import { createTableCheckInStore } from '../../bot/checkins/tables/check-in-store';
import type { DeliveryService } from '../../bot/delivery';
import type { Repositories } from '../../bot/directory/repositories';
import type { Principal } from '../../bot/kernel/roles';
import { createMemoryRepositories } from '../support/memory-repositories';
import { domain, link, workItem } from '../support/directory-records';
import { testConnectionString, uniqueTablePrefix } from '../support/storage';

const T = '33333333-0000-4000-8000-00000000aaaa';
const member: Principal = { tenantId: T, userId: 'u-team', displayName: 'Tam Team', roles: [{ role: 'team_member', workItemId: 'wi-a' }] };
const lead: Principal = { tenantId: T, userId: 'u-lead', displayName: 'Lee Lead', roles: [{ role: 'pmo_lead', domainId: 'it' }] };

const noDelivery: DeliveryService<CheckInContent> = { dispatch: async () => [], listBatch: async () => [], progress: async () => ({}) as never };

describe('answering a check-in', () => {
  let repos: Repositories;
  let deps: CheckInDeps;
  let roundId: string;
  let clock: Date;

  beforeEach(async () => {
    repos = createMemoryRepositories();
    clock = new Date('2025-06-02T09:00:00.000Z');
    const silent = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };
    deps = {
      repos,
      store: await createTableCheckInStore({ connectionString: testConnectionString(), tablePrefix: uniqueTablePrefix() }),
      delivery: noDelivery,
      clock: { now: () => clock },
      ids: { next: (prefix) => `${prefix}-${Math.random().toString(36).slice(2, 10)}` },
      logger: { ...silent, child: () => deps.logger },
      tabBaseUrl: () => undefined,
    };
    await repos.domains.createMany([domain(T, 'it')]);
    await repos.workItems.createMany([workItem(T, 'wi-a', 'it', { health: { schedule: 'green', cost: 'green', scope: 'green', benefit: 'green' } })]);
    await repos.links.put(link(T, '19:a@thread.tacv2', { kind: 'team', workItemId: 'wi-a' }));
    const round = await requestRound(deps, { tenantId: T, domainId: 'it', trigger: { kind: 'cadence' }, now: clock });
    if (!round.ok) throw new Error(round.error.message);
    roundId = round.value.id;
    clock = new Date('2025-06-02T10:00:00.000Z');
  });

  const data = (note: string): AnswerData => ({ roundId, workItemId: 'wi-a', domainId: 'it', health: { schedule: 'green', cost: 'amber', scope: 'green', benefit: 'green' }, reasons: {}, stage: 'Beta', note });
  const history = async () => repos.workItems.history(T, { id: 'wi-a', domainId: 'it' });

  it('an item write that fails after the request was answered keeps the answer, and opening the card again writes it once', async () => {
    const update = repos.workItems.update.bind(repos.workItems);
    let failures = 1;
    repos.workItems.update = async (write, etag) => {
      if (failures-- > 0) throw new Error('storage is down');
      return update(write, etag);
    };
    const answered = await answerCheckIn(deps, member, data('Fine'), {});
    expect(answered.ok && answered.value.card.notice?.text).toMatch(/Your answer is kept, but the item could not be updated yet/);
    expect((await repos.workItems.get(T, 'wi-a'))?.value.health.cost).toBe('green');
    expect(await history()).toHaveLength(0);

    await Promise.all([showCheckIn(deps, member, { roundId, workItemId: 'wi-a', domainId: 'it' }), showCheckIn(deps, lead, { roundId, workItemId: 'wi-a', domainId: 'it' })]);
    await showCheckIn(deps, member, { roundId, workItemId: 'wi-a', domainId: 'it' });
    expect((await repos.workItems.get(T, 'wi-a'))?.value).toMatchObject({ health: { cost: 'amber' }, statusNote: 'Fine', statusReportedAt: '2025-06-02T10:00:00.000Z' });
    expect((await history()).map((r) => [r.source, r.checkInId, r.by.displayName])).toEqual([['check-in', roundId, 'Tam Team']]);
  });

  it('an item edited in the tab meanwhile is re-read and written once, keeping the edit', async () => {
    const update = repos.workItems.update.bind(repos.workItems);
    let raced = false;
    repos.workItems.update = async (write, etag) => {
      if (!raced) {
        raced = true;
        const current = await repos.workItems.get(T, 'wi-a');
        if (current) await update({ item: { ...current.value, title: 'Renamed in the tab' } }, current.etag);
      }
      return update(write, etag);
    };
    const answered = await answerCheckIn(deps, member, data('After the rename'), {});
    expect(answered.ok && answered.value.card.notice?.text).toMatch(/Check-in recorded/);
    expect((await repos.workItems.get(T, 'wi-a'))?.value).toMatchObject({ title: 'Renamed in the tab', health: { cost: 'amber' }, statusNote: 'After the rename' });
    expect(await history()).toHaveLength(1);
  });

  it('the domain\'s PMO lead may answer for a team; the answer names them', async () => {
    const answered = await answerCheckIn(deps, lead, data('Answered by the PMO'), {});
    expect(answered.ok && answered.value.card.answer?.by.displayName).toBe('Lee Lead');
    expect((await history())[0]?.by.displayName).toBe('Lee Lead');
  });
});
