/**
 * Composition: config → storage → repositories → use cases → HTTP and bot handlers.
 * `main.ts` calls `startApp` with the validated config; tests call it with their own.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Config } from '../config';
import type { Repositories } from '../directory';
import type { Clock } from '../kernel/runtime';
import { systemClock } from '../kernel/runtime';
import type { Logger } from '../kernel/logger';
import { createLogger } from '../platform/logging';
import { startEmbeddedAzurite } from '../platform/storage/embedded-azurite';
import { createTableRepositories } from '../directory';
import { createBotEndpoint } from '../platform/teams/endpoint';
import { createApiRouter } from '../portfolio/routes';
import { createAuthenticator } from '../platform/web/auth';
import { serveTab } from '../platform/web/static-tab';
import { DEMO_CONNECTOR_PATH, demoConnectorRouter } from '../demo';
import { errorHandler, notFoundHandler } from '../platform/web/errors';
import { seedDemoIfEmpty } from '../demo';
import { bootstrapAdmins } from '../people';
import { createDeliveryRuntime } from './delivery';
import type { DeliveryRegistry } from './delivery';
import type { DeliveryService, Scheduler } from '../delivery';
import { createChangesFeature } from './changes';
import { createSignalsFeature } from './signals';
import { createDraft } from '../changes';

export interface RunningApp {
  readonly url: string;
  readonly port: number;
  readonly repos: Repositories;
  readonly logger: Logger;
  /** Durable, rate-aware card delivery (its worker runs with the app). */
  readonly delivery: DeliveryService;
  /** Durable timers (polled by the app). */
  readonly scheduler: Scheduler;
  /** Renderers and scheduled-job handlers registered by the features (and tests). */
  readonly deliveryRegistry: DeliveryRegistry;
  stop(): Promise<void>;
}

export interface AppOverrides {
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** Registers extra renderers/job handlers before the delivery worker starts (tests, benchmarks). */
  readonly registerDelivery?: (registry: DeliveryRegistry) => void;
}

export async function startApp(config: Config, overrides: AppOverrides = {}): Promise<RunningApp> {
  const logger: Logger = overrides.logger ?? createLogger(config);
  const clock = overrides.clock ?? systemClock;

  const embedded =
    config.storage.kind === 'embeddedAzurite'
      ? await startEmbeddedAzurite({
          location: config.storage.location,
          tablePort: config.storage.tablePort,
          queuePort: config.storage.queuePort,
          logger,
        })
      : undefined;
  const connectionString = embedded?.connectionString ?? (config.storage.kind === 'connectionString' ? config.storage.connectionString : '');
  if (embedded) logger.info({ table: embedded.tableEndpoint, queue: embedded.queueEndpoint }, 'embedded Azurite started');

  try {
    const repos = await createTableRepositories({ connectionString, tablePrefix: config.storage.tablePrefix });
    const bootstrapped = await bootstrapAdmins({ repos, clock }, config.bootstrapAdmins);
    if (bootstrapped > 0) logger.info({ count: bootstrapped }, 'made the BOOTSTRAP_ADMINS tenant admins');
    if (config.seedDemo) {
      const seeded = await seedDemoIfEmpty(repos, clock);
      if (seeded) logger.info({ tenantId: seeded.tenantId }, 'seeded the demo tenant');
    }

    const auth = await createAuthenticator(config.auth, repos, clock, logger);
    // Durable delivery: features register a ContentRenderer per content kind and a
    // ScheduledJobHandler per job kind on `deliveryRuntime.registry` below, and call
    // `deliveryRuntime.delivery.dispatch` / `deliveryRuntime.scheduler.schedule` in their use cases.
    // Local and test runs answer the seeded demo conversations with a connector of their own.
    const localRun = config.env === 'local' || config.env === 'test';
    let selfUrl = `http://127.0.0.1:${config.port}`;
    const deliveryRuntime = await createDeliveryRuntime({
      config, connectionString, conversations: repos.conversations, clock, logger,
      ...(localRun ? { demoConnectorUrl: () => `${selfUrl}${DEMO_CONNECTOR_PATH}/` } : {}),
    });
    const { delivery, scheduler, registry: deliveryRegistry } = deliveryRuntime;
    // Strategy changes register their renderers and reminder job before the worker starts.
    let tabBaseUrl = config.tabDomain ? `https://${config.tabDomain}/` : `http://localhost:${config.port}/`;
    const changes = await createChangesFeature({ config, connectionString, repos, delivery, deliveries: deliveryRuntime.tables.deliveries, scheduler, registry: deliveryRegistry, clock, logger, tabBaseUrl: () => tabBaseUrl });
    // Signals register their card renderers and due-time timers; decisions become drafts through the changes feature.
    const signals = await createSignalsFeature({
      config, connectionString, repos, delivery, scheduler, registry: deliveryRegistry, clock, logger, tabBaseUrl: () => tabBaseUrl,
      drafter: {
        async createDraft(p, fields) {
          const made = await createDraft(changes.deps, p, fields);
          return made.ok ? { ok: true, value: { changeId: made.value.change.id, version: made.value.change.version, title: made.value.change.title } } : made;
        },
      },
    });
    overrides.registerDelivery?.(deliveryRegistry);
    const bot = createBotEndpoint({ bot: config.bot, repos, clock, logger, changes: changes.deps, signals: signals.deps, ...(config.tabDomain ? { tabDomain: config.tabDomain } : {}) });

    const app = express();
    app.disable('x-powered-by');
    app.set('trust proxy', true);
    app.get('/healthz', async (_req, res) => {
      try {
        await repos.ping();
        res.json({ status: 'ok', storage: 'ok' });
      } catch (error) {
        logger.warn({ err: error }, 'health check: storage unreachable');
        res.status(503).json({ status: 'degraded', storage: 'unreachable' });
      }
    });
    app.post('/api/messages', express.json({ limit: '1mb' }), (req, res, next) => {
      bot.handle(req, res).catch(next);
    });
    app.use('/api', changes.router(auth));
    app.use('/api', signals.router(auth));
    if (localRun) app.use(DEMO_CONNECTOR_PATH, demoConnectorRouter(logger));
    app.use('/api', createApiRouter({ repos, clock, logger, auth }));
    app.use(serveTab(config.tabDist, { allowLocalFraming: localRun }));
    app.use(notFoundHandler);
    app.use(errorHandler(logger));

    const server: Server = await new Promise((resolve, reject) => {
      const s = app.listen(config.port, config.host, () => resolve(s));
      s.once('error', reject);
    });
    const port = (server.address() as AddressInfo).port;
    const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
    logger.info({ url }, 'PMO Relay is listening');
    if (!config.tabDomain) tabBaseUrl = `${url}/`;
    selfUrl = url;
    // Every feature has registered by now, so jobs left on the queue find their renderer.
    await deliveryRuntime.start();

    return {
      url,
      port,
      repos,
      logger,
      delivery,
      scheduler,
      deliveryRegistry,
      async stop() {
        await deliveryRuntime.stop();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}
