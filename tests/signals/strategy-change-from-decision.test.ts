/** "Turn into a strategy-change draft" with in-memory fakes of our own ports: one draft per decision, also for two clicks at once. */
import { describe, expect, it } from '@jest/globals';
import { createMemoryRepositories } from '../support/memory-repositories';
import { createMemorySignalStores } from '../support/memory-signal-stores';
import type { DraftFromDecision, SignalDeps } from '../../bot/signals/app/deps';
import { strategyChangeFromDecision } from '../../bot/signals/app/draft-from-decision';
import type { Principal } from '../../bot/kernel/roles';
import { type TransitionResult } from '../../bot/signals/domain/transition-kit';
import { addOption, escalate, recommend, setContext, startAnalysis } from '../../bot/signals/domain/analysis';
import { decide } from '../../bot/signals/domain/decision';
import { raise, triage } from '../../bot/signals/domain/signal-machine';
import type { Versioned } from '../../bot/kernel/versioned';
import type { Signal } from '../../bot/signals/domain/signal';
import { DEFAULT_DUE_POLICY as P } from '../../bot/signals/domain/working-days';
import type { DeliveryService, Scheduler } from '../../bot/delivery/ports';

const T = 'tenant-draft';
const lead: Principal = { tenantId: T, userId: 'l', displayName: 'Lee', roles: [{ role: 'pmo_lead', domainId: 'it' }] };
const owner: Principal = { tenantId: T, userId: 'o', displayName: 'Olu', roles: [{ role: 'strategy_owner' }] };
const silent = { info() {}, warn() {}, error() {}, debug() {}, child() { return silent; } };
const now = new Date('2026-03-02T09:00:00Z');

const must = <V>(r: { ok: true; value: V } | { ok: false; error: { message: string } }): V => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

async function decidedSignal(deps: SignalDeps): Promise<string> {
  let v: Versioned<Signal> = await deps.stores.signals.createNumbered(T, (n) => must(raise({ tenantId: T, id: 'sig-d', number: n, kind: 'risk', title: 'Vendor', details: '', urgency: 'normal', domainId: 'it', origin: { conversationId: 'c' } }, lead, now, P)));
  const steps: ((s: typeof v.value) => ReturnType<typeof triage>)[] = [
    (s) => triage(s, lead, now, P),
    (s) => startAnalysis(s, lead, now),
    (s) => setContext(s, lead, now, { objectiveIds: [], schedule: 'low', cost: 'low', benefit: 'low', risk: 'low', narrative: 'n' }),
    (s) => addOption(s, lead, now, { title: 'A', description: '', impact: 'a' }),
    (s) => addOption(s, lead, now, { title: 'B', description: '', impact: 'b' }),
    (s) => recommend(s, lead, now, 'o1', 'r'),
    (s) => escalate(s, lead, now, P),
    (s) => decide(s, owner, now, P, { outcome: 'approve_recommended', rationale: 'yes' }),
  ];
  for (const step of steps) v = must(await deps.stores.signals.commit(must(step(v.value)) as TransitionResult, v.etag));
  return v.value.decisionId as string;
}

describe('strategy-change draft from a decision', () => {
  it('when another click linked a draft first, answers with that draft\'s id, not the new draft\'s or an error message', async () => {
    const stores = createMemorySignalStores();
    let decisionId = '';
    const drafts: DraftFromDecision[] = [];
    const deps: SignalDeps = {
      repos: createMemoryRepositories(),
      stores,
      delivery: { dispatch: async () => [], listBatch: async () => [], progress: async () => ({ total: 0, queued: 0, sent: 0, failed: 0, unreachable: 0 }) } as DeliveryService,
      scheduler: { schedule: async () => {}, scheduleIfAbsent: async () => false, cancel: async () => {} } as Scheduler,
      clock: { now: () => now },
      ids: { next: () => 'sig-d' },
      policy: P,
      logger: silent,
      tabBaseUrl: () => undefined,
      drafter: {
        async createDraft(_p, fields) {
          drafts.push(fields);
          // The other click, a moment earlier, links its own draft while this one is being made.
          await stores.decisions.linkStrategyChange(T, decisionId, 'chg-first');
          return { ok: true, value: { changeId: 'chg-second', version: 1, title: fields.title } };
        },
      },
    };
    decisionId = await decidedSignal(deps);
    const made = must(await strategyChangeFromDecision(deps, owner, decisionId));
    expect(drafts).toHaveLength(1);
    expect(made.created).toBe(false);
    expect(made.draft).toMatchObject({ changeId: 'chg-first', tabPath: '#/changes/chg-first' });
    expect(await stores.decisions.strategyChangeOf(T, decisionId)).toBe('chg-first');
    // Asking again answers with the same draft, without making another.
    expect(must(await strategyChangeFromDecision(deps, owner, decisionId)).draft.changeId).toBe('chg-first');
    expect(drafts).toHaveLength(1);
  });
});
