/**
 * `DeliveryService`: what use cases call to deliver cards. It records every request as
 * `queued` FIRST and only then puts its job on the queue, so a crash or a failed enqueue in
 * between leaves a record — never a job without a record — that a repeated dispatch, or else
 * the periodic sweep of pending batches (queued-sweeper.ts), enqueues again.
 *
 * Updates of a delivered card are coalesced: each names itself the card's latest update (in the
 * delivered-cards store) and its job waits `updateCoalesceMs` on the queue, so a burst of
 * changes leaves one update that is sent — the last, rendering the state current when it runs —
 * and the worker drops the earlier ones (delivery-worker.ts). Teams counts every update against
 * the conversation's limits (7 per second, 60 per 30 s), so an update nobody needs is not free.
 */
import { createHash } from 'node:crypto';

import { type Delivery, type DeliveryJob, progressOf } from '../domain/delivery';
import type { DeliveredCardStore, DeliveryQueue, DeliveryRepository, DeliveryRequest, DeliveryService, PendingBatchStore } from '../ports';
import type { Logger } from '../../kernel/logger';
import type { Clock } from '../../kernel/runtime';

export interface DeliveryServiceDeps {
  readonly deliveries: DeliveryRepository;
  readonly queue: DeliveryQueue;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Where dispatch marks batches that may hold queued records, for the sweep (queued-sweeper.ts). */
  readonly pending?: PendingBatchStore;
  /** Where each update is named its card's latest, so the worker sends only that one. */
  readonly cards: DeliveredCardStore;
  /** How long an update's job waits on the queue, so later changes to the card replace it. */
  readonly updateCoalesceMs: number;
}

/**
 * The id of a delivery: its batch, `/`, and a hash of everything that makes the request what
 * it is. Deterministic, so the same request in the same batch always gets the same id and a
 * repeated dispatch finds it instead of creating a second delivery. The storage adapter relies
 * on the batch being recoverable from the id (text before the last `/`; the hash has none).
 */
export function deliveryIdFor(batchId: string, request: DeliveryRequest): string {
  const identity = JSON.stringify([
    request.conversationId,
    request.operation,
    request.targetActivityId ?? '',
    request.content.kind,
    request.content.ref,
    request.content.variant ?? '',
    // Only when present: the ids of requests made before threads existed must not change.
    ...(request.threadId ? [request.threadId] : []),
  ]);
  return `${batchId}/${createHash('sha256').update(identity).digest('hex').slice(0, 24)}`;
}

/** Records are written, and their jobs enqueued, this many at a time. */
const DISPATCH_CHUNK = 1000;
/** A large update fan-out (a withdrawn change) names its cards' latest updates this many at a time. */
const CARD_WRITES_AT_ONCE = 20;

/**
 * Writes the fresh records and enqueues their jobs a chunk at a time — each chunk's jobs only
 * once its records exist — so a large fan-out starts sending after its first chunk rather than
 * after all of it is written. Enqueueing a chunk overlaps writing the next (at most one enqueue
 * waits behind). Every record is written even when an enqueue fails, because the sweep can only
 * re-enqueue records that exist; the first failure is thrown once everything has finished.
 */
async function recordAndEnqueue(deps: DeliveryServiceDeps, fresh: readonly Delivery[], requeue: readonly Delivery[]): Promise<void> {
  let failure: { readonly error: unknown } | undefined;
  let enqueueing: Promise<void> = Promise.resolve();
  const enqueue = async (ds: readonly Delivery[]) => {
    await enqueueing; // one enqueue in flight: a huge fan-out does not open dozens at once
    if (ds.length === 0 || failure) return;
    enqueueing = enqueueJobs(deps, ds).catch((error: unknown) => void (failure ??= { error }));
  };
  await enqueue(requeue);
  try {
    for (let i = 0; i < fresh.length; i += DISPATCH_CHUNK) {
      const chunk = fresh.slice(i, i + DISPATCH_CHUNK);
      await deps.deliveries.createMany(chunk);
      await enqueue(chunk);
    }
  } finally {
    await enqueueing;
  }
  if (failure) throw failure.error;
}

/**
 * Sends go on the queue at once. Updates first become their card's latest (their records exist
 * by now, so the worker can always find the one named) and then wait the coalescing delay.
 */
async function enqueueJobs(deps: DeliveryServiceDeps, ds: readonly Delivery[]): Promise<void> {
  const jobsOf = (list: readonly Delivery[]): DeliveryJob[] => list.map((d) => ({ tenantId: d.tenantId, deliveryId: d.id }));
  const sends = ds.filter((d) => d.operation === 'send');
  const updates = ds.filter((d) => d.operation === 'update');
  if (sends.length > 0) await deps.queue.enqueue(jobsOf(sends));
  if (updates.length === 0) return;
  for (let i = 0; i < updates.length; i += CARD_WRITES_AT_ONCE) {
    await Promise.all(updates.slice(i, i + CARD_WRITES_AT_ONCE).map((u) => deps.cards.requested(u.tenantId, u.conversationId, u.targetActivityId as string, u.id)));
  }
  await deps.queue.enqueue(jobsOf(updates), { delayMs: deps.updateCoalesceMs });
}

export function createDeliveryService(deps: DeliveryServiceDeps): DeliveryService {
  const logger = deps.logger.child({ component: 'delivery' });

  return {
    async dispatch(tenantId, batchId, requests) {
      if (!tenantId || !batchId) throw new Error('dispatch needs a tenant id and a batch id');
      const now = deps.clock.now().toISOString();
      const wanted = new Map<string, Delivery>();
      for (const request of requests) {
        if (request.operation === 'update' && !request.targetActivityId) {
          throw new Error(`An update delivery to ${request.conversationId} needs the targetActivityId of the card to replace`);
        }
        const id = deliveryIdFor(batchId, request);
        if (wanted.has(id)) continue;
        wanted.set(id, {
          tenantId,
          id,
          batchId,
          conversationId: request.conversationId,
          operation: request.operation,
          ...(request.targetActivityId ? { targetActivityId: request.targetActivityId } : {}),
          ...(request.threadId ? { threadId: request.threadId } : {}),
          ...(request.operation === 'update' && request.sentBy ? { sentBy: request.sentBy } : {}),
          content: { kind: request.content.kind, ref: request.content.ref, ...(request.content.variant !== undefined ? { variant: request.content.variant } : {}) },
          state: 'queued',
          attempts: 0,
          createdAt: now,
          updatedAt: now,
        });
      }
      if (wanted.size === 0) return [];

      // Marked before the records are written: should the enqueue below fail (or the process
      // die), the sweep finds the batch and enqueues its records again.
      await deps.pending?.mark(tenantId, batchId, deps.clock.now());
      const existing = new Map((await deps.deliveries.listByBatch(tenantId, batchId)).map((d) => [d.id, d]));
      const fresh = [...wanted.values()].filter((d) => !existing.has(d.id));
      // Existing records still queued are enqueued again: their first dispatch may have died
      // between recording and enqueueing. A duplicate job is harmless — the worker skips
      // anything not `queued` and claims before sending.
      const stillQueued = [...wanted.keys()].map((id) => existing.get(id)).filter((d): d is Delivery => d?.state === 'queued');
      await recordAndEnqueue(deps, fresh, stillQueued);
      logger.info({ tenantId, batchId, requested: requests.length, created: fresh.length, requeued: stillQueued.length }, 'dispatched a batch');
      return [...wanted.keys()].map((id) => existing.get(id) ?? (wanted.get(id) as Delivery));
    },

    listBatch(tenantId, batchId) {
      return deps.deliveries.listByBatch(tenantId, batchId);
    },

    async progress(tenantId, batchId) {
      return progressOf(await deps.deliveries.listByBatch(tenantId, batchId));
    },
  };
}
