/**
 * Durability across processes sharing one storage account: a restart mid-fan-out loses
 * nothing and repeats nothing, two instances split the work and the tenant budget, and
 * durable timers fire once across instances and after a restart.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';

import type { RunningApp } from '../../bot/composition/start-app';
import type { ScheduledJob } from '../../bot/delivery/ports';
import { startTestApp } from '../support/app';
import { type ConnectorServer, startConnectorServer } from '../support/connector-server';
import { uniqueTablePrefix } from '../support/storage';
import { FAST_DELIVERY_ENV, TENANT, conversationRef, registerTestRenderer, settled, waitUntil } from './support';

let connector: ConnectorServer;
const running: RunningApp[] = [];

beforeAll(async () => {
  connector = await startConnectorServer();
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((a) => a.stop()));
  connector.reset();
});
afterAll(async () => {
  await connector?.close();
});

async function start(prefix: string, env: Record<string, string> = {}, register = registerTestRenderer): Promise<RunningApp> {
  const app = await startTestApp({ ...FAST_DELIVERY_ENV, TABLE_PREFIX: prefix, ...env }, { registerDelivery: register });
  running.push(app);
  return app;
}

async function stop(app: RunningApp): Promise<void> {
  running.splice(running.indexOf(app), 1);
  await app.stop();
}

async function conversations(app: RunningApp, count: number, tag: string): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => `19:${tag}-${i}@thread.tacv2`);
  await Promise.all(ids.map((id) => app.repos.conversations.save(conversationRef(connector.url, id))));
  return ids;
}

const sends = (ids: readonly string[]) => ids.map((conversationId) => ({ conversationId, operation: 'send' as const, content: { kind: 'test.text', ref: 'Durable' } }));

/** Every conversation got exactly one successful POST. */
function expectExactlyOnce(ids: readonly string[]): void {
  const ok = connector.requests.filter((r) => r.method === 'POST' && r.status === 201);
  const perConversation = new Map<string, number>();
  for (const r of ok) perConversation.set(r.conversationId as string, (perConversation.get(r.conversationId as string) ?? 0) + 1);
  expect(ids.filter((id) => perConversation.get(id) !== 1)).toEqual([]);
  expect(ok).toHaveLength(ids.length);
}

/** The most requests the connector saw in any window of `ms`. */
function peakIn(ms: number): number {
  const times = connector.requests.map((r) => r.receivedAt).sort((a, b) => a - b);
  let best = 0;
  for (let end = 0, start = 0; end < times.length; end++) {
    while ((times[end] as number) - (times[start] as number) >= ms) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

describe('restart mid-fan-out', () => {
  it('completes after a stop and a start on the same storage, nothing lost and nothing sent twice', async () => {
    const prefix = uniqueTablePrefix();
    // A slow budget so that the stop lands in the middle of the fan-out.
    const env = { DELIVERY_TENANT_RATE_PER_SEC: '20' };
    const first = await start(prefix, env);
    const ids = await conversations(first, 60, 'restart');
    await first.delivery.dispatch(TENANT, 'durable:restart', sends(ids));
    await waitUntil(() => connector.requests.length >= 15, 10_000, 'the fan-out to start');
    await stop(first);

    const sentBeforeRestart = connector.requests.length;
    expect(sentBeforeRestart).toBeLessThan(ids.length);
    const second = await start(prefix, env);
    await waitUntil(async () => settled(await second.delivery.listBatch(TENANT, 'durable:restart')), 15_000, 'the fan-out to finish');
    const deliveries = await second.delivery.listBatch(TENANT, 'durable:restart');
    expect(deliveries.filter((d) => d.state !== 'sent')).toEqual([]);
    expectExactlyOnce(ids);
  });
});

describe('two instances on one storage account', () => {
  it('share the work and the tenant budget, and send nothing twice', async () => {
    const prefix = uniqueTablePrefix();
    const env = { DELIVERY_TENANT_RATE_PER_SEC: '20' };
    const a = await start(prefix, env);
    const b = await start(prefix, env);
    // Both heartbeats seen (one interval): each takes half the budget.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const ids = await conversations(a, 80, 'pair');
    await a.delivery.dispatch(TENANT, 'durable:pair', sends(ids));
    await waitUntil(async () => settled(await b.delivery.listBatch(TENANT, 'durable:pair')), 15_000, 'the fan-out to finish');

    const deliveries = await a.delivery.listBatch(TENANT, 'durable:pair');
    expect(deliveries.filter((d) => d.state !== 'sent')).toEqual([]);
    expectExactlyOnce(ids);
    const workers = new Set(deliveries.map((d) => d.claimedBy));
    expect(workers.size).toBe(2);
    // The budget is per tenant, not per process: together they keep to 20 a second, where two
    // unshared budgets would reach 40. Measured at arrival, so a little scheduling jitter (one
    // jest process runs both apps, the connector and Azurite) is allowed for the peak.
    const times = connector.requests.map((r) => r.receivedAt).sort((x, y) => x - y);
    const meanRate = ((times.length - 1) * 1000) / ((times.at(-1) as number) - (times[0] as number));
    expect(meanRate).toBeLessThanOrEqual(21);
    expect(peakIn(1000)).toBeLessThanOrEqual(30);
  });
});

describe('durable timers', () => {
  const job = (id: string, dueInMs: number): ScheduledJob => ({ tenantId: TENANT, id, kind: 'test.timer', dueAt: new Date(Date.now() + dueInMs).toISOString(), payload: { note: id } });

  it('fire once across two instances, retry a handler that throws, and replace a job scheduled again', async () => {
    const prefix = uniqueTablePrefix();
    const runs: string[] = [];
    let failOnce = true;
    const register = (registry: Parameters<typeof registerTestRenderer>[0]) => {
      registerTestRenderer(registry);
      registry.addJobHandler({
        kind: 'test.timer',
        async run(j) {
          if (j.id === 'flaky' && failOnce) {
            failOnce = false;
            throw new Error('transient');
          }
          runs.push(`${j.id}:${j.payload.note}`);
        },
      });
    };
    const a = await start(prefix, {}, register);
    await start(prefix, {}, register);

    for (let i = 0; i < 10; i++) await a.scheduler.schedule(job(`once-${i}`, 200));
    await a.scheduler.schedule(job('flaky', 100));
    await a.scheduler.schedule(job('replaced', 300));
    await a.scheduler.schedule({ ...job('replaced', 400), payload: { note: 'second' } });
    await a.scheduler.schedule(job('cancelled', 300));
    await a.scheduler.cancel(TENANT, 'cancelled');

    await waitUntil(() => runs.length >= 12, 10_000, 'the timers to fire');
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect([...runs].sort()).toEqual([...Array.from({ length: 10 }, (_, i) => `once-${i}:once-${i}`), 'flaky:flaky', 'replaced:second'].sort());
  });

  it('survive a restart: a job scheduled before a stop fires after the next start', async () => {
    const prefix = uniqueTablePrefix();
    const runs: string[] = [];
    const register = (registry: Parameters<typeof registerTestRenderer>[0]) => {
      registerTestRenderer(registry);
      registry.addJobHandler({ kind: 'test.timer', run: async (j) => void runs.push(j.id) });
    };
    const first = await start(prefix, {}, register);
    await first.scheduler.schedule(job('after-restart', 1000));
    await stop(first);
    expect(runs).toEqual([]);

    await start(prefix, {}, register);
    await waitUntil(() => runs.length >= 1, 10_000, 'the timer to fire after the restart');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(runs).toEqual(['after-restart']);
  });
});
