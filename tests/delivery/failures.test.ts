/**
 * How delivery answers Teams' failures, through the real app, queue and connector client:
 * throttling is retried within Retry-After, a blocked app is unreachable at once, bad input
 * is never retried, and a job that keeps failing stops after its attempts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';

import type { RunningApp } from '../../bot/composition/start-app';
import { startTestApp } from '../support/app';
import { type ConnectorServer, messageWritesBlocked, startConnectorServer, throttled } from '../support/connector-server';
import { FAST_DELIVERY_ENV, TENANT, conversationRef, registerTestRenderer, settled, waitUntil } from './support';

let app: RunningApp;
let connector: ConnectorServer;
let n = 0;

beforeAll(async () => {
  connector = await startConnectorServer();
  app = await startTestApp({ ...FAST_DELIVERY_ENV, DELIVERY_MAX_ATTEMPTS: '3' }, { registerDelivery: registerTestRenderer });
});

afterAll(async () => {
  await app?.stop();
  await connector?.close();
});

beforeEach(() => connector.reset());

/** Fresh conversations stored for the app, pointing at the connector. */
async function conversations(count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => `19:f${++n}@thread.tacv2`);
  for (const id of ids) await app.repos.conversations.save(conversationRef(connector.url, id));
  return ids;
}

async function fanOut(batch: string, ids: readonly string[]) {
  await app.delivery.dispatch(
    TENANT,
    batch,
    ids.map((conversationId) => ({ conversationId, operation: 'send' as const, content: { kind: 'test.text', ref: batch } })),
  );
  await waitUntil(async () => settled(await app.delivery.listBatch(TENANT, batch)), 15_000, `batch ${batch} to settle`);
  return app.delivery.listBatch(TENANT, batch);
}

const postsTo = (id: string) => connector.requests.filter((r) => r.method === 'POST' && r.conversationId === id);

describe('delivery failures', () => {
  it('retries 429s after Retry-After and ends with every recipient sent exactly once', async () => {
    const ids = await conversations(8);
    connector.respond({ method: 'POST', times: 4, response: throttled(1) });
    const deliveries = await fanOut('fail:throttled', ids);

    expect(deliveries.map((d) => d.state)).toEqual(Array(8).fill('sent'));
    const posts = connector.requests.filter((r) => r.method === 'POST');
    expect(posts.filter((r) => r.status === 429)).toHaveLength(4);
    for (const id of ids) {
      // One successful POST per conversation, whatever was throttled before it.
      expect(postsTo(id).filter((r) => r.status === 201)).toHaveLength(1);
      const throttledAt = postsTo(id).find((r) => r.status === 429)?.receivedAt;
      const succeededAt = postsTo(id).find((r) => r.status === 201)?.receivedAt as number;
      if (throttledAt !== undefined) expect(succeededAt - throttledAt).toBeGreaterThanOrEqual(950);
    }
    const activityIds = deliveries.map((d) => d.activityId);
    expect(new Set(activityIds).size).toBe(8);
    expect(deliveries.reduce((sum, d) => sum + d.attempts, 0)).toBe(12);
  });

  it('marks a recipient who blocked the app unreachable after exactly one attempt', async () => {
    const [blocked, fine] = (await conversations(2)) as [string, string];
    connector.respond({ method: 'POST', path: new RegExp(encodeURIComponent(blocked)), times: 5, response: messageWritesBlocked() });
    const deliveries = await fanOut('fail:blocked', [blocked, fine]);

    const byConversation = new Map(deliveries.map((d) => [d.conversationId, d]));
    expect(byConversation.get(blocked)).toMatchObject({ state: 'unreachable', attempts: 1 });
    expect(byConversation.get(blocked)?.lastError).toContain('MessageWritesBlocked');
    expect(byConversation.get(fine)).toMatchObject({ state: 'sent', attempts: 1 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(postsTo(blocked)).toHaveLength(1);
    expect(await app.delivery.progress(TENANT, 'fail:blocked')).toMatchObject({ total: 2, sent: 1, unreachable: 1 });
  });

  it('never retries bad input: a 400 is failed with its reason after one attempt', async () => {
    const [id] = (await conversations(1)) as [string];
    connector.respond({ method: 'POST', times: 5, response: { status: 400, body: { error: { code: 'BadArgument', message: 'Activity is too large' } } } });
    const [delivery] = await fanOut('fail:bad', [id]);
    expect(delivery).toMatchObject({ state: 'failed', attempts: 1 });
    expect(delivery?.lastError).toContain('BadArgument');
    expect(postsTo(id)).toHaveLength(1);
  });

  it('gives up on a job that keeps failing after the configured attempts, and says why', async () => {
    const [id] = (await conversations(1)) as [string];
    connector.respond({ method: 'POST', times: 10, response: { status: 502, body: { error: { code: 'BadGateway', message: 'upstream down' } } } });
    const [delivery] = await fanOut('fail:poison', [id]);
    expect(delivery).toMatchObject({ state: 'failed', attempts: 3 });
    expect(delivery?.lastError).toMatch(/^gave up after 3 attempts: HTTP 502/);
    expect(postsTo(id)).toHaveLength(3);
  });

  it('marks a conversation the app is not installed in unreachable without calling Teams', async () => {
    const deliveries = await fanOut('fail:unknown', ['19:never-installed@thread.tacv2']);
    expect(deliveries[0]).toMatchObject({ state: 'unreachable', attempts: 0 });
    expect(connector.requests).toHaveLength(0);
  });

  it('updates a delivered card in place: a PUT to the stored activity id', async () => {
    const [id] = (await conversations(1)) as [string];
    const [sent] = await fanOut('fail:original', [id]);
    expect(sent?.state).toBe('sent');
    connector.reset();

    await app.delivery.dispatch(TENANT, 'fail:update', [
      { conversationId: id, operation: 'update', targetActivityId: sent?.activityId as string, content: { kind: 'test.text', ref: 'Superseded', variant: 'v2' } },
    ]);
    await waitUntil(async () => settled(await app.delivery.listBatch(TENANT, 'fail:update')), 10_000);
    const [updated] = await app.delivery.listBatch(TENANT, 'fail:update');
    expect(updated).toMatchObject({ state: 'sent', operation: 'update', activityId: sent?.activityId });
    expect(connector.requests).toHaveLength(1);
    expect(connector.requests[0]).toMatchObject({ method: 'PUT', conversationId: id, activityId: sent?.activityId });
    expect(connector.requests[0]?.body.attachments[0].content.body[0].text).toBe('Superseded (v2)');
  });
});
