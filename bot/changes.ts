/**
 * Composition of the strategy-changes feature (PRODUCT.md §3) for host.ts: its tables, its
 * use-case dependencies, its renderers and reminder job on the delivery registry, and its API
 * router.
 */
import type { Router } from 'express';
import type { Config } from './config';
import { createChangeTables } from './adapters/tables/change-tables';
import { seedDemoChangesIfEmpty } from './app/changes/demo-changes';
import { createChangesRouter } from './adapters/http/changes-router';
import type { Authenticator } from './adapters/http/auth';
import { randomIds } from './adapters/http/ids';
import type { ChangeDeps } from './app/changes/context';
import { changeReminderJob, changeReminderRenderer, changeRenderer } from './app/changes/rendering';
import type { DeliveryRegistry } from './app/delivery/registry';
import type { ChangeStores } from './ports/changes';
import type { DeliveryRepository, DeliveryService, Scheduler } from './ports/delivery';
import type { Logger } from './ports/logger';
import type { Repositories } from './ports/repositories';
import type { Clock } from './ports/runtime';

export interface ChangesFeature {
  readonly deps: ChangeDeps;
  readonly stores: ChangeStores;
  router(auth: Authenticator): Router;
}

export interface ChangesFeatureOptions {
  readonly config: Config;
  readonly connectionString: string;
  readonly repos: Repositories;
  readonly delivery: DeliveryService;
  /** The delivery runtime's records: the demo seed writes its changes' deliveries as already sent. */
  readonly deliveries: DeliveryRepository;
  readonly scheduler: Scheduler;
  readonly registry: DeliveryRegistry;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Base URL of the tab, known once the server listens. */
  readonly tabBaseUrl: () => string;
}

export async function createChangesFeature(o: ChangesFeatureOptions): Promise<ChangesFeature> {
  const stores = await createChangeTables({ connectionString: o.connectionString, tablePrefix: o.config.storage.tablePrefix });
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
  };
  if (o.config.seedDemo) {
    // The delivery records of the demo are written as already sent; nothing is dispatched.
    if (await seedDemoChangesIfEmpty({ ...deps, deliveries: o.deliveries }, o.clock.now())) deps.logger?.info('seeded the demo strategy changes');
  }
  o.registry.addRenderer(changeRenderer(deps));
  o.registry.addRenderer(changeReminderRenderer(deps));
  o.registry.addJobHandler(changeReminderJob(deps));
  return { deps, stores, router: (auth) => createChangesRouter({ ...deps, auth }) };
}
