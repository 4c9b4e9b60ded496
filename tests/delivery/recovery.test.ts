/**
 * Recovery from storage faults, through the real app, Azurite and the connector: queued
 * records whose enqueue failed are found by the sweep and sent (once), and a corrupt timer
 * row does not stop the scheduler. (Duplicate jobs: duplicate-jobs.test.ts.)
 */
import { TableClient } from '@azure/data-tables';
import { QueueServiceClient } from '@azure/storage-queue';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';

import type { RunningApp } from '../../bot/composition/start-app';
import { deliveryQueueName } from '../../bot/platform/storage/storage-queue';
import { encodeKey } from '../../bot/platform/storage/keys';
import { startTestApp } from '../support/app';
import { type ConnectorServer, startConnectorServer } from '../support/connector-server';
import { testConnectionString, uniqueTablePrefix } from '../support/storage';
import { FAST_DELIVERY_ENV, TENANT, conversationRef, registerTestRenderer, settled, waitUntil } from './support';

const PREFIX = uniqueTablePrefix();
let app: RunningApp;
let connector: ConnectorServer;
const runs: string[] = [];
let n = 0;

const queue = () => QueueServiceClient.fromConnectionString(testConnectionString()).getQueueClient(deliveryQueueName(PREFIX));
const table = (name: string) => TableClient.fromConnectionString(testConnectionString(), `${PREFIX}${name}`, { allowInsecureConnection: true });

beforeAll(async () => {
  connector = await startConnectorServer();
  app = await startTestApp(
    { ...FAST_DELIVERY_ENV, TABLE_PREFIX: PREFIX, DELIVERY_SWEEP_MS: '200', DELIVERY_STALE_QUEUED_MS: '1000' },
    {
      registerDelivery: (registry) => {
        registerTestRenderer(registry);
        registry.addJobHandler({ kind: 'test.timer', run: async (j) => void runs.push(j.id) });
      },
    },
  );
});

afterAll(async () => {
  await app?.stop();
  await connector?.close();
});

beforeEach(() => connector.reset());

async function conversations(count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => `19:r${++n}@thread.tacv2`);
  for (const id of ids) await app.repos.conversations.save(conversationRef(connector.url, id));
  return ids;
}

const sends = (ids: readonly string[], ref: string) => ids.map((conversationId) => ({ conversationId, operation: 'send' as const, content: { kind: 'test.text', ref } }));

function expectExactlyOnce(ids: readonly string[]): void {
  const ok = connector.requests.filter((r) => r.method === 'POST' && r.status === 201);
  const per = new Map<string, number>();
  for (const r of ok) per.set(r.conversationId as string, (per.get(r.conversationId as string) ?? 0) + 1);
  expect(ids.filter((id) => per.get(id) !== 1)).toEqual([]);
  expect(ok).toHaveLength(ids.length);
}

async function pendingRows(): Promise<string[]> {
  const rows: string[] = [];
  for await (const e of table('PendingBatches').listEntities<{ batchId: string }>()) rows.push(e.batchId);
  return rows;
}

describe('a dispatch whose enqueue fails', () => {
  it('leaves queued records that the sweep enqueues again: all sent once, and the batch leaves the index', async () => {
    const ids = await conversations(6);
    await queue().delete();
    try {
      await expect(app.delivery.dispatch(TENANT, 'recover:lost', sends(ids, 'lost'))).rejects.toThrow();
    } finally {
      await queue().createIfNotExists();
    }
    const recorded = await app.delivery.listBatch(TENANT, 'recover:lost');
    expect(recorded.map((d) => d.state)).toEqual(Array(6).fill('queued'));
    expect(await pendingRows()).toContain('recover:lost');

    await waitUntil(async () => settled(await app.delivery.listBatch(TENANT, 'recover:lost')), 15_000, 'the sweep to recover the batch');
    expect((await app.delivery.listBatch(TENANT, 'recover:lost')).map((d) => d.state)).toEqual(Array(6).fill('sent'));
    await waitUntil(async () => !(await pendingRows()).includes('recover:lost'), 10_000, 'the settled batch to leave the index');
    expectExactlyOnce(ids);
  });
});

describe('a corrupt scheduled job row', () => {
  it('is skipped: the other due jobs still run', async () => {
    await table('Schedule').createEntity({ partitionKey: encodeKey(TENANT), rowKey: encodeKey('corrupt'), dueAt: '2000-01-01T00:00:00.000Z', kind: 'test.timer', payload: 'not json' });
    await app.scheduler.schedule({ tenantId: TENANT, id: 'after-corrupt', kind: 'test.timer', dueAt: new Date(Date.now() + 100).toISOString(), payload: {} });
    await waitUntil(() => runs.includes('after-corrupt'), 10_000, 'the valid job to run');
    expect(runs).toEqual(['after-corrupt']);
  });
});
