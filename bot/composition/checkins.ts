/**
 * Composition of the check-ins feature (PRODUCT.md §2, §5) for start-app.ts: its table, its
 * use-case dependencies (which the bot's check-in turns take too), and its card renderer on the
 * delivery registry.
 */
import type { Config } from '../config';
import { type CheckInDeps, type CheckInStore, checkInRenderers, createTableCheckInStore } from '../checkins';
import type { DeliveryRegistry, DeliveryService } from '../delivery';
import type { Repositories } from '../directory';
import { randomIds } from '../kernel/ids';
import type { Logger } from '../kernel/logger';
import type { Clock } from '../kernel/runtime';

export interface CheckInsFeature {
  readonly deps: CheckInDeps;
}

export interface CheckInsFeatureOptions {
  readonly config: Config;
  readonly connectionString: string;
  readonly repos: Repositories;
  readonly delivery: DeliveryService;
  readonly registry: DeliveryRegistry;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly tabBaseUrl: () => string;
  /** Wraps the store before the use cases get it (composition's: activity marks, the rounds' timers). */
  readonly wrapStore?: (store: CheckInStore) => CheckInStore;
}

export async function createCheckInsFeature(o: CheckInsFeatureOptions): Promise<CheckInsFeature> {
  const table = await createTableCheckInStore({ connectionString: o.connectionString, tablePrefix: o.config.storage.tablePrefix });
  const store = o.wrapStore ? o.wrapStore(table) : table;
  const deps: CheckInDeps = {
    repos: o.repos,
    store,
    delivery: o.delivery,
    clock: o.clock,
    ids: randomIds,
    logger: o.logger.child({ component: 'checkins' }),
    tabBaseUrl: o.tabBaseUrl,
  };
  o.registry.addRenderers(checkInRenderers(deps));
  return { deps };
}
