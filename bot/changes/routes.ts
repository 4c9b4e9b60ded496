/**
 * Strategy-change routes of the JSON API (shapes and the route table in
 * bot/http/contract-changes.ts). Thin: authenticate, parse with zod, call a use case, map the
 * result. Mounted under `/api` by host.ts.
 */
import express, { type Request, Router } from 'express';
import type { ChangeDeps } from './app/deps';
import { createDraft, dryRun, dryRunFields, publish, supersede, updateDraft, withdraw } from './app/manage';
import { cascadeStatus, getChange, listChanges } from './app/queries';
import { changeDraftSchema, changePatchSchema, dryRunSchema, withdrawSchema } from './app/inputs';
import { CHANGE_STATES } from './domain/strategy-change';
import type { Authenticator } from '../platform/web/auth';
import { authenticated, badRequest, parseBody, reply, requireIfMatch } from '../platform/web/route-kit';

export function createChangesRouter(deps: ChangeDeps & { readonly auth: Authenticator }): Router {
  const router = Router();
  router.use('/changes', express.json({ limit: '256kb' }));

  const authed = authenticated(deps.auth, deps.repos.users);
  const id = (req: Request): string => String(req.params.id ?? '');

  router.get(
    '/changes',
    authed(async (req, res, p) => {
      const state = typeof req.query.state === 'string' ? req.query.state : undefined;
      if (state !== undefined && !(CHANGE_STATES as readonly string[]).includes(state)) {
        badRequest(res, `state must be one of ${CHANGE_STATES.join(', ')}.`);
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
      const etag = requireIfMatch(req, res, 'change');
      if (etag) reply(res, await updateDraft(deps, p, id(req), etag, body));
    }),
  );
  router.post('/changes/:id/dry-run', authed(async (req, res, p) => reply(res, await dryRun(deps, p, id(req)))));
  router.post(
    '/changes/:id/publish',
    authed(async (req, res, p) => {
      const etag = requireIfMatch(req, res, 'change');
      if (etag) reply(res, await publish(deps, p, id(req), etag));
    }),
  );
  router.post(
    '/changes/:id/supersede',
    authed(async (req, res, p) => {
      const body = parseBody(changePatchSchema, req.body, res);
      if (!body) return;
      const etag = requireIfMatch(req, res, 'change');
      if (etag) reply(res, await supersede(deps, p, id(req), etag, body));
    }),
  );
  router.post(
    '/changes/:id/withdraw',
    authed(async (req, res, p) => {
      const body = parseBody(withdrawSchema, req.body, res);
      if (!body) return;
      const etag = requireIfMatch(req, res, 'change');
      if (etag) reply(res, await withdraw(deps, p, id(req), etag, body.reason));
    }),
  );
  router.get('/changes/:id/cascade', authed(async (req, res, p) => reply(res, await cascadeStatus(deps, p, id(req)))));
  return router;
}
