/**
 * Composition of the signals feature (PRODUCT.md §4) for host.ts: its table, its use-case
 * dependencies, its card renderers and timers on the delivery registry, its Teams handlers and
 * its API router.
 */
import type { Router } from 'express';
import type { Config } from './config';
import type { Authenticator } from './adapters/http/auth';
import { randomIds } from './adapters/http/ids';
import { createSignalsRouter } from './adapters/http/signals-router';
import { SignalBotHandlers } from './adapters/botframework/raise-handlers';
import { createTableSignalStores } from './adapters/tables/signal-store';
import type { DeliveryRegistry } from './app/delivery/registry';
import type { SignalDeps, StrategyChangeDrafter } from './app/signals/deps';
import { signalRenderers } from './app/signals/rendering';
import { seedDemoSignalsIfEmpty } from './app/demo-signals';
import { signalJobHandlers } from './app/signals/timers';
import type { DeliveryService, Scheduler } from './ports/delivery';
import type { Logger } from './ports/logger';
import type { Repositories } from './ports/repositories';
import type { Clock } from './ports/runtime';

export interface SignalsFeature {
  readonly deps: SignalDeps;
  readonly bot: SignalBotHandlers;
  router(auth: Authenticator): Router;
}

export interface SignalsFeatureOptions {
  readonly config: Config;
  readonly connectionString: string;
  readonly repos: Repositories;
  readonly delivery: DeliveryService;
  readonly scheduler: Scheduler;
  readonly registry: DeliveryRegistry;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly tabBaseUrl: () => string;
  readonly drafter?: StrategyChangeDrafter;
}

export async function createSignalsFeature(o: SignalsFeatureOptions): Promise<SignalsFeature> {
  const stores = await createTableSignalStores({ connectionString: o.connectionString, tablePrefix: o.config.storage.tablePrefix });
  const s = o.config.signals;
  const deps: SignalDeps = {
    repos: o.repos,
    stores,
    delivery: o.delivery,
    scheduler: o.scheduler,
    clock: o.clock,
    ids: randomIds,
    policy: { triageDays: s.triageDays, analysisDays: s.analysisDays, decisionDays: s.decisionDays, holidays: new Set(s.holidays) },
    logger: o.logger.child({ component: 'signals' }),
    tabBaseUrl: o.tabBaseUrl,
    ...(o.drafter ? { drafter: o.drafter } : {}),
  };
  if (o.config.seedDemo && (await seedDemoSignalsIfEmpty(stores.signals, o.clock.now(), deps.policy))) deps.logger.info('seeded the demo signals');
  for (const renderer of signalRenderers(deps)) o.registry.addRenderer(renderer);
  for (const handler of signalJobHandlers(deps)) o.registry.addJobHandler(handler);
  return { deps, bot: new SignalBotHandlers(deps), router: (auth) => createSignalsRouter({ signals: deps, auth }) };
}
