/**
 * The signal stores' contract, run against the Table Storage adapter on the test run's Azurite
 * and against the in-memory version used by use-case tests: numbering, atomic commits, ETags,
 * one decision per round, append-only audit, tenant isolation, validated reads.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { createTableSignalStores, signalTableName } from '../../bot/signals/tables/signal-store';
import { createMemorySignalStores } from '../support/memory-signal-stores';
import { openTable } from '../../bot/platform/storage/table-client';
import type { Principal } from '../../bot/kernel/roles';
import type { Signal } from '../../bot/signals/domain/signal';
import type { Versioned } from '../../bot/kernel/versioned';
import { type TransitionResult } from '../../bot/signals/domain/transition-kit';
import { addOption, escalate, recommend, setContext, startAnalysis } from '../../bot/signals/domain/analysis';
import { decide } from '../../bot/signals/domain/decision';
import { raise, triage } from '../../bot/signals/domain/signal-machine';
import { DEFAULT_DUE_POLICY as P } from '../../bot/signals/domain/working-days';
import type { SignalStores } from '../../bot/signals/ports';
import { testConnectionString, uniqueTablePrefix } from '../support/storage';

const T = '11111111-0000-4000-8000-00000000aaaa';
const OTHER = '11111111-0000-4000-8000-00000000bbbb';
const member: Principal = { tenantId: T, userId: 'u-m', displayName: 'Mo', roles: [{ role: 'team_member', workItemId: 'wi' }] };
const lead: Principal = { tenantId: T, userId: 'u-l', displayName: 'Lee Lead', roles: [{ role: 'pmo_lead', domainId: 'it' }] };
const owner: Principal = { tenantId: T, userId: 'u-o', displayName: 'Olu Owner', roles: [{ role: 'strategy_owner' }] };
const now = new Date('2026-03-02T09:00:00Z');

function must<V>(r: { ok: true; value: V } | { ok: false; error: { message: string } }): V {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const make = (tenantId: string, id: string) => (number: number): TransitionResult =>
  must(raise({ tenantId, id, number, kind: 'issue', title: `Signal ${id}`, details: 'd', urgency: 'normal', domainId: 'it', origin: { conversationId: '19:abc@thread.tacv2' } }, member, now, P));

const suites: [string, () => Promise<SignalStores>][] = [
  ['Table Storage', () => createTableSignalStores({ connectionString: testConnectionString(), tablePrefix: uniqueTablePrefix() })],
  ['in memory', async () => createMemorySignalStores()],
];

describe.each(suites)('signal stores (%s)', (_name, open) => {
  let stores: SignalStores;
  beforeAll(async () => {
    stores = await open();
  });

  it('numbers signals per tenant, also when raised at the same time', async () => {
    const made = await Promise.all(['a1', 'a2', 'a3', 'a4', 'a5'].map((id) => stores.signals.createNumbered(T, make(T, id))));
    expect(made.map((m) => m.value.number).sort()).toEqual([1, 2, 3, 4, 5]);
    const other = await stores.signals.createNumbered(OTHER, make(OTHER, 'b1'));
    expect(other.value.number).toBe(1);
    expect((await stores.signals.list(OTHER)).map((s) => s.value.id)).toEqual(['b1']);
    expect(await stores.signals.get(OTHER, 'a1')).toBeUndefined();
  });

  it('a signal created twice at once (the same raise submitted twice) is written once and uses one number', async () => {
    const twice = await Promise.all([stores.signals.createNumbered(T, make(T, 'e1')), stores.signals.createNumbered(T, make(T, 'e1'))]);
    expect(twice.map((m) => m.created).sort()).toEqual([false, true]);
    expect(twice[0]?.value.number).toBe(twice[1]?.value.number);
    expect(twice[0]?.etag).toBe(twice[1]?.etag);
    expect((await stores.signals.timeline(T, 'e1')).map((e) => e.action)).toEqual(['raise']);
    const next = await stores.signals.createNumbered(T, make(T, 'e2'));
    expect(next).toMatchObject({ created: true, value: { number: (twice[0]?.value.number ?? 0) + 1 } });
  });

  it('commits a transition with its audit events; a stale ETag writes nothing', async () => {
    const created = await stores.signals.createNumbered(T, make(T, 'c1'));
    const t1 = must(triage(created.value, lead, now, P));
    const saved = must(await stores.signals.commit(t1, created.etag));
    expect(saved.value.state).toBe('triaged');
    const stale = await stores.signals.commit(must(triage(created.value, { ...lead, displayName: 'Other' }, now, P)), created.etag);
    expect(!stale.ok && stale.error.code).toBe('CONFLICT.STALE');
    expect((await stores.signals.get(T, 'c1'))?.value.stateChangedBy.displayName).toBe('Lee Lead');
    expect((await stores.signals.timeline(T, 'c1')).map((e) => [e.seq, e.action])).toEqual([
      [1, 'raise'],
      [2, 'triage'],
    ]);
  });

  it('records one decision per round, even when two are committed from the same version', async () => {
    let v: Versioned<Signal> = await stores.signals.createNumbered(T, make(T, 'd1'));
    const step = async (r: TransitionResult) => {
      v = must(await stores.signals.commit(r, v.etag));
    };
    await step(must(triage(v.value, lead, now, P)));
    await step(must(startAnalysis(v.value, lead, now)));
    await step(must(setContext(v.value, lead, now, { objectiveIds: [], schedule: 'low', cost: 'low', benefit: 'low', risk: 'low', narrative: 'n' })));
    await step(must(addOption(v.value, lead, now, { title: 'A', description: '', impact: 'a' })));
    await step(must(addOption(v.value, lead, now, { title: 'B', description: '', impact: 'b' })));
    await step(must(recommend(v.value, lead, now, 'o1', 'r')));
    await step(must(escalate(v.value, lead, now, P)));
    const escalated: Signal = v.value;
    const first = must(decide(escalated, owner, now, P, { outcome: 'approve_recommended', rationale: 'yes' }));
    const second = must(decide(escalated, { ...owner, userId: 'u-o2', displayName: 'Two' }, now, P, { outcome: 'reject', rationale: 'no' }));
    const results = [await stores.signals.commit(first, v.etag), await stores.signals.commit(second, v.etag)];
    expect(results.map((r) => r.ok)).toEqual([true, false]);
    expect(!results[1]?.ok && results[1]?.error.code).toBe('SIGNAL.ALREADY_DECIDED');
    const decisions = await stores.decisions.listBySignal(T, 'd1');
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toMatchObject({ outcome: 'approve_recommended', decidedBy: { displayName: 'Olu Owner' } });
    expect(await stores.decisions.get(T, decisions[0]?.id ?? '')).toEqual(decisions[0]);
    expect(await stores.decisions.get(OTHER, decisions[0]?.id ?? '')).toBeUndefined();
    // The decision port offers no update or delete.
    expect('update' in stores.decisions).toBe(false);
    expect('delete' in stores.decisions).toBe(false);
  });

  it('links a decision to one strategy-change draft, insert-only', async () => {
    expect(await stores.decisions.linkStrategyChange(T, 'x-d1', 'chg-1')).toEqual({ changeId: 'chg-1', created: true });
    // The existing id comes back as a typed value, never through an error message.
    expect(await stores.decisions.linkStrategyChange(T, 'x-d1', 'chg-2')).toEqual({ changeId: 'chg-1', created: false });
    expect(await stores.decisions.strategyChangeOf(T, 'x-d1')).toBe('chg-1');
    expect((await stores.decisions.strategyChanges(T)).get('x-d1')).toBe('chg-1');
  });
});

describe('Table Storage signal rows are validated on read', () => {
  it('a corrupt row fails loudly instead of leaking garbage', async () => {
    const prefix = uniqueTablePrefix();
    const stores = await createTableSignalStores({ connectionString: testConnectionString(), tablePrefix: prefix });
    await stores.signals.createNumbered(T, make(T, 'z1'));
    const table = openTable(testConnectionString(), signalTableName(prefix));
    await table.updateEntity({ partitionKey: T, rowKey: 'sig.z1', state: 'exploded' }, 'Merge');
    await expect(stores.signals.get(T, 'z1')).rejects.toThrow(/Corrupt row .*state/);
  });
});
