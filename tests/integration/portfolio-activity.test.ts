/**
 * The portfolio's activity (open signals, unanswered changes) on a real Azurite, with the
 * signals, changes and portfolio tables' clients recording every query and point read: a
 * domain's activity is computed from that domain's open signals and that domain's recipients
 * of active changes only, stored in the domain's activity row, reused while no write marks the
 * domain, computed again after one (from another instance too) or once older than its maximum
 * age, and its overdue count moves with the clock alone.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { ChangeFields } from '../../bot/changes/domain/change-rules';
import { draftChange, publishChange, withdrawChange } from '../../bot/changes/domain/change-rules';
import type { ChangeRecipientRecord, ChangeStores } from '../../bot/changes/ports';
import { changeStoresOn, changeTableNames } from '../../bot/changes/tables/change-tables';
import { activityMarks, markingChangeStores, markingSignalStores } from '../../bot/composition/activity-marks';
import { portfolioActivity } from '../../bot/composition/portfolio-activity';
import { tableNames } from '../../bot/directory/tables';
import { randomIds } from '../../bot/kernel/ids';
import type { Logger } from '../../bot/kernel/logger';
import type { Result } from '../../bot/kernel/result';
import type { Principal } from '../../bot/kernel/roles';
import { type TableClient, ensureTable, openTable } from '../../bot/platform/storage/table-client';
import { ACTIVITY_MAX_AGE_MS, projectedActivity } from '../../bot/portfolio/app/projected-activity';
import type { ActivityProjection, PortfolioActivitySource, PortfolioRepositories } from '../../bot/portfolio/ports';
import { createPortfolioTables } from '../../bot/portfolio/tables/portfolio-tables';
import type { SignalState } from '../../bot/signals/domain/signal';
import { raise } from '../../bot/signals/domain/signal-machine';
import { DEFAULT_DUE_POLICY } from '../../bot/signals/domain/working-days';
import type { SignalStores } from '../../bot/signals/ports';
import { signalStoresOn, signalTableName } from '../../bot/signals/tables/signal-store';
import { testConnectionString, uniqueTablePrefix } from '../support/storage';

const T = 'a1a1a1a1-0000-4000-8000-0000000000c9';
const now = new Date('2026-03-02T09:00:00Z');
const member: Principal = { tenantId: T, userId: 'u-m', displayName: 'Mo Member', roles: [{ role: 'team_member', workItemId: 'wi_a1' }] };
const erin = { userId: 'u-erin', displayName: 'Erin EPMO' };

function must<V>(r: Result<V>): V {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** Wraps a client so every query's filter and every point read land in `log`, prefixed by the table name. */
function recording(log: string[]): (c: TableClient) => TableClient {
  return (client) =>
    new Proxy(client, {
      get(target, prop, receiver) {
        if (prop === 'getEntity') return (pk: string, rk: string, ...rest: unknown[]) => (log.push(`${target.tableName} get ${pk} ${rk}`), target.getEntity(pk, rk, ...(rest as [])));
        if (prop === 'listEntities') {
          return (options?: { queryOptions?: { filter?: string } }) => (log.push(`${target.tableName} ${options?.queryOptions?.filter ?? '(whole table)'}`), target.listEntities(options));
        }
        const value: unknown = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
}

async function opened(name: string, wrap: (c: TableClient) => TableClient): Promise<TableClient> {
  const client = openTable(testConnectionString(), name);
  await ensureTable(client);
  return wrap(client);
}

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => silent };
const prefix = uniqueTablePrefix();
const names = changeTableNames(prefix);
const portfolioNames = tableNames(prefix);
const log: string[] = [];

/** One app instance's stores on the shared tables: the writes mark the activity, as start-app wires them. */
interface Instance {
  readonly portfolio: PortfolioRepositories;
  readonly signals: SignalStores;
  readonly changes: ChangeStores;
  /** The signal store without marks: a process that died between its write and its mark. */
  readonly unmarkedSignals: SignalStores;
  readonly activity: PortfolioActivitySource;
}

async function instance(wrap: (c: TableClient) => TableClient = (c) => c): Promise<Instance> {
  const portfolio = createPortfolioTables({
    domains: await opened(portfolioNames.domains, wrap),
    objectives: await opened(portfolioNames.objectives, wrap),
    portfolioItems: await opened(portfolioNames.portfolioItems, wrap),
    itemIndex: await opened(portfolioNames.itemIndex, wrap),
  });
  const marks = activityMarks(portfolio, silent);
  const unmarkedSignals = signalStoresOn(await opened(signalTableName(prefix), wrap));
  const signals = markingSignalStores(unmarkedSignals, marks);
  const changes = markingChangeStores(changeStoresOn({ changes: await opened(names.changes, wrap), recipients: await opened(names.recipients, wrap), responses: await opened(names.responses, wrap) }), marks);
  const activity = portfolioActivity({ signals: { stores: signals }, changes: { stores: changes, clock: { now: () => now } }, portfolio, checkIns: { listOpen: async () => [] }, ids: randomIds });
  return { portfolio, signals, changes, unmarkedSignals, activity };
}

let one: Instance;
let signalStores: SignalStores;
let changeStores: ChangeStores;
let activity: PortfolioActivitySource;

/** The log's lines for the signals and changes tables: what computing activity reads. */
const computeReads = (): string[] => log.filter((l) => [signalTableName(prefix), names.changes, names.recipients, names.responses].some((t) => l.startsWith(`${t} `)));
const activityReads = (): string[] => log.filter((l) => l.startsWith(`${portfolioNames.portfolioItems} `));

/** [id, domain, work item, state]: two domains, a closed signal and one naming no item. */
const SIGNALS: readonly [string, string, string | undefined, SignalState][] = [
  ['s1', 'dom-a', 'wi_a1', 'raised'],
  ['s2', 'dom-a', 'wi_a1', 'escalated'],
  ['s3', 'dom-a', 'wi_a2', 'closed'],
  ['s4', 'dom-a', 'wi_a2', 'triaged'],
  ['s5', 'dom-a', undefined, 'triaged'],
  ['s6', 'dom-b', 'wi_b1', 'raised'],
  ['s7', 'dom-b', 'wi_b1', 'escalated'],
];

const fields = (title: string, respondBy = new Date(now.getTime() + 7 * 86_400_000)): ChangeFields => ({
  title,
  summary: 'Our main supplier may fail.',
  kind: 'threat',
  objectiveIds: ['obj-1'],
  domainIds: [],
  requiredResponse: 'acknowledge',
  respondBy: respondBy.toISOString(),
});

const raised = (id: string, domainId: string, workItemId: string | undefined, state: SignalState) => {
  const made = must(raise({ tenantId: T, id, number: Number(id.slice(1)), kind: 'issue', title: `Signal ${id}`, details: 'd', urgency: 'normal', domainId, ...(workItemId ? { workItemId } : {}), origin: { conversationId: '19:abc@thread.tacv2' } }, member, now, DEFAULT_DUE_POLICY));
  return { ...made, signal: { ...made.signal, state } };
};

const recipient = (changeId: string, conversationId: string, role: ChangeRecipientRecord['role'], domainId?: string, workItemIds?: string[]): ChangeRecipientRecord => ({
  tenantId: T,
  changeId,
  version: 1,
  conversationId,
  role,
  ...(domainId ? { domainId } : {}),
  ...(workItemIds ? { workItemIds } : {}),
  title: conversationId,
  reachable: true,
});

beforeAll(async () => {
  one = await instance(recording(log));
  ({ signals: signalStores, changes: changeStores, activity } = one);
  await one.portfolio.domains.createMany(['dom-a', 'dom-b', 'dom-c'].map((id) => ({ tenantId: T, id, name: id, description: '', freshnessDays: 14, createdAt: now.toISOString() })));
  await signalStores.signals.importMany(T, SIGNALS.map(([id, domainId, workItemId, state]) => raised(id, domainId, workItemId, state)), SIGNALS.length);

  // chg-live is active; chg-gone was withdrawn: its recipients must count nowhere.
  const live = must(publishChange(must(draftChange(fields('Live'), { tenantId: T, id: 'chg-live', author: erin, now })).value, erin, now));
  const published = must(publishChange(must(draftChange(fields('Gone'), { tenantId: T, id: 'chg-gone', author: erin, now })).value, erin, now));
  const gone = must(withdrawChange(published.value, 'No longer relevant', erin, now));
  await changeStores.changes.createMany([live.value, gone.value], []);
  await changeStores.recipients.putMany([
    recipient('chg-live', 'c-a1', 'team', 'dom-a', ['wi_a1']),
    recipient('chg-live', 'c-a2', 'team', 'dom-a', ['wi_a2']),
    recipient('chg-live', 'c-apmo', 'pmo', 'dom-a'),
    recipient('chg-live', 'c-b1', 'team', 'dom-b', ['wi_b1']),
    recipient('chg-live', 'c-epmo', 'epmo'),
    recipient('chg-gone', 'c-a1', 'team', 'dom-a', ['wi_a1']),
  ]);
  await changeStores.responses.createMany([
    { tenantId: T, changeId: 'chg-live', version: 1, conversationId: 'c-a2', userId: 'u-2', userName: 'Ada Two', acknowledged: true, respondedAt: now.toISOString() },
  ]);
});

describe('a domain portfolio\'s activity', () => {
  it('asks the store for the domain\'s open signals and the domain\'s recipients of active changes, and counts right', async () => {
    log.length = 0;
    const a = await activity.domainActivity(T, 'dom-a', now);

    expect(Object.fromEntries([...a.openSignalsByItem].map(([id, states]) => [id, [...states].sort()]))).toEqual({ wi_a1: ['escalated', 'raised'], wi_a2: ['triaged'] });
    expect(a.openSignalsByState).toEqual({ raised: 1, escalated: 1, triaged: 2 });
    expect(Object.fromEntries(a.unansweredByItem)).toEqual({ wi_a1: 1 });

    const signalQueries = log.filter((l) => l.startsWith(`${signalTableName(prefix)} `));
    expect(signalQueries).toHaveLength(1);
    expect(signalQueries[0]).toContain("domainId eq 'dom-a'");
    expect(signalQueries[0]).toContain("state ne 'closed'");
    const versionQueries = log.filter((l) => l.startsWith(`${names.changes} `));
    expect(versionQueries).toEqual([expect.stringContaining("state eq 'published'")]);
    // Recipients of the one active version only, of dom-a only.
    const recipientQueries = log.filter((l) => l.startsWith(`${names.recipients} `));
    expect(recipientQueries).toEqual([expect.stringContaining("domainId eq 'dom-a'")]);
    expect(recipientQueries[0]).toContain('chg-live');
    expect(log.filter((l) => l.includes('(whole table)'))).toEqual([]);
  });

  it('a domain with no recipients of any active change reads no responses', async () => {
    log.length = 0;
    const c = await activity.domainActivity(T, 'dom-c', now);
    expect(c).toEqual({ version: expect.any(String), openSignalsByItem: new Map(), unansweredByItem: new Map(), openSignalsByState: {}, overdueResponses: 0, overdueCheckIns: new Set() });
    expect(log.filter((l) => l.startsWith(`${names.responses} `))).toEqual([]);
  });
});

describe('the roll-up and the item panel', () => {
  it('the roll-up reads one activity row per domain and computes only the domain never computed', async () => {
    log.length = 0;
    const rollup = await activity.rollupActivity(T, now);
    expect(rollup.get('dom-a')).toMatchObject({ openSignalsByState: { raised: 1, escalated: 1, triaged: 2 }, openEscalations: 1, cascade: { activeChanges: 1, recipients: 3, responded: 1 } });
    expect(rollup.get('dom-b')).toMatchObject({ openSignalsByState: { raised: 1, escalated: 1 }, openEscalations: 1, cascade: { activeChanges: 1, recipients: 1, responded: 0 } });
    expect(rollup.get('dom-c')).toMatchObject({ openSignalsByState: {}, openEscalations: 0, cascade: { activeChanges: 0, recipients: 0, responded: 0 } });
    // dom-a and dom-c were computed by the page reads above: only dom-b's signals are asked for.
    expect(log.filter((l) => l.startsWith(`${signalTableName(prefix)} `))).toEqual([expect.stringContaining("domainId eq 'dom-b'")]);
    for (const d of ['dom-a', 'dom-b', 'dom-c']) expect(activityReads()).toContainEqual(`${portfolioNames.portfolioItems} get ${T}.${d} activity`);
  });

  const epmo: Principal = { tenantId: T, userId: 'u-epmo', displayName: 'Eve EPMO', roles: [{ role: 'epmo_member' }] };

  it('an item panel reads the item\'s signals, closed ones too, and the changes that reached its team', async () => {
    log.length = 0;
    const panel = await activity.itemActivity(epmo, { id: 'wi_a2', domainId: 'dom-a' }, now);
    expect(panel.signals.map((s) => [s.id, s.state]).sort()).toEqual([
      ['s3', 'closed'],
      ['s4', 'triaged'],
    ]);
    expect(panel.changes).toEqual([expect.objectContaining({ changeId: 'chg-live', status: 'acknowledged', response: expect.objectContaining({ by: 'Ada Two' }) })]);
    expect(log.filter((l) => l.startsWith(`${signalTableName(prefix)} `))).toEqual([expect.stringContaining("workItemId eq 'wi_a2'")]);
  });
});

describe('the stored activity projection', () => {
  const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

  it('is reused while nothing changes: one point read, no query, the same version', async () => {
    const first = await activity.domainActivity(T, 'dom-a', now);
    log.length = 0;
    const again = await activity.domainActivity(T, 'dom-a', minutes(1));
    expect(again).toEqual(first);
    expect(computeReads()).toEqual([]);
    expect(activityReads()).toEqual([`${portfolioNames.portfolioItems} get ${T}.dom-a activity`]);
  });

  it('a signal raised in a domain marks it: its next read counts the signal, other domains stay as stored', async () => {
    const [before, otherBefore] = await Promise.all([activity.domainActivity(T, 'dom-a', now), activity.domainActivity(T, 'dom-b', now)]);
    await signalStores.signals.createNumbered(T, (n) => raised(`s${n}`, 'dom-a', 'wi_a2', 'raised'));
    log.length = 0;
    const [after, otherAfter] = await Promise.all([activity.domainActivity(T, 'dom-a', now), activity.domainActivity(T, 'dom-b', now)]);
    expect(after.openSignalsByState).toEqual({ ...before.openSignalsByState, raised: (before.openSignalsByState.raised ?? 0) + 1 });
    expect([...(after.openSignalsByItem.get('wi_a2') ?? [])].sort()).toEqual(['raised', 'triaged']);
    expect(after.version).not.toBe(before.version);
    expect(otherAfter).toEqual(otherBefore);
    expect(log.filter((l) => l.startsWith(`${signalTableName(prefix)} `))).toEqual([expect.stringContaining("domainId eq 'dom-a'")]);
  });

  it('a write through one instance is seen by another instance\'s next read', async () => {
    const two = await instance();
    const before = await two.activity.rollupActivity(T, now);
    expect(before.get('dom-b')?.cascade).toEqual({ activeChanges: 1, recipients: 1, responded: 0 });
    expect(Object.fromEntries((await two.activity.domainActivity(T, 'dom-b', now)).unansweredByItem)).toEqual({ wi_b1: 1 });

    must(await one.changes.responses.create({ tenantId: T, changeId: 'chg-live', version: 1, conversationId: 'c-b1', userId: 'u-b', userName: 'Bo Bee', acknowledged: true, respondedAt: now.toISOString() }));

    const after = await two.activity.rollupActivity(T, now);
    expect(after.get('dom-b')?.cascade).toEqual({ activeChanges: 1, recipients: 1, responded: 1 });
    expect(after.get('dom-b')?.version).not.toBe(before.get('dom-b')?.version);
    // Only the responding conversation's domain was marked.
    expect(after.get('dom-a')?.version).toBe(before.get('dom-a')?.version);
    expect(Object.fromEntries((await two.activity.domainActivity(T, 'dom-b', now)).unansweredByItem)).toEqual({});
  });

  it('overdue responses move with the clock, without a write and without computing again', async () => {
    const soon = must(publishChange(must(draftChange(fields('Soon', minutes(1)), { tenantId: T, id: 'chg-soon', author: erin, now })).value, erin, now));
    await changeStores.changes.createMany([soon.value], []);
    await changeStores.recipients.putMany([recipient('chg-soon', 'c-c1', 'team', 'dom-c', ['wi_c1'])]);
    const due = await activity.domainActivity(T, 'dom-c', now);
    expect(due.overdueResponses).toBe(0);
    expect(Object.fromEntries(due.unansweredByItem)).toEqual({ wi_c1: 1 });

    log.length = 0;
    const late = await activity.domainActivity(T, 'dom-c', minutes(2));
    expect(late.overdueResponses).toBe(1);
    expect(late.version).not.toBe(due.version);
    expect(computeReads()).toEqual([]);
  });

  it('a projection older than its maximum age is computed again: a write whose mark was lost shows within it', async () => {
    const start = minutes(10);
    const before = await activity.domainActivity(T, 'dom-c', start);
    // Written without its mark, as by a process that stopped between the two.
    await one.unmarkedSignals.signals.importMany(T, [raised('s90', 'dom-c', 'wi_c1', 'escalated')], 90);

    log.length = 0;
    expect(await activity.domainActivity(T, 'dom-c', new Date(start.getTime() + ACTIVITY_MAX_AGE_MS - 1000))).toEqual(before);
    expect(computeReads()).toEqual([]);

    const after = await activity.domainActivity(T, 'dom-c', new Date(start.getTime() + ACTIVITY_MAX_AGE_MS + 1000));
    expect(after.openSignalsByState).toEqual({ escalated: 1 });
    expect(after.openSignalsByItem.get('wi_c1')).toEqual(['escalated']);
    expect(after.version).not.toBe(before.version);
  });

  it('a write during a computation wins: the reader answers what it computed and the next read computes again', async () => {
    const empty: ActivityProjection = { openSignalsByItem: {}, unansweredByItem: {}, openSignalsByState: {}, cascade: { activeChanges: 0, recipients: 0, responded: 0 }, unansweredDue: {} };
    let computed = 0;
    const read = projectedActivity({
      store: one.portfolio.activity,
      ids: randomIds,
      compute: async (tenantId, domainId) => {
        computed += 1;
        // Another instance's write marks the domain while this one computes.
        await one.portfolio.activity.markChanged(tenantId, [domainId]);
        return { ...empty, openSignalsByState: { raised: computed } };
      },
    });
    expect((await read(T, 'dom-z', now)).projection.openSignalsByState).toEqual({ raised: 1 });
    expect((await read(T, 'dom-z', now)).projection.openSignalsByState).toEqual({ raised: 2 });
    expect(computed).toBe(2);
  });
});

describe('the activity row', () => {
  it('stores a projection larger than one column holds and reads it back whole, in another instance too', async () => {
    const many = Object.fromEntries(Array.from({ length: 4000 }, (_, i) => [`wi_${String(i).padStart(5, '0')}`, ['raised', 'escalated'] as SignalState[]]));
    const projection: ActivityProjection = { openSignalsByItem: many, unansweredByItem: { wi_00001: 2 }, openSignalsByState: { raised: 4000, escalated: 4000 }, cascade: { activeChanges: 1, recipients: 3, responded: 1 }, unansweredDue: { [now.toISOString()]: 2 } };
    expect(JSON.stringify(projection).length).toBeGreaterThan(64_000);
    await one.portfolio.activity.markChanged(T, ['dom-big']);
    const row = await one.portfolio.activity.read(T, 'dom-big');
    expect(await one.portfolio.activity.save(T, 'dom-big', { gen: 'g-big', at: now.toISOString(), projection }, row?.etag)).toBe(true);
    const other = await instance();
    expect((await other.portfolio.activity.read(T, 'dom-big'))?.computed).toEqual({ gen: 'g-big', at: now.toISOString(), projection });
    // A save under the ETag read before is refused: the row moved on.
    expect(await other.portfolio.activity.save(T, 'dom-big', { gen: 'g-old', at: now.toISOString(), projection }, row?.etag)).toBe(false);
  });
});
