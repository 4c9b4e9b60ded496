/**
 * The HTTP server: `/healthz`, the Bot Framework endpoint, the features' route tables under
 * `/api`, route tables an extension adds (the local demo connector), the built tab, and JSON answers for unknown paths
 * and faulty requests. Composition hands it everything it serves.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import compression from 'compression';
import express, { type Request, type Response } from 'express';
import type { HealthResponse } from '../../api-contract/common';
import type { RouteTable } from '../../kernel/http-routes';
import { answerClientErrors } from './client-errors';
import type { Logger } from '../../kernel/logger';
import type { UserDirectory } from '../../people';
import type { Authenticator } from './auth';
import { errorHandler, notFoundHandler } from './errors';
import { rateLimit } from './rate-limit';
import { noSniff, noStore } from './security-headers';
import { callerResolver, routeTableRouter } from './route-tables';
import { serveTab } from './static-tab';
import { ViewCache } from './view-cache';
import type { Principal } from '../../kernel/roles';

/** Everything the server serves, handed over by composition. */
export interface WebServerOptions {
  /** Where to listen; port 0 picks a free one. */
  readonly host: string;
  readonly port: number;
  readonly logger: Logger;
  /** Checks bearer tokens; callers' roles come from `users`. */
  readonly auth: Authenticator;
  readonly users: UserDirectory;
  /** Told of every authenticated caller of the API (who signed in to the tab) before the route runs; must not reject. */
  readonly onCaller?: (caller: Principal) => Promise<void>;
  /** Resolves when storage answers; `/healthz` reports 503 when it throws. */
  readonly pingStorage: () => Promise<void>;
  /** Handles `POST /api/messages` with the parsed JSON activity (bot/platform/teams/endpoint.ts). */
  readonly botEndpoint: { handle(req: Request, res: Response): Promise<void> };
  /** The features' routes, served under `/api`, in this order. */
  readonly api: readonly RouteTable[];
  /** Route tables served outside `/api`, each under its own path (e.g. the local demo connector). */
  readonly extraRoutes?: readonly { readonly path: string; readonly table: RouteTable }[];
  /** The built tab, served from the same origin as the API. */
  readonly tab: { readonly distDir: string; readonly allowLocalFraming: boolean };
}

/**
 * Serialised views kept per instance: a 5,000-item portfolio is about 3 MB of JSON in three pages
 * plus a tenth of that compressed, so this keeps the busy domains of a large tenant.
 */
const VIEW_CACHE_BYTES = 64 * 1024 * 1024;

/** A listening server. */
export interface WebServer {
  /** Where the server answers, e.g. `http://localhost:3978`. */
  readonly url: string;
  readonly port: number;
  /**
   * Stops accepting connections, lets requests in flight finish for up to `drainMs`, then closes
   * the connections still open (their clients get no answer) and resolves. Without `drainMs`
   * nothing waits: the tests' way of ending a server.
   */
  close(drainMs?: number): Promise<void>;
}

/** While draining, keep-alive connections that finished their request are closed this often. */
const IDLE_SWEEP_MS = 100;

/** Builds the express app and listens; resolves once the port is bound. */
export async function startWebServer(o: WebServerOptions): Promise<WebServer> {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', true);
  app.use(noSniff);
  app.use(['/api', '/healthz'], noStore);
  app.get('/healthz', async (_req, res) => {
    try {
      await o.pingStorage();
      res.json({ status: 'ok', storage: 'ok' } satisfies HealthResponse);
    } catch (error) {
      o.logger.warn({ err: error }, 'health check: storage unreachable');
      res.status(503).json({ status: 'degraded', storage: 'unreachable' } satisfies HealthResponse);
    }
  });
  app.post('/api/messages', express.json({ limit: '1mb' }), (req, res, next) => {
    o.botEndpoint.handle(req, res).catch(next);
  });
  // Only the development sign-in does work for callers without a token; 30 at once, then one a second.
  app.post('/api/dev/token', rateLimit({ burst: 60, perSecond: 5, what: 'sign-in requests' }));
  const callers = callerResolver(o.auth, o.users, o.onCaller);
  // JSON answers compressed as the caller accepts (a portfolio of thousands of items is megabytes
  // of repetitive JSON); the Bot Framework endpoint above is left as it is.
  app.use('/api', compression());
  const views = new ViewCache(VIEW_CACHE_BYTES);
  for (const table of o.api) app.use('/api', routeTableRouter(table, callers, views));
  for (const extra of o.extraRoutes ?? []) app.use(extra.path, routeTableRouter(extra.table, callers, views));
  app.use(serveTab(o.tab.distDir, { allowLocalFraming: o.tab.allowLocalFraming }));
  app.use(notFoundHandler);
  app.use(errorHandler(o.logger));

  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(o.port, o.host, () => resolve(s));
    s.once('error', reject);
  });
  answerClientErrors(server);
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${o.host === '0.0.0.0' ? 'localhost' : o.host}:${port}`,
    port,
    async close(drainMs = 0) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
      let deadline: NodeJS.Timeout | undefined;
      const passed = new Promise<'deadline'>((resolve) => (deadline = setTimeout(() => resolve('deadline'), drainMs)));
      try {
        if ((await Promise.race([closed, passed])) === 'deadline') {
          o.logger.warn({ drainMs }, 'closed connections still open at the drain deadline');
          server.closeAllConnections();
          await closed;
        }
      } finally {
        clearInterval(sweep);
        clearTimeout(deadline);
      }
    },
  };
}
