/**
 * The local demo as an extension of the app: with SEED_DEMO it writes the demo tenant, its
 * strategy changes and its signals on a fresh start; in local and test runs it answers the demo
 * conversations through the app's own demo connector, so publishing completes like it would in
 * Teams and nothing leaves the machine.
 */
import type { Config } from '../config';
import type { AppExtension } from '../composition/extensions';
import { seedDemoChangesIfEmpty } from './demo-changes';
import { DEMO_CONNECTOR_PATH, demoConnectorRoutes } from './demo-connector';
import { routeDemoConversations } from './demo-conversations';
import { seedDemoSignalsIfEmpty } from './demo-signals';
import { seedDemoIfEmpty } from './seed';

/** The demo's extensions for `config`: none in a deployed environment. */
export function demoExtensions(config: Config): AppExtension[] {
  if (config.env !== 'local' && config.env !== 'test') return [];
  return [
    {
      async seed({ repos, changes, signals, deliveries, clock, logger }) {
        if (!config.seedDemo) return;
        const seeded = await seedDemoIfEmpty(repos, clock);
        if (seeded) logger.info({ tenantId: seeded.tenantId }, 'seeded the demo tenant');
        // The demo's change deliveries are written as already sent; nothing is dispatched.
        if (await seedDemoChangesIfEmpty({ ...changes.deps, deliveries }, clock.now())) logger.info('seeded the demo strategy changes');
        if (await seedDemoSignalsIfEmpty(signals.deps.stores.signals, clock.now(), signals.deps.policy)) logger.info('seeded the demo signals');
      },
      wrapMessenger: (messenger, selfUrl) => routeDemoConversations(messenger, () => `${selfUrl()}${DEMO_CONNECTOR_PATH}/`),
      routes: (logger) => [{ path: DEMO_CONNECTOR_PATH, table: demoConnectorRoutes(logger) }],
    },
  ];
}
