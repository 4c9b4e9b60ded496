/**
 * Moves between domains that a crash interrupted, repaired on a real Azurite (item-move.ts): a
 * repository stopped after each step of a move (its `afterStep` option throws, as a crash would),
 * then fresh instances repair at start, on read or on the next move. Afterwards the item is in
 * exactly one domain — the source if the mark never happened, the target if it did — the index
 * names it, each domain's figures equal a recount, and the caller's version is still current
 * (undone) or stale (moved). Repair is idempotent, two instances may run it at once, and a move
 * still under way is left alone, or refused as stale if a repair undid it first.
 */
import { describe, expect, it } from '@jest/globals';

import { createTableRepositories, tableNames } from '../../bot/directory/tables';
import type { WorkItem } from '../../bot/portfolio/domain/portfolio';
import { statsOf } from '../../bot/portfolio/domain/projection';
import type { StatusReport } from '../../bot/portfolio/domain/status-report';
import type { MoveOptions, MoveStep } from '../../bot/portfolio/tables/move-intent';
import { TableWorkItemRepository } from '../../bot/portfolio/tables/work-item-repository';
import { type TableClient, ensureTable, openTable, queryRows } from '../../bot/platform/storage/table-client';
import { workItem } from '../support/directory-records';
import { testConnectionString, uniqueTablePrefix } from '../support/storage';

const T = 'f0000000-0000-4000-8000-0000000000f2';
const DOMAINS = ['dom-a', 'dom-b', 'dom-c'] as const;

interface Clients {
  readonly prefix: string;
  readonly items: TableClient;
  readonly index: TableClient;
}

async function openClients(): Promise<Clients> {
  const prefix = uniqueTablePrefix();
  const names = tableNames(prefix);
  const clients = { prefix, items: openTable(testConnectionString(), names.portfolioItems), index: openTable(testConnectionString(), names.itemIndex) };
  await Promise.all([ensureTable(clients.items), ensureTable(clients.index)]);
  return clients;
}

/** A fresh app instance over the same tables. */
const instance = (c: Clients, options?: MoveOptions): TableWorkItemRepository => new TableWorkItemRepository(c.items, c.index, options);

class Crash extends Error {}
/** An instance that dies right after `step` of a move. */
const crashingAfter = (c: Clients, step: MoveStep): TableWorkItemRepository =>
  instance(c, {
    afterStep: (done) => {
      if (done === step) throw new Crash(`crashed after ${step}`);
    },
  });

const report = (at: string, stage = 'Build'): StatusReport => ({ at, by: { displayName: 'Test' }, source: 'tab', health: { schedule: 'red', cost: 'green', scope: 'green', benefit: 'amber' }, overall: 'red', stage });

/** Three domains, the moving item `wi_m` in dom-a with one report, and neighbours in each domain. */
async function seeded(): Promise<Clients> {
  const c = await openClients();
  await instance(c).createMany(
    [workItem(T, 'wi_m', 'dom-a', { statusReportedAt: '2026-11-01T10:00:00.000Z' }), workItem(T, 'wi_a2', 'dom-a'), workItem(T, 'wi_b1', 'dom-b', { stage: 'Done' }), workItem(T, 'wi_c1', 'dom-c')],
    new Map([['wi_m', [report('2026-11-01T10:00:00.000Z')]]]),
  );
  return c;
}

/** Starts a move of wi_m from dom-a to `to` on `repos`, which crashes; returns the version the caller edited. */
async function interruptedMove(repos: TableWorkItemRepository, to: string): Promise<{ readonly before: WorkItem; readonly etag: string }> {
  const current = await repos.get(T, 'wi_m');
  if (!current) throw new Error('wi_m missing');
  await expect(repos.update({ item: { ...current.value, domainId: to, title: 'Moved' }, report: report('2026-11-05T10:00:00.000Z', 'Moved') }, current.etag)).rejects.toBeInstanceOf(Crash);
  return { before: current.value, etag: current.etag };
}

/** Where each item is listed, and every domain's figures against a recount. */
async function checkConsistent(repos: TableWorkItemRepository): Promise<Map<string, string[]>> {
  const where = new Map<string, string[]>();
  for (const d of DOMAINS) {
    const listed = await repos.listByDomain(T, d);
    expect(await repos.stats(T, d)).toEqual(statsOf(listed.map((v) => v.value)));
    for (const v of listed) where.set(v.value.id, [...(where.get(v.value.id) ?? []), d]);
  }
  const index = await repos.domainsOf(T, [...where.keys()]);
  for (const [id, domains] of where) expect(index.get(id)).toBe(domains[0]);
  return where;
}

/** Move intents and pointers left in the tables. */
async function leftovers(c: Clients): Promise<number> {
  const intents = await queryRows(c.items, "RowKey ge 'move.' and RowKey lt 'move/'");
  const pointers = await queryRows(c.index, "PartitionKey eq '!moves'");
  return intents.length + pointers.length;
}

const MARK_NEVER_HAPPENED: readonly MoveStep[] = ['intent', 'target'];
const MARKED: readonly MoveStep[] = ['mark', 'index', 'source'];

describe('a move interrupted before the source was marked is undone', () => {
  it.each(MARK_NEVER_HAPPENED)('after the %s step: by two instances at start, leaving the item once in its source at the caller\'s version', async (step) => {
    const c = await seeded();
    const { etag } = await interruptedMove(crashingAfter(c, step), 'dom-b');
    if (step === 'target') {
      // The crash window: listed and counted in both domains.
      expect((await checkConsistent(instance(c))).get('wi_m')).toEqual(['dom-a', 'dom-b']);
    }

    const [one, two] = [instance(c, { graceMs: 0 }), instance(c, { graceMs: 0 })];
    const settled = await Promise.all([one.repairMoves(), two.repairMoves()]);
    expect(settled.flat()).toContain('undone');

    const where = await checkConsistent(one);
    expect(where.get('wi_m')).toEqual(['dom-a']);
    expect((await one.history(T, { id: 'wi_m', domainId: 'dom-a' })).map((r) => r.at)).toEqual(['2026-11-01T10:00:00.000Z']);
    expect(await leftovers(c)).toBe(0);

    // Idempotent: again changes nothing.
    const figures = await Promise.all(DOMAINS.map((d) => one.stats(T, d)));
    expect(await two.repairMoves()).toEqual([]);
    expect(await Promise.all(DOMAINS.map((d) => one.stats(T, d)))).toEqual(figures);

    // Nothing moved, so the version the caller edited is still current: the move can be made again.
    const again = await one.get(T, 'wi_m');
    expect(again?.etag).toBe(etag);
    expect((await one.update({ item: { ...(again as NonNullable<typeof again>).value, domainId: 'dom-b' } }, etag)).ok).toBe(true);
    expect((await checkConsistent(two)).get('wi_m')).toEqual(['dom-b']);
    // The interrupted move's report was taken back: the history holds only what really happened.
    expect((await two.history(T, { id: 'wi_m', domainId: 'dom-b' })).map((r) => r.at)).toEqual(['2026-11-01T10:00:00.000Z']);
  });

  it('leaves a move younger than the grace period to its mover, then undoes it once it is older', async () => {
    const c = await seeded();
    await interruptedMove(crashingAfter(c, 'target'), 'dom-b');
    expect(await instance(c).repairMoves()).toEqual(['pending']);
    expect((await checkConsistent(instance(c))).get('wi_m')).toEqual(['dom-a', 'dom-b']);
    expect(await instance(c, { graceMs: 0 }).repairMoves()).toEqual(['undone']);
    expect((await checkConsistent(instance(c))).get('wi_m')).toEqual(['dom-a']);
  });

  it('is undone when the next move of the item meets it, which then goes ahead', async () => {
    const c = await seeded();
    await interruptedMove(crashingAfter(c, 'target'), 'dom-b');
    const next = instance(c, { graceMs: 0 });
    const current = await next.get(T, 'wi_m');
    if (!current) throw new Error('wi_m missing');
    expect((await next.update({ item: { ...current.value, domainId: 'dom-c' } }, current.etag)).ok).toBe(true);
    expect((await checkConsistent(next)).get('wi_m')).toEqual(['dom-c']);
    // The new move from dom-a took over the crashed move's pointer (same key) and removed it.
    expect(await leftovers(c)).toBe(0);
    expect(await next.repairMoves()).toEqual([]);
  });

  it('refuses, as stale, a move still under way that a repair took for interrupted: the item stays once, in its source', async () => {
    const c = await seeded();
    let release: () => void = () => undefined;
    let reached: () => void = () => undefined;
    const atTarget = new Promise<void>((resolve) => (reached = resolve));
    const paused = new Promise<void>((resolve) => (release = resolve));
    const slow = instance(c, {
      afterStep: async (step) => {
        if (step !== 'target') return;
        reached();
        await paused;
      },
    });
    const current = await slow.get(T, 'wi_m');
    if (!current) throw new Error('wi_m missing');
    const moving = slow.update({ item: { ...current.value, domainId: 'dom-b' } }, current.etag);
    await atTarget;
    expect(await instance(c, { graceMs: 0 }).repairMoves()).toEqual(['undone']);
    release();
    const result = await moving;
    expect(result.ok || result.error.code).toBe('CONFLICT.STALE');
    expect((await checkConsistent(instance(c))).get('wi_m')).toEqual(['dom-a']);
    expect((await instance(c).get(T, 'wi_m'))?.etag).toBe(current.etag);
  });
});

describe('a move interrupted after the source was marked is finished', () => {
  it.each(MARKED)('after the %s step: by two instances at start, leaving the item once in the target at its new version', async (step) => {
    const c = await seeded();
    const { etag } = await interruptedMove(crashingAfter(c, step), 'dom-b');

    // A marked move is finished whatever its age: it is what its mover would do next.
    const [one, two] = [instance(c), instance(c)];
    const settled = await Promise.all([one.repairMoves(), two.repairMoves()]);
    expect(settled.flat()).toContain('moved');

    const where = await checkConsistent(one);
    expect(where.get('wi_m')).toEqual(['dom-b']);
    const now = await one.get(T, 'wi_m');
    expect(now?.value).toMatchObject({ domainId: 'dom-b', title: 'Moved' });
    expect((await one.history(T, { id: 'wi_m', domainId: 'dom-b' })).map((r) => r.at)).toEqual(['2026-11-01T10:00:00.000Z', '2026-11-05T10:00:00.000Z']);
    expect(await one.history(T, { id: 'wi_m', domainId: 'dom-a' })).toEqual([]);
    expect(await leftovers(c)).toBe(0);

    const figures = await Promise.all(DOMAINS.map((d) => one.stats(T, d)));
    expect(await two.repairMoves()).toEqual([]);
    expect(await Promise.all(DOMAINS.map((d) => one.stats(T, d)))).toEqual(figures);

    // The version the caller edited is gone: an edit from it is stale, one from the moved version is not.
    const fromOld = await one.update({ item: { ...(now as NonNullable<typeof now>).value, title: 'Old' } }, etag);
    expect(fromOld.ok || fromOld.error.code).toBe('CONFLICT.STALE');
    expect((await one.update({ item: { ...(now as NonNullable<typeof now>).value, title: 'New' } }, (now as NonNullable<typeof now>).etag)).ok).toBe(true);
  });

  it('is finished when the app starts', async () => {
    const c = await seeded();
    await interruptedMove(crashingAfter(c, 'mark'), 'dom-b');
    const repos = await createTableRepositories({ connectionString: testConnectionString(), tablePrefix: c.prefix });
    expect(await leftovers(c)).toBe(0);
    expect(await repos.workItems.domainsOf(T, ['wi_m'])).toEqual(new Map([['wi_m', 'dom-b']]));
    expect((await checkConsistent(instance(c))).get('wi_m')).toEqual(['dom-b']);
  });

  it('is finished by the first read that meets the marked source row', async () => {
    const c = await seeded();
    await interruptedMove(crashingAfter(c, 'mark'), 'dom-b');
    const reader = instance(c);
    expect((await reader.get(T, 'wi_m'))?.value.domainId).toBe('dom-b');
    expect(await reader.domainsOf(T, ['wi_m'])).toEqual(new Map([['wi_m', 'dom-b']]));
    expect((await checkConsistent(reader)).get('wi_m')).toEqual(['dom-b']);
    expect(await reader.history(T, { id: 'wi_m', domainId: 'dom-a' })).toEqual([]);
    // Only the pointer is left for the next start, which removes it.
    expect(await leftovers(c)).toBe(1);
    expect(await reader.repairMoves()).toEqual(['none']);
    expect(await leftovers(c)).toBe(0);
  });
});

/** Moves wi_m (wherever it is) to `to` on a healthy instance; returns the stored version. */
async function moveTo(repos: TableWorkItemRepository, to: string): Promise<void> {
  const current = await repos.get(T, 'wi_m');
  if (!current) throw new Error('wi_m missing');
  const moved = await repos.update({ item: { ...current.value, domainId: to } }, current.etag);
  if (!moved.ok) throw new Error(moved.error.message);
}

describe('a leftover of an interrupted move meets the item moving back', () => {
  it('an intent left after the source was cleared does not send the item away again once it moved back', async () => {
    const c = await seeded();
    await interruptedMove(crashingAfter(c, 'source'), 'dom-b');
    // The item is in dom-b; it moves back to dom-a while dom-a still holds the finished move's intent.
    await moveTo(instance(c), 'dom-a');
    await instance(c, { graceMs: 0 }).repairMoves();

    const repos = instance(c);
    expect((await checkConsistent(repos)).get('wi_m')).toEqual(['dom-a']);
    // Still found by id, and editable: the index was not pointed at the domain it left.
    expect((await repos.get(T, 'wi_m'))?.value.domainId).toBe('dom-a');
    expect(await leftovers(c)).toBe(0);
  });

  it('a marked row left in the target is finished off, and the move back goes ahead at once', async () => {
    const c = await seeded();
    await interruptedMove(crashingAfter(c, 'index'), 'dom-b');
    // dom-a still holds the row marked "moved to dom-b"; no restart has repaired it yet.
    await moveTo(instance(c), 'dom-a');

    const repos = instance(c);
    expect((await checkConsistent(repos)).get('wi_m')).toEqual(['dom-a']);
    expect((await repos.get(T, 'wi_m'))?.value.domainId).toBe('dom-a');
    // The interrupted move's pointer is swept at the next start, finding nothing left to do.
    expect(await instance(c, { graceMs: 0 }).repairMoves()).toEqual(['none']);
    expect(await leftovers(c)).toBe(0);
  });
});
