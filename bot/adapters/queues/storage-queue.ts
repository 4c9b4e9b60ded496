/**
 * The durable delivery queue on Azure Storage Queues (Azurite's queue service locally).
 *
 * One message per delivery job, its text base64(JSON `{ tenantId, deliveryId }`) — base64 as
 * the other Azure SDKs and Functions expect, so tooling can read it. Messages never expire
 * (TTL -1): a fan-out survives any outage. Receiving makes a message invisible for
 * `visibilitySeconds`; the consumer deletes it when the handler is done, re-enqueues it with a
 * delay when the handler says "later" (a fresh message, so its receive count only counts
 * crashes and throws, which is what poison detection needs), and leaves it when the handler
 * throws or the process dies — it then reappears by itself.
 */
import { QueueServiceClient } from '@azure/storage-queue';
import type { DequeuedMessageItem, QueueClient } from '@azure/storage-queue';

import type { DeliveryJob } from '../../domain/delivery';
import type { Logger } from '../../ports/logger';
import type { DeliveryQueue, DeliveryQueueConsumer, JobOutcome } from '../../ports/delivery';

/** Storage Queues' own limit on one receive. */
const MAX_RECEIVE = 32;
/** Parallel sends when enqueueing a large fan-out. */
const ENQUEUE_PARALLELISM = 32;
/** Storage Queues' longest visibility delay is 7 days. */
const MAX_DELAY_SECONDS = 7 * 24 * 3600;

/** Queue names: lowercase letters, digits and single hyphens, 3–63 characters. */
export function deliveryQueueName(tablePrefix: string): string {
  return `${tablePrefix.toLowerCase()}-delivery`;
}

/** Opens the queue and creates it once when missing (several processes may race; that is fine). */
export async function openDeliveryQueue(connectionString: string, queueName: string): Promise<QueueClient> {
  const client = QueueServiceClient.fromConnectionString(connectionString).getQueueClient(queueName);
  await client.createIfNotExists();
  return client;
}

export function encodeJob(job: DeliveryJob): string {
  return Buffer.from(JSON.stringify({ tenantId: job.tenantId, deliveryId: job.deliveryId }), 'utf8').toString('base64');
}

/** Undefined when the text is not a job we wrote (it is then logged and dropped). */
export function decodeJob(text: string): DeliveryJob | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64').toString('utf8'));
    if (typeof value !== 'object' || value === null) return undefined;
    const { tenantId, deliveryId } = value as Record<string, unknown>;
    if (typeof tenantId !== 'string' || typeof deliveryId !== 'string' || !tenantId || !deliveryId) return undefined;
    return { tenantId, deliveryId };
  } catch {
    return undefined;
  }
}

const delaySeconds = (delayMs: number | undefined): number => Math.min(MAX_DELAY_SECONDS, Math.max(0, Math.ceil((delayMs ?? 0) / 1000)));

export class StorageDeliveryQueue implements DeliveryQueue {
  constructor(private readonly client: QueueClient) {}

  async enqueue(jobs: readonly DeliveryJob[], options: { readonly delayMs?: number } = {}): Promise<void> {
    const visibilityTimeout = delaySeconds(options.delayMs);
    let next = 0;
    const lane = async () => {
      while (next < jobs.length) {
        const job = jobs[next++] as DeliveryJob;
        await this.client.sendMessage(encodeJob(job), { messageTimeToLive: -1, ...(visibilityTimeout > 0 ? { visibilityTimeout } : {}) });
      }
    };
    await Promise.all(Array.from({ length: Math.min(ENQUEUE_PARALLELISM, jobs.length) }, lane));
  }
}

export interface ConsumerOptions {
  /** Jobs handled at once by this process. */
  readonly concurrency: number;
  /** How long a received job stays invisible to other processes; longer than one send. */
  readonly visibilitySeconds: number;
  /** Wait before polling again when the queue was empty. */
  readonly idlePollMs: number;
  /** A job received more often than this (its handler kept throwing or crashing) is poison. */
  readonly maxDeliveries: number;
  readonly logger: Logger;
}

export class StorageQueueConsumer implements DeliveryQueueConsumer {
  private stopping = false;
  private loop: Promise<void> | undefined;
  private readonly abort = new AbortController();
  private readonly inFlight = new Set<Promise<void>>();
  private wake: (() => void) | undefined;

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
      // Receive only what we can start now: a message received but left waiting would use up
      // its visibility timeout and reappear for another process while still in hand here.
      const room = Math.min(MAX_RECEIVE, this.opts.concurrency - this.inFlight.size);
      if (room <= 0) {
        await Promise.race(this.inFlight);
        continue;
      }
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
    const job = decodeJob(message.messageText);
    try {
      if (!job) {
        logger.error({ messageId: message.messageId }, 'delivery queue: dropped a message that is not a delivery job');
        await this.delete(message);
        return;
      }
      if (message.dequeueCount > this.opts.maxDeliveries) {
        await handlers.onPoison(job, message.dequeueCount);
        await this.delete(message);
        return;
      }
      const outcome: JobOutcome = await handlers.handle(job, message.dequeueCount);
      if (outcome.kind === 'later') await this.queue.enqueue([job], { delayMs: outcome.delayMs });
      await this.delete(message);
    } catch (err) {
      // Left on the queue: it reappears after its visibility timeout (at-least-once).
      logger.warn({ err, job, dequeueCount: message.dequeueCount }, 'delivery queue: handler failed; the job will be retried');
    }
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
