import { describe, expect, it } from '@jest/globals';

import { TEAMS_RATE_LIMITS } from '../domain/delivery';
import { DeliveryRateLimiter } from './rate-limiter';
import { SendTurns } from './send-turns';

/** Turns over a fake clock that `sleep` advances, and the order in which waiters were answered. */
function fakeTurns(limiter = new DeliveryRateLimiter({ perTenantPerSecond: 10, perConversation: [[1, 1000]] }, { headroom: 1 })) {
  let now = 0;
  const answered: string[] = [];
  const turns = new SendTurns({ limiter, now: () => now, sleep: async (ms) => void (now += ms) });
  const take = (name: string, conversationId: string, deadline = 60_000) =>
    turns.take('t1', conversationId, deadline).then((reservedAt) => {
      answered.push(`${name}@${reservedAt ?? 'gave up'}`);
      return reservedAt;
    });
  return { take, answered, now: () => now, turns };
}

describe('SendTurns', () => {
  it('serves a tenant\'s waiters in the order they came, one paced slot each', async () => {
    const f = fakeTurns();
    await Promise.all(['a', 'b', 'c', 'd'].map((name) => f.take(name, `conv-${name}`)));
    expect(f.answered).toEqual(['a@0', 'b@100', 'c@200', 'd@300']);
  });

  it('lets a waiter whose conversation is busy be passed by the ones behind it', async () => {
    const f = fakeTurns();
    await f.take('first', 'busy');
    await Promise.all([f.take('again', 'busy'), f.take('other', 'quiet')]);
    // `again` waits for its conversation's window (1 a second); `other` takes the next slot.
    expect(f.answered).toEqual(['first@0', 'other@100', 'again@1000']);
  });

  it('gives up on a waiter whose turn would come after its deadline, without reserving anything', async () => {
    const f = fakeTurns();
    await f.take('first', 'busy');
    await f.take('late', 'busy', 500);
    expect(f.answered).toEqual(['first@0', 'late@gave up']);
    expect(f.turns.turnInMs('t1', f.now())).toBeLessThanOrEqual(100); // nothing was reserved for it
  });

  it('serves a new waiter at once though the loop sleeps for another\'s conversation (real timers)', async () => {
    const limiter = new DeliveryRateLimiter(TEAMS_RATE_LIMITS);
    const turns = new SendTurns({ limiter, now: () => Date.now() });
    for (let i = 0; i < 7; i++) expect(await turns.take('t1', 'busy', Date.now() + 60_000)).toBeDefined();
    // Teams allows a conversation 7 sends a second: the eighth waits about a second…
    let busyServed = false;
    const busy = turns.take('t1', 'busy', Date.now() + 60_000).then(() => void (busyServed = true));
    // …and a send to another conversation, asked for meanwhile, need not wait for it.
    expect(await turns.take('t1', 'quiet', Date.now() + 60_000)).toBeDefined();
    expect(busyServed).toBe(false);
    await busy;
  });

  it('answers every waiter "no turn" when closed, and anyone asking after', async () => {
    const f = fakeTurns();
    await f.take('first', 'busy');
    const waiting = f.take('again', 'busy'); // its conversation's window holds it for a second
    f.turns.close();
    expect(await waiting).toBeUndefined();
    expect(await f.take('late', 'quiet')).toBeUndefined();
  });
});
