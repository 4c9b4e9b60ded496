/**
 * The portfolio part of the JSON API (PRODUCT.md §2, §5): domains, objectives, work items and
 * their CSV import. Types, and the import's CSV columns (a constant both sides read: the tab
 * lists them, the server parses by them); the server (bot/portfolio/routes.ts) implements them,
 * so both sides agree on shapes at compile time. Errors are `ApiError` bodies (./common.ts).
 */
import type { Domain, PortfolioKpis, Rag, StrategicObjective, WorkItem } from '../portfolio/domain/portfolio';

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
