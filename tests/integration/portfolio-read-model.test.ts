/**
 * The portfolio read model on a real Azurite: a domain's portfolio reads only its partition, the
 * figures stay right while two app instances edit and move items at once, pages carry 5,000
 * items, and one instance's catalogue write is seen by another on its next request.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';

import { tableNames } from '../../bot/directory/tables';
import { randomIds } from '../../bot/kernel/ids';
import type { Principal } from '../../bot/kernel/roles';
import { systemClock } from '../../bot/kernel/runtime';
import { getPortfolio, getRollup } from '../../bot/portfolio/app/portfolio-views';
import type { PortfolioDeps } from '../../bot/portfolio/app/portfolio';
import type { Health, Rag, WorkItem } from '../../bot/portfolio/domain/portfolio';
import { statsOf } from '../../bot/portfolio/domain/projection';
import type { PortfolioActivitySource, PortfolioRepositories } from '../../bot/portfolio/ports';
import type { TableClient } from '../../bot/platform/storage/table-client';
import { PORTFOLIO_PAGE_SIZE } from '../../bot/api-contract/portfolio';
import { domain, objective, workItem } from '../support/directory-records';
import { portfolioInstance } from '../support/portfolio-instance';
import { uniqueTablePrefix } from '../support/storage';

const T = 'f0000000-0000-4000-8000-0000000000f1';
const RAGS: readonly Rag[] = ['green', 'amber', 'red', 'unknown'];

/** One app instance's view of the portfolio tables: its own clients, its own catalogue cache. */
/** Records the partition keys every read names (point reads and queries). */
function recording(log: string[]): (c: TableClient) => TableClient {
  return (client) =>
    new Proxy(client, {
      get(target, prop, receiver) {
        if (prop === 'getEntity') return (pk: string, rk: string, ...rest: unknown[]) => (log.push(`${target.tableName} get ${pk}`), target.getEntity(pk, rk, ...(rest as [])));
        if (prop === 'listEntities') {
          return (options?: { queryOptions?: { filter?: string } }) => (log.push(`${target.tableName} query ${options?.queryOptions?.filter ?? '(whole table)'}`), target.listEntities(options));
        }
        const value: unknown = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
}

const noActivity: PortfolioActivitySource = {
  domainActivity: async () => ({ version: 'none', openSignalsByItem: new Map(), unansweredByItem: new Map(), openSignalsByState: {}, overdueResponses: 0, overdueCheckIns: new Set() }),
  rollupActivity: async () => new Map(),
  itemActivity: async () => ({ signals: [], changes: [], openSignalStates: [], unansweredChanges: 0, checkInOverdue: false }),
};
const epmo: Principal = { tenantId: T, userId: 'u-epmo', displayName: 'Eve EPMO', roles: [{ role: 'epmo_member' }] };
// Objectives are not written here, so nobody needs to be a strategy owner.
const deps = (repos: PortfolioRepositories): PortfolioDeps => ({ repos, people: { get: async () => undefined }, activity: noActivity, clock: systemClock, ids: randomIds });

const health = (n: number): Health => ({ schedule: RAGS[n % 4] as Rag, cost: RAGS[(n >> 2) % 4] as Rag, scope: 'green', benefit: RAGS[(n >> 4) % 4] as Rag });

describe('a domain portfolio reads only its own partition', () => {
  it('names no other domain in any read of the page, its figures or the catalogue', async () => {
    const prefix = uniqueTablePrefix();
    const writer = await portfolioInstance(prefix);
    await writer.domains.createMany([domain(T, 'dom-a', 'A'), domain(T, 'dom-b', 'B')]);
    await writer.objectives.createMany([objective(T, 'obj-1')]);
    await writer.workItems.createMany([
      ...Array.from({ length: 30 }, (_, i) => workItem(T, `wi_a${i}`, 'dom-a')),
      ...Array.from({ length: 30 }, (_, i) => workItem(T, `wi_b${i}`, 'dom-b')),
    ]);

    const log: string[] = [];
    const reader = await portfolioInstance(prefix, recording(log));
    const page = await getPortfolio(deps(reader), epmo, 'dom-a');
    const body = page.ok ? page.value.build() : undefined;
    expect(body?.items.map((i) => i.id).sort()).toEqual(Array.from({ length: 30 }, (_, i) => `wi_a${i}`).sort());
    expect(body?.kpis.total).toBe(30);

    const itemReads = log.filter((l) => l.startsWith(`${tableNames(prefix).portfolioItems} `));
    expect(itemReads.length).toBeGreaterThan(0);
    expect(itemReads.every((l) => l.includes(`${T}.dom-a`) && !l.includes('dom-b'))).toBe(true);
    // No read scans a whole table.
    expect(log.filter((l) => l.includes('(whole table)'))).toEqual([]);

    // The next request pays one point read for the catalogue (its version row), not a list.
    log.length = 0;
    await getPortfolio(deps(reader), epmo, 'dom-a');
    expect(log.filter((l) => l.startsWith(tableNames(prefix).domains) || l.startsWith(tableNames(prefix).objectives))).toEqual([
      `${tableNames(prefix).domains} get !catalogue`,
      `${tableNames(prefix).domains} get !catalogue`,
    ]);
  });
});

describe('the EPMO roll-up of 20 domains', () => {
  it('shows every domain side by side from one figures row each, reading no item', async () => {
    const prefix = uniqueTablePrefix();
    const writer = await portfolioInstance(prefix);
    const ids = Array.from({ length: 20 }, (_, d) => `dom-${String(d).padStart(2, '0')}`);
    await writer.domains.createMany(ids.map((id) => domain(T, id, `Domain ${id}`)));
    // Domain n holds n + 1 items, every fourth one red.
    await writer.workItems.createMany(ids.flatMap((id, d) => Array.from({ length: d + 1 }, (_, i) => ({ ...workItem(T, `wi_${id}_${i}`, id), health: health(i % 4 === 3 ? 2 : 0) }))));

    const log: string[] = [];
    const reader = await portfolioInstance(prefix, recording(log));
    const rollup = await getRollup(deps(reader), epmo);
    if (!rollup.ok) throw new Error(rollup.error.message);
    const body = rollup.value.build();
    expect(body.domains.map((r) => r.domain.id)).toEqual(ids);
    expect(body.domains.map((r) => r.kpis.total)).toEqual(ids.map((_, d) => d + 1));
    expect(body.domains.map((r) => r.kpis.byOverall.red)).toEqual(ids.map((_, d) => Math.floor((d + 1) / 4)));

    const itemTable = tableNames(prefix).portfolioItems;
    const reads = log.filter((l) => l.startsWith(`${itemTable} `));
    // One point read of each domain's figures row; no query of any partition.
    expect(reads.filter((l) => l.includes(' query '))).toEqual([]);
    expect(reads.length).toBe(20);
  });
});

describe('figures kept on write', () => {
  it('stay equal to a recount while two instances edit and move items in parallel', async () => {
    const prefix = uniqueTablePrefix();
    const [one, two] = await Promise.all([portfolioInstance(prefix), portfolioInstance(prefix)]);
    await one.domains.createMany([domain(T, 'dom-a'), domain(T, 'dom-b')]);
    const items = Array.from({ length: 24 }, (_, i) => workItem(T, `wi_${i}`, i % 2 === 0 ? 'dom-a' : 'dom-b', { objectives: [{ objectiveId: `obj-${i % 3}`, weight: 50 }] }));
    await one.workItems.createMany(items);

    // 160 edits, alternating instances, 24 at a time; an edit that loses a race reloads and tries again, as a user would.
    const edit = async (n: number): Promise<void> => {
      const repos = n % 2 === 0 ? one : two;
      const id = `wi_${n % items.length}`;
      for (;;) {
        const current = await repos.workItems.get(T, id);
        if (!current) throw new Error(`lost ${id}`);
        const move = n % 5 === 0;
        const next: WorkItem = {
          ...current.value,
          health: health(n),
          stage: n % 7 === 0 ? 'Done' : 'Build',
          statusReportedAt: new Date(Date.now() - (n % 40) * 86_400_000).toISOString(),
          objectives: n % 4 === 0 ? [] : [{ objectiveId: `obj-${n % 3}`, weight: 60 }],
          domainId: move ? (current.value.domainId === 'dom-a' ? 'dom-b' : 'dom-a') : current.value.domainId,
        };
        const report = { at: new Date().toISOString(), by: { displayName: 'Test' }, source: 'tab' as const, health: next.health, overall: 'green' as const, stage: next.stage };
        const saved = await repos.workItems.update({ item: next, report }, current.etag);
        if (saved.ok) return;
        expect(saved.error.code).toBe('CONFLICT.STALE');
      }
    };
    let nextEdit = 0;
    const worker = async (): Promise<void> => {
      for (let n = nextEdit++; n < 160; n = nextEdit++) await edit(n);
    };
    await Promise.all(Array.from({ length: 24 }, worker));

    const [a, b] = await Promise.all([one.workItems.listByDomain(T, 'dom-a'), one.workItems.listByDomain(T, 'dom-b')]);
    // Every item is in exactly one domain, the one its index names.
    expect([...a, ...b].map((v) => v.value.id).sort()).toEqual(items.map((i) => i.id).sort());
    const index = await two.workItems.domainsOf(T, items.map((i) => i.id));
    for (const v of [...a, ...b]) expect(index.get(v.value.id)).toBe(v.value.domainId);
    // The figures of each domain are exactly a recount of its items.
    expect(await two.workItems.stats(T, 'dom-a')).toEqual(statsOf(a.map((v) => v.value)));
    expect(await two.workItems.stats(T, 'dom-b')).toEqual(statsOf(b.map((v) => v.value)));
    // Each successful edit kept a report, and moves brought the reports along.
    const history = (await Promise.all([...a, ...b].map((v) => one.workItems.history(T, v.value)))).flat();
    expect(history).toHaveLength(160);
  });
});

describe('writes of one domain at once', () => {
  /** What passes through the clients: transactions (held back while `held` is pending) and upserts (index rows of new items). */
  interface Counts {
    transactions: number;
    upserts: number;
    held?: Promise<void>;
    upserted?: (n: number) => void;
  }
  const counting = (count: Counts) => (client: TableClient): TableClient =>
    new Proxy(client, {
      get(target, prop, receiver) {
        if (prop === 'submitTransaction') {
          return async (...args: Parameters<TableClient['submitTransaction']>) => {
            count.transactions += 1;
            await count.held;
            return target.submitTransaction(...args);
          };
        }
        if (prop === 'upsertEntity') {
          return async (...args: Parameters<TableClient['upsertEntity']>) => {
            const answer = await target.upsertEntity(...args);
            count.upserted?.((count.upserts += 1));
            return answer;
          };
        }
        const value: unknown = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });

  it('go together in a few transactions, each answered on its own, with figures equal to a recount', async () => {
    const prefix = uniqueTablePrefix();
    const count: Counts = { transactions: 0, upserts: 0 };
    const [repos, other] = await Promise.all([portfolioInstance(prefix, counting(count)), portfolioInstance(prefix)]);
    await repos.domains.createMany([domain(T, 'dom-a')]);
    const [kept, edited] = [workItem(T, 'wi_kept', 'dom-a'), workItem(T, 'wi_edited', 'dom-a')];
    await repos.workItems.createMany([kept, edited]);
    const stale = await repos.workItems.get(T, 'wi_edited');
    if (!stale) throw new Error('wi_edited was not stored');
    // Another instance edits an item first: this instance's edit from the old version must fail alone.
    expect((await other.workItems.update({ item: { ...edited, stage: 'Elsewhere' } }, stale.etag)).ok).toBe(true);
    count.transactions = 0;
    count.upserts = 0;
    // Many people saving at once: the first transaction is held until every new item has written
    // its index row (the step before it), so the rest are all waiting their turn when it ends.
    count.held = new Promise((release) => (count.upserted = (n) => n === 61 && release()));

    const fresh = Array.from({ length: 60 }, (_, i) => workItem(T, `wi_new_${i}`, 'dom-a', { health: health(i) }));
    const report = (item: WorkItem) => ({ at: new Date().toISOString(), by: { displayName: 'Test' }, source: 'tab' as const, health: item.health, overall: 'green' as const, stage: item.stage });
    const results = await Promise.all([
      ...fresh.map((item, i) => repos.workItems.create(i % 2 === 0 ? { item, report: report(item) } : { item })),
      repos.workItems.create({ item: { ...kept, title: 'A second one with the same id' } }),
      repos.workItems.update({ item: { ...edited, stage: 'Lost race' } }, stale.etag),
    ]);

    expect(results.slice(0, 60).every((r) => r.ok)).toBe(true);
    expect(results[60]).toMatchObject({ ok: false, error: { code: 'CONFLICT.ALREADY_EXISTS' } });
    expect(results[61]).toMatchObject({ ok: false, error: { code: 'CONFLICT.STALE' } });
    // Grouped: far fewer transactions than writes, even counting each failed write tried alone.
    expect(count.transactions).toBeLessThan(20);

    const stored = await other.workItems.listByDomain(T, 'dom-a');
    expect(stored.map((v) => v.value.id).sort()).toEqual(['wi_edited', 'wi_kept', ...fresh.map((i) => i.id)].sort());
    expect(stored.find((v) => v.value.id === 'wi_kept')?.value.title).toBe(kept.title);
    expect(stored.find((v) => v.value.id === 'wi_edited')?.value.stage).toBe('Elsewhere');
    // Each write's answer is its own row's version: an edit from it goes through.
    const first = results[0];
    if (!first?.ok) throw new Error('the first create failed');
    expect((await repos.workItems.update({ item: { ...first.value.value, stage: 'Next' } }, first.value.etag)).ok).toBe(true);
    expect(await other.workItems.stats(T, 'dom-a')).toEqual(statsOf((await other.workItems.listByDomain(T, 'dom-a')).map((v) => v.value)));
    expect(await other.workItems.history(T, fresh[0] as WorkItem)).toHaveLength(1);
  });
  it('under throttling (503 ServerBusy) fail together, costing no more transactions than the writes alone would', async () => {
    const prefix = uniqueTablePrefix();
    const state = { transactions: 0, throttled: false };
    const throttling = (client: TableClient): TableClient =>
      new Proxy(client, {
        get(target, prop, receiver) {
          if (prop === 'submitTransaction') {
            return async (...args: Parameters<TableClient['submitTransaction']>) => {
              state.transactions += 1;
              if (!state.throttled) return target.submitTransaction(...args);
              await new Promise((resolve) => setTimeout(resolve, 20));
              throw Object.assign(new Error('ServerBusy: The server is busy.'), { statusCode: 503, code: 'ServerBusy' });
            };
          }
          const value: unknown = Reflect.get(target, prop, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    const repos = await portfolioInstance(prefix, throttling);
    await repos.domains.createMany([domain(T, 'dom-a')]);
    await repos.workItems.createMany([workItem(T, 'wi_seed', 'dom-a')]);

    state.throttled = true;
    state.transactions = 0;
    const writes = Array.from({ length: 17 }, (_, i) => workItem(T, `wi_new_${i}`, 'dom-a'));
    const results = await Promise.allSettled(writes.map((item) => repos.workItems.create({ item })));

    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    expect(state.transactions).toBeLessThanOrEqual(writes.length);
  });

  it('after a move in this process, the next write of either domain goes in one transaction', async () => {
    const prefix = uniqueTablePrefix();
    const count: Counts = { transactions: 0, upserts: 0 };
    const repos = await portfolioInstance(prefix, counting(count));
    await repos.domains.createMany([domain(T, 'dom-a'), domain(T, 'dom-b')]);
    // Each domain's figures are now the ones this process wrote last (domain-figures.ts).
    const moved = workItem(T, 'wi_moved', 'dom-a');
    expect((await repos.workItems.create({ item: moved })).ok).toBe(true);
    expect((await repos.workItems.create({ item: workItem(T, 'wi_b', 'dom-b') })).ok).toBe(true);
    const before = await repos.workItems.get(T, 'wi_moved');
    if (!before) throw new Error('wi_moved was not stored');
    // The move writes both domains' figures in steps of its own (item-move.ts).
    expect((await repos.workItems.update({ item: { ...moved, domainId: 'dom-b' } }, before.etag)).ok).toBe(true);

    count.transactions = 0;
    expect((await repos.workItems.create({ item: workItem(T, 'wi_b2', 'dom-b') })).ok).toBe(true);
    expect(count.transactions).toBe(1);
  });
});

describe('moving an item between domains', () => {
  it('takes its history along, and refuses a move from an old version without touching either domain', async () => {
    const prefix = uniqueTablePrefix();
    const repos = await portfolioInstance(prefix);
    await repos.domains.createMany([domain(T, 'dom-a'), domain(T, 'dom-b')]);
    const report = (at: string) => ({ at, by: { displayName: 'Test' }, source: 'tab' as const, health: health(1), overall: 'amber' as const, stage: 'Build' });
    await repos.workItems.createMany([workItem(T, 'wi_m', 'dom-a')], new Map([['wi_m', [report('2026-11-01T10:00:00.000Z')]]]));
    const v1 = await repos.workItems.get(T, 'wi_m');
    if (!v1) throw new Error('missing');
    const edited = await repos.workItems.update({ item: { ...v1.value, title: 'Edited' }, report: report('2026-11-02T10:00:00.000Z') }, v1.etag);
    if (!edited.ok) throw new Error(edited.error.message);

    // A move prepared on the first version is stale: nothing moves, the figures stay.
    const staleMove = await repos.workItems.update({ item: { ...v1.value, domainId: 'dom-b' } }, v1.etag);
    expect(staleMove.ok).toBe(false);
    expect((await repos.workItems.get(T, 'wi_m'))?.value.domainId).toBe('dom-a');
    expect([(await repos.workItems.stats(T, 'dom-a')).total, (await repos.workItems.stats(T, 'dom-b')).total]).toEqual([1, 0]);

    const moved = await repos.workItems.update({ item: { ...edited.value.value, domainId: 'dom-b' }, report: report('2026-11-03T10:00:00.000Z') }, edited.value.etag);
    expect(moved.ok).toBe(true);
    const now = await repos.workItems.get(T, 'wi_m');
    expect(now?.value).toMatchObject({ domainId: 'dom-b', title: 'Edited' });
    expect(await repos.workItems.listByDomain(T, 'dom-a')).toEqual([]);
    expect((await repos.workItems.listByDomain(T, 'dom-b')).map((v) => v.value.id)).toEqual(['wi_m']);
    expect([(await repos.workItems.stats(T, 'dom-a')).total, (await repos.workItems.stats(T, 'dom-b')).total]).toEqual([0, 1]);
    expect((await repos.workItems.history(T, { id: 'wi_m', domainId: 'dom-b' })).map((r) => r.at)).toEqual([
      '2026-11-01T10:00:00.000Z',
      '2026-11-02T10:00:00.000Z',
      '2026-11-03T10:00:00.000Z',
    ]);
    expect(await repos.workItems.history(T, { id: 'wi_m', domainId: 'dom-a' })).toEqual([]);
  });
});

describe('paging', () => {
  it('returns 5,000 items of one domain in pages, each once, and refuses a forged token', async () => {
    const prefix = uniqueTablePrefix();
    const repos = await portfolioInstance(prefix);
    await repos.domains.createMany([domain(T, 'dom-big'), domain(T, 'dom-other')]);
    await repos.workItems.createMany(Array.from({ length: 5000 }, (_, i) => workItem(T, `wi_${String(i).padStart(5, '0')}`, 'dom-big')));
    await repos.workItems.createMany(Array.from({ length: 10 }, (_, i) => workItem(T, `wi_o${i}`, 'dom-other')));

    const seen: string[] = [];
    let continuation: string | undefined;
    let pages = 0;
    do {
      const page = await repos.workItems.pageByDomain(T, 'dom-big', { size: PORTFOLIO_PAGE_SIZE, ...(continuation ? { continuation } : {}) });
      if (!page.ok) throw new Error(page.error.message);
      expect(page.value.items.length).toBeLessThanOrEqual(PORTFOLIO_PAGE_SIZE);
      seen.push(...page.value.items.map((i) => i.value.id));
      continuation = page.value.continuation;
      pages += 1;
    } while (continuation);
    expect(pages).toBe(Math.ceil(5000 / PORTFOLIO_PAGE_SIZE));
    expect(new Set(seen).size).toBe(5000);
    expect(seen.every((id) => id.startsWith('wi_0') || /^wi_\d{5}$/.test(id))).toBe(true);
    expect((await repos.workItems.stats(T, 'dom-big')).total).toBe(5000);

    const first = await repos.workItems.pageByDomain(T, 'dom-big', { size: 10 });
    const token = first.ok ? first.value.continuation : undefined;
    expect(token).toBeDefined();
    // A token of one domain does not open another; garbage is refused.
    expect((await repos.workItems.pageByDomain(T, 'dom-other', { size: 10, continuation: token as string })).ok).toBe(false);
    expect((await repos.workItems.pageByDomain(T, 'dom-big', { size: 10, continuation: 'not a token!' })).ok).toBe(false);
    expect((await repos.workItems.pageByDomain(T, 'dom-big', { size: 10, continuation: Buffer.from('{"x":1}').toString('base64url') })).ok).toBe(false);
  }, 120_000);
});

describe('caches shared by several instances', () => {
  let prefix: string;
  beforeAll(() => {
    prefix = uniqueTablePrefix();
  });

  it('lets another instance see a renamed domain and a new objective on its next request', async () => {
    const [a, b] = await Promise.all([portfolioInstance(prefix), portfolioInstance(prefix)]);
    await a.domains.createMany([domain(T, 'dom-a', 'Before')]);
    expect((await b.domains.get(T, 'dom-a'))?.value.name).toBe('Before');
    expect(await b.objectives.list(T)).toEqual([]);

    const current = await a.domains.get(T, 'dom-a');
    if (!current) throw new Error('domain missing');
    expect((await a.domains.update({ ...current.value, name: 'After' }, current.etag)).ok).toBe(true);
    await a.objectives.create(objective(T, 'obj-new'));

    expect((await b.domains.get(T, 'dom-a'))?.value.name).toBe('After');
    expect((await b.objectives.list(T)).map((o) => o.value.id)).toEqual(['obj-new']);
  });

  it('serves a domain\'s items from memory until any instance writes to that domain', async () => {
    const log: string[] = [];
    const [a, b] = await Promise.all([portfolioInstance(prefix, recording(log)), portfolioInstance(prefix)]);
    await b.domains.createMany([domain(T, 'dom-c')]);
    await b.workItems.createMany([workItem(T, 'wi_c1', 'dom-c'), workItem(T, 'wi_c2', 'dom-c')]);
    const first = await a.workItems.pageByDomain(T, 'dom-c', { size: 100 });
    log.length = 0;
    const again = await a.workItems.pageByDomain(T, 'dom-c', { size: 100 });
    expect(again).toEqual(first);
    // One point read of the figures, no query of the items.
    expect(log).toEqual([`${tableNames(prefix).portfolioItems} get ${T}.dom-c`]);

    const item = await b.workItems.get(T, 'wi_c2');
    if (!item) throw new Error('missing');
    expect((await b.workItems.update({ item: { ...item.value, title: 'Renamed elsewhere' } }, item.etag)).ok).toBe(true);
    const fresh = await a.workItems.pageByDomain(T, 'dom-c', { size: 100 });
    expect(fresh.ok && fresh.value.items.map((i) => i.value.title)).toContain('Renamed elsewhere');
    expect((await a.workItems.listByDomain(T, 'dom-c')).map((i) => i.value.title)).toContain('Renamed elsewhere');
  });
});
