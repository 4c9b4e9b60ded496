/**
 * People routes of the JSON API, served under `/api`: who the caller is, and the tenant admin's
 * people and roles (PRODUCT.md §1). Each parses, calls one use case and answers with the wire type.
 */
import type { DirectoryResponse, MeResponse, PeopleResponse, PersonResponse } from '../api-contract/people';
import type { SavedView as SavedViewWire, SavedViewsResponse } from '../api-contract/portfolio';
import { type RouteTable, answer, json, route } from '../kernel/http-routes';
import { ROLE_LABELS } from '../kernel/roles';
import { parseInput } from '../kernel/validation';
import { entraIdSchema, personInputSchema, savedViewInputSchema } from './app/inputs';
import { type PeopleDeps, assignRoles, getPerson, listPeople, peopleDirectory } from './app/people';
import { type SavedViewDeps, deleteView, listSavedViews, saveView } from './app/saved-views';
import type { SavedView } from './domain/saved-view';

/** The people use cases' dependencies, and how callers sign in. */
export interface PeopleRouteDeps extends PeopleDeps, SavedViewDeps {
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
      route({ method: 'GET', path: '/people/:userId', handle: async ({ params }, p) => answer<PersonResponse>(await getPerson(deps, p, params.userId)) }),
      route({
        method: 'PUT',
        path: '/people/:userId',
        // The id in the path is checked before the body, so both are parsed here.
        handle: async ({ params, body }, p) => {
          const userId = parseInput(entraIdSchema, params.userId, 'The user id in the path');
          if (!userId.ok) return userId;
          const input = parseInput(personInputSchema, body);
          if (!input.ok) return input;
          return answer<PersonResponse>(await assignRoles(deps, p, userId.value, input.value));
        },
      }),
    ],
  };
}
