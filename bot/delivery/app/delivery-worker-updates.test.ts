/**
 * Unit tests of DeliveryWorker's card updates, over the in-memory fakes of
 * tests/support/delivery-worker-setup.ts: an update is sent only when it is its card's latest
 * and changes what the card shows — as the card shows it after the update is rendered.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';

import type { Delivery } from '../domain/delivery';
import { createDeliveryRegistry } from './registry';
import { cardSaying, delivery, sentAs, setup } from '../../../tests/support/delivery-worker-setup';

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
  it('drops an update a later one replaces, unsent, and sends the later one', async () => {
    const f = await afterTheSend([update('u1', 'Step 1'), update('u2', 'Step 2')]);
    await f.ask('u1');
    await f.ask('u2');

    for (const name of ['u1', 'u2']) await expect(f.worker.handle(f.job(name))).resolves.toEqual({ kind: 'done' });

    expect(f.outcome('u1')).toMatchObject({ state: 'failed', lastError: 'skipped: a later update of the same card replaces it' });
    expect(f.outcome('u2')).toMatchObject({ state: 'sent', activityId: 'a1' });
    expect(f.calls.map((c) => c.card)).toEqual([cardSaying('Hello'), cardSaying('Step 2')]);
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
  });

  it('sends an update when an earlier one of the same card lands while it is rendered, putting back what the card showed', async () => {
    // u0 ("Step B") passed its own "latest?" check and is being sent by another process; then
    // the state went back to "Hello" and u1 was asked for. u0 lands while u1 renders.
    let landEarlier: (() => Promise<void>) | undefined;
    const registry = createDeliveryRegistry();
    registry.addRenderer({
      kind: 'change',
      render: async (_t, content) => {
        const land = content.ref === 'Hello' ? landEarlier : undefined;
        landEarlier = undefined;
        if (land) await land();
        return cardSaying(content.ref);
      },
    });
    const f = setup({ records: [sent, update('u0', 'Step B'), update('u1', 'Hello')], outcomes: [sentAs('a1')], deps: { registry } });
    await expect(f.worker.handle(f.job('d1'))).resolves.toEqual({ kind: 'done' });
    for (const name of ['u0', 'u1']) await f.cards.requested('t1', sent.conversationId, 'a1', f.job(name).deliveryId);
    const fingerprint = createHash('sha256').update(JSON.stringify(cardSaying('Step B'))).digest('base64url').slice(0, 32);
    landEarlier = () => f.cards.shown('t1', sent.conversationId, 'a1', fingerprint);

    await expect(f.worker.handle(f.job('u1'))).resolves.toEqual({ kind: 'done' });

    expect(f.deliveries.value(f.job('u1').deliveryId)).toMatchObject({ state: 'sent' });
    expect(f.calls.map((c) => c.card)).toEqual([cardSaying('Hello'), cardSaying('Hello')]);
  });
});
