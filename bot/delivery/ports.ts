/**
 * Ports of the durable, rate-aware delivery shared by strategy changes and signals.
 * Use cases call `DeliveryService`; the queue, the records and Teams sit behind the others.
 */
import type { ConversationRef } from '../conversations';
import type { Delivery, DeliveryJob, DeliveryProgress, DeliveryOperation, MessageContent, SendOutcome } from './domain/delivery';
import type { Result } from '../kernel/result';
import type { Versioned } from '../kernel/versioned';

/** One message to deliver, as a use case asks for it; `C` is the content union of the feature asking. */
export interface DeliveryRequest<C extends MessageContent = MessageContent> {
  readonly conversationId: string;
  readonly operation: DeliveryOperation;
  /** Required for `update`. */
  readonly targetActivityId?: string;
  /**
   * The root message id of the channel thread to post into (a reply that belongs to a thread);
   * absent for a new post in the conversation. `conversationId` stays the channel.
   */
  readonly threadId?: string;
  /**
   * For `update`: the id of the delivery that sent the card (from `listBatch`), when known. Then
   * an update that would not change what the card shows is not sent, from the first update on.
   */
  readonly sentBy?: string;
  readonly content: C;
}

/**
 * What use cases call. `dispatch` records every request as `queued` and puts one job per
 * request on the durable queue; it returns once both are written (the sending happens later,
 * in the background, within Teams' rate limits). Calling it again with the same `batchId` and
 * the same request (same conversation, operation, target and content) does not deliver twice.
 */
export interface DeliveryService<C extends MessageContent = MessageContent> {
  dispatch(tenantId: string, batchId: string, requests: readonly DeliveryRequest<C>[]): Promise<Delivery[]>;
  /** Every delivery of a batch with its current state and activity id. */
  listBatch(tenantId: string, batchId: string): Promise<Delivery[]>;
  progress(tenantId: string, batchId: string): Promise<DeliveryProgress>;
}

/** Delivery records, per tenant and batch. */
export interface DeliveryRepository {
  /** Creates records that do not exist yet; existing ids are left as they are. */
  createMany(deliveries: readonly Delivery[]): Promise<void>;
  get(tenantId: string, id: string): Promise<Versioned<Delivery> | undefined>;
  update(delivery: Delivery, etag: string): Promise<Result<Versioned<Delivery>>>;
  listByBatch(tenantId: string, batchId: string): Promise<Delivery[]>;
  /** The batch's records still `queued`, with their etags (one range query; the worker's read-ahead for large batches). */
  listQueuedInBatch(tenantId: string, batchId: string): Promise<Versioned<Delivery>[]>;
}

/**
 * The small index of delivery batches that may still hold `queued` records, so a periodic
 * sweep finds records whose queue job was lost (an enqueue that failed after the records were
 * written) without scanning every delivery of every tenant. Dispatch marks a batch before it
 * writes its records; the sweep removes the mark once the batch has nothing queued.
 */
export interface PendingBatchStore {
  /** Marks (or marks again) a batch; changes its etag, so a sweep about to remove it keeps it. */
  mark(tenantId: string, batchId: string, at: Date): Promise<void>;
  /** Every marked batch, across tenants (the table holds only unsettled batches: small). */
  list(): Promise<Versioned<PendingBatch>[]>;
  /** ETag-guarded write (the sweep's claim on a batch); false when someone changed it first. */
  update(batch: PendingBatch, etag: string): Promise<boolean>;
  /** Removes the mark unless it changed since `etag`. */
  removeIfUnchanged(tenantId: string, batchId: string, etag: string): Promise<void>;
}

/** A batch marked as possibly holding `queued` records. */
export interface PendingBatch {
  readonly tenantId: string;
  readonly batchId: string;
  /** When a dispatch last marked it. */
  readonly since: string;
  /** When a sweep last re-enqueued its stuck records. */
  readonly sweptAt?: string;
}

/** The durable queue of delivery jobs (Azure Storage Queues; Azurite locally). */
export interface DeliveryQueue {
  enqueue(jobs: readonly DeliveryJob[], options?: { readonly delayMs?: number }): Promise<void>;
}

/**
 * Sends and updates cards in Teams conversations (the Bot Connector). `threadId`, when given,
 * is the root message id of the channel thread the message is (or goes) in.
 */
export interface Messenger {
  /**
   * Gets what a send to the conversation needs before it goes (the Bot Connector's access
   * token), so a slow fetch of it is not waited for between the send's reserved slot and its
   * request. Failing, it says why; nothing was sent.
   */
  ready(conversation: ConversationRef): Promise<ReadyOutcome>;
  send(conversation: ConversationRef, card: object, threadId?: string): Promise<SendOutcome>;
  update(conversation: ConversationRef, activityId: string, card: object, threadId?: string): Promise<SendOutcome>;
}

export type ReadyOutcome = { readonly ok: true } | { readonly ok: false; readonly message: string };

/**
 * What is known about each card delivered into a conversation (by its activity id), so an
 * update is sent only when it changes what the card shows, and a burst of updates to one card
 * sends one. Writes touch only their own field (merge), so several processes may write the
 * same card's row at once without losing each other's writes.
 */
export interface DeliveredCardStore {
  get(tenantId: string, conversationId: string, activityId: string): Promise<DeliveredCard | undefined>;
  /** Records `deliveryId` as the latest update asked for the card: earlier ones still queued are not sent. */
  requested(tenantId: string, conversationId: string, activityId: string, deliveryId: string): Promise<void>;
  /** Records the fingerprint of what the card shows now (after an update went through; a send keeps it on its record). */
  shown(tenantId: string, conversationId: string, activityId: string, fingerprint: string): Promise<void>;
}

export interface DeliveredCard {
  /** The delivery id of the latest update asked for. */
  readonly latestUpdateId?: string;
  /** Hash of the card JSON Teams shows there, as last sent by delivery. */
  readonly fingerprint?: string;
}

/**
 * Turns a content reference into the Adaptive Card to send, reading current state. Returns
 * undefined when the content no longer exists (the delivery is then marked failed, not retried).
 */
export interface ContentRenderer<C extends MessageContent = MessageContent> {
  render(tenantId: string, content: C, conversation: ConversationRef): Promise<object | undefined>;
  /**
   * Asked after claiming, before rendering: a reason when the delivery is no longer wanted
   * (e.g. a `send` of a version closed before it went out). It is then recorded `failed` with
   * `lastError: "skipped: <reason>"` and not sent.
   */
  skip?(tenantId: string, delivery: Pick<Delivery, 'operation' | 'batchId'> & { readonly content: C }): Promise<string | undefined>;
}

/**
 * A feature's renderers: one for every kind of its content union, so a kind without a renderer
 * does not compile. Each renderer gets content of its own kind (the record's stored `kind`).
 */
export type ContentRenderers<C extends MessageContent> = { readonly [K in C['kind']]: ContentRenderer<Extract<C, { readonly kind: K }>> };

/** A renderer that names its kind, registered on its own: tests and benchmarks render kinds of their own. */
export interface KindRenderer extends ContentRenderer {
  readonly kind: string;
}

/**
 * Durable timers (reminders, due-time checks): a job of a `kind` runs once at or after `dueAt`,
 * surviving restarts; scheduling the same `id` again replaces the earlier one. `J` is the job
 * union of the feature scheduling.
 */
export interface Scheduler<J extends ScheduledJob = ScheduledJob> {
  schedule(job: J): Promise<void>;
  /**
   * Schedules the job unless one of the same id is scheduled already (which then stays as it is,
   * even if overdue): a timer ensured at every start does not push back one that came due while
   * no process ran. True when it scheduled.
   */
  scheduleIfAbsent(job: J): Promise<boolean>;
  cancel(tenantId: string, id: string): Promise<void>;
}

/** A scheduled job as stored; features narrow `kind` and `payload` to their own jobs. */
export interface ScheduledJob {
  readonly tenantId: string;
  /** Stable id, e.g. `reminder:chg-1:v2`. */
  readonly id: string;
  readonly kind: string;
  readonly dueAt: string;
  readonly payload: Readonly<Record<string, string>>;
}

/**
 * Runs scheduled jobs of one kind. It gets the job as stored (a job written by an older
 * version may lack a field), so it checks the payload. Throwing makes the scheduler retry later.
 */
export interface ScheduledJobHandler {
  run(job: ScheduledJob): Promise<void>;
}

/** A feature's job handlers: one for every kind of its job union, so a kind without a handler does not compile. */
export type JobHandlers<J extends ScheduledJob> = { readonly [K in J['kind']]: ScheduledJobHandler };

/** A job handler that names its kind, registered on its own (tests run kinds of their own). */
export interface KindJobHandler extends ScheduledJobHandler {
  readonly kind: string;
}

/** What a queue handler tells the consumer to do with the job it was given. */
export type JobOutcome =
  /** Finished (sent, recorded as failed or unreachable, or nothing left to do): remove it. */
  | { readonly kind: 'done' }
  /** Try again later: the job reappears after `delayMs`. */
  | { readonly kind: 'later'; readonly delayMs: number };

/** The receiving side of the delivery queue: a loop that hands each job to `handle`. */
export interface DeliveryQueueConsumer {
  /**
   * Starts receiving. A handler that throws leaves the job on the queue; it reappears when its
   * visibility timeout ends. A job received more than `maxDeliveries` times goes to `onPoison`
   * and is removed.
   */
  start(handlers: {
    handle(job: DeliveryJob, receivedCount: number): Promise<JobOutcome>;
    onPoison(job: DeliveryJob, receivedCount: number): Promise<void>;
  }): void;
  /** Stops receiving, waits for jobs in hand, releases the ones not started. */
  stop(): Promise<void>;
}

/** A scheduled job as stored, with its claim and retry state. */
export interface StoredScheduledJob extends ScheduledJob {
  readonly attempts: number;
  readonly lastError?: string;
  readonly claimedBy?: string;
  readonly claimedUntil?: string;
}

/** Durable timers' storage (the `Schedule` table). */
export interface ScheduleStore {
  /** Adds or replaces (same tenant and id) a job, clearing any claim or retry state. */
  put(job: ScheduledJob): Promise<void>;
  remove(tenantId: string, id: string): Promise<void>;
  /** Removes the job only if it is unchanged since `etag` (a job re-scheduled meanwhile stays). */
  removeIfUnchanged(tenantId: string, id: string, etag: string): Promise<void>;
  /** Jobs due at `now` whose claim (if any) has expired, across tenants, at most `limit`. */
  listDue(now: Date, limit: number): Promise<Versioned<StoredScheduledJob>[]>;
  get(tenantId: string, id: string): Promise<Versioned<StoredScheduledJob> | undefined>;
  /** ETag-guarded write; `CONFLICT.STALE` when someone else changed it first. */
  update(job: StoredScheduledJob, etag: string): Promise<Result<Versioned<StoredScheduledJob>>>;
}

/**
 * Live worker processes sharing one storage account, so the per-tenant budget can be split
 * between them (see app/rate-limiter.ts).
 */
export interface WorkerRegistry {
  /** Records that `workerId` is alive now. */
  heartbeat(workerId: string, now: Date): Promise<void>;
  /** Ids of workers seen since `since`. */
  liveWorkers(since: Date): Promise<string[]>;
  /** Removes the worker at a clean stop, so its share returns to the others at once. */
  leave(workerId: string): Promise<void>;
}
