/**
 * The JSON API for the tab (`/api`). Thin: authenticate, parse, call a use case, map the
 * result. Shapes are in bot/http/contract.ts.
 */
import express, { type Request, Router } from 'express';
import { ROLE_LABELS } from '../kernel/roles';
import * as portfolio from './app/portfolio';
import { importWorkItems } from './app/import-work-items';
import { assignRoles, getPerson, listPeople } from '../people';
import { domainInputSchema, entraIdSchema, objectiveInputSchema, personInputSchema, objectivePatchSchema, workItemInputSchema, workItemPatchSchema } from './app/inputs';
import type { DevUser, MeResponse } from '../api-contract/portfolio';
import type { Repositories } from '../directory';
import type { Clock, IdSource } from '../kernel/runtime';
import type { Logger } from '../kernel/logger';
import type { Authenticator } from '../platform/web/auth';
import { authenticated, badRequest, parseBody, reply, requireIfMatch } from '../platform/web/route-kit';
import { randomIds } from '../kernel/ids';

export interface ApiDeps {
  readonly repos: Repositories;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly auth: Authenticator;
  readonly ids?: IdSource;
}

export function createApiRouter(deps: ApiDeps): Router {
  const { repos, clock, auth } = deps;
  const ids = deps.ids ?? randomIds;
  const pf: portfolio.PortfolioDeps = { repos, clock, ids };
  const router = Router();
  router.use(express.json({ limit: '256kb' }));

  // Development identities: only when the server runs in development auth mode.
  if (auth.issueDevToken) {
    const issue = auth.issueDevToken;
    router.get('/dev/users', async (_req, res, next) => {
      try {
        const tenants = await repos.tenants.list();
        const users: DevUser[] = [];
        for (const t of tenants) {
          for (const u of await repos.users.list(t.tenantId)) {
            users.push({ tenantId: t.tenantId, tenantName: t.displayName, userId: u.userId, displayName: u.displayName, roles: u.roles });
          }
        }
        res.json(users);
      } catch (error) {
        next(error);
      }
    });
    router.post('/dev/token', async (req, res, next) => {
      try {
        const body = (req.body ?? {}) as { tenantId?: unknown; userId?: unknown };
        if (typeof body.tenantId !== 'string' || typeof body.userId !== 'string') {
          badRequest(res, 'Send { "tenantId": "…", "userId": "…" }.');
          return;
        }
        reply(res, await issue(body.tenantId, body.userId));
      } catch (error) {
        next(error);
      }
    });
  }

  const authed = authenticated(auth, repos.users);

  const param = (req: Request, name: string): string => String(req.params[name] ?? '');

  router.get(
    '/me',
    authed(async (_req, res, p) => {
      const me: MeResponse = { tenantId: p.tenantId, userId: p.userId, displayName: p.displayName, roles: p.roles, authMode: auth.mode };
      res.json({ ...me, roleLabels: [...new Set(p.roles.map((r) => ROLE_LABELS[r.role]))] });
    }),
  );

  // People and roles: the tenant admin assigns them (PRODUCT.md §1).
  router.get('/people', authed(async (_req, res, p) => reply(res, await listPeople({ repos, clock }, p))));
  router.get('/people/:userId', authed(async (req, res, p) => reply(res, await getPerson({ repos, clock }, p, param(req, 'userId')))));
  router.put(
    '/people/:userId',
    authed(async (req, res, p) => {
      const userId = parseBody(entraIdSchema, param(req, 'userId'), res, 'The user id in the path');
      const body = userId && parseBody(personInputSchema, req.body, res);
      if (userId && body) reply(res, await assignRoles({ repos, clock }, p, userId, body));
    }),
  );

  router.get('/domains', authed(async (_req, res, p) => void res.json(await portfolio.listDomains(pf, p))));
  router.post(
    '/domains',
    authed(async (req, res, p) => {
      const body = parseBody(domainInputSchema, req.body, res);
      if (body) reply(res, await portfolio.createDomain(pf, p, body), 201);
    }),
  );
  router.get('/domains/:domainId/portfolio', authed(async (req, res, p) => reply(res, await portfolio.getPortfolio(pf, p, param(req, 'domainId')))));
  router.post(
    '/domains/:domainId/work-items/import',
    express.text({ type: ['text/csv', 'text/plain', 'application/csv'], limit: '2mb' }),
    authed(async (req, res, p) => {
      if (typeof req.body !== 'string') {
        badRequest(res, 'Send the CSV file as the request body with Content-Type: text/csv.');
        return;
      }
      reply(res, await importWorkItems(pf, p, param(req, 'domainId'), req.body), 201);
    }),
  );

  router.get(
    '/objectives',
    authed(async (_req, res, p) => void res.json((await portfolio.listObjectives(pf, p)).map((o) => ({ ...o.value, etag: o.etag })))),
  );
  router.post(
    '/objectives',
    authed(async (req, res, p) => {
      const body = parseBody(objectiveInputSchema, req.body, res);
      if (!body) return;
      const made = await portfolio.createObjective(pf, p, body);
      reply(res, made.ok ? { ok: true, value: { ...made.value.value, etag: made.value.etag } } : made, 201);
    }),
  );
  router.patch(
    '/objectives/:id',
    authed(async (req, res, p) => {
      const body = parseBody(objectivePatchSchema, req.body, res);
      const etag = body && requireIfMatch(req, res, 'item');
      if (!body || !etag) return;
      const saved = await portfolio.updateObjective(pf, p, param(req, 'id'), body, etag);
      reply(res, saved.ok ? { ok: true, value: { ...saved.value.value, etag: saved.value.etag } } : saved);
    }),
  );

  router.get(
    '/work-items',
    authed(async (req, res, p) => {
      const domainId = typeof req.query['domainId'] === 'string' ? req.query['domainId'] : undefined;
      reply(res, await portfolio.listWorkItems(pf, p, domainId));
    }),
  );
  router.get('/work-items/:id', authed(async (req, res, p) => reply(res, await portfolio.getWorkItem(pf, p, param(req, 'id')))));
  router.post(
    '/work-items',
    authed(async (req, res, p) => {
      const body = parseBody(workItemInputSchema, req.body, res);
      if (body) reply(res, await portfolio.createWorkItemAction(pf, p, body), 201);
    }),
  );
  router.patch(
    '/work-items/:id',
    authed(async (req, res, p) => {
      const body = parseBody(workItemPatchSchema, req.body, res);
      const etag = body && requireIfMatch(req, res, 'item');
      if (body && etag) reply(res, await portfolio.updateWorkItemAction(pf, p, param(req, 'id'), body, etag));
    }),
  );

  return router;
}
