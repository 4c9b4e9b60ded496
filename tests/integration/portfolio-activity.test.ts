/**
 * The portfolio's activity (open signals, unanswered changes) on a real Azurite, with the
 * signals and change tables' clients recording every query: a domain's page asks Table Storage
 * for that domain's open signals and that domain's recipients of active changes only, and the
 * figures stay right while other domains, closed signals and withdrawn changes sit beside them.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { ChangeFields } from '../../bot/changes/domain/change-rules';
import { draftChange, publishChange, withdrawChange } from '../../bot/changes/domain/change-rules';
import type { ChangeRecipientRecord, ChangeStores } from '../../bot/changes/ports';
import { changeStoresOn, changeTableNames } from '../../bot/changes/tables/change-tables';
import { portfolioActivity } from '../../bot/composition/portfolio-activity';
import type { Result } from '../../bot/kernel/result';
import type { Principal } from '../../bot/kernel/roles';
import { type TableClient, ensureTable, openTable } from '../../bot/platform/storage/table-client';
import type { PortfolioActivitySource } from '../../bot/portfolio/ports';
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

/** Wraps a client so every query's filter lands in `log`, prefixed by the table name. */
function recording(log: string[]): (c: TableClient) => TableClient {
  return (client) =>
    new Proxy(client, {
      get(target, prop, receiver) {
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

const prefix = uniqueTablePrefix();
const names = changeTableNames(prefix);
const log: string[] = [];
let signalStores: SignalStores;
let changeStores: ChangeStores;
let activity: PortfolioActivitySource;

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

const fields = (title: string): ChangeFields => ({
  title,
  summary: 'Our main supplier may fail.',
  kind: 'threat',
  objectiveIds: ['obj-1'],
  domainIds: [],
  requiredResponse: 'acknowledge',
  respondBy: new Date(now.getTime() + 7 * 86_400_000).toISOString(),
});

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
  const record = recording(log);
  signalStores = signalStoresOn(await opened(signalTableName(prefix), record));
  changeStores = changeStoresOn({ changes: await opened(names.changes, record), recipients: await opened(names.recipients, record), responses: await opened(names.responses, record) });
  activity = portfolioActivity({ signals: { stores: signalStores }, changes: { stores: changeStores, clock: { now: () => now } } });

  const raised = SIGNALS.map(([id, domainId, workItemId, state]) => {
    const made = must(raise({ tenantId: T, id, number: Number(id.slice(1)), kind: 'issue', title: `Signal ${id}`, details: 'd', urgency: 'normal', domainId, ...(workItemId ? { workItemId } : {}), origin: { conversationId: '19:abc@thread.tacv2' } }, member, now, DEFAULT_DUE_POLICY));
    return { ...made, signal: { ...made.signal, state } };
  });
  await signalStores.signals.importMany(T, raised, SIGNALS.length);

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
    expect(c).toEqual({ openSignalsByItem: new Map(), unansweredByItem: new Map(), openSignalsByState: {}, overdueResponses: 0 });
    expect(log.filter((l) => l.startsWith(`${names.responses} `))).toEqual([]);
  });
});

describe('the roll-up and the item panel', () => {
  it('the roll-up reads the tenant\'s open signals only and counts per domain', async () => {
    log.length = 0;
    const rollup = await activity.rollupActivity(T, now);
    expect(rollup.get('dom-a')).toMatchObject({ openSignalsByState: { raised: 1, escalated: 1, triaged: 2 }, openEscalations: 1, cascade: { activeChanges: 1, recipients: 3, responded: 1 } });
    expect(rollup.get('dom-b')).toMatchObject({ openSignalsByState: { raised: 1, escalated: 1 }, openEscalations: 1, cascade: { activeChanges: 1, recipients: 1, responded: 0 } });
    expect(log.filter((l) => l.startsWith(`${signalTableName(prefix)} `))).toEqual([expect.stringContaining("state ne 'closed'")]);
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
