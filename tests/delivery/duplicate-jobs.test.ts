/**
 * A job on the queue more than once (a repeated dispatch, the sweep of queued records) is
 * harmless: the worker waits out any live claim — its own included — and claims with an ETag
 * update, so each card is sent once. Real app, Azurite queue and tables, local connector.
 */
import { QueueServiceClient } from '@azure/storage-queue';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import type { RunningApp } from '../../bot/composition/start-app';
import { deliveryQueueName, encodeJobs } from '../../bot/platform/storage/storage-queue';
import { startTestApp } from '../support/app';
import { type ConnectorServer, startConnectorServer } from '../support/connector-server';
import { testConnectionString, uniqueTablePrefix } from '../support/storage';
import { FAST_DELIVERY_ENV, TENANT, conversationRef, registerTestRenderer, settled, waitUntil } from './support';

const PREFIX = uniqueTablePrefix();
let app: RunningApp;
let connector: ConnectorServer;

const queue = () => QueueServiceClient.fromConnectionString(testConnectionString()).getQueueClient(deliveryQueueName(PREFIX));

beforeAll(async () => {
  connector = await startConnectorServer();
  app = await startTestApp({ ...FAST_DELIVERY_ENV, TABLE_PREFIX: PREFIX }, { registerDelivery: registerTestRenderer });
});

afterAll(async () => {
  await app?.stop();
  await connector?.close();
});

const sends = (ids: readonly string[], ref: string) => ids.map((conversationId) => ({ conversationId, operation: 'send' as const, content: { kind: 'test.text', ref } }));

function expectExactlyOnce(ids: readonly string[]): void {
  const ok = connector.requests.filter((r) => r.method === 'POST' && r.status === 201);
  const per = new Map<string, number>();
  for (const r of ok) per.set(r.conversationId as string, (per.get(r.conversationId as string) ?? 0) + 1);
  expect(ids.filter((id) => per.get(id) !== 1)).toEqual([]);
  expect(ok).toHaveLength(ids.length);
}

describe('duplicate jobs', () => {
  it('never send a card twice, whichever worker or moment they arrive', async () => {
    const ids = Array.from({ length: 12 }, (_, i) => `19:dup-${i}@thread.tacv2`);
    for (const id of ids) await app.repos.conversations.save(conversationRef(connector.url, id));
    const delivered = await app.delivery.dispatch(TENANT, 'recover:dupes', sends(ids, 'dupes'));
    // Every job five more times, at once and shortly after: some meet a record in flight.
    const jobs = delivered.map((d) => ({ tenantId: TENANT, deliveryId: d.id }));
    for (let i = 0; i < 5; i++) await queue().sendMessage(encodeJobs(jobs), { messageTimeToLive: -1 });
    await waitUntil(async () => settled(await app.delivery.listBatch(TENANT, 'recover:dupes')), 15_000, 'the batch to settle');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expectExactlyOnce(ids);
  });
});
