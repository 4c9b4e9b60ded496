/**
 * The tables of durable delivery and timers, opened (and created once) together. Kept apart
 * from `createTableRepositories` so the portfolio repositories do not depend on delivery.
 */
import type { DeliveryRepository, ScheduleStore, WorkerRegistry } from '../../ports/delivery';
import { TableDeliveryRepository } from './delivery-repository';
import { TableScheduleStore } from './schedule-store';
import { ensureTable, openTable } from './table-client';
import { TableWorkerRegistry } from './worker-registry';

export interface DeliveryTables {
  readonly deliveries: DeliveryRepository;
  readonly schedule: ScheduleStore;
  readonly workers: WorkerRegistry;
}

export function deliveryTableNames(prefix: string) {
  return { deliveries: `${prefix}Deliveries`, schedule: `${prefix}Schedule`, workers: `${prefix}Workers` } as const;
}

export async function createDeliveryTables(opts: { readonly connectionString: string; readonly tablePrefix: string }): Promise<DeliveryTables> {
  const names = deliveryTableNames(opts.tablePrefix);
  const deliveries = openTable(opts.connectionString, names.deliveries);
  const schedule = openTable(opts.connectionString, names.schedule);
  const workers = openTable(opts.connectionString, names.workers);
  await Promise.all([deliveries, schedule, workers].map(ensureTable));
  return { deliveries: new TableDeliveryRepository(deliveries), schedule: new TableScheduleStore(schedule), workers: new TableWorkerRegistry(workers) };
}
