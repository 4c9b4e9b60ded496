/**
 * Composition of durable delivery and timers: queue + tables + Bot Connector messenger +
 * worker + scheduler, for `start-app.ts`. Features plug in through `registry` (renderers per content
 * kind, handlers per scheduled-job kind) and call `delivery` / `scheduler` from their use cases.
 *
 * Lifecycle: `createDeliveryRuntime` opens storage (creating tables and the queue once);
 * nothing runs until `start()`, so start-app.ts registers every feature first; `stop()` stops
 * receiving, lets sends in hand finish, hands unstarted jobs back to the queue and leaves the
 * worker registry.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

import type { Config } from '../config';
import {
  DeliveryRateLimiter,
  type DeliveryRegistry,
  type DeliveryService,
  type DeliveryTables,
  DeliveryWorker,
  type Messenger,
  QueuedSweeper,
  type RetryPolicy,
  type Scheduler,
  SchedulerRunner,
  WorkerPresence,
  createDeliveryRegistry,
  createDeliveryService,
  createDeliveryTables,
  createScheduler,
} from '../delivery';
import type { Logger } from '../kernel/logger';
import type { ConversationStore } from '../conversations';
import type { Clock } from '../kernel/runtime';
import { createBotMessenger } from '../platform/teams/messenger';
import { StorageDeliveryQueue, StorageQueueConsumer, deliveryQueueName, openDeliveryQueue } from '../platform/storage/storage-queue';

export interface DeliveryRuntime {
  readonly delivery: DeliveryService;
  readonly scheduler: Scheduler;
  readonly registry: DeliveryRegistry;
  readonly tables: DeliveryTables;
  /** This process's id in the worker registry and in claims. */
  readonly workerId: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface DeliveryRuntimeDeps {
  readonly config: Config;
  readonly connectionString: string;
  readonly conversations: ConversationStore;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Wraps the Bot Connector messenger (an app extension's, e.g. the demo answering its own conversations). */
  readonly wrapMessenger?: (messenger: Messenger) => Messenger;
}

export async function createDeliveryRuntime(deps: DeliveryRuntimeDeps): Promise<DeliveryRuntime> {
  const { config, clock } = deps;
  const settings = config.delivery;
  const logger = deps.logger.child({ component: 'delivery' });
  const prefix = config.storage.tablePrefix;
  const workerId = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;

  const [tables, queueClient] = await Promise.all([
    createDeliveryTables({ connectionString: deps.connectionString, tablePrefix: prefix, logger }),
    openDeliveryQueue(deps.connectionString, deliveryQueueName(prefix)),
  ]);
  const queue = new StorageDeliveryQueue(queueClient, settings.jobsPerMessage);
  const registry = createDeliveryRegistry();
  const retry: RetryPolicy = { maxAttempts: settings.maxAttempts, baseDelayMs: settings.backoffBaseMs, maxDelayMs: settings.backoffMaxMs };
  const limiter = new DeliveryRateLimiter({ perTenantPerSecond: settings.tenantLimitPerSecond, perConversation: settings.perConversation }, { headroom: settings.rateHeadroom });
  const claimMs = settings.claimSeconds * 1000;

  const wrap = deps.wrapMessenger ?? ((messenger: Messenger) => messenger);
  const worker = new DeliveryWorker({
    workerId,
    deliveries: tables.deliveries,
    cards: tables.cards,
    conversations: deps.conversations,
    messenger: wrap(createBotMessenger({ bot: config.bot, timeoutMs: settings.sendTimeoutMs })),
    registry,
    limiter,
    clock,
    logger,
    retry,
    claimMs,
    sendTimeoutMs: settings.sendTimeoutMs,
  });
  const consumer = new StorageQueueConsumer(queueClient, queue, {
    concurrency: settings.concurrency,
    jobsPerMessage: settings.jobsPerMessage,
    visibilitySeconds: settings.claimSeconds,
    idlePollMs: settings.idlePollMs,
    // Attempts are counted on the record; receives only grow when handling throws or the
    // process dies, so a few more than the attempts means the job itself breaks the worker.
    maxDeliveries: settings.maxAttempts + 2,
    logger,
  });
  const presence = new WorkerPresence({ workerId, registry: tables.workers, clock, logger, intervalMs: settings.heartbeatMs, onShare: (share) => limiter.setShare(share) });
  const runner = new SchedulerRunner({ workerId, store: tables.schedule, registry, clock, logger, pollMs: settings.schedulerPollMs, claimMs, retry });
  const sweeper = new QueuedSweeper({ pending: tables.pending, deliveries: tables.deliveries, queue, clock, logger, intervalMs: settings.sweepMs, staleMs: settings.staleQueuedMs });
  let pruner: NodeJS.Timeout | undefined;
  let started = false;

  return {
    delivery: createDeliveryService({ deliveries: tables.deliveries, queue, clock, logger, pending: tables.pending, cards: tables.cards, updateCoalesceMs: settings.updateCoalesceMs }),
    scheduler: createScheduler(tables.schedule),
    registry,
    tables,
    workerId,
    async start() {
      if (started) return;
      started = true;
      await presence.start();
      consumer.start({ handle: (job) => worker.handle(job), onPoison: (job, count) => worker.poison(job, count) });
      runner.start();
      sweeper.start();
      pruner = setInterval(() => {
        const now = clock.now().getTime();
        limiter.prune(now);
        worker.prune(now);
      }, 60_000);
      pruner.unref();
      logger.info({ workerId, share: limiter.perTenantRate, concurrency: settings.concurrency }, 'delivery worker and scheduler started');
    },
    async stop() {
      if (!started) return;
      started = false;
      if (pruner) clearInterval(pruner);
      worker.stop();
      await Promise.all([consumer.stop(), runner.stop(), sweeper.stop()]);
      await presence.stop();
      logger.info({ workerId }, 'delivery worker and scheduler stopped');
    },
  };
}
