/**
 * The tables of durable delivery and timers, opened (and created once) together. Kept apart
 * from `createTableRepositories` so the portfolio repositories do not depend on delivery.
 */
import type { DeliveredCardStore, DeliveryRepository, PendingBatchStore, ScheduleStore, WorkerRegistry } from '../ports';
import type { Logger } from '../../kernel/logger';
import { DELIVERED_CARD_KEYS_V2, TableDeliveredCardStore } from './delivered-cards';
import { DELIVERY_KEYS_V3 } from './delivery-key-migration';
import { TableDeliveryRepository } from './delivery-repository';
import { TablePendingBatchStore } from './pending-batches';
import { TableScheduleStore } from './schedule-store';
import { ensureTable, openTable } from '../../platform/storage/table-client';
import { TableWorkerRegistry } from './worker-registry';
import { migrateKeys } from './key-migration';

export interface DeliveryTables {
  readonly deliveries: DeliveryRepository;
  readonly schedule: ScheduleStore;
  readonly workers: WorkerRegistry;
  /** Batches that may still hold queued records (the sweep's index). */
  readonly pending: PendingBatchStore;
  /** Cards delivered, for updating them only when what they show changes. */
  readonly cards: DeliveredCardStore;
}

export function deliveryTableNames(prefix: string) {
  return { deliveries: `${prefix}Deliveries`, schedule: `${prefix}Schedule`, workers: `${prefix}Workers`, pending: `${prefix}PendingBatches`, cards: `${prefix}DeliveredCards` } as const;
}

export async function createDeliveryTables(opts: { readonly connectionString: string; readonly tablePrefix: string; readonly logger?: Logger }): Promise<DeliveryTables> {
  const names = deliveryTableNames(opts.tablePrefix);
  const deliveries = openTable(opts.connectionString, names.deliveries);
  const schedule = openTable(opts.connectionString, names.schedule);
  const workers = openTable(opts.connectionString, names.workers);
  const pending = openTable(opts.connectionString, names.pending);
  const cards = openTable(opts.connectionString, names.cards);
  await Promise.all([deliveries, schedule, workers, pending, cards].map(ensureTable));
  await Promise.all([migrateKeys(deliveries, DELIVERY_KEYS_V3, opts.logger), migrateKeys(cards, DELIVERED_CARD_KEYS_V2, opts.logger)]);
  return {
    deliveries: new TableDeliveryRepository(deliveries),
    schedule: new TableScheduleStore(schedule, opts.logger),
    workers: new TableWorkerRegistry(workers),
    pending: new TablePendingBatchStore(pending, opts.logger),
    cards: new TableDeliveredCardStore(cards),
  };
}
