/**
 * Strategy-change routes of the JSON API (shapes and the route table in
 * bot/http/contract-changes.ts). Thin: authenticate, parse with zod, call a use case, map the
 * result. Mounted under `/api` by host.ts.
 */
import express, { type NextFunction, type Request, type Response, Router } from 'express';
import type { z } from 'zod';
import { resolvePrincipal } from '../../app/identity';
import { issuesToDetails } from '../../app/schemas';
import type { ChangeDeps } from '../../app/changes/context';
import { createDraft, dryRun, dryRunFields, publish, supersede, updateDraft, withdraw } from '../../app/changes/manage';
import { cascadeStatus, getChange, listChanges } from '../../app/changes/queries';
import { changeDraftSchema, changePatchSchema, dryRunSchema, withdrawSchema } from '../../app/changes/schemas';
import { type Result, invalid } from '../../domain/result';
import type { Principal } from '../../domain/roles';
import { CHANGE_STATES } from '../../domain/strategy-change';
import type { Authenticator } from './auth';
import { sendError } from './errors';

type Handler = (req: Request, res: Response, principal: Principal) => Promise<void>;

function parseBody<S extends z.ZodType>(schema: S, body: unknown, res: Response): z.infer<S> | undefined {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const bad = invalid('The request body is not valid.', issuesToDetails(parsed.error));
  if (!bad.ok) sendError(res, bad.error);
  return undefined;
}

function reply<T>(res: Response, result: Result<T>, status = 200): void {
  if (result.ok) res.status(status).json(result.value);
  else sendError(res, result.error);
}

function ifMatch(req: Request, res: Response): string | undefined {
  const etag = req.get('If-Match');
  if (etag) return etag;
  const bad = invalid('Send the version you edited in the If-Match header (the change\'s etag), so a concurrent change is not overwritten.');
  if (!bad.ok) sendError(res, bad.error);
  return undefined;
}

export function createChangesRouter(deps: ChangeDeps & { readonly auth: Authenticator }): Router {
  const router = Router();
  router.use('/changes', express.json({ limit: '256kb' }));

  const authed =
    (handler: Handler) =>
    async (req: Request, res: Response, next: NextFunction): Promise<void> => {
      try {
        const identity = await deps.auth.authenticate(req.get('Authorization'));
        if (!identity.ok) {
          sendError(res, identity.error);
          return;
        }
        await handler(req, res, await resolvePrincipal(deps.repos.users, identity.value));
      } catch (error) {
        next(error);
      }
    };
  const id = (req: Request): string => String(req.params.id ?? '');

  router.get(
    '/changes',
    authed(async (req, res, p) => {
      const state = typeof req.query.state === 'string' ? req.query.state : undefined;
      if (state !== undefined && !(CHANGE_STATES as readonly string[]).includes(state)) {
        const bad = invalid(`state must be one of ${CHANGE_STATES.join(', ')}.`);
        if (!bad.ok) sendError(res, bad.error);
        return;
      }
      res.json(await listChanges(deps, p, state ? { state: state as (typeof CHANGE_STATES)[number] } : {}));
    }),
  );
  router.post(
    '/changes',
    authed(async (req, res, p) => {
      const body = parseBody(changeDraftSchema, req.body, res);
      if (body) reply(res, await createDraft(deps, p, body), 201);
    }),
  );
  router.post(
    '/changes/dry-run',
    authed(async (req, res, p) => {
      const body = parseBody(dryRunSchema, req.body, res);
      if (body) reply(res, await dryRunFields(deps, p, body));
    }),
  );
  router.get('/changes/:id', authed(async (req, res, p) => reply(res, await getChange(deps, p, id(req)))));
  router.patch(
    '/changes/:id',
    authed(async (req, res, p) => {
      const body = parseBody(changePatchSchema, req.body, res);
      if (!body) return;
      const etag = ifMatch(req, res);
      if (etag) reply(res, await updateDraft(deps, p, id(req), etag, body));
    }),
  );
  router.post('/changes/:id/dry-run', authed(async (req, res, p) => reply(res, await dryRun(deps, p, id(req)))));
  router.post(
    '/changes/:id/publish',
    authed(async (req, res, p) => {
      const etag = ifMatch(req, res);
      if (etag) reply(res, await publish(deps, p, id(req), etag));
    }),
  );
  router.post(
    '/changes/:id/supersede',
    authed(async (req, res, p) => {
      const body = parseBody(changePatchSchema, req.body, res);
      if (!body) return;
      const etag = ifMatch(req, res);
      if (etag) reply(res, await supersede(deps, p, id(req), etag, body));
    }),
  );
  router.post(
    '/changes/:id/withdraw',
    authed(async (req, res, p) => {
      const body = parseBody(withdrawSchema, req.body, res);
      if (!body) return;
      const etag = ifMatch(req, res);
      if (etag) reply(res, await withdraw(deps, p, id(req), etag, body.reason));
    }),
  );
  router.get('/changes/:id/cascade', authed(async (req, res, p) => reply(res, await cascadeStatus(deps, p, id(req)))));
  return router;
}
