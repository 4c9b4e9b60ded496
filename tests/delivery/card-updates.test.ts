/**
 * Card updates that respect the conversation, end to end: the real app (Azurite tables and
 * queue, the delivery worker) updating cards through botbuilder's connector client on a local
 * connector server. An update that would show the same card sends nothing; a burst of updates
 * to one card sends one, with the latest content; updates share the conversation's budget with
 * sends (Teams: 7 messages per second, 8 per 2 s, 60 per 30 s per conversation and bot).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';

import type { RunningApp } from '../../bot/composition/start-app';
import { TEAMS_RATE_LIMITS } from '../../bot/delivery/domain/delivery';
import { startTestApp } from '../support/app';
import { type ConnectorServer, type RecordedRequest, startConnectorServer } from '../support/connector-server';
import { uniqueTablePrefix } from '../support/storage';
import { FAST_DELIVERY_ENV, TENANT, conversationRef, registerTestRenderer, settled, waitUntil } from './support';

const PREFIX = uniqueTablePrefix();
let app: RunningApp;
let connector: ConnectorServer;

beforeAll(async () => {
  connector = await startConnectorServer();
  app = await startTestApp({ ...FAST_DELIVERY_ENV, TABLE_PREFIX: PREFIX }, { registerDelivery: registerTestRenderer });
});

afterAll(async () => {
  await app?.stop();
  await connector?.close();
});

beforeEach(() => connector.reset());

const text = (r: RecordedRequest): string => r.body?.attachments?.[0]?.content?.body?.[0]?.text;
const puts = () => connector.requests.filter((r) => r.method === 'PUT');
const settle = (batchId: string) => waitUntil(async () => settled(await app.delivery.listBatch(TENANT, batchId)), 15_000, `batch ${batchId} settled`);

/** Sends one card saying `ref` to `conversationId`; answers its activity id. */
/** A card sent: its activity id, and the delivery that sent it (which updates name, as use cases do). */
interface SentCard {
  readonly activityId: string;
  readonly sentBy?: string;
}

async function sendCard(conversationId: string, ref: string): Promise<SentCard> {
  const batch = `test:card:${conversationId}:${ref}`;
  await app.delivery.dispatch(TENANT, batch, [{ conversationId, operation: 'send', content: { kind: 'test.text', ref } }]);
  await settle(batch);
  const [sent] = await app.delivery.listBatch(TENANT, batch);
  expect(sent?.state).toBe('sent');
  return { activityId: sent?.activityId as string, sentBy: sent?.id as string };
}

const update = (conversationId: string, card: SentCard, ref: string, variant?: string) => ({
  conversationId,
  operation: 'update' as const,
  targetActivityId: card.activityId,
  ...(card.sentBy ? { sentBy: card.sentBy } : {}),
  content: { kind: 'test.text', ref, ...(variant ? { variant } : {}) },
});

describe('card updates', () => {
  it('sends nothing when the card would show what it shows already, and one update when it changes', async () => {
    const conversation = '19:unchanged@thread.tacv2';
    await app.repos.conversations.save(conversationRef(connector.url, conversation));
    const card = await sendCard(conversation, 'Hello');

    await app.delivery.dispatch(TENANT, 'test:same', [update(conversation, card, 'Hello')]);
    await settle('test:same');
    expect(puts()).toEqual([]);
    expect((await app.delivery.listBatch(TENANT, 'test:same')).map((d) => d.lastError)).toEqual(['skipped: the card already shows this']);

    await app.delivery.dispatch(TENANT, 'test:changed', [update(conversation, card, 'Hello', 'v2')]);
    await settle('test:changed');
    expect(puts().map((r) => [r.conversationId, r.activityId, text(r)])).toEqual([[conversation, card.activityId, 'Hello (v2)']]);

    // The card now shows v2: the same update again sends nothing.
    await app.delivery.dispatch(TENANT, 'test:changed-again', [update(conversation, card, 'Hello', 'v2')]);
    await settle('test:changed-again');
    expect(puts()).toHaveLength(1);
  });

  it('a burst of five updates to one card sends one, showing the last', async () => {
    const conversation = '19:burst@thread.tacv2';
    await app.repos.conversations.save(conversationRef(connector.url, conversation));
    const card = await sendCard(conversation, 'Status');

    const batches = [1, 2, 3, 4, 5].map((n) => `test:burst:${n}`);
    for (const [i, batch] of batches.entries()) await app.delivery.dispatch(TENANT, batch, [update(conversation, card, 'Status', `step ${i + 1}`)]);
    for (const batch of batches) await settle(batch);

    expect(puts().map((r) => [r.activityId, text(r)])).toEqual([[card.activityId, 'Status (step 5)']]);
    const outcomes = await Promise.all(batches.map(async (b) => (await app.delivery.listBatch(TENANT, b))[0]?.lastError ?? 'sent'));
    expect(outcomes).toEqual([...Array(4).fill('skipped: a later update of the same card replaces it'), 'sent']);
  });

  it('two instances sharing the storage: a burst of updates dispatched from both sends one, showing the last', async () => {
    const other = await startTestApp({ ...FAST_DELIVERY_ENV, TABLE_PREFIX: PREFIX }, { registerDelivery: registerTestRenderer });
    try {
      const conversation = '19:two-instances@thread.tacv2';
      await app.repos.conversations.save(conversationRef(connector.url, conversation));
      const card = await sendCard(conversation, 'Shared');
      const batches = [1, 2, 3, 4, 5].map((n) => `test:two:${n}`);
      for (const [i, batch] of batches.entries()) {
        const instance = i % 2 === 0 ? app : other;
        await instance.delivery.dispatch(TENANT, batch, [update(conversation, card, 'Shared', `step ${i + 1}`)]);
      }
      for (const batch of batches) await settle(batch);
      expect(puts().map((r) => [r.activityId, text(r)])).toEqual([[card.activityId, 'Shared (step 5)']]);
    } finally {
      await other.stop();
    }
  });

  it('updates count against the conversation limits together with sends', async () => {
    const conversation = '19:busy@thread.tacv2';
    await app.repos.conversations.save(conversationRef(connector.url, conversation));
    const cards = 10;
    await app.delivery.dispatch(
      TENANT,
      'test:busy:send',
      Array.from({ length: cards }, (_, i) => ({ conversationId: conversation, operation: 'send' as const, content: { kind: 'test.text', ref: `Card ${i}` } })),
    );
    await settle('test:busy:send');
    const sent = await app.delivery.listBatch(TENANT, 'test:busy:send');
    // Updates of every card, dispatched while a new batch of sends goes to the same conversation.
    await app.delivery.dispatch(TENANT, 'test:busy:update', sent.map((d) => update(conversation, { activityId: d.activityId as string, sentBy: d.id }, d.content.ref, 'changed')));
    await app.delivery.dispatch(
      TENANT,
      'test:busy:more',
      Array.from({ length: 4 }, (_, i) => ({ conversationId: conversation, operation: 'send' as const, content: { kind: 'test.text', ref: `More ${i}` } })),
    );
    await settle('test:busy:update');
    await settle('test:busy:more');

    const calls = connector.requests.filter((r) => r.conversationId === conversation);
    expect(calls.filter((r) => r.method === 'PUT')).toHaveLength(cards);
    expect(calls.filter((r) => r.method === 'POST')).toHaveLength(cards + 4);
    // Within each window of the limits, no more calls than Teams allows, sends and updates
    // together. Arrival times carry a little network jitter, so windows are measured a little short.
    const jitterMs = 150;
    for (const [limit, windowMs] of TEAMS_RATE_LIMITS.perConversation.filter(([, ms]) => ms <= 30_000)) {
      for (const first of calls) {
        const inWindow = calls.filter((r) => r.receivedAt >= first.receivedAt && r.receivedAt < first.receivedAt + windowMs - jitterMs);
        expect({ windowMs, calls: inWindow.length }).toEqual({ windowMs, calls: Math.min(inWindow.length, limit) });
      }
    }
  });
});

describe('replies in a thread', () => {
  it('a delivery with a thread goes to the channel thread (`;messageid=`), and its update too; in a chat, where there are no threads, to the chat', async () => {
    const channel = '19:threads@thread.tacv2';
    const chat = 'a:personal-threads';
    await app.repos.conversations.save(conversationRef(connector.url, channel));
    await app.repos.conversations.save(conversationRef(connector.url, chat, { kind: 'personal' }));
    const reply = (conversationId: string) => ({ conversationId, threadId: '1700000000555', operation: 'send' as const, content: { kind: 'test.text', ref: 'In the thread' } });
    await app.delivery.dispatch(TENANT, 'test:thread', [reply(channel), reply(chat)]);
    await settle('test:thread');
    const sends = connector.requests.filter((r) => r.method === 'POST');
    expect(sends.map((r) => r.conversationId).sort()).toEqual([`${channel};messageid=1700000000555`, chat].sort());

    const inChannel = (await app.delivery.listBatch(TENANT, 'test:thread')).find((d) => d.conversationId === channel);
    await app.delivery.dispatch(TENANT, 'test:thread:update', [{ ...update(channel, { activityId: inChannel?.activityId as string, sentBy: inChannel?.id as string }, 'In the thread', 'edited'), threadId: '1700000000555' }]);
    await settle('test:thread:update');
    expect(puts().map((r) => [r.conversationId, r.activityId, text(r)])).toEqual([[`${channel};messageid=1700000000555`, inChannel?.activityId, 'In the thread (edited)']]);
  });
});
