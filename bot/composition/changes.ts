/**
 * Composition of the strategy-changes feature (PRODUCT.md §3) for start-app.ts: its tables, its
 * use-case dependencies, and its renderers and reminder job on the delivery registry.
 */
import type { Config } from '../config';
import { type ChangeDeps, type ChangeStores, changeJobHandlers, changeRenderers, createChangeTables } from '../changes';
import { randomIds } from '../kernel/ids';
import type { DeliveryRegistry, DeliveryService, Scheduler } from '../delivery';
import type { Logger } from '../kernel/logger';
import type { Repositories } from '../directory';
import type { Clock } from '../kernel/runtime';
import type { Notifier } from '../notifications';
import { type ActivityMarks, markingChangeStores } from './activity-marks';

export interface ChangesFeature {
  readonly deps: ChangeDeps;
  readonly stores: ChangeStores;
}

export interface ChangesFeatureOptions {
  readonly config: Config;
  readonly connectionString: string;
  readonly repos: Repositories;
  readonly delivery: DeliveryService;
  readonly scheduler: Scheduler;
  readonly registry: DeliveryRegistry;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Marks the portfolio's activity out of date after each write that changes it. */
  readonly marks: ActivityMarks;
  /** Base URL of the tab, known once the server listens. */
  readonly tabBaseUrl: () => string;
  readonly notifier?: Notifier;
}

export async function createChangesFeature(o: ChangesFeatureOptions): Promise<ChangesFeature> {
  const stores = markingChangeStores(await createChangeTables({ connectionString: o.connectionString, tablePrefix: o.config.storage.tablePrefix }), o.marks);
  const deps: ChangeDeps = {
    repos: o.repos,
    stores,
    delivery: o.delivery,
    scheduler: o.scheduler,
    clock: o.clock,
    ids: randomIds,
    logger: o.logger.child({ component: 'changes' }),
    tabBaseUrl: o.tabBaseUrl,
    reminderLeadHours: o.config.changes.reminderLeadHours,
    ...(o.notifier ? { notifier: o.notifier } : {}),
  };
  o.registry.addRenderers(changeRenderers(deps));
  o.registry.addJobHandlers(changeJobHandlers(deps));
  return { deps, stores };
}
