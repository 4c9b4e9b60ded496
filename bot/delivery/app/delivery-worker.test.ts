/**
 * Unit tests of DeliveryWorker over in-memory fakes: records with real ETag checks and a
 * history of writes, a scripted Messenger that notes the (fake) time of each call and the
 * record as stored then, and a fake clock that `sleep` advances — so waits take no time. The
 * fan-out at the end runs many jobs at once on a fake clock of timers (FakeTime).
 */
import { describe, expect, it } from '@jest/globals';

import type { ConversationRef } from '../../conversations/domain/conversation';
import { type Delivery, type RateLimits, type RetryPolicy, type SendOutcome, TEAMS_RATE_LIMITS } from '../domain/delivery';
import { type Result, fail, notFound, ok } from '../../kernel/result';
import type { DeliveredCard, DeliveredCardStore, DeliveryRepository, Messenger, ReadyOutcome } from '../ports';
import type { Logger } from '../../kernel/logger';
import type { ConversationStore } from '../../conversations/ports';
import type { Versioned } from '../../kernel/versioned';
import { DeliveryWorker, type DeliveryWorkerDeps } from './delivery-worker';
import { DeliveryRateLimiter } from './rate-limiter';
import { StorageUnavailable } from '../../kernel/storage-unavailable';
import { createDeliveryRegistry } from './registry';

const T0 = Date.parse('2026-11-27T10:00:00.000Z');
const BATCH = 'change:chg-1:v1';
const silent: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => silent };

/** Delivered cards in memory, as the table keeps them (one merged row per card). */
function memoryCards(): DeliveredCardStore {
  const rows = new Map<string, DeliveredCard>();
  const key = (t: string, c: string, a: string) => JSON.stringify([t, c, a]);
  return {
    get: async (t, c, a) => rows.get(key(t, c, a)),
    requested: async (t, c, a, latestUpdateId) => void rows.set(key(t, c, a), { ...rows.get(key(t, c, a)), latestUpdateId }),
    shown: async (t, c, a, fingerprint) => void rows.set(key(t, c, a), { ...rows.get(key(t, c, a)), fingerprint }),
  };
}

const throttled = (retryAfterSeconds: number): SendOutcome => ({ ok: false, status: 429, code: 'TooManyRequests', message: 'HTTP 429', retryAfterSeconds });
const badGateway: SendOutcome = { ok: false, status: 502, message: 'HTTP 502' };
const sentAs = (activityId: string): SendOutcome => ({ ok: true, activityId });

function delivery(name: string, over: Partial<Delivery> = {}): Delivery {
  const at = new Date(T0).toISOString();
  return { tenantId: 't1', id: `${BATCH}/${name}`, batchId: BATCH, conversationId: `conv-${name}`, operation: 'send', content: { kind: 'change', ref: 'chg-1' }, state: 'queued', attempts: 0, createdAt: at, updatedAt: at, ...over };
}

function conversationRef(conversationId: string): ConversationRef {
  const at = new Date(T0).toISOString();
  return { tenantId: 't1', conversationId, kind: 'personal', serviceUrl: 'https://smba.example/', channelId: 'msteams', botId: 'bot', title: conversationId, installedAt: at, updatedAt: at, active: true };
}

/** Delivery records in memory; `update` checks the etag like the table does. */
class FakeDeliveries implements DeliveryRepository {
  readonly rows = new Map<string, Versioned<Delivery>>();
  /** Every successful update, in order. */
  readonly history: Delivery[] = [];
  private version = 0;

  async createMany(ds: readonly Delivery[]): Promise<void> {
    this.seed(ds);
  }
  seed(ds: readonly Delivery[]): void {
    for (const d of ds) if (!this.rows.has(d.id)) this.rows.set(d.id, { value: d, etag: this.nextEtag() });
  }
  async get(tenantId: string, id: string): Promise<Versioned<Delivery> | undefined> {
    const row = this.rows.get(id);
    return row && row.value.tenantId === tenantId ? row : undefined;
  }
  /** How many times recording a send as `sent` fails next, as storage that does not answer. */
  failSentWrites = 0;
  async update(d: Delivery, etag: string): Promise<Result<Versioned<Delivery>>> {
    if (d.state === 'sent' && this.failSentWrites > 0) {
      this.failSentWrites--;
      throw new StorageUnavailable(5);
    }
    const row = this.rows.get(d.id);
    if (!row) return notFound(`Delivery ${d.id}`);
    if (row.etag !== etag) return fail('CONFLICT.STALE', `Delivery ${d.id} was changed by someone else.`);
    const next = { value: d, etag: this.nextEtag() };
    this.rows.set(d.id, next);
    this.history.push(d);
    return ok(next);
  }
  async listByBatch(tenantId: string, batchId: string): Promise<Delivery[]> {
    return [...this.rows.values()].map((r) => r.value).filter((d) => d.tenantId === tenantId && d.batchId === batchId);
  }
  async listQueuedInBatch(tenantId: string, batchId: string): Promise<Versioned<Delivery>[]> {
    return [...this.rows.values()].filter((r) => r.value.tenantId === tenantId && r.value.batchId === batchId && r.value.state === 'queued');
  }
  /** Another writer changes the record (only its etag and updatedAt here). */
  bump(id: string): void {
    const row = this.rows.get(id) as Versioned<Delivery>;
    this.rows.set(id, { value: { ...row.value, updatedAt: new Date(T0 + 1).toISOString() }, etag: this.nextEtag() });
  }
  value(id: string): Delivery {
    return (this.rows.get(id) as Versioned<Delivery>).value;
  }
  private nextEtag(): string {
    return `W/"${++this.version}"`;
  }
}

interface Call {
  readonly at: number;
  readonly deliveryId: string | undefined;
  /** The record as stored when the call was made. */
  readonly stored: Delivery | undefined;
}

interface Options {
  readonly outcomes?: readonly SendOutcome[];
  /** What the messenger's `ready` answers, call by call (the last repeats); ready by default. */
  readonly ready?: readonly ReadyOutcome[];
  /** Runs inside the messenger's n-th call (0-based), before it answers. */
  readonly duringCall?: (n: number) => void;
  readonly limits?: RateLimits;
  readonly headroom?: number;
  readonly retry?: Partial<RetryPolicy>;
  readonly deps?: Partial<DeliveryWorkerDeps>;
  readonly records?: readonly Delivery[];
}

function setup(options: Options = {}) {
  let now = T0;
  const clock = { now: () => new Date(now) };
  const deliveries = new FakeDeliveries();
  const records = options.records ?? [delivery('d1')];
  deliveries.seed(records);
  const refs = new Map(records.map((d) => [d.conversationId, conversationRef(d.conversationId)]));
  const conversations: ConversationStore = {
    save: async (ref) => void refs.set(ref.conversationId, ref),
    get: async (tenantId, id) => (tenantId === 't1' ? refs.get(id) : undefined),
    list: async (tenantId) => (tenantId === 't1' ? [...refs.values()] : []),
    deleteTenant: async () => refs.clear(),
  };
  const calls: Call[] = [];
  const script = options.outcomes ?? [sentAs('a1')];
  const answer = async (conversation: ConversationRef): Promise<SendOutcome> => {
    const id = records.find((d) => d.conversationId === conversation.conversationId)?.id;
    calls.push({ at: now, deliveryId: id, stored: id ? deliveries.value(id) : undefined });
    options.duringCall?.(calls.length - 1);
    return script[Math.min(calls.length, script.length) - 1] as SendOutcome; // the last answer repeats
  };
  const readyCalls: number[] = [];
  const ready = async (): Promise<ReadyOutcome> => {
    readyCalls.push(now);
    const readies = options.ready ?? [{ ok: true }];
    return readies[Math.min(readyCalls.length, readies.length) - 1] as ReadyOutcome;
  };
  const messenger: Messenger = { ready, send: (c) => answer(c), update: (c) => answer(c) };
  const registry = createDeliveryRegistry();
  registry.addRenderer({ kind: 'change', render: async (_t, content) => ({ type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: content.ref }] }) });
  const worker = new DeliveryWorker({
    workerId: 'w1',
    deliveries,
    cards: memoryCards(),
    conversations,
    messenger,
    registry,
    limiter: new DeliveryRateLimiter(options.limits ?? TEAMS_RATE_LIMITS, { headroom: options.headroom ?? 1 }),
    clock,
    logger: silent,
    retry: { maxAttempts: 8, baseDelayMs: 500, maxDelayMs: 60_000, ...options.retry },
    claimMs: 60_000,
    random: () => 0.5,
    sleep: async (ms) => {
      now += ms;
    },
    ...options.deps,
  });
  const job = (name = 'd1') => ({ tenantId: 't1', deliveryId: `${BATCH}/${name}` });
  return { worker, deliveries, calls, readyCalls, job, advance: (ms: number) => void (now += ms), now: () => now };
}

describe('DeliveryWorker', () => {
  it('retries a send throttled with a short Retry-After in hand, counting the attempt before sending again', async () => {
    const f = setup({ outcomes: [throttled(1), sentAs('a2')] });

    await expect(f.worker.handle(f.job())).resolves.toEqual({ kind: 'done' });

    expect(f.calls).toHaveLength(2);
    const [first, second] = f.calls as [Call, Call];
    expect(second.at - first.at).toBeGreaterThanOrEqual(1000);
    expect(second.stored).toMatchObject({ state: 'queued', attempts: 2, lastError: 'HTTP 429', claimedBy: 'w1' });
    expect(Date.parse(second.stored?.claimedUntil as string)).toBeGreaterThan(second.at);
    expect(f.deliveries.history.map((d) => [d.state, d.attempts])).toEqual([['queued', 1], ['queued', 2], ['sent', 2]]);
    const record = f.deliveries.value(f.job().deliveryId);
    expect(record).toMatchObject({ state: 'sent', activityId: 'a2', attempts: 2, sentAt: new Date(second.at).toISOString() });
    expect(record.lastError).toBeUndefined();
    expect(record.claimedUntil).toBeUndefined();
  });

  describe('reports every answer to the limiter', () => {
    /** When the tenant's three sends were made, at 1 request/s, the second one's answer taking `secondRoundTripMs`. */
    async function sendTimes(secondOutcome: SendOutcome, secondRoundTripMs: number): Promise<number[]> {
      let advance: (ms: number) => void = () => undefined;
      const f = setup({
        records: [delivery('d1'), delivery('d2'), delivery('d3')],
        outcomes: [sentAs('a1'), secondOutcome, sentAs('a3')],
        limits: { perTenantPerSecond: 1, perConversation: [] },
        deps: { maxInlineRetryMs: 0 }, // a retry goes back to the queue
        duringCall: (n) => advance(n === 1 ? secondRoundTripMs : 10),
      });
      advance = f.advance;
      for (const name of ['d1', 'd2', 'd3']) await f.worker.handle(f.job(name));
      expect(f.calls.map((c) => c.deliveryId)).toEqual(['d1', 'd2', 'd3'].map((name) => f.job(name).deliveryId));
      return f.calls.map((c) => c.at - T0);
    }

    it('a send slow on its way may have reached Teams late: the send a second later waits as much longer', async () => {
      const [, second, third] = await sendTimes(sentAs('a2'), 10);
      const [, slowSecond, afterSlow] = await sendTimes(sentAs('a2'), 210);
      expect(slowSecond).toBe(second);
      expect((afterSlow as number) - (third as number)).toBe(200);
    });

    it('a throttled request counts like any other: the next send still waits out the budget', async () => {
      const [first, second, third] = await sendTimes(throttled(1), 10);
      expect((second as number) - (first as number)).toBeGreaterThanOrEqual(1000);
      expect((third as number) - (second as number)).toBeGreaterThanOrEqual(1000);
    });
  });

  it('records a sent card though storage does not answer at first, retrying while its claim holds, so it is not sent again', async () => {
    const f = setup();
    f.deliveries.failSentWrites = 3;
    await expect(f.worker.handle(f.job())).resolves.toEqual({ kind: 'done' });
    expect(f.calls).toHaveLength(1);
    expect(f.deliveries.value(f.job().deliveryId)).toMatchObject({ state: 'sent', activityId: 'a1', attempts: 1 });
  });

  it('gives up recording only when the claim is about to run out, and records the send instead of sending again when the job comes back', async () => {
    const f = setup();
    f.deliveries.failSentWrites = 1000;
    await expect(f.worker.handle(f.job())).rejects.toThrow(StorageUnavailable);
    expect(f.calls).toHaveLength(1);
    const record = f.deliveries.value(f.job().deliveryId);
    expect(record.state).toBe('queued'); // the job comes back; its claim keeps others off until it ends
    expect(Date.parse(record.claimedUntil as string)).toBeGreaterThan(f.now());

    f.deliveries.failSentWrites = 0; // storage answers again
    f.advance(60_000);
    await expect(f.worker.handle(f.job())).resolves.toEqual({ kind: 'done' });
    expect(f.calls).toHaveLength(1);
    expect(f.deliveries.value(f.job().deliveryId)).toMatchObject({ state: 'sent', activityId: 'a1' });
  });

  // 10 s is past the 5-s in-hand bound only; 30 s is also past half the claim.
  it.each([10, 30])('puts a retry due later than the in-hand bound back on the queue, holding the claim until it is due (Retry-After %i s)', async (seconds) => {
    const f = setup({ outcomes: [throttled(seconds)] });

    const outcome = await f.worker.handle(f.job());
    expect(outcome.kind).toBe('later');
    expect(outcome.kind === 'later' && outcome.delayMs).toBeGreaterThanOrEqual(seconds * 1000);
    expect(f.calls).toHaveLength(1);
    const record = f.deliveries.value(f.job().deliveryId);
    expect(record).toMatchObject({ state: 'queued', attempts: 1, lastError: 'HTTP 429' });
    expect(Math.abs(Date.parse(record.claimedUntil as string) - (T0 + seconds * 1000))).toBeLessThanOrEqual(100);

    f.advance(seconds * 500);
    expect((await f.worker.handle(f.job())).kind).toBe('later');
    expect(f.calls).toHaveLength(1);
    expect(f.deliveries.history).toHaveLength(2); // the claim and the back-off; nothing since
  });

  it('records a blocked conversation unreachable after one call', async () => {
    const f = setup({ outcomes: [{ ok: false, status: 403, code: 'MessageWritesBlocked', message: 'HTTP 403' }] });
    await expect(f.worker.handle(f.job())).resolves.toEqual({ kind: 'done' });
    expect(f.calls).toHaveLength(1);
    expect(f.deliveries.value(f.job().deliveryId)).toMatchObject({ state: 'unreachable', lastError: 'HTTP 403', attempts: 1 });
  });

  it('records a bad request failed without retrying it', async () => {
    const f = setup({ outcomes: [{ ok: false, status: 400, code: 'BadArgument', message: 'HTTP 400' }, sentAs('a2')] });
    await expect(f.worker.handle(f.job())).resolves.toEqual({ kind: 'done' });
    expect(f.calls).toHaveLength(1);
    expect(f.deliveries.value(f.job().deliveryId)).toMatchObject({ state: 'failed', lastError: 'HTTP 400', attempts: 1 });
  });

  it('gives up after maxAttempts', async () => {
    const f = setup({ outcomes: [badGateway], retry: { maxAttempts: 3 } });
    await expect(f.worker.handle(f.job())).resolves.toEqual({ kind: 'done' });
    expect(f.calls).toHaveLength(3);
    const record = f.deliveries.value(f.job().deliveryId);
    expect(record).toMatchObject({ state: 'failed', attempts: 3 });
    expect(record.lastError).toMatch(/^gave up after 3 attempts/);
  });

  describe("the connector's token", () => {
    const noToken: ReadyOutcome = { ok: false, message: "could not get the Bot Connector's access token: AADSTS7000215 invalid client secret" };
    /** Fails without reaching Teams, as a send whose token could not be had did before `ready`. */
    const networkError: SendOutcome = { ok: false, message: 'network error: socket hang up' };

    it('a token that cannot be had costs what a send that failed on its way costs: one attempt, retried, and no slot of the budget', async () => {
      // At one request a second, a slot spent on the failed try would hold the retry a second.
      const limits = { perTenantPerSecond: 1, perConversation: [] };
      const tokenFails = setup({ ready: [noToken, { ok: true }], limits });
      const sendFails = setup({ outcomes: [networkError, sentAs('a1')], limits });
      for (const f of [tokenFails, sendFails]) await expect(f.worker.handle(f.job())).resolves.toEqual({ kind: 'done' });

      const attempts = (f: typeof tokenFails) => f.deliveries.history.map((d) => [d.state, d.attempts]);
      expect(attempts(tokenFails)).toEqual([['queued', 1], ['queued', 2], ['sent', 2]]);
      expect(attempts(tokenFails)).toEqual(attempts(sendFails));
      expect(tokenFails.deliveries.history[1]?.lastError).toBe(noToken.message);
      // Nothing went out without a token: the one request is the retry, made after the back-off only.
      expect(tokenFails.calls).toHaveLength(1);
      expect(tokenFails.readyCalls).toEqual([T0, T0 + 250]);
      expect(tokenFails.calls[0]?.at).toBe(T0 + 250);
    });

    it('a token that never comes: given up after maxAttempts, saying why, with no request made', async () => {
      const f = setup({ ready: [noToken], retry: { maxAttempts: 3 } });
      await expect(f.worker.handle(f.job())).resolves.toEqual({ kind: 'done' });
      expect(f.calls).toHaveLength(0);
      expect(f.readyCalls).toHaveLength(3);
      expect(f.deliveries.value(f.job().deliveryId)).toMatchObject({ state: 'failed', attempts: 3, lastError: `gave up after 3 attempts: ${noToken.message}` });
    });
  });

  it('leaves a record claimed by another worker alone', async () => {
    const claimedUntil = new Date(T0 + 20_000).toISOString();
    const f = setup({ records: [delivery('d1', { claimedBy: 'w2', claimedUntil, attempts: 1 })] });
    const outcome = await f.worker.handle(f.job());
    expect(outcome.kind).toBe('later');
    expect(outcome.kind === 'later' && outcome.delayMs).toBeGreaterThanOrEqual(20_000);
    expect(f.calls).toHaveLength(0);
    expect(f.deliveries.history).toHaveLength(0);
  });

  it('does not send again when the record changed under its claim before the in-hand retry', async () => {
    const f = setup({ outcomes: [throttled(1), sentAs('a2')], duringCall: (n) => (n === 0 ? f.deliveries.bump(f.job().deliveryId) : undefined) });
    const outcome = await f.worker.handle(f.job());
    expect(outcome.kind).toBe('later');
    expect(f.calls).toHaveLength(1);
    expect(f.deliveries.history).toHaveLength(1); // the claim only; the renewal lost
    expect(f.deliveries.value(f.job().deliveryId).state).toBe('queued');
  });

  it('once stopping, hands a retry back to the queue instead of waiting in hand', async () => {
    let stop = () => undefined as void;
    const f = setup({ outcomes: [throttled(1), sentAs('a2')], duringCall: () => stop() });
    stop = () => f.worker.stop(); // the process is told to stop while the first send is out
    const outcome = await f.worker.handle(f.job());
    expect(outcome.kind === 'later' && outcome.delayMs).toBeGreaterThanOrEqual(1000);
    expect(f.calls).toHaveLength(1);
    expect(f.deliveries.value(f.job().deliveryId)).toMatchObject({ state: 'queued', attempts: 1 });
  });

  it('once stopping, sends not yet given their turn go back to the queue unsent, their attempt given back', async () => {
    const f = setup();
    f.worker.stop();
    const outcome = await f.worker.handle(f.job());
    expect(outcome.kind).toBe('later');
    expect(f.calls).toHaveLength(0);
    const record = f.deliveries.value(f.job().deliveryId);
    expect(record).toMatchObject({ state: 'queued', attempts: 0 });
    expect(record.claimedUntil).toBeUndefined();
  });

  it('marks a poison job failed, unless a process holds a live claim on it', async () => {
    const claimedUntil = new Date(T0 + 20_000).toISOString();
    const f = setup({ records: [delivery('d1'), delivery('d2', { claimedBy: 'w2', claimedUntil, attempts: 1 })] });
    await f.worker.poison(f.job('d1'), 11);
    await f.worker.poison(f.job('d2'), 11);
    expect(f.deliveries.value(f.job('d1').deliveryId)).toMatchObject({ state: 'failed' });
    expect(f.deliveries.value(f.job('d1').deliveryId).lastError).toMatch(/^gave up after 11 receives/);
    expect(f.deliveries.value(f.job('d2').deliveryId)).toMatchObject({ state: 'queued', claimedBy: 'w2' });
  });
});

/** A fake clock of timers: `run` lets every job go as far as it can, then moves time to the earliest timer. */
class FakeTime {
  now = T0;
  private readonly timers: { readonly at: number; readonly wake: () => void }[] = [];

  readonly sleep = (ms: number): Promise<void> =>
    new Promise((wake) => {
      const at = this.now + Math.max(0, ms);
      let i = this.timers.length;
      while (i > 0 && (this.timers[i - 1] as { at: number }).at > at) i--;
      this.timers.splice(i, 0, { at, wake });
    });

  async run(finished: () => boolean): Promise<void> {
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve)); // every job runs until it waits on a timer
      if (finished()) return;
      const next = this.timers.shift();
      if (!next) throw new Error('nothing left to wait for, yet not finished');
      this.now = Math.max(this.now, next.at);
      next.wake();
    }
  }
}

describe('a first fan-out whose requests all wait a second for the access token', () => {
  it('puts no request over the limit in any second: the token is fetched before a send takes its slot', async () => {
    const time = new FakeTime();
    const records = Array.from({ length: 300 }, (_, i) => delivery(`d${i}`));
    // The first fetch takes a second and every caller meanwhile shares it, as tokenAtHand does; as
    // botbuilder's client does, a send also waits for the token when it has none yet.
    let token: Promise<void> | undefined;
    const tokenAtHand = (): Promise<void> => (token ??= time.sleep(1000));
    const arrivals: number[] = [];
    const request = async (): Promise<SendOutcome> => {
      await tokenAtHand();
      await time.sleep(3); // on its way
      arrivals.push(time.now);
      await time.sleep(3); // the answer on its way back
      return sentAs(`a${arrivals.length}`);
    };
    const messenger: Messenger = { ready: async () => (await tokenAtHand(), { ok: true }), send: request, update: request };
    const { worker, deliveries } = setup({
      records,
      deps: { messenger, limiter: new DeliveryRateLimiter(TEAMS_RATE_LIMITS), clock: { now: () => new Date(time.now) }, sleep: time.sleep },
    });

    // Every job at once, as a fan-out's jobs reach the worker; one put back comes back when it asked to.
    let finished = 0;
    const handleUntilDone = async (deliveryId: string): Promise<void> => {
      for (;;) {
        const outcome = await worker.handle({ tenantId: 't1', deliveryId });
        if (outcome.kind === 'done') break;
        await time.sleep(outcome.delayMs);
      }
      finished++;
    };
    for (const d of records) void handleUntilDone(d.id);
    await time.run(() => finished === records.length);

    expect(records.filter((d) => deliveries.value(d.id).state === 'sent')).toHaveLength(300);
    let busiest = 0;
    for (let i = 0, j = 0; i < arrivals.length; i++) {
      while ((arrivals[i] as number) - (arrivals[j] as number) >= 1000) j++;
      busiest = Math.max(busiest, i - j + 1);
    }
    // With the token fetched after the slot, every round trip the limiter saw first had waited
    // for it, so it took the way there to be slower than it is, and counted arrivals too early.
    expect(busiest).toBeLessThanOrEqual(50);
  });
});
