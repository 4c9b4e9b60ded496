/**
 * Durable fan-out end to end: the real app (HTTP, Azurite tables and queue, the delivery
 * worker) sending through botbuilder's connector client to a local connector server.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';

import type { RunningApp } from '../../bot/composition/start-app';
import { startTestApp } from '../support/app';
import { type ConnectorServer, startConnectorServer } from '../support/connector-server';
import { FAST_DELIVERY_ENV, TENANT, conversationRef, registerTestRenderer, settled, waitUntil } from './support';

let app: RunningApp;
let connector: ConnectorServer;

beforeAll(async () => {
  connector = await startConnectorServer();
  app = await startTestApp(FAST_DELIVERY_ENV, { registerDelivery: registerTestRenderer });
});

afterAll(async () => {
  await app?.stop();
  await connector?.close();
});

beforeEach(() => connector.reset());

describe('fan-out', () => {
  it('sends to every conversation once and records the activity id Teams returned', async () => {
    const ids = ['19:a1@thread.tacv2', '19:a2@thread.tacv2', 'a:personal-3'];
    for (const id of ids) await app.repos.conversations.save(conversationRef(connector.url, id));

    const batch = 'test:first';
    const queued = await app.delivery.dispatch(
      TENANT,
      batch,
      ids.map((conversationId) => ({ conversationId, operation: 'send' as const, content: { kind: 'test.text', ref: 'Hello' } })),
    );
    expect(queued.map((d) => d.state)).toEqual(['queued', 'queued', 'queued']);

    await waitUntil(async () => settled(await app.delivery.listBatch(TENANT, batch)), 10_000, 'all sent');
    const deliveries = await app.delivery.listBatch(TENANT, batch);
    expect(deliveries.map((d) => d.state)).toEqual(['sent', 'sent', 'sent']);

    const posts = connector.requests.filter((r) => r.method === 'POST');
    expect(posts.map((r) => r.conversationId).sort()).toEqual([...ids].sort());
    for (const d of deliveries) {
      const post = posts.find((r) => r.conversationId === d.conversationId);
      expect(post?.body.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
      expect(post?.body.attachments[0].content.body[0].text).toBe('Hello');
      expect(d.attempts).toBe(1);
      expect(d.activityId).toMatch(/^activity-\d+$/);
      expect(d.sentAt).toBeDefined();
      expect(d.claimedUntil).toBeUndefined();
    }
    // The activity ids are the ones the connector returned, one per conversation.
    expect(new Set(deliveries.map((d) => d.activityId)).size).toBe(3);
    expect(await app.delivery.progress(TENANT, batch)).toEqual({ total: 3, queued: 0, sent: 3, failed: 0, unreachable: 0 });
  });

  it('does not deliver twice when the same batch is dispatched again', async () => {
    const id = '19:again@thread.tacv2';
    await app.repos.conversations.save(conversationRef(connector.url, id));
    const request = { conversationId: id, operation: 'send' as const, content: { kind: 'test.text', ref: 'Once' } };
    const [first] = await app.delivery.dispatch(TENANT, 'test:again', [request, request]);
    await waitUntil(async () => settled(await app.delivery.listBatch(TENANT, 'test:again')), 10_000);
    const [second] = await app.delivery.dispatch(TENANT, 'test:again', [request]);
    expect(second?.id).toBe(first?.id);
    expect(second?.state).toBe('sent');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(connector.requests.filter((r) => r.conversationId === id)).toHaveLength(1);
  });
});
