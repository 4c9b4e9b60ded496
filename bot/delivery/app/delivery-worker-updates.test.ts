/**
 * Unit tests of DeliveryWorker's card updates, over the in-memory fakes of
 * tests/support/delivery-worker-setup.ts: an update is sent only when it is its card's latest
 * and changes what the card shows, and it reads its card's row (DeliveredCards) once, for both.
 */
import { describe, expect, it } from '@jest/globals';

import type { Delivery } from '../domain/delivery';
import { cardSaying, delivery, sentAs, setup, throttled } from '../../../tests/support/delivery-worker-setup';

/** Card `a1` sent by `d1` to conv-d1, saying "Hello"; an update of it, named by the delivery that sent it, says `ref`. */
const sent = delivery('d1', { content: { kind: 'change', ref: 'Hello' } });
const update = (name: string, ref: string, over: Partial<Delivery> = {}): Delivery =>
  delivery(name, { conversationId: sent.conversationId, operation: 'update', targetActivityId: 'a1', sentBy: sent.id, content: { kind: 'change', ref }, ...over });

/** The worker after `d1` was sent, with `updates` queued; `ask(name)` names an update its card's latest, as dispatching it does. */
async function afterTheSend(updates: readonly Delivery[], outcomes = [sentAs('a1')]) {
  const f = setup({ records: [sent, ...updates], outcomes });
  await expect(f.worker.handle(f.job('d1'))).resolves.toEqual({ kind: 'done' });
  const ask = (name: string) => f.cards.requested('t1', sent.conversationId, 'a1', f.job(name).deliveryId);
  const outcome = (name: string) => f.deliveries.value(f.job(name).deliveryId);
  return { ...f, ask, outcome };
}

describe('DeliveryWorker, updating a card', () => {
  it('drops an update a later one replaces, unsent, and sends the later one: one read of the card per update', async () => {
    const f = await afterTheSend([update('u1', 'Step 1'), update('u2', 'Step 2')]);
    await f.ask('u1');
    await f.ask('u2');

    for (const name of ['u1', 'u2']) await expect(f.worker.handle(f.job(name))).resolves.toEqual({ kind: 'done' });

    expect(f.outcome('u1')).toMatchObject({ state: 'failed', lastError: 'skipped: a later update of the same card replaces it' });
    expect(f.outcome('u2')).toMatchObject({ state: 'sent', activityId: 'a1' });
    expect(f.calls.map((c) => c.card)).toEqual([cardSaying('Hello'), cardSaying('Step 2')]);
    expect(f.cards.reads).toBe(2);
  });

  it('sends nothing for an update showing what the card shows: known from the send until the card is first updated, then from its row', async () => {
    const f = await afterTheSend([update('u1', 'Hello'), update('u2', 'Bye'), update('u3', 'Bye'), update('u4', 'Hello'), update('u5', 'Hello', { sentBy: undefined })]);
    for (const name of ['u1', 'u2', 'u3', 'u4', 'u5']) {
      await f.ask(name);
      await expect(f.worker.handle(f.job(name))).resolves.toEqual({ kind: 'done' });
    }

    const unchanged = { state: 'failed', lastError: 'skipped: the card already shows this' };
    expect(f.outcome('u1')).toMatchObject(unchanged); // the record of the send says "Hello"
    expect(f.outcome('u2')).toMatchObject({ state: 'sent' });
    // The card's row says "Bye" from here on, whatever the record of the send says.
    expect(f.outcome('u3')).toMatchObject(unchanged);
    expect(f.outcome('u4')).toMatchObject({ state: 'sent' });
    // An update that does not name the send (as asked before updates did) goes by the row alone.
    expect(f.outcome('u5')).toMatchObject(unchanged);
    expect(f.calls.map((c) => c.card)).toEqual([cardSaying('Hello'), cardSaying('Bye'), cardSaying('Hello')]);
    expect(f.cards.reads).toBe(5);
  });

  it('an update retried in hand after a 429 reads its card once, however many tries it takes', async () => {
    const f = await afterTheSend([update('u1', 'Bye')], [sentAs('a1'), throttled(1), throttled(1), sentAs('a1')]);
    await f.ask('u1');

    await expect(f.worker.handle(f.job('u1'))).resolves.toEqual({ kind: 'done' });

    expect(f.outcome('u1')).toMatchObject({ state: 'sent', attempts: 3 });
    expect(f.calls.map((c) => c.card)).toEqual([cardSaying('Hello'), ...Array(3).fill(cardSaying('Bye'))]);
    expect(f.cards.reads).toBe(1);
  });
});
