/**
 * Durable, rate-aware delivery of cards and durable timers, shared by every feature that sends.
 * This file is the feature's one door: what other features, platform adapters and composition may use.
 */

export { createDeliveryService, deliveryIdFor } from './app/delivery-service';
export { DeliveryWorker } from './app/delivery-worker';
export { QueuedSweeper } from './app/queued-sweeper';
export { DeliveryRateLimiter } from './app/rate-limiter';
export { createDeliveryRegistry, type DeliveryRegistry } from './app/registry';
export { createScheduler, SchedulerRunner } from './app/scheduler';
export { WorkerPresence } from './app/worker-presence';
export { type Delivery, type DeliveryJob, type DeliveryProgress, type DeliveryState, progressOf, RECORD_MARGIN_MS, type RetryPolicy, type SendOutcome, TEAMS_RATE_LIMITS } from './domain/delivery';
export type { ContentRenderer, ContentRenderers, DeliveryQueue, DeliveryQueueConsumer, DeliveryRepository, DeliveryRequest, DeliveryService, JobHandlers, JobOutcome, Messenger, ScheduledJob, Scheduler } from './ports';
export { createDeliveryTables, type DeliveryTables } from './tables/delivery-tables';
