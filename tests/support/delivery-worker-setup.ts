/**
 * A DeliveryWorker over in-memory fakes, for its unit tests: a scripted Messenger that notes the
 * (fake) time of each call and the record as stored then, and a fake clock that `sleep`
 * advances — so waits take no time. FakeTime is a clock of timers, for many jobs run at once.
 */
import type { ConversationRef } from '../../bot/conversations/domain/conversation';
import type { ConversationStore } from '../../bot/conversations/ports';
import { type Delivery, type RateLimits, type RetryPolicy, type SendOutcome, TEAMS_RATE_LIMITS } from '../../bot/delivery/domain/delivery';
import type { Messenger, ReadyOutcome } from '../../bot/delivery/ports';
import { DeliveryWorker, type DeliveryWorkerDeps } from '../../bot/delivery/app/delivery-worker';
import { DeliveryRateLimiter } from '../../bot/delivery/app/rate-limiter';
import { createDeliveryRegistry } from '../../bot/delivery/app/registry';
import type { Logger } from '../../bot/kernel/logger';
import { FakeDeliveries, MemoryCards } from './delivery-fakes';

export const T0 = Date.parse('2026-11-27T10:00:00.000Z');
const BATCH = 'change:chg-1:v1';
const silent: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => silent };

export const throttled = (retryAfterSeconds: number): SendOutcome => ({ ok: false, status: 429, code: 'TooManyRequests', message: 'HTTP 429', retryAfterSeconds });
export const badGateway: SendOutcome = { ok: false, status: 502, message: 'HTTP 502' };
export const sentAs = (activityId: string): SendOutcome => ({ ok: true, activityId });

/** The card the worker's renderer makes of content `{ kind: 'change', ref }`. */
export const cardSaying = (ref: string): object => ({ type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: ref }] });

/** A queued send of batch `change:chg-1:v1` to its own conversation, `conv-<name>`. */
export function delivery(name: string, over: Partial<Delivery> = {}): Delivery {
  const at = new Date(T0).toISOString();
  return { tenantId: 't1', id: `${BATCH}/${name}`, batchId: BATCH, conversationId: `conv-${name}`, operation: 'send', content: { kind: 'change', ref: 'chg-1' }, state: 'queued', attempts: 0, createdAt: at, updatedAt: at, ...over };
}

function conversationRef(conversationId: string): ConversationRef {
  const at = new Date(T0).toISOString();
  return { tenantId: 't1', conversationId, kind: 'personal', serviceUrl: 'https://smba.example/', channelId: 'msteams', botId: 'bot', title: conversationId, installedAt: at, updatedAt: at, active: true };
}

export interface Call {
  readonly at: number;
  readonly deliveryId: string | undefined;
  /** The record as stored when the call was made. */
  readonly stored: Delivery | undefined;
  /** The card sent, or the card an update replaced the target with. */
  readonly card: object;
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

/** A worker `w1` of tenant `t1` whose conversations are those of `records` (one queued send, `d1`, by default). */
export function setup(options: Options = {}) {
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
  const answer = async (conversation: ConversationRef, card: object): Promise<SendOutcome> => {
    const id = records.find((d) => d.conversationId === conversation.conversationId)?.id;
    calls.push({ at: now, deliveryId: id, stored: id ? deliveries.value(id) : undefined, card });
    options.duringCall?.(calls.length - 1);
    return script[Math.min(calls.length, script.length) - 1] as SendOutcome; // the last answer repeats
  };
  const readyCalls: number[] = [];
  const ready = async (): Promise<ReadyOutcome> => {
    readyCalls.push(now);
    const readies = options.ready ?? [{ ok: true }];
    return readies[Math.min(readyCalls.length, readies.length) - 1] as ReadyOutcome;
  };
  const messenger: Messenger = { ready, send: (c, card) => answer(c, card), update: (c, _activityId, card) => answer(c, card) };
  const registry = createDeliveryRegistry();
  registry.addRenderer({ kind: 'change', render: async (_t, content) => cardSaying(content.ref) });
  const cards = new MemoryCards();
  const worker = new DeliveryWorker({
    workerId: 'w1',
    deliveries,
    cards,
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
  return { worker, deliveries, cards, calls, readyCalls, job, advance: (ms: number) => void (now += ms), now: () => now };
}

/** A fake clock of timers: `run` lets every job go as far as it can, then moves time to the earliest timer. */
export class FakeTime {
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
