/** Due-time timers with in-memory fakes of our own ports: one reminder per overdue state; a deferral ends on its date. */
import { describe, expect, it } from '@jest/globals';
import { createMemoryRepositories } from '../support/memory-repositories';
import { createMemorySignalStores } from '../support/memory-signal-stores';
import type { SignalDeps } from '../../bot/signals/app/deps';
import { signalJobHandlers } from '../../bot/signals/app/timers';
import { scheduleTimers } from '../../bot/signals/app/effects';
import type { Delivery } from '../../bot/delivery/domain/delivery';
import type { Principal } from '../../bot/kernel/roles';
import { addOption, escalate, recommend, setContext, startAnalysis } from '../../bot/signals/domain/analysis';
import { defer } from '../../bot/signals/domain/decision';
import { raise, triage } from '../../bot/signals/domain/signal-machine';
import { type TransitionResult } from '../../bot/signals/domain/transition-kit';
import type { Versioned } from '../../bot/kernel/versioned';
import type { Signal } from '../../bot/signals/domain/signal';
import { DEFAULT_DUE_POLICY as P } from '../../bot/signals/domain/working-days';
import type { DeliveryRequest, DeliveryService, ScheduledJob, Scheduler } from '../../bot/delivery/ports';

const T = 'tenant-timers';
const lead: Principal = { tenantId: T, userId: 'l', displayName: 'Lee', roles: [{ role: 'pmo_lead', domainId: 'it' }] };
const owner: Principal = { tenantId: T, userId: 'o', displayName: 'Olu', roles: [{ role: 'strategy_owner' }] };
const silent = { info() {}, warn() {}, error() {}, debug() {}, child() { return silent; } };

function setup(start: Date, delivered: readonly Delivery[] = []) {
  let now = start;
  const dispatched: { batchId: string; requests: readonly DeliveryRequest[] }[] = [];
  const jobs = new Map<string, ScheduledJob>();
  const failures = { next: 0 };
  const delivery: DeliveryService = {
    async dispatch(_t, batchId, requests) {
      if (failures.next > 0) {
        failures.next -= 1;
        throw new Error('delivery table unavailable');
      }
      dispatched.push({ batchId, requests });
      return [];
    },
    async listBatch(_t, batchId): Promise<Delivery[]> {
      return delivered.filter((d) => d.batchId === batchId);
    },
    async progress() {
      return { total: 0, queued: 0, sent: 0, failed: 0, unreachable: 0 };
    },
  };
  const scheduler: Scheduler = {
    async schedule(job) {
      jobs.set(job.id, job);
    },
    async scheduleIfAbsent(job) {
      if (jobs.has(job.id)) return false;
      jobs.set(job.id, job);
      return true;
    },
    async cancel(_t, id) {
      jobs.delete(id);
    },
  };
  const repos = createMemoryRepositories();
  const deps: SignalDeps = {
    repos, stores: createMemorySignalStores(), delivery, scheduler, clock: { now: () => now }, ids: { next: () => 'sig-t' }, policy: P, logger: silent, tabBaseUrl: () => undefined,
  };
  return { deps, dispatched, jobs, repos, failures, setNow: (d: Date) => (now = d) };
}

const must = (r: { ok: true; value: TransitionResult } | { ok: false; error: { message: string } }) => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('signal timers', () => {
  it('reminds the PMO channel once when triage is overdue, and not after the signal moved on', async () => {
    const start = new Date('2026-03-02T09:00:00Z');
    const { deps, dispatched, jobs, repos, setNow } = setup(start);
    await repos.links.put({ tenantId: T, conversationId: 'pmo-chan', target: { kind: 'pmo', domainId: 'it' }, linkedBy: 'x', linkedAt: start.toISOString() });
    const created = await deps.stores.signals.createNumbered(T, (n) => must(raise({ tenantId: T, id: 'sig-t', number: n, kind: 'issue', title: 'x', details: '', urgency: 'normal', domainId: 'it', origin: { conversationId: 'c' } }, lead, start, P)));
    await scheduleTimers(deps, created.value);
    const job = jobs.get('signal-due:sig-t');
    expect(job).toMatchObject({ kind: 'signal.due', dueAt: '2026-03-04T09:00:00.000Z' });
    const { 'signal.due': due } = signalJobHandlers(deps);
    setNow(new Date('2026-03-04T10:00:00Z'));
    await due?.run(job as ScheduledJob);
    await due?.run(job as ScheduledJob); // a second run (e.g. after a crash) reminds nobody again
    expect(dispatched.map((d) => d.requests.map((r) => [r.conversationId, r.content.kind]))).toEqual([[['pmo-chan', 'signal.reminder']]]);
    expect((await deps.stores.signals.timeline(T, 'sig-t')).map((e) => e.action)).toEqual(['raise', 'remind']);
  });

  it('reminds in the thread of the signal\'s PMO card where it was delivered, and as a new post where it was not', async () => {
    const start = new Date('2026-03-02T09:00:00Z');
    const at = start.toISOString();
    const pmoCard: Delivery = { tenantId: T, id: 'signal:sig-t:pmo/a', batchId: 'signal:sig-t:pmo', conversationId: 'pmo-chan', operation: 'send', content: { kind: 'signal.pmo', ref: 'sig-t' }, state: 'sent', activityId: '1700000000999', attempts: 1, createdAt: at, updatedAt: at };
    const { deps, dispatched, jobs, repos, setNow } = setup(start, [pmoCard]);
    for (const conversationId of ['pmo-chan', 'pmo-chat-2']) await repos.links.put({ tenantId: T, conversationId, target: { kind: 'pmo', domainId: 'it' }, linkedBy: 'x', linkedAt: at });
    const created = await deps.stores.signals.createNumbered(T, (n) => must(raise({ tenantId: T, id: 'sig-t', number: n, kind: 'issue', title: 'x', details: '', urgency: 'normal', domainId: 'it', origin: { conversationId: 'c' } }, lead, start, P)));
    await scheduleTimers(deps, created.value);
    setNow(new Date('2026-03-04T10:00:00Z'));
    await signalJobHandlers(deps)['signal.due']?.run(jobs.get('signal-due:sig-t') as ScheduledJob);
    const sent = dispatched.flatMap((d) => d.requests).map((r) => [r.conversationId, r.threadId ?? 'new post']);
    expect(sent.sort()).toEqual([['pmo-chan', '1700000000999'], ['pmo-chat-2', 'new post']]);
  });

  it('a reminder whose dispatch fails is sent on the scheduler\'s retry, and recorded only once sent', async () => {
    const start = new Date('2026-03-02T09:00:00Z');
    const { deps, dispatched, jobs, repos, failures, setNow } = setup(start);
    await repos.links.put({ tenantId: T, conversationId: 'pmo-chan', target: { kind: 'pmo', domainId: 'it' }, linkedBy: 'x', linkedAt: start.toISOString() });
    const created = await deps.stores.signals.createNumbered(T, (n) => must(raise({ tenantId: T, id: 'sig-t', number: n, kind: 'issue', title: 'x', details: '', urgency: 'normal', domainId: 'it', origin: { conversationId: 'c' } }, lead, start, P)));
    await scheduleTimers(deps, created.value);
    const job = jobs.get('signal-due:sig-t') as ScheduledJob;
    const { 'signal.due': due } = signalJobHandlers(deps);
    setNow(new Date('2026-03-04T10:00:00Z'));
    failures.next = 1;
    await expect(due?.run(job)).rejects.toThrow('delivery table unavailable');
    expect((await deps.stores.signals.get(T, 'sig-t'))?.value.remindedAt).toBeUndefined();
    await due?.run(job); // the scheduler retries the job
    expect(dispatched.map((d) => [d.batchId, d.requests.map((r) => [r.conversationId, r.content.kind])])).toEqual([['signal:sig-t:remind:r1', [['pmo-chan', 'signal.reminder']]]]);
    expect((await deps.stores.signals.get(T, 'sig-t'))?.value.remindedAt).toBe('2026-03-04T10:00:00.000Z');
    expect((await deps.stores.signals.timeline(T, 'sig-t')).map((e) => e.action)).toEqual(['raise', 'remind']);
  });

  it('ends a deferral on its date: the signal is escalated again for a new decision', async () => {
    const start = new Date('2026-03-02T09:00:00Z');
    const { deps, jobs, setNow } = setup(start);
    let v: Versioned<Signal> = await deps.stores.signals.createNumbered(T, (n) => must(raise({ tenantId: T, id: 'sig-t', number: n, kind: 'risk', title: 'x', details: '', urgency: 'normal', domainId: 'it', origin: { conversationId: 'c' } }, lead, start, P)));
    for (const step of [
      (s: typeof v.value) => triage(s, lead, start, P),
      (s: typeof v.value) => startAnalysis(s, lead, start),
      (s: typeof v.value) => setContext(s, lead, start, { objectiveIds: [], schedule: 'low', cost: 'low', benefit: 'low', risk: 'low', narrative: 'n' }),
      (s: typeof v.value) => addOption(s, lead, start, { title: 'A', description: '', impact: 'a' }),
      (s: typeof v.value) => addOption(s, lead, start, { title: 'B', description: '', impact: 'b' }),
      (s: typeof v.value) => recommend(s, lead, start, 'o1', 'r'),
      (s: typeof v.value) => escalate(s, lead, start, P),
      (s: typeof v.value) => defer(s, owner, start, '2026-03-20', 'After the budget round'),
    ]) {
      const saved = await deps.stores.signals.commit(must(step(v.value)), v.etag);
      if (!saved.ok) throw new Error(saved.error.message);
      v = saved.value;
    }
    await scheduleTimers(deps, v.value);
    const job = jobs.get('signal-undefer:sig-t');
    expect(job).toMatchObject({ kind: 'signal.undefer', dueAt: '2026-03-20T00:00:00.000Z' });
    setNow(new Date('2026-03-20T00:01:00Z'));
    await signalJobHandlers(deps)['signal.undefer']?.run(job as ScheduledJob);
    const after = await deps.stores.signals.get(T, 'sig-t');
    expect(after?.value).toMatchObject({ state: 'escalated', decisionRound: 2 });
    expect(jobs.get('signal-due:sig-t')?.kind).toBe('signal.due');
  });
});
