/**
 * Strategy-change routes of the JSON API (PRODUCT.md §3), served under `/api`; shapes and the
 * route list are in bot/api-contract/changes.ts. Each parses, calls one use case and answers
 * with the wire type.
 */
import type { CascadeResponse, ChangeDetailResponse, ChangesListResponse, DryRunResponse } from '../api-contract/changes';
import { type RoleCheck, type RouteTable, answer, ifMatchNeeded, json, route } from '../kernel/http-routes';
import { forbidden, invalid, ok } from '../kernel/result';
import { can } from '../kernel/roles';
import type { ChangeDeps } from './app/deps';
import { changeDraftSchema, changePatchSchema, dryRunSchema, withdrawSchema } from './app/inputs';
import { createDraft, updateDraft } from './app/drafts';
import { dryRun, dryRunFields } from './app/dry-run';
import { publish, supersede, withdraw } from './app/publishing';
import { cascadeStatus, getChange, listChanges } from './app/queries';
import { CHANGE_STATES, type ChangeState } from './domain/strategy-change';

const isChangeState = (s: string): s is ChangeState => (CHANGE_STATES as readonly string[]).includes(s);

/** `If-Match` names the change's current (latest) version. */
const IF_MATCH = ifMatchNeeded('change');
/** Drafting and publishing are the EPMO's: anyone else is refused before their body is read. */
const EPMO_ONLY: RoleCheck = (p) => (can(p, 'change.draft') ? ok(true) : forbidden('Only EPMO members draft and publish strategy changes.'));

/** The strategy-change routes, for a server to serve under `/api`. */
export function changeRoutes(deps: ChangeDeps): RouteTable {
  return {
    jsonLimit: '256kb',
    routes: [
      route({
        method: 'GET',
        path: '/changes',
        handle: async ({ query }, p) => {
          const state = typeof query['state'] === 'string' ? query['state'] : undefined;
          if (state !== undefined && !isChangeState(state)) return invalid(`state must be one of ${CHANGE_STATES.join(', ')}.`);
          return json<ChangesListResponse>(await listChanges(deps, p, state ? { state } : {}));
        },
      }),
      route({
        method: 'POST',
        path: '/changes',
        allow: EPMO_ONLY,
        body: changeDraftSchema,
        handle: async ({ body }, p) => answer<ChangeDetailResponse>(await createDraft(deps, p, body), 201),
      }),
      route({
        method: 'POST',
        path: '/changes/dry-run',
        allow: EPMO_ONLY,
        body: dryRunSchema,
        handle: async ({ body }, p) => answer<DryRunResponse>(await dryRunFields(deps, p, body)),
      }),
      route({ method: 'GET', path: '/changes/:id', handle: async ({ params }, p) => answer<ChangeDetailResponse>(await getChange(deps, p, params.id)) }),
      route({
        method: 'PATCH',
        path: '/changes/:id',
        allow: EPMO_ONLY,
        body: changePatchSchema,
        ifMatch: IF_MATCH,
        handle: async ({ params, body, etag }, p) => answer<ChangeDetailResponse>(await updateDraft(deps, p, params.id, etag, body)),
      }),
      route({ method: 'POST', path: '/changes/:id/dry-run', handle: async ({ params }, p) => answer<DryRunResponse>(await dryRun(deps, p, params.id)) }),
      route({
        method: 'POST',
        path: '/changes/:id/publish',
        allow: EPMO_ONLY,
        ifMatch: IF_MATCH,
        handle: async ({ params, etag }, p) => answer<ChangeDetailResponse>(await publish(deps, p, params.id, etag)),
      }),
      route({
        method: 'POST',
        path: '/changes/:id/supersede',
        allow: EPMO_ONLY,
        body: changePatchSchema,
        ifMatch: IF_MATCH,
        handle: async ({ params, body, etag }, p) => answer<ChangeDetailResponse>(await supersede(deps, p, params.id, etag, body)),
      }),
      route({
        method: 'POST',
        path: '/changes/:id/withdraw',
        allow: EPMO_ONLY,
        body: withdrawSchema,
        ifMatch: IF_MATCH,
        handle: async ({ params, body, etag }, p) => answer<ChangeDetailResponse>(await withdraw(deps, p, params.id, etag, body.reason)),
      }),
      route({ method: 'GET', path: '/changes/:id/cascade', handle: async ({ params }, p) => answer<CascadeResponse>(await cascadeStatus(deps, p, params.id)) }),
    ],
  };
}
