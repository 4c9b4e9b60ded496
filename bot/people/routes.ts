/**
 * People routes of the JSON API, served under `/api`: who the caller is, and the tenant admin's
 * people and roles (PRODUCT.md §1). Each parses, calls one use case and answers with the wire type.
 */
import type { DirectoryResponse, MeResponse, PeopleResponse, PeopleSearchResponse, PersonResponse, RoleChangesResponse } from '../api-contract/people';
import type { SavedView as SavedViewWire, SavedViewsResponse } from '../api-contract/portfolio';
import { type RouteTable, answer, json, route } from '../kernel/http-routes';
import { ROLE_LABELS } from '../kernel/roles';
import { normaliseEntraId } from '../kernel/tenant';
import { savedViewInputSchema } from './app/inputs';
import { getPerson, listPeople, peopleDirectory } from './app/people';
import { type PeopleSearchDeps, searchPeople } from './app/people-search';
import { type RoleAssignmentDeps, assignRoles, listRoleChanges } from './app/role-assignment';
import { type SavedViewDeps, deleteView, listSavedViews, saveView } from './app/saved-views';
import type { SavedView } from './domain/saved-view';

/** The people use cases' dependencies, and how callers sign in. */
export interface PeopleRouteDeps extends RoleAssignmentDeps, PeopleSearchDeps, SavedViewDeps {
  /** How callers sign in; the tab offers the development sign-in only in `dev`. */
  readonly authMode: 'dev' | 'sso';
}

/** A saved view as the wire shows it: its owner is the caller, so tenant and user stay out. */
const toWire = ({ id, name, query, createdAt }: SavedView): SavedViewWire => ({ id, name, query, createdAt });

/** The people routes, for a server to serve under `/api`. */
export function peopleRoutes(deps: PeopleRouteDeps): RouteTable {
  return {
    jsonLimit: '256kb',
    routes: [
      route({
        method: 'GET',
        path: '/me',
        handle: async (_req, p) =>
          json<MeResponse>({
            tenantId: p.tenantId,
            userId: p.userId,
            displayName: p.displayName,
            roles: p.roles,
            authMode: deps.authMode,
            roleLabels: [...new Set(p.roles.map((r) => ROLE_LABELS[r.role]))],
          }),
      }),
      route({ method: 'GET', path: '/me/views', handle: async (_req, p) => json<SavedViewsResponse>((await listSavedViews(deps, p)).map(toWire)) }),
      route({
        method: 'POST',
        path: '/me/views',
        body: savedViewInputSchema,
        handle: async ({ body }, p) => {
          const saved = await saveView(deps, p, body);
          return saved.ok ? json<SavedViewWire>(toWire(saved.value), 201) : saved;
        },
      }),
      route({
        method: 'DELETE',
        path: '/me/views/:id',
        handle: async ({ params }, p) => {
          const deleted = await deleteView(deps, p, params.id);
          return deleted.ok ? json<undefined>(undefined, 204) : deleted;
        },
      }),
      route({ method: 'GET', path: '/directory', handle: async (_req, p) => answer<DirectoryResponse>(await peopleDirectory(deps, p)) }),
      route({ method: 'GET', path: '/people', handle: async (_req, p) => answer<PeopleResponse>(await listPeople(deps, p)) }),
      route({ method: 'GET', path: '/people/search', handle: async ({ query }, p) => answer<PeopleSearchResponse>(await searchPeople(deps, p, query['q'])) }),
      route({
        method: 'GET',
        path: '/people/role-changes',
        handle: async ({ query }, p) => {
          // Checked after authorization (in the use case): a repeated or odd value is not a token.
          const token = query['continuation'];
          return answer<RoleChangesResponse>(await listRoleChanges(deps, p, token === undefined ? undefined : typeof token === 'string' ? token : ''));
        },
      }),
      route({ method: 'GET', path: '/people/:userId', handle: async ({ params }, p) => answer<PersonResponse>(await getPerson(deps, p, normaliseEntraId(params.userId))) }),
      route({
        method: 'PUT',
        path: '/people/:userId',
        // The caller's right is checked before the id in the path and the body, so the use case reads both.
        handle: async ({ params, body }, p) => answer<PersonResponse>(await assignRoles(deps, p, params.userId, body)),
      }),
    ],
  };
}
