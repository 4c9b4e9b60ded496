/**
 * Composition: config → storage → repositories → use cases → the web server (route tables, bot
 * endpoint, tab). Only wiring: HTTP itself lives in bot/platform/web.
 * `main.ts` calls `startApp` with the validated config; tests call it with their own.
 */
import type { HttpRoute } from '../kernel/http-routes';
import type { Config } from '../config';
import { createDraft } from '../changes';
import { changeRoutes } from '../changes/routes';
import type { DeliveryRegistry, DeliveryService, Scheduler } from '../delivery';
import { type Repositories, createTableRepositories } from '../directory';
import { randomIds } from '../kernel/ids';
import type { Logger } from '../kernel/logger';
import { type Clock, systemClock } from '../kernel/runtime';
import { type TenantDirectory, bootstrapAdmins, createRoleChangeLog, createSavedViewStore } from '../people';
import { peopleRoutes } from '../people/routes';
import { createLogger } from '../platform/logging';
import { createAuthenticator } from '../platform/web/auth';
import { devSignInRoutes } from '../platform/web/dev-sign-in-routes';
import { startWebServer } from '../platform/web/web-server';
import { portfolioRoutes } from '../portfolio/routes';
import { signalRoutes } from '../signals/routes';
import { checkInRoutes } from '../checkins';
import { activityMarks, markingCheckInStore } from './activity-marks';
import { createBotEndpoint } from './bot-endpoint';
import { createChangesFeature } from './changes';
import { createNotificationsFeature } from './notifications';
import { notificationRoutes } from '../notifications';
import { createDeliveryRuntime } from './delivery';
import type { AppExtension } from './extensions';
import { portfolioActivity } from './portfolio-activity';
import { createSignalsFeature } from './signals';
import { createCheckInsFeature } from './checkins';
import { createCadenceFeature, withRoundTimers } from './check-in-cadence';
import { createPersonalChatOpener } from '../platform/teams/personal-chat';
import { createTabVisitStore, setupRoutes, tabVisits } from '../setup';
import { createGraphDirectory } from '../platform/graph/graph-directory';
import { configureStorageGuard } from '../platform/storage/storage-guard';
import { describeStorageAccount } from '../platform/storage/storage-account';
import { storageUnavailableIn } from '../kernel/storage-unavailable';

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
  /** Every route served under `/api` (method, full path, public or caller), as the route tables declare them. */
  readonly apiRoutes: readonly ServedRoute[];
  stop(): Promise<void>;
}

export interface ServedRoute {
  readonly method: HttpRoute['method'];
  readonly path: string;
  readonly access: HttpRoute['access'];
}

export interface AppOverrides {
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** Registers extra renderers/job handlers before the delivery worker starts (tests, benchmarks). */
  readonly registerDelivery?: (registry: DeliveryRegistry) => void;
  /** What the caller adds to the product (the local demo: its seed, its connector). */
  readonly extensions?: readonly AppExtension[];
  /** Extra trusted certificate authorities (PEM) for Graph: tests' local stand-ins of Entra and Graph. */
  readonly graphCa?: string;
}

/**
 * The tenant's directory for finding people by name, when Graph is configured and allowed to read
 * it. The search answers from PMO Relay's own records when Graph fails; the log says why.
 */
function peopleDirectory(config: Config, graphCa: string | undefined, logger: Logger): { directory?: TenantDirectory } {
  const graph = config.graph;
  if (!graph?.peopleSearch) return {};
  const directory = createGraphDirectory({ ...graph, timeoutMs: config.delivery.sendTimeoutMs, ...(graphCa ? { ca: graphCa } : {}) });
  return {
    directory: {
      async search(tenantId, text, limit) {
        try {
          return await directory.search(tenantId, text, limit);
        } catch (err) {
          logger.warn({ err, tenantId }, 'people search: the tenant directory (Graph) could not be read');
          throw err;
        }
      },
    },
  };
}

export async function startApp(config: Config, overrides: AppOverrides = {}): Promise<RunningApp> {
  const logger: Logger = overrides.logger ?? createLogger(config);
  const clock = overrides.clock ?? systemClock;

  // Loaded only for the embedded mode: Azurite is a development dependency, absent when deployed.
  // It runs in a process of its own that outlives a crash of this one (azurite-process.ts).
  const embedded =
    config.storage.kind === 'embeddedAzurite'
      ? await (await import('../platform/storage/azurite-process.js')).startAzuriteProcess({
          location: config.storage.location,
          tablePort: config.storage.tablePort,
          queuePort: config.storage.queuePort,
          logger,
        })
      : undefined;
  const connectionString = embedded?.connectionString ?? (config.storage.kind === 'connectionString' ? config.storage.connectionString : '');
  if (embedded) logger.info({ table: embedded.tableEndpoint, queue: embedded.queueEndpoint }, 'embedded Azurite started');
  configureStorageGuard(connectionString, config.storageGuard);

  try {
    const repos = await createTableRepositories({ connectionString, tablePrefix: config.storage.tablePrefix, logger });
    const savedViews = await createSavedViewStore({ connectionString, tablePrefix: config.storage.tablePrefix });
    // Who signed in to the tab, for the setup check's "people who use PMO Relay without a role".
    const visitStore = await createTabVisitStore({ connectionString, tablePrefix: config.storage.tablePrefix });
    const visits = tabVisits({ store: visitStore, clock, logger });
    const roleChanges = await createRoleChangeLog({ connectionString, tablePrefix: config.storage.tablePrefix });
    const bootstrapped = await bootstrapAdmins({ repos, clock, roleChanges, ids: randomIds }, config.bootstrapAdmins);
    if (bootstrapped > 0) logger.info({ count: bootstrapped }, 'made the BOOTSTRAP_ADMINS tenant admins');

    const auth = await createAuthenticator(config.auth, repos, clock, logger);
    // Durable delivery: features register a ContentRenderer per content kind and a
    // ScheduledJobHandler per job kind on `deliveryRuntime.registry` below, and call
    // `deliveryRuntime.delivery.dispatch` / `deliveryRuntime.scheduler.schedule` in their use cases.
    const extensions = overrides.extensions ?? [];
    let selfUrl = `http://127.0.0.1:${config.port}`;
    const deliveryRuntime = await createDeliveryRuntime({
      config, connectionString, conversations: repos.conversations, clock, logger,
      wrapMessenger: (messenger) => extensions.reduce((m, e) => e.wrapMessenger?.(m, () => selfUrl) ?? m, messenger),
    });
    const { delivery, scheduler, registry: deliveryRegistry } = deliveryRuntime;
    // Strategy changes register their renderers and reminder job before the worker starts.
    let tabBaseUrl = config.tabDomain ? `https://${config.tabDomain}/` : `http://localhost:${config.port}/`;
    // Every signal and change write marks the portfolio activity it changes (activity-marks.ts).
    const marks = activityMarks(repos, logger.child({ component: 'portfolio-activity' }));
    // Activity-feed notifications: Graph when configured, else the local log; sent by a durable timer.
    const notifications = await createNotificationsFeature({ config, connectionString, scheduler, registry: deliveryRegistry, clock, logger, ...(overrides.graphCa ? { graphCa: overrides.graphCa } : {}) });
    const { notifier } = notifications;
    const changes = await createChangesFeature({ config, connectionString, repos, delivery, scheduler, registry: deliveryRegistry, clock, logger, marks, notifier, tabBaseUrl: () => tabBaseUrl });
    // Signals register their card renderers and due-time timers; decisions become drafts through the changes feature.
    const signals = await createSignalsFeature({
      config, connectionString, repos, delivery, scheduler, registry: deliveryRegistry, clock, logger, marks, notifier, tabBaseUrl: () => tabBaseUrl,
      personalChats: createPersonalChatOpener({ bot: config.bot, timeoutMs: config.delivery.sendTimeoutMs }),
      drafter: {
        async createDraft(p, fields) {
          const made = await createDraft(changes.deps, p, fields);
          return made.ok ? { ok: true, value: { changeId: made.value.change.id, version: made.value.change.version, title: made.value.change.title } } : made;
        },
      },
    });
    // Check-ins register their card renderer; answers reach the portfolio through its own write.
    // Every check-in write marks its domain's activity, and every new round sets its reminder and digest timers.
    const checkIns = await createCheckInsFeature({
      config, connectionString, repos, delivery, registry: deliveryRegistry, clock, logger, tabBaseUrl: () => tabBaseUrl,
      wrapStore: (store) => withRoundTimers(markingCheckInStore(store, marks), { repos, scheduler }),
    });
    // The weekly cadence: its timers, each round's reminder and PMO digest, and the cadence route.
    const cadence = createCadenceFeature({ checkIns: checkIns.deps, delivery, scheduler, registry: deliveryRegistry, logger });
    const context = { config, repos, changes, signals, deliveries: deliveryRuntime.tables.deliveries, clock, logger };
    for (const extension of extensions) await extension.seed?.(context);
    // Every domain (the seed's too) has its cadence timer; one already scheduled, even overdue, stays.
    await cadence.timers.ensureAll();
    overrides.registerDelivery?.(deliveryRegistry);
    const bot = createBotEndpoint({ bot: config.bot, replyTimeoutMs: config.delivery.sendTimeoutMs, repos, clock, logger, changes: changes.deps, signals: signals.deps, checkIns: checkIns.deps, ...(config.tabDomain ? { tabDomain: config.tabDomain } : {}) });

    const api = [
      changeRoutes(changes.deps),
      signalRoutes(signals.deps),
      checkInRoutes(checkIns.deps),
      cadence.routes,
      notificationRoutes(notifications.store),
      devSignInRoutes(auth, repos),
      setupRoutes({ repos, visits: visitStore }),
      peopleRoutes({ repos, clock, ids: randomIds, savedViews, authMode: auth.mode, roleChanges, teamsUsers: repos.teamsUsers, ...peopleDirectory(config, overrides.graphCa, logger) }),
      portfolioRoutes({ repos, people: repos.users, clock, ids: randomIds, onDomainChanged: (tenantId, domainId) => cadence.timers.changed(tenantId, domainId), activity: portfolioActivity({ signals: signals.deps, changes: changes.deps, portfolio: repos, checkIns: checkIns.deps.store, ids: randomIds }) }),
    ];
    const web = await startWebServer({
      host: config.host,
      port: config.port,
      logger,
      auth,
      users: repos.users,
      onCaller: (caller) => visits.seen(caller),
      pingStorage: () => repos.ping(),
      botEndpoint: bot,
      api,
      extraRoutes: extensions.flatMap((e) => e.routes?.(logger) ?? []),
      tab: { distDir: config.tabDist, allowLocalFraming: config.env === 'local' || config.env === 'test' },
    });
    const { url, port } = web;
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
      apiRoutes: api.flatMap((table) => table.routes.map(({ method, path, access }) => ({ method, path: `/api${path}`, access }))),
      async stop() {
        // Stop taking requests first; the worker and the scheduler stop while requests drain, and
        // storage stops last, once nothing can write to it any more.
        await Promise.all([web.close(config.shutdownDrainMs), deliveryRuntime.stop()]);
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw storageUnavailableIn(error) ? unreachableAtStart(connectionString, error) : error;
  }
}

/** Storage did not answer at start: say what was tried (never the key) and what to check. */
function unreachableAtStart(connectionString: string, error: unknown): Error {
  const cause = storageUnavailableIn(error)?.cause;
  const why = cause instanceof Error ? ` (${cause.message})` : '';
  return new Error(
    `PMO Relay could not reach its storage: ${describeStorageAccount(connectionString)} did not answer${why}. ` +
      'Check that the storage account is running and reachable from this machine, and that AZURE_STORAGE_CONNECTION_STRING names it ' +
      '(leave it unset for local use: the app then runs its own Azurite).',
    { cause: error },
  );
}
