/**
 * The audit trail of strategy changes on a real Azurite: every transition is written with its
 * events in one table transaction, and the history of a change lists them in order.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { createChangeTables } from '../../bot/changes/tables/change-tables';
import type { ChangeStores } from '../../bot/changes/ports';
import type { ChangeAuditEvent } from '../../bot/changes/domain/change-audit';
import { type ChangeFields, type Transition, draftChange, editDraft, publishChange, supersedeChange, withdrawChange } from '../../bot/changes/domain/change-rules';
import type { StrategyChange } from '../../bot/changes/domain/strategy-change';
import type { Result } from '../../bot/kernel/result';
import type { Versioned } from '../../bot/kernel/versioned';
import { wipeTenant } from '../../scripts/lib/tenant-wipe';
import { testConnectionString, uniqueTablePrefix } from '../support/storage';

const T = '7f3c2a10-0000-4000-8000-0000000000e1';
const OTHER = '7f3c2a10-0000-4000-8000-0000000000e2';
const WIPED = '7f3c2a10-0000-4000-8000-0000000000e3';
const erin = { userId: 'u-erin', displayName: 'Erin EPMO' };
const sam = { userId: 'u-sam', displayName: 'Sam Strategy' };
const at = (h: number) => new Date(Date.now() + h * 60_000);
const fields: ChangeFields = {
  title: 'Supplier insolvency risk',
  summary: 'Our main supplier may fail.',
  kind: 'threat',
  objectiveIds: ['obj-1'],
  domainIds: [],
  requiredResponse: 'acknowledge',
  respondBy: at(7 * 24 * 60).toISOString(),
};

let stores: ChangeStores;
const prefix = uniqueTablePrefix();

beforeAll(async () => {
  stores = await createChangeTables({ connectionString: testConnectionString(), tablePrefix: prefix });
});

function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** A published change `id` of tenant `tenantId`, written as the use cases write it, and every event so far. */
async function publishedChange(id: string, tenantId = T): Promise<{ stored: Versioned<StrategyChange>; events: ChangeAuditEvent[] }> {
  const drafted = must(draftChange(fields, { tenantId, id, author: erin, now: at(0) }));
  const created = must(await stores.changes.create(drafted));
  const published = must(publishChange(created.value, sam, at(1)));
  return { stored: must(await stores.changes.update(published, created.etag)), events: [...drafted.events, ...published.events] };
}

describe('the audit trail of a strategy change', () => {
  it('publish, supersede and withdraw write their events with the change; the history lists every version in order', async () => {
    const drafted = must(draftChange(fields, { tenantId: T, id: 'chg-life', author: erin, now: at(0) }));
    const created = must(await stores.changes.create(drafted));
    const edited = must(editDraft(created.value, { title: 'Supplier insolvency' }, erin, at(1)));
    const saved = must(await stores.changes.update(edited, created.etag));
    const published = must(publishChange(saved.value, sam, at(2)));
    const live = must(await stores.changes.update(published, saved.etag));
    const superseded = must(supersedeChange(live.value, { summary: 'It failed: act now.' }, sam, at(3)));
    const pair = must(await stores.changes.supersede(superseded, live.etag));
    const withdrawn = must(withdrawChange(pair.next.value, 'Supplier rescued', erin, at(4)));
    must(await stores.changes.update(withdrawn, pair.next.etag));

    const history = await stores.changes.history(T, 'chg-life');
    expect(history).toEqual([drafted, edited, published, superseded, withdrawn].flatMap((t: Transition<unknown>) => t.events));
    expect(history.map((e) => `v${e.version}#${e.seq} ${e.action} ${e.from ?? '-'}→${e.to}`)).toEqual([
      'v1#1 draft -→draft',
      'v1#2 edit draft→draft',
      'v1#3 publish draft→published',
      'v1#4 supersede published→superseded',
      'v2#1 publish -→published',
      'v2#2 withdraw published→withdrawn',
    ]);
    expect(history.at(-1)).toMatchObject({ actorName: 'Erin EPMO', comment: 'Supplier rescued' });
    // The events sit beside the versions without mixing into them.
    expect((await stores.changes.versions(T, 'chg-life')).map((v) => `${v.value.version} ${v.value.state}`)).toEqual(['2 withdrawn', '1 superseded']);
    expect((await stores.changes.list(T)).filter((v) => v.value.id === 'chg-life')).toHaveLength(2);
  });

  it('a publish or withdraw refused for a stale etag writes neither the state nor its event', async () => {
    const drafted = must(draftChange(fields, { tenantId: T, id: 'chg-stale', author: erin, now: at(0) }));
    const created = must(await stores.changes.create(drafted));
    const edited = must(await stores.changes.update(must(editDraft(created.value, { summary: 'Sharper' }, erin, at(1))), created.etag));
    // Publishing from the version loaded before the edit: stale.
    const late = await stores.changes.update(must(publishChange(created.value, sam, at(2))), created.etag);
    expect(late).toMatchObject({ ok: false, error: { code: 'CONFLICT.STALE' } });
    expect((await stores.changes.get(T, 'chg-stale', 1))?.value.state).toBe('draft');
    expect((await stores.changes.history(T, 'chg-stale')).map((e) => e.action)).toEqual(['draft', 'edit']);

    const live = must(await stores.changes.update(must(publishChange(edited.value, sam, at(3))), edited.etag));
    const stale = await stores.changes.update(must(withdrawChange(live.value, 'x', erin, at(4))), edited.etag);
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT.STALE' } });
    expect((await stores.changes.history(T, 'chg-stale')).map((e) => e.action)).toEqual(['draft', 'edit', 'publish']);
  });

  it('a supersede refused for a stale etag writes neither version nor any event', async () => {
    const { stored } = await publishedChange('chg-race');
    const first = must(supersedeChange(stored.value, { title: 'First' }, erin, at(2)));
    const second = must(supersedeChange(stored.value, { title: 'Second' }, sam, at(2)));
    must(await stores.changes.supersede(first, stored.etag));
    expect(await stores.changes.supersede(second, stored.etag)).toMatchObject({ ok: false, error: { code: 'CONFLICT.STALE' } });
    const history = await stores.changes.history(T, 'chg-race');
    expect(history.filter((e) => e.action === 'supersede' || e.version === 2)).toEqual([...first.events]);
    expect((await stores.changes.get(T, 'chg-race', 2))?.value.title).toBe('First');
  });

  it('a state change whose event cannot be appended is not written either', async () => {
    const { stored, events } = await publishedChange('chg-atomic');
    const withdrawn = must(withdrawChange(stored.value, 'Budget restored', erin, at(2)));
    // An event already holds the number this withdrawal's event takes (as a concurrent writer's would).
    const [taken] = withdrawn.events;
    if (!taken) throw new Error('no event');
    await stores.changes.createMany([], [{ ...taken, action: 'edit', comment: 'someone else' }]);
    expect(await stores.changes.update(withdrawn, stored.etag)).toMatchObject({ ok: false, error: { code: 'CONFLICT.STALE' } });
    expect((await stores.changes.get(T, 'chg-atomic', 1))?.value.state).toBe('published');
    expect((await stores.changes.history(T, 'chg-atomic')).map((e) => e.comment ?? e.action)).toEqual([...events.map((e) => e.action), 'someone else']);
  });

  it("keeps each tenant's history to itself and removes it with the tenant", async () => {
    const { events } = await publishedChange('chg-shared', OTHER);
    await publishedChange('chg-shared', T);
    expect(await stores.changes.history(OTHER, 'chg-shared')).toEqual(events);
    expect((await stores.changes.history(T, 'chg-shared')).every((e) => e.tenantId === T)).toBe(true);
    await stores.changes.deleteTenant(OTHER);
    expect(await stores.changes.history(OTHER, 'chg-shared')).toEqual([]);
    expect(await stores.changes.list(OTHER)).toEqual([]);
    expect(await stores.changes.history(T, 'chg-shared')).toHaveLength(2);
  });

  it('is cleared with the rest of the tenant by seed --reset', async () => {
    await publishedChange('chg-wiped', WIPED);
    expect(await stores.changes.history(WIPED, 'chg-wiped')).toHaveLength(2);
    await wipeTenant(testConnectionString(), prefix, WIPED);
    expect(await stores.changes.history(WIPED, 'chg-wiped')).toEqual([]);
    expect(await stores.changes.list(WIPED)).toEqual([]);
  });
});
