/**
 * Portfolio routes of the JSON API (PRODUCT.md §2), served under `/api`: domains, objectives,
 * work items and their CSV import; shapes are in bot/api-contract/portfolio.ts. Each parses,
 * calls one use case and answers with the wire type.
 */
import type {
  DomainResponse,
  DomainsResponse,
  ImportResponse,
  ItemPanelResponse,
  ObjectiveResponse,
  ObjectivesResponse,
  PortfolioResponse,
  RollupResponse,
  WorkItemView,
  WorkItemsResponse,
} from '../api-contract/portfolio';
import { type RoleCheck, type RouteTable, answer, ifMatchNeeded, json, route, view } from '../kernel/http-routes';
import { type Result, forbidden, invalid, ok } from '../kernel/result';
import { can, ledDomains } from '../kernel/roles';
import type { Versioned } from '../kernel/versioned';
import { importWorkItems } from './app/import-work-items';
import { workItemInputSchema, workItemPatchSchema } from './app/inputs';
import { createDomain, listDomains, updateDomain } from './app/domains';
import { createObjective, deleteObjective, listObjectives, updateObjective } from './app/objectives';
import { type PortfolioDeps, createWorkItemAction, getWorkItem, listWorkItems, updateWorkItemAction } from './app/portfolio';
import { getItemPanel, getPortfolio, getRollup } from './app/portfolio-views';
import { type Domain, type StrategicObjective, objectiveStatus } from './domain/portfolio';
import { readWorkItemCsv } from './http-csv-import';

/** Only PMO leads and tenant admins edit portfolios: anyone else is refused before their body is read. */
const EDITS_SOME_PORTFOLIO: RoleCheck = (p) =>
  ledDomains(p).length > 0 || can(p, 'portfolio.edit') ? ok(true) : forbidden('Only PMO leads and tenant admins add or change work items.');

/** An objective on the wire carries its status (old records: active) and its version token beside its fields. */
const withEtag = (o: Versioned<StrategicObjective>): ObjectiveResponse => ({ ...o.value, status: objectiveStatus(o.value), etag: o.etag });
const objectiveAnswer = (r: Result<Versioned<StrategicObjective>>): Result<ObjectiveResponse> => (r.ok ? ok(withEtag(r.value)) : r);
/** A domain on the wire carries its version token beside its fields. */
const domainView = (d: Versioned<Domain>): DomainResponse => ({ ...d.value, etag: d.etag });
const domainAnswer = (r: Result<Versioned<Domain>>): Result<DomainResponse> => (r.ok ? ok(domainView(r.value)) : r);

/** The CSV import reads the file as text, up to 2 MB. */
const CSV_BODY = { mediaTypes: ['text/csv', 'text/plain', 'application/csv'], limit: '2mb' } as const;

/** The portfolio routes, for a server to serve under `/api`. */
export function portfolioRoutes(deps: PortfolioDeps): RouteTable {
  return {
    jsonLimit: '256kb',
    routes: [
      route({ method: 'GET', path: '/domains', handle: async (_req, p) => json<DomainsResponse>((await listDomains(deps, p)).map(domainView)) }),
      // Bodies of the catalogue's writes are read by the use case once the caller's right is known.
      route({ method: 'POST', path: '/domains', handle: async ({ body }, p) => answer<DomainResponse>(domainAnswer(await createDomain(deps, p, body)), 201) }),
      route({
        method: 'PATCH',
        path: '/domains/:domainId',
        ifMatch: ifMatchNeeded('domain'),
        handle: async ({ params, body, etag }, p) => answer<DomainResponse>(domainAnswer(await updateDomain(deps, p, params.domainId, body, etag))),
      }),
      route({
        method: 'GET',
        path: '/domains/:domainId/portfolio',
        handle: async ({ params, query }, p) => {
          // Checked after authorization (in the use case): a repeated or odd value is not a token.
          const token = query['continuation'];
          const continuation = token === undefined ? undefined : typeof token === 'string' ? token : '';
          return view<PortfolioResponse>(await getPortfolio(deps, p, params.domainId, continuation));
        },
      }),
      route({ method: 'GET', path: '/portfolio/rollup', handle: async (_req, p) => view<RollupResponse>(await getRollup(deps, p)) }),
      route({ method: 'GET', path: '/work-items/:id/panel', handle: async ({ params }, p) => answer<ItemPanelResponse>(await getItemPanel(deps, p, params.id)) }),
      route({
        method: 'POST',
        path: '/domains/:domainId/work-items/import',
        textBody: CSV_BODY,
        handle: async ({ params, body }, p) => {
          if (typeof body !== 'string') return invalid('Send the CSV file as the request body with Content-Type: text/csv.');
          return answer<ImportResponse>(await importWorkItems(deps, p, params.domainId, () => readWorkItemCsv(body)), 201);
        },
      }),
      route({
        method: 'GET',
        path: '/objectives',
        handle: async (_req, p) => json<ObjectivesResponse>((await listObjectives(deps, p)).map((l) => ({ ...withEtag(l.objective), alignedItems: l.alignedItems }))),
      }),
      route({ method: 'POST', path: '/objectives', handle: async ({ body }, p) => answer<ObjectiveResponse>(objectiveAnswer(await createObjective(deps, p, body)), 201) }),
      route({
        method: 'PATCH',
        path: '/objectives/:id',
        ifMatch: ifMatchNeeded('objective'),
        handle: async ({ params, body, etag }, p) => answer<ObjectiveResponse>(objectiveAnswer(await updateObjective(deps, p, params.id, body, etag))),
      }),
      route({
        method: 'DELETE',
        path: '/objectives/:id',
        ifMatch: ifMatchNeeded('objective'),
        handle: async ({ params, etag }, p) => {
          const deleted = await deleteObjective(deps, p, params.id, etag);
          return deleted.ok ? json<undefined>(undefined, 204) : deleted;
        },
      }),
      route({
        method: 'GET',
        path: '/work-items',
        handle: async ({ query }, p) => {
          const domainId = typeof query['domainId'] === 'string' ? query['domainId'] : undefined;
          return answer<WorkItemsResponse>(await listWorkItems(deps, p, domainId));
        },
      }),
      route({ method: 'GET', path: '/work-items/:id', handle: async ({ params }, p) => answer<WorkItemView>(await getWorkItem(deps, p, params.id)) }),
      route({
        method: 'POST',
        path: '/work-items',
        allow: EDITS_SOME_PORTFOLIO,
        body: workItemInputSchema,
        handle: async ({ body }, p) => answer<WorkItemView>(await createWorkItemAction(deps, p, body), 201),
      }),
      route({
        method: 'PATCH',
        path: '/work-items/:id',
        allow: EDITS_SOME_PORTFOLIO,
        body: workItemPatchSchema,
        ifMatch: ifMatchNeeded('item'),
        handle: async ({ params, body, etag }, p) => answer<WorkItemView>(await updateWorkItemAction(deps, p, params.id, body, etag)),
      }),
    ],
  };
}
