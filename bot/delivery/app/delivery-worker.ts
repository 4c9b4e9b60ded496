/**
 * Handles one delivery job: the record is the truth, the queue message only says "look at
 * this record". Steps:
 *
 *   load → skip unless `queued` → find the conversation → wait until the rate limiter has
 *   room (bounded; else try later) → claim (ETag update: claimedBy, claimedUntil, attempts + 1)
 *   → render the current content → get the Messenger ready (its access token) → reserve the
 *   send with the limiter, within what is left of the claim → send or update through the
 *   Messenger → record `sent` (+ activity id), or retry later, or `unreachable`, or `failed`.
 *
 * An update is sent only when it is its card's latest (delivery-service.ts names each update
 * the latest as it is dispatched; earlier ones still queued are dropped unsent) and only when
 * the card it renders differs from what the card shows (a fingerprint of the card JSON, kept on
 * the record of the send and, once the card is updated, per card after each update: read after
 * rendering, so an earlier update landing meanwhile is seen). Dropped updates are recorded
 * `failed` with `lastError: "skipped: …"`, like any delivery no longer wanted.
 *
 * The claim is what makes two processes never both send: only one ETag update wins. Waiting
 * for the budget happens mostly before claiming, and the send is never made on a claim that
 * may have run out (a claim outliving its holder is the one way to send twice). The limiter
 * reservation is the last step before the HTTP call, so sends leave evenly paced. Attempts
 * are counted when claiming, so a job whose sending crashes the process still runs out of
 * attempts. A claim left by a dead process expires after `claimMs` and the job (which stayed
 * on the queue) is taken again — the only case where a card can be sent twice.
 */
import { createHash } from 'node:crypto';

import { type Delivery, type DeliveryJob, RECORD_MARGIN_MS, type RetryPolicy, type SendOutcome, classifyFailure, retryDelayMs } from '../domain/delivery';
import type { ConversationRef, ConversationStore } from '../../conversations';
import type { DeliveredCardStore, DeliveryRepository, JobOutcome, Messenger } from '../ports';
import type { Logger } from '../../kernel/logger';
import type { Versioned } from '../../kernel/versioned';
import type { Clock } from '../../kernel/runtime';
import { DeliveryReader } from './delivery-reader';
import type { DeliveryRateLimiter } from './rate-limiter';
import type { DeliveryRegistry } from './registry';
import { SendTurns } from './send-turns';
import { DeliveryOutcomes } from './delivery-outcomes';

export interface DeliveryWorkerDeps {
  readonly workerId: string;
  readonly deliveries: DeliveryRepository;
  /** What each delivered card shows and its latest update asked for. */
  readonly cards: DeliveredCardStore;
  readonly conversations: ConversationStore;
  readonly messenger: Messenger;
  readonly registry: DeliveryRegistry;
  readonly limiter: DeliveryRateLimiter;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly retry: RetryPolicy;
  /** How long a claim holds; longer than one send (its timeout) plus recording it. */
  readonly claimMs: number;
  /** How long one send may take before it is given up (DELIVERY_SEND_TIMEOUT_MS): kept in hand on the claim. */
  readonly sendTimeoutMs?: number;
  /** A conversation window that blocks longer than this defers the job instead of holding a slot. */
  readonly maxInlineWaitMs?: number;
  /** A retry due within this long is made in hand, on the same claim, rather than through the queue. */
  readonly maxInlineRetryMs?: number;
  /** In [0, 1); injected so tests are deterministic. */
  readonly random?: () => number;
  /** Waits; injected so tests with a fake clock need not sleep. */
  readonly sleep?: (ms: number) => Promise<void>;
}

const done: JobOutcome = { kind: 'done' };
/** Retries due within this long wait in hand (a 429's Retry-After is typically a second or two). */
const DEFAULT_INLINE_RETRY_MS = 5_000;
const later = (delayMs: number): JobOutcome => ({ kind: 'later', delayMs: Math.max(0, Math.ceil(delayMs)) });

/** What a card shows, as a short hash of its JSON: equal cards render equal JSON (same builders, same order). */
const fingerprintOf = (card: object): string => createHash('sha256').update(JSON.stringify(card)).digest('base64url').slice(0, 32);

export class DeliveryWorker {
  private readonly logger: Logger;
  private readonly random: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  private readonly reader: DeliveryReader;
  private readonly turns: SendTurns;
  private readonly outcomes: DeliveryOutcomes;
  /** Claim time kept in hand when sending (see `deliver`). */
  private readonly inHandMs: number;

  constructor(private readonly deps: DeliveryWorkerDeps) {
    this.logger = deps.logger.child({ component: 'delivery-worker', workerId: deps.workerId });
    this.reader = new DeliveryReader({ deliveries: deps.deliveries, conversations: deps.conversations, clock: deps.clock, logger: this.logger });
    this.random = deps.random ?? Math.random;
    this.sleep = deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.outcomes = new DeliveryOutcomes({ deliveries: deps.deliveries, cards: deps.cards, clock: deps.clock, logger: this.logger, sleep: this.sleep });
    this.inHandMs = Math.max(deps.claimMs / 4, (deps.sendTimeoutMs ?? 0) + RECORD_MARGIN_MS);
    this.turns = new SendTurns({ limiter: deps.limiter, now: () => deps.clock.now().getTime(), ...(deps.sleep ? { sleep: deps.sleep } : {}) });
  }

  /** Stopping: retries are no longer made in hand but go back to the queue. */
  stop(): void {
    this.stopping = true;
    this.turns.close(); // sends waiting for their turn go back to the queue
  }

  private stopping = false;

  /** Forgets what the worker's reads keep that has expired (see DeliveryReader.prune). */
  prune(now: number): void {
    this.reader.prune(now);
  }

  async handle(job: DeliveryJob): Promise<JobOutcome> {
    const { deps } = this;
    const startedAt = deps.clock.now().getTime();
    const found = await this.reader.record(job);
    if (!found) {
      this.logger.warn({ job }, 'delivery job without a record; dropped');
      return done;
    }
    const delivery = found.value;
    if ((await this.outcomes.recordIfSent(found)) || delivery.state !== 'queued') return done;

    const now = deps.clock.now();
    if (delivery.claimedUntil && Date.parse(delivery.claimedUntil) > now.getTime()) {
      // Someone is sending it — another process, or this one for a duplicate job (a repeated
      // dispatch, the sweep) — or it waits out a back-off: look again once the claim would
      // have expired. Our own claim counts too, or a duplicate job would claim over it and send twice.
      return later(Date.parse(delivery.claimedUntil) - now.getTime() + 250);
    }
    // Whether a later update replaces this one, before claiming. What the card shows is read
    // again after rendering (`deliver`): it may change meanwhile.
    const target =
      delivery.operation === 'update' && delivery.targetActivityId ? await deps.cards.get(delivery.tenantId, delivery.conversationId, delivery.targetActivityId) : undefined;
    if (target?.latestUpdateId && target.latestUpdateId !== delivery.id) {
      // A later update of the same card was asked for: it renders the state current when it
      // runs, so this one would only spend the conversation's budget on a card about to change.
      await this.outcomes.finish(found, { state: 'failed', lastError: 'skipped: a later update of the same card replaces it' });
      return done;
    }

    const conversation = await this.reader.conversation(delivery.tenantId, delivery.conversationId);
    if (!conversation || !conversation.active) {
      const why = conversation ? 'the app was removed from this conversation' : 'the app is not installed in this conversation (no conversation reference)';
      await this.outcomes.finish(found, { state: 'unreachable', lastError: why });
      return done;
    }
    if (delivery.operation === 'update' && !delivery.targetActivityId) {
      await this.outcomes.finish(found, { state: 'failed', lastError: 'an update needs the activity id of the card to replace' });
      return done;
    }

    // Wait in hand for the budget only briefly: a job whose turn is further off goes back to
    // the queue instead of holding a claim and a slot. Its turn is estimated from the jobs of
    // the tenant already waiting here (each takes one paced slot) and the limiter's own wait.
    const maxWait = Math.min(deps.maxInlineWaitMs ?? 2000, deps.claimMs / 2);
    const checkedAt = deps.clock.now().getTime();
    const conversationWait = deps.limiter.conversationWaitMs(delivery.tenantId, delivery.conversationId, checkedAt);
    if (conversationWait > maxWait) return later(conversationWait);
    const turnIn = this.turns.turnInMs(delivery.tenantId, checkedAt);
    if (turnIn > maxWait) return later(turnIn - maxWait + maxWait * this.random());

    const claimedAt = deps.clock.now();
    const claimed = await deps.deliveries.update(
      { ...delivery, attempts: delivery.attempts + 1, claimedBy: deps.workerId, claimedUntil: new Date(claimedAt.getTime() + deps.claimMs).toISOString(), updatedAt: claimedAt.toISOString() },
      found.etag,
    );
    if (!claimed.ok) return later(deps.claimMs); // someone else changed it first; re-check later
    return this.deliver(claimed.value, conversation, startedAt);
  }

  /** The queue gave up on a job whose handling kept throwing or crashing. */
  async poison(job: DeliveryJob, receivedCount: number): Promise<void> {
    const found = await this.deps.deliveries.get(job.tenantId, job.deliveryId).catch(() => undefined);
    const reason = `gave up after ${receivedCount} receives: handling the job kept failing${found?.value.lastError ? ` (${found.value.lastError})` : ''}`;
    this.logger.error({ job, receivedCount, lastError: found?.value.lastError }, 'poison delivery job');
    // A live claim means a process is sending it right now: leave the outcome to that process.
    const claimedUntil = found?.value.claimedUntil ? Date.parse(found.value.claimedUntil) : 0;
    if (claimedUntil > this.deps.clock.now().getTime()) return;
    if (found && found.value.state === 'queued') await this.outcomes.finish(found, { state: 'failed', lastError: reason });
  }

  /**
   * Sends on our claim and records the outcome. A retry due soon (a 429 with a short
   * Retry-After, a brief 502) is made here, in hand, on the same claim — renewed with the
   * attempt counted first, so attempts stay bounded across crashes — instead of through the
   * queue, where a message would come back no sooner than a whole second later and be read and
   * claimed afresh. Longer back-offs go back to the queue, keeping the claim until they are due.
   */
  private async deliver(claimed: Versioned<Delivery>, conversation: ConversationRef, startedAt: number): Promise<JobOutcome> {
    const { deps } = this;
    let current = claimed;
    for (;;) {
      const delivery = current.value;
      let outcome: SendOutcome;
      let reservedAt: number | undefined;
      let fingerprint: string | undefined;
      let step = 'render the card';
      try {
        const renderer = deps.registry.renderer(delivery.content.kind);
        if (!renderer) throw new Error(`no renderer is registered for content kind "${delivery.content.kind}"`);
        const skipped = await renderer.skip?.(delivery.tenantId, delivery);
        if (skipped) {
          await this.outcomes.finish(current, { state: 'failed', lastError: `skipped: ${skipped}` });
          return done;
        }
        const card = await renderer.render(delivery.tenantId, delivery.content, conversation);
        if (card === undefined) {
          await this.outcomes.finish(current, { state: 'failed', lastError: `the content ${delivery.content.kind} ${delivery.content.ref} no longer exists` });
          return done;
        }
        fingerprint = fingerprintOf(card);
        if (delivery.operation === 'update' && (await this.outcomes.shownOn(delivery)) === fingerprint) {
          await this.outcomes.finish(current, { state: 'failed', lastError: 'skipped: the card already shows this' });
          return done;
        }
        // The connector's token before the turn: fetched inside the send, a slow one (a fan-out's
        // first, or one that expired) would hold the request back after its slot was reserved,
        // and the limiter would count it as arriving sooner than it did.
        step = 'get ready to send';
        const ready = await deps.messenger.ready(conversation);
        if (ready.ok) {
          // Never send on a claim that may pass to someone else before the outcome is recorded:
          // keep in hand the send's timeout and time to record it (at least a quarter of the claim).
          const usableMs = Date.parse(delivery.claimedUntil as string) - this.inHandMs - deps.clock.now().getTime();
          step = 'send';
          reservedAt = usableMs > 0 ? await this.turns.take(delivery.tenantId, delivery.conversationId, deps.clock.now().getTime() + usableMs) : undefined;
          if (reservedAt === undefined) {
            // No turn within the claim (a long wait, or stopping): nothing went out, so the attempt
            // counted when claiming is given back and the job goes back to the queue.
            await this.outcomes.finish(current, { state: 'queued', attempts: delivery.attempts - 1 });
            return later(this.turns.turnInMs(delivery.tenantId, deps.clock.now().getTime()));
          }
          outcome =
            delivery.operation === 'update'
              ? await deps.messenger.update(conversation, delivery.targetActivityId as string, card, delivery.threadId)
              : await deps.messenger.send(conversation, card, delivery.threadId);
        } else {
          // Like a send that failed without reaching Teams: retried, the attempt counted when claiming spent.
          outcome = { ok: false, message: ready.message };
        }
      } catch (error) {
        // Rendering failed (its data store, a bug), or sending threw: retry like a transient failure.
        outcome = { ok: false, message: `could not ${step}: ${error instanceof Error ? error.message : String(error)}` };
      }

      // However Teams answered, the round trip tells the limiter when the request arrived; a 429
      // may also tighten the pace, or pause the tenant if throttling is heavy.
      if (reservedAt !== undefined) {
        const throttled = !outcome.ok && outcome.status === 429 ? { retryAfterMs: (outcome.retryAfterSeconds ?? 1) * 1000 } : undefined;
        deps.limiter.answered(delivery.tenantId, reservedAt, deps.clock.now().getTime(), throttled);
      }
      if (outcome.ok) {
        const sentAt = deps.clock.now().toISOString();
        const sent = { state: 'sent' as const, activityId: outcome.activityId, sentAt, lastError: undefined };
        await (delivery.operation === 'send'
          ? this.outcomes.recordSent(current, { ...sent, fingerprint })
          : Promise.all([this.outcomes.recordSent(current, sent), this.outcomes.remember(delivery, outcome.activityId, fingerprint)]));
        return done;
      }
      const decision = classifyFailure(outcome);
      if (decision === 'unreachable') {
        await this.outcomes.finish(current, { state: 'unreachable', lastError: outcome.message });
        return done;
      }
      if (decision === 'fail') {
        this.logger.warn({ deliveryId: delivery.id, tenantId: delivery.tenantId, error: outcome.message }, 'delivery failed: bad request, not retried');
        await this.outcomes.finish(current, { state: 'failed', lastError: outcome.message });
        return done;
      }
      if (delivery.attempts >= deps.retry.maxAttempts) {
        const reason = `gave up after ${delivery.attempts} attempts: ${outcome.message}`;
        this.logger.error({ deliveryId: delivery.id, tenantId: delivery.tenantId, batchId: delivery.batchId, error: reason }, 'delivery failed: out of attempts');
        await this.outcomes.finish(current, { state: 'failed', lastError: reason });
        return done;
      }
      const delayMs = retryDelayMs(delivery.attempts, deps.retry, this.random(), outcome.retryAfterSeconds);
      this.logger.debug({ deliveryId: delivery.id, attempt: delivery.attempts, delayMs, error: outcome.message }, 'delivery will be retried');
      const now = deps.clock.now().getTime();
      // Not for long, though: the job's queue message stays hidden only for about a claim from
      // when it was received, and a stopping process hands its work back instead.
      const inHand = delayMs <= (deps.maxInlineRetryMs ?? DEFAULT_INLINE_RETRY_MS) && now + delayMs - startedAt < deps.claimMs / 4;
      if (inHand && !this.stopping) {
        // Count the next attempt and renew the claim through the wait, then try again here.
        const renewed = await deps.deliveries.update(
          { ...delivery, attempts: delivery.attempts + 1, lastError: outcome.message, claimedUntil: new Date(now + delayMs + deps.claimMs).toISOString(), updatedAt: new Date(now).toISOString() },
          current.etag,
        );
        if (!renewed.ok) return later(deps.claimMs); // the record changed under us; look again later
        await this.sleep(delayMs);
        current = renewed.value;
        continue;
      }
      // Keep the claim until the retry is due, so a duplicate job cannot jump the back-off.
      await this.outcomes.finish(current, { state: 'queued', lastError: outcome.message, claimedUntil: new Date(now + delayMs).toISOString() });
      return later(delayMs);
    }
  }
}
