/**
 * The durable delivery queue on Azure Storage Queues (Azurite's queue service locally).
 *
 * One job per recipient; jobs travel in messages of up to `jobsPerMessage` (default 32), text
 * base64(JSON `{ jobs: [{ tenantId, deliveryId, failures? }] }`) — base64 as the other Azure
 * SDKs and Functions expect. Packing is for throughput and cost: every queue operation is a
 * billed transaction on Azure, and Azurite's queue slows down with its length (measured: ~3 ms
 * per operation at 200 messages, 11–16 ms at 1,000), so one message per recipient made a
 * 10,000-recipient fan-out queue-bound far below Teams' 50/s. The record stays the truth per
 * recipient: a message handled twice only re-checks records already `sent`.
 *
 * Messages never expire (TTL -1): a fan-out survives any outage. Receiving makes a message
 * invisible for `visibilitySeconds`. The consumer runs its jobs (at most `concurrency` at once
 * across messages), re-enqueues jobs whose handler said "later" as fresh messages with that
 * delay, re-enqueues jobs whose handler threw with `failures + 1`, then deletes the message. A
 * process that dies leaves the message, which reappears by itself; a job whose failures plus
 * receives pass `maxDeliveries` is poison.
 */
import { type DequeuedMessageItem, type QueueClient, QueueServiceClient } from '@azure/storage-queue';

import type { DeliveryJob, DeliveryQueue, DeliveryQueueConsumer, JobOutcome } from '../../delivery';
import type { Logger } from '../../kernel/logger';
import { StorageUnavailable } from '../../kernel/storage-unavailable';

/** Storage Queues' own limit on one receive. */
const MAX_RECEIVE = 32;
/** Parallel sends when enqueueing a large fan-out (beyond ~8, Azurite gets slower, not faster). */
const ENQUEUE_PARALLELISM = 8;
/** Jobs per queue message; a message of 32 jobs is ~3 KB, far below the 64 KB limit. */
export const DEFAULT_JOBS_PER_MESSAGE = 32;

/** A job as it travels: `failures` counts handler throws, for poison detection. */
export interface QueuedJob extends DeliveryJob {
  readonly failures?: number;
}
/** Storage Queues' longest visibility delay is 7 days. */
const MAX_DELAY_SECONDS = 7 * 24 * 3600;

/** Queue names: lowercase letters, digits and single hyphens, 3–63 characters. */
export function deliveryQueueName(tablePrefix: string): string {
  return `${tablePrefix.toLowerCase()}-delivery`;
}

/**
 * Each try is bounded and retried a little: a refused connection fails within a second, a silent
 * queue within about fifteen, instead of the SDK's default of tries without a time limit. Looser
 * than table calls (table-client.ts): a large fan-out enqueues hundreds of messages at once.
 */
const RETRIES = { maxTries: 3, tryTimeoutInMs: 5000, retryDelayInMs: 200, maxRetryDelayInMs: 1000 };

/** Opens the queue and creates it once when missing (several processes may race; that is fine). */
export async function openDeliveryQueue(connectionString: string, queueName: string): Promise<QueueClient> {
  const client = QueueServiceClient.fromConnectionString(connectionString, { retryOptions: RETRIES }).getQueueClient(queueName);
  await client.createIfNotExists();
  return client;
}

export function encodeJobs(jobs: readonly QueuedJob[]): string {
  const plain = jobs.map((j) => ({ tenantId: j.tenantId, deliveryId: j.deliveryId, ...(j.failures ? { failures: j.failures } : {}) }));
  return Buffer.from(JSON.stringify({ jobs: plain }), 'utf8').toString('base64');
}

function asJob(value: unknown): QueuedJob | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { tenantId, deliveryId, failures } = value as Record<string, unknown>;
  if (typeof tenantId !== 'string' || typeof deliveryId !== 'string' || !tenantId || !deliveryId) return undefined;
  return { tenantId, deliveryId, ...(typeof failures === 'number' && failures > 0 ? { failures } : {}) };
}

/** Undefined when the text is not a message we wrote (it is then logged and dropped). */
export function decodeJobs(text: string): QueuedJob[] | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64').toString('utf8'));
    if (typeof value !== 'object' || value === null) return undefined;
    const list = (value as { jobs?: unknown }).jobs;
    const jobs = Array.isArray(list) ? list.map(asJob) : [asJob(value)];
    return jobs.length > 0 && jobs.every((j): j is QueuedJob => j !== undefined) ? jobs : undefined;
  } catch {
    return undefined;
  }
}

const delaySeconds = (delayMs: number | undefined): number => Math.min(MAX_DELAY_SECONDS, Math.max(0, Math.ceil((delayMs ?? 0) / 1000)));

export class StorageDeliveryQueue implements DeliveryQueue {
  constructor(
    private readonly client: QueueClient,
    private readonly jobsPerMessage = DEFAULT_JOBS_PER_MESSAGE,
  ) {}

  async enqueue(jobs: readonly QueuedJob[], options: { readonly delayMs?: number } = {}): Promise<void> {
    const visibilityTimeout = delaySeconds(options.delayMs);
    const messages: string[] = [];
    for (let i = 0; i < jobs.length; i += this.jobsPerMessage) messages.push(encodeJobs(jobs.slice(i, i + this.jobsPerMessage)));
    let next = 0;
    const lane = async () => {
      while (next < messages.length) {
        const text = messages[next++] as string;
        try {
          await this.client.sendMessage(text, { messageTimeToLive: -1, ...(visibilityTimeout > 0 ? { visibilityTimeout } : {}) });
        } catch (err) {
          // No HTTP answer: the queue service is unreachable, which callers answer as a 503.
          if (typeof (err as { statusCode?: unknown }).statusCode === 'number') throw err;
          throw new StorageUnavailable(5, { cause: err });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(ENQUEUE_PARALLELISM, messages.length) }, lane));
  }
}

export interface ConsumerOptions {
  /** Jobs handled at once by this process (across messages). */
  readonly concurrency: number;
  /** Jobs per message when full; receives are sized by it so processes share the work. */
  readonly jobsPerMessage: number;
  /** How long a received job stays invisible to other processes; longer than one send. */
  readonly visibilitySeconds: number;
  /** Wait before polling again when the queue was empty. */
  readonly idlePollMs: number;
  /** A job whose handler threw or crashed more often than this is poison. */
  readonly maxDeliveries: number;
  readonly logger: Logger;
}

export class StorageQueueConsumer implements DeliveryQueueConsumer {
  private stopping = false;
  private loop: Promise<void> | undefined;
  private readonly abort = new AbortController();
  private readonly inFlight = new Set<Promise<void>>();
  private wake: (() => void) | undefined;
  /** Jobs running now, and callers waiting for a free slot. */
  private running = 0;
  private readonly slotWaiters: (() => void)[] = [];
  /** Jobs received but not started yet. */
  private pending = 0;

  constructor(
    private readonly client: QueueClient,
    private readonly queue: DeliveryQueue,
    private readonly opts: ConsumerOptions,
  ) {}

  start(handlers: Parameters<DeliveryQueueConsumer['start']>[0]): void {
    if (this.loop) throw new Error('The delivery queue consumer is already running');
    this.loop = this.run(handlers);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.abort.abort();
    this.wake?.();
    await this.loop;
    await Promise.allSettled([...this.inFlight]);
  }

  private async run(handlers: Parameters<DeliveryQueueConsumer['start']>[0]): Promise<void> {
    const { logger } = this.opts;
    while (!this.stopping) {
      // Receive only when every job in hand has started and a slot is free: a message left
      // waiting would use up its visibility timeout and reappear while still in hand here.
      if (this.pending > 0 || this.running >= this.opts.concurrency) {
        await this.slotFreed();
        continue;
      }
      // As many messages as there are free slots for full ones (at least one): taking more
      // would starve other processes of work this one cannot start yet.
      const room = Math.max(1, Math.min(MAX_RECEIVE, Math.floor((this.opts.concurrency - this.running) / this.opts.jobsPerMessage)));
      let messages: DequeuedMessageItem[];
      try {
        const res = await this.client.receiveMessages({ numberOfMessages: room, visibilityTimeout: this.opts.visibilitySeconds, abortSignal: this.abort.signal });
        messages = res.receivedMessageItems;
      } catch (err) {
        if (this.stopping) break;
        logger.warn({ err }, 'delivery queue: receive failed; retrying');
        await this.sleep(this.opts.idlePollMs);
        continue;
      }
      if (messages.length === 0) {
        // Idle: wait, but wake early when a job in hand finishes (it may have enqueued more).
        await this.sleep(this.opts.idlePollMs);
        continue;
      }
      for (const message of messages) {
        if (this.stopping) {
          await this.release(message);
          continue;
        }
        const task = this.process(message, handlers).finally(() => this.inFlight.delete(task));
        this.inFlight.add(task);
      }
    }
  }

  private async process(message: DequeuedMessageItem, handlers: Parameters<DeliveryQueueConsumer['start']>[0]): Promise<void> {
    const { logger } = this.opts;
    const jobs = decodeJobs(message.messageText);
    if (!jobs) {
      logger.error({ messageId: message.messageId }, 'delivery queue: dropped a message that is not a list of delivery jobs');
      await this.delete(message).catch(() => undefined);
      return;
    }
    this.pending += jobs.length;
    const laterByDelay = new Map<number, QueuedJob[]>();
    const failed: QueuedJob[] = [];
    let abandoned = false;
    await Promise.all(
      jobs.map(async (job) => {
        await this.slot();
        this.pending -= 1;
        try {
          if (this.stopping) {
            abandoned = true;
            return;
          }
          // Receives beyond the first mean a process died holding this message.
          const failures = (job.failures ?? 0) + message.dequeueCount - 1;
          const { failures: _f, ...plain } = job;
          if (failures >= this.opts.maxDeliveries) {
            await handlers.onPoison(plain, failures + 1);
            return;
          }
          const outcome: JobOutcome = await handlers.handle(plain, failures + 1);
          if (outcome.kind === 'later') {
            const seconds = delaySeconds(outcome.delayMs);
            laterByDelay.set(seconds, [...(laterByDelay.get(seconds) ?? []), plain]);
          }
        } catch (err) {
          logger.warn({ err, job, dequeueCount: message.dequeueCount }, 'delivery queue: handler failed; the job will be retried');
          failed.push({ ...job, failures: (job.failures ?? 0) + 1 });
        } finally {
          this.release1();
        }
      }),
    );
    try {
      if (abandoned) {
        // Stopping: hand the whole message back now; jobs already done are skipped by their records.
        await this.release(message);
        return;
      }
      for (const [seconds, group] of laterByDelay) await this.queue.enqueue(group, { delayMs: seconds * 1000 });
      if (failed.length > 0) await this.queue.enqueue(failed, { delayMs: this.opts.visibilitySeconds * 1000 });
      await this.delete(message);
    } catch (err) {
      // Left on the queue: it reappears after its visibility timeout (at-least-once).
      logger.warn({ err, messageId: message.messageId }, 'delivery queue: could not settle a message; it will reappear');
    }
  }

  /** Waits for a free job slot. */
  private async slot(): Promise<void> {
    while (this.running >= this.opts.concurrency) await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
    this.running += 1;
  }

  private release1(): void {
    this.running -= 1;
    this.slotWaiters.shift()?.();
    this.wake?.();
  }

  /** Resolves when a job finishes (or soon, so the loop re-checks). */
  private slotFreed(): Promise<void> {
    return this.sleep(Math.min(50, this.opts.idlePollMs));
  }

  private async delete(message: DequeuedMessageItem): Promise<void> {
    try {
      await this.client.deleteMessage(message.messageId, message.popReceipt);
    } catch (err) {
      // 404: it reappeared and another process took it meanwhile; its record says what happened.
      if ((err as { statusCode?: number }).statusCode !== 404) throw err;
    }
  }

  /** Makes a message visible again at once, so a stopping process hands it over without delay. */
  private async release(message: DequeuedMessageItem): Promise<void> {
    try {
      await this.client.updateMessage(message.messageId, message.popReceipt, message.messageText, 0);
    } catch {
      // It reappears after its visibility timeout anyway.
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
