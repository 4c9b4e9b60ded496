/**
 * The check-in store on the test run's Azurite: a round and its open requests, superseding an
 * item's older open request, one answer of a request, the open index, rounds by date, isolation.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { createTableCheckInStore } from '../../bot/checkins/tables/check-in-store';
import type { CheckInStore } from '../../bot/checkins/ports';
import type { CheckInAnswer, CheckInRound } from '../../bot/checkins/domain/check-in';
import { testConnectionString, uniqueTablePrefix } from '../support/storage';

const T = '11111111-0000-4000-8000-00000000aaaa';
const OTHER = '11111111-0000-4000-8000-00000000bbbb';

const round = (id: string, itemIds: string[], requestedAt: string, tenantId = T): CheckInRound => ({
  tenantId,
  domainId: 'it',
  id,
  trigger: { kind: 'manual', by: { userId: 'u-l', displayName: 'Lee Lead' } },
  requestedAt,
  dueAt: new Date(Date.parse(requestedAt) + 48 * 3600_000).toISOString(),
  itemIds,
  skipped: [{ workItemId: 'wi-done', reason: 'finished' }],
});

const answer: CheckInAnswer = {
  by: { userId: 'u-t', displayName: 'Tam Team' },
  at: '2026-03-03T10:00:00.000Z',
  health: { schedule: 'green', cost: 'amber', scope: 'green', benefit: 'red' },
  stage: 'Build',
  benefitRealised: 12,
  note: 'On track',
  reasons: { benefit: 'Adoption is slow' },
};

describe('check-in store (Table Storage)', () => {
  let store: CheckInStore;
  beforeAll(async () => {
    store = await createTableCheckInStore({ connectionString: testConnectionString(), tablePrefix: uniqueTablePrefix() });
  });

  it('writes a round with one open request per item, once however often it is written', async () => {
    const r = round('r1', ['wi-1', 'wi-2'], '2026-03-02T09:00:00.000Z');
    await store.createRound(r);
    await store.createRound(r);
    expect((await store.getRound(T, 'it', 'r1'))?.value).toEqual(r);
    const requests = await store.listRequests(T, 'it', 'r1');
    expect(requests.map((q) => [q.workItemId, q.state]).sort()).toEqual([['wi-1', 'open'], ['wi-2', 'open']]);
    expect((await store.listOpen(T, 'it')).map((q) => q.workItemId).sort()).toEqual(['wi-1', 'wi-2']);
    expect(await store.getRound(OTHER, 'it', 'r1')).toBeUndefined();
    expect(await store.listOpen(T, 'hr')).toEqual([]);
  });

  it('a newer round supersedes the item\'s older open request; only the newest stays open', async () => {
    await store.createRound(round('r2', ['wi-2', 'wi-3'], '2026-03-03T09:00:00.000Z'));
    const old = await store.getRequest(T, 'it', 'r1', 'wi-2');
    expect(old?.value).toMatchObject({ state: 'superseded', supersededBy: 'r2' });
    expect((await store.getRequest(T, 'it', 'r1', 'wi-1'))?.value.state).toBe('open');
    const open = await store.listOpen(T, 'it');
    expect(open.map((q) => `${q.roundId}/${q.workItemId}`).sort()).toEqual(['r1/wi-1', 'r2/wi-2', 'r2/wi-3']);
  });

  it('answers a request once: the second writer at the same version gets CONFLICT.STALE, and it leaves the open list', async () => {
    const req = await store.getRequest(T, 'it', 'r2', 'wi-3');
    if (!req) throw new Error('missing request');
    const both = await Promise.all([
      store.updateRequest({ ...req.value, state: 'answered', answer }, req.etag),
      store.updateRequest({ ...req.value, state: 'answered', answer: { ...answer, note: 'second' } }, req.etag),
    ]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(both.find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: 'CONFLICT.STALE' } });
    const winner = both.find((r) => r.ok);
    expect((await store.getRequest(T, 'it', 'r2', 'wi-3'))?.value.answer).toEqual(winner?.ok ? winner.value.value.answer : 'no winner');
    expect((await store.listOpen(T, 'it')).map((q) => q.workItemId).sort()).toEqual(['wi-1', 'wi-2']);
  });

  it('a request superseded meanwhile cannot be answered at its old version', async () => {
    const before = await store.getRequest(T, 'it', 'r1', 'wi-1');
    if (!before) throw new Error('missing request');
    await store.createRound(round('r3', ['wi-1'], '2026-03-04T09:00:00.000Z'));
    const late = await store.updateRequest({ ...before.value, state: 'answered', answer }, before.etag);
    expect(late).toMatchObject({ ok: false, error: { code: 'CONFLICT.STALE' } });
    expect((await store.listOpen(T, 'it')).map((q) => `${q.roundId}/${q.workItemId}`).sort()).toEqual(['r2/wi-2', 'r3/wi-1']);
  });

  it('lists rounds since a date, newest first, and updates a round guarded by its ETag', async () => {
    expect((await store.listRounds(T, 'it', new Date('2026-03-03T00:00:00Z'))).map((r) => r.id)).toEqual(['r3', 'r2']);
    const r = await store.getRound(T, 'it', 'r3');
    if (!r) throw new Error('missing round');
    const reminded = await store.updateRound({ ...r.value, remindedAt: '2026-03-05T09:00:00.000Z' }, r.etag);
    expect(reminded.ok).toBe(true);
    expect(await store.updateRound({ ...r.value, digestAt: '2026-03-06T09:00:00.000Z' }, r.etag)).toMatchObject({ ok: false, error: { code: 'CONFLICT.STALE' } });
  });

  it('a round of many items supersedes and opens them all (several transactions)', async () => {
    const many = Array.from({ length: 70 }, (_, i) => `wi-m${i}`);
    await store.createRound(round('r4', many, '2026-03-05T09:00:00.000Z'));
    await store.createRound(round('r5', many, '2026-03-06T09:00:00.000Z'));
    const open = await store.listOpen(T, 'it');
    expect(open.filter((q) => q.roundId === 'r5')).toHaveLength(70);
    expect(open.filter((q) => q.roundId === 'r4')).toHaveLength(0);
    expect((await store.listRequests(T, 'it', 'r4')).every((q) => q.state === 'superseded' && q.supersededBy === 'r5')).toBe(true);
  });

  it('removes a tenant\'s rounds of the domains named', async () => {
    await store.createRound(round('x1', ['wi-1'], '2026-03-02T09:00:00.000Z', OTHER));
    await store.deleteTenant(T, ['it']);
    expect(await store.listRounds(T, 'it', new Date(0))).toEqual([]);
    expect(await store.listOpen(T, 'it')).toEqual([]);
    expect((await store.listRounds(OTHER, 'it', new Date(0))).map((r) => r.id)).toEqual(['x1']);
  });
});
