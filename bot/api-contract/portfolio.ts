/**
 * The JSON API between the tab and the server. The tab imports these types only (no
 * runtime code), so both sides agree on shapes at compile time.
 *
 * Every `/api` route except `/api/dev/*` needs `Authorization: Bearer <token>`.
 * Errors are `ApiError` bodies with 400 (bad input), 401 (no or bad token), 403 (role),
 * 404, 409/412 (conflict, stale etag).
 */
import type { ErrorDetail, ErrorCode } from '../kernel/result';
import type { Domain, PortfolioKpis, Rag, StrategicObjective, WorkItem } from '../portfolio/domain/portfolio';
import type { RoleAssignment, User } from '../kernel/roles';

export interface ApiError {
  readonly error: { readonly code: ErrorCode | 'HTTP.BAD_REQUEST' | 'HTTP.NOT_FOUND' | 'INTERNAL'; readonly message: string; readonly details?: readonly ErrorDetail[] };
}

/** `GET /api/me` */
export interface MeResponse {
  readonly tenantId: string;
  readonly userId: string;
  readonly displayName: string;
  readonly roles: readonly RoleAssignment[];
  readonly authMode: 'dev' | 'sso';
  /** The caller's roles as people name them, each once. */
  readonly roleLabels: readonly string[];
}

/**
 * A person and their roles, for the tenant admin (PRODUCT.md §1): `GET /api/people` lists them;
 * `GET /api/people/:userId` and `PUT /api/people/:userId` (the full set of roles) answer one.
 */
export type PersonResponse = User;
export type PeopleResponse = readonly PersonResponse[];

/** `GET /api/dev/users` (development mode only; 404 otherwise). */
export interface DevUser {
  readonly tenantId: string;
  readonly tenantName: string;
  readonly userId: string;
  readonly displayName: string;
  readonly roles: readonly RoleAssignment[];
}

/** `POST /api/dev/token` body (development mode only). */
export interface DevTokenRequest {
  readonly tenantId: string;
  readonly userId: string;
}
export interface DevTokenResponse {
  readonly token: string;
  readonly expiresAt: string;
}

/** A work item as the grid shows it: stored fields plus derived health facts. */
export interface WorkItemView extends WorkItem {
  readonly overall: Rag;
  readonly stale: boolean;
  /** Whole days since the last status; absent when never reported. */
  readonly statusAgeDays?: number;
  /** Version token; send it back as `If-Match` when updating. */
  readonly etag: string;
}

/** `GET /api/domains` → `Domain[]` visible to the caller. */
export type DomainsResponse = readonly Domain[];

/** `POST /api/domains` (tenant admins) → 201 with the new domain. */
export type DomainResponse = Domain;

/**
 * An objective with its version token (send it as `If-Match`): `POST /api/objectives` → 201,
 * `PATCH /api/objectives/:id` → 200.
 */
export type ObjectiveResponse = StrategicObjective & { readonly etag: string };

/** `GET /api/objectives` → the tenant's objectives by priority. */
export type ObjectivesResponse = readonly ObjectiveResponse[];

/** `GET /api/domains/:domainId/portfolio` */
export interface PortfolioResponse {
  readonly domain: Domain;
  readonly kpis: PortfolioKpis;
  readonly items: readonly WorkItemView[];
  readonly objectives: readonly StrategicObjective[];
  /** Whether the caller may create and edit items here. */
  readonly canEdit: boolean;
}

/**
 * `POST /api/work-items` (body: `WorkItemInput`, bot/portfolio/domain/work-item.ts) → 201 `WorkItemView`.
 * `PATCH /api/work-items/:id` (body: `WorkItemPatch`, header `If-Match: <etag>`) → `WorkItemView`.
 * `GET /api/work-items?domainId=` → `WorkItemView[]`; `GET /api/work-items/:id` → `WorkItemView`.
 */
export type WorkItemsResponse = readonly WorkItemView[];

/**
 * `POST /api/domains/:domainId/work-items/import` with a `text/csv` body. All rows are
 * checked first; if any is wrong, nothing is written and the 400 lists every bad row.
 */
export interface ImportResponse {
  readonly created: number;
  readonly items: readonly WorkItemView[];
}

/** The CSV columns of an import, in order; `objectives` is `OBJ-1:60;OBJ-2:40`. */
export const IMPORT_COLUMNS = [
  'title',
  'structure',
  'mode',
  'stage',
  'owner',
  'startDate',
  'endDate',
  'objectives',
  'schedule',
  'cost',
  'scope',
  'benefit',
  'plannedBenefit',
  'realisedBenefit',
  'benefitUnit',
  'parent',
] as const;

/** `GET /healthz` */
export interface HealthResponse {
  readonly status: 'ok' | 'degraded';
  readonly storage: 'ok' | 'unreachable';
}
