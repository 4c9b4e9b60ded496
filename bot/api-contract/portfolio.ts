/**
 * The portfolio part of the JSON API (PRODUCT.md §2, §5): domains, objectives, work items and
 * their CSV import. Types, and the import's CSV columns (a constant both sides read: the tab
 * lists them, the server parses by them); the server (bot/portfolio/routes.ts) implements them,
 * so both sides agree on shapes at compile time. Errors are `ApiError` bodies (./common.ts).
 */
import type { Domain, ObjectiveStatus, PortfolioKpis, Rag, StrategicObjective, WorkItem } from '../portfolio/domain/portfolio';
import type { SignalState } from '../signals/domain/signal';
export type { SignalState };

/** A work item as the grid shows it: stored fields plus derived health facts. */
export interface WorkItemView extends WorkItem {
  readonly overall: Rag;
  readonly stale: boolean;
  /** Whole days since the last status; absent when never reported. */
  readonly statusAgeDays?: number;
  /** Version token; send it back as `If-Match` when updating. */
  readonly etag: string;
  /** Signals naming this item that are not closed. */
  readonly openSignals: number;
  /** The states those open signals are in, each once (the "open signals · <state>" tile filters on them). */
  readonly openSignalStates: readonly SignalState[];
  /** Active strategy changes whose team copy for this item has no response yet. */
  readonly unansweredChanges: number;
  /** Its team has not answered its check-in by the due time. */
  readonly checkInOverdue: boolean;
}

/**
 * A domain with its version token (send it as `If-Match`): `POST /api/domains` (tenant admins)
 * → 201, `PATCH /api/domains/:domainId` → 200 (name, description and freshness window: tenant
 * admins; `checkInCadence`: tenant admins and the domain's PMO lead).
 */
export type DomainResponse = Domain & { readonly etag: string };

/** `GET /api/domains` → the domains visible to the caller, by name. */
export type DomainsResponse = readonly DomainResponse[];

/**
 * An objective with its version token (send it as `If-Match`) and its status (`retired`: kept on
 * the items aligned to it, offered for no new alignment): `POST /api/objectives` → 201,
 * `PATCH /api/objectives/:id` → 200 (`{ status: 'retired' }` retires it), `DELETE
 * /api/objectives/:id` → 204 while no work item is aligned to it (409 otherwise: retire it).
 */
export type ObjectiveResponse = Omit<StrategicObjective, 'status'> & { readonly status: ObjectiveStatus; readonly etag: string };

/** An objective as listed, with how many work items are aligned to it (while any are, it can be retired, not deleted). */
export type ListedObjectiveResponse = ObjectiveResponse & { readonly alignedItems: number };

/** `GET /api/objectives` → the tenant's objectives by priority. */
export type ObjectivesResponse = readonly ListedObjectiveResponse[];

/** Counts of items by overall health in one row of the heatmap. */
export interface HeatmapRow {
  /** An objective's id, or `null` for items aligned to no objective. */
  readonly objectiveId: string | null;
  readonly byOverall: Readonly<Record<Rag, number>>;
}

/** What the portfolio's headline tiles show, beyond the stored-item KPIs. */
export interface PortfolioActivity {
  /** Open (not closed) signals of the domain by state. */
  readonly openSignalsByState: Readonly<Partial<Record<SignalState, number>>>;
  /** Team and PMO responses to active strategy changes that are past their due time. */
  readonly overdueResponses: number;
  /** Items whose team has not answered its check-in by the due time. */
  readonly overdueCheckIns: number;
}

/**
 * `GET /api/domains/:domainId/portfolio[?continuation=<token>]`. A domain's items come in pages
 * (at most `PORTFOLIO_PAGE_SIZE`); while `continuation` is set, ask again with it for the next
 * page. Every page carries the same headline figures, read from projections kept on write.
 */
export interface PortfolioResponse {
  readonly domain: Domain;
  readonly kpis: PortfolioKpis & PortfolioActivity;
  /** Objectives × overall health, counted over the whole domain (not just this page). */
  readonly heatmap: readonly HeatmapRow[];
  readonly items: readonly WorkItemView[];
  readonly objectives: readonly StrategicObjective[];
  /** Whether the caller may create and edit items here. */
  readonly canEdit: boolean;
  /** Present when more items follow. */
  readonly continuation?: string;
}

/** The most items one portfolio page carries. */
export const PORTFOLIO_PAGE_SIZE = 2000;

/** One domain side by side with the others in the EPMO roll-up. */
export interface DomainRollup {
  readonly domain: Domain;
  readonly kpis: PortfolioKpis & PortfolioActivity;
  /** Signals of the domain escalated to the EPMO and not yet decided. */
  readonly openEscalations: number;
  /** Cascade coverage of active strategy changes in this domain: recipients, and those that responded. */
  readonly cascade: { readonly activeChanges: number; readonly recipients: number; readonly responded: number };
}

/** `GET /api/portfolio/rollup` (EPMO members, strategy owners, tenant admins): every domain, by name. */
export interface RollupResponse {
  readonly domains: readonly DomainRollup[];
  /** Objectives × overall health across every domain. */
  readonly heatmap: readonly HeatmapRow[];
  readonly objectives: readonly StrategicObjective[];
}

/** How a status report reached the portfolio. */
export type StatusSource = 'tab' | 'import' | 'check-in' | 'card';

/** One status report of a work item, kept for its history (never overwritten). */
export interface StatusReport {
  readonly at: string;
  readonly by: { readonly userId?: string; readonly displayName: string };
  readonly source: StatusSource;
  readonly health: WorkItem['health'];
  readonly overall: Rag;
  readonly stage: string;
  readonly benefits?: WorkItem['benefits'];
  readonly note?: string;
  /** The check-in round the report answered (source `check-in`). */
  readonly checkInId?: string;
}

/** A signal that names the item, as its panel lists it. */
export interface ItemSignal {
  readonly id: string;
  readonly number: number;
  readonly type: string;
  readonly title: string;
  readonly state: SignalState;
  readonly raisedAt: string;
}

/** A strategy change that reached the item's team, and where the team stands on it. */
export interface ItemChange {
  readonly changeId: string;
  readonly title: string;
  readonly version: number;
  readonly publishedAt?: string;
  readonly status: 'pending' | 'overdue' | 'acknowledged' | 'assessed' | 'unreachable';
  readonly response?: { readonly by: string; readonly at: string; readonly impact?: string; readonly comment?: string };
}

/** `GET /api/work-items/:id/panel`: the item, its status history (oldest first), its signals and changes. */
export interface ItemPanelResponse {
  readonly item: WorkItemView;
  readonly history: readonly StatusReport[];
  readonly signals: readonly ItemSignal[];
  readonly changes: readonly ItemChange[];
}

/** A named, saved set of portfolio filters, sort, grouping and columns (the page's URL query). */
export interface SavedView {
  readonly id: string;
  readonly name: string;
  /** The portfolio URL's query string, without `?`. */
  readonly query: string;
  readonly createdAt: string;
}

/**
 * `GET /api/me/views` → the caller's saved views, by name; `POST /api/me/views` (body
 * `{ name, query }`) → 201 `SavedView`; `DELETE /api/me/views/:id` → 204. Per user, per tenant.
 */
export type SavedViewsResponse = readonly SavedView[];

/**
 * `POST /api/work-items` (body: `WorkItemInput`, bot/portfolio/domain/work-item.ts) → 201 `WorkItemView`.
 * `PATCH /api/work-items/:id` (body: `WorkItemPatch`, header `If-Match: <etag>`) → `WorkItemView`.
 * `GET /api/work-items?domainId=` → `WorkItemView[]`; `GET /api/work-items/:id` → `WorkItemView`.
 */
export type WorkItemsResponse = readonly WorkItemView[];

/**
 * `POST /api/domains/:domainId/work-items/import` with a `text/csv` body. All rows are
 * checked first; if any is wrong, nothing is written and the 400 lists every bad row. Storage
 * failing part way (503) may leave part of the file saved: importing the same file again
 * finishes it, skipping the rows already saved (`alreadyImported`).
 */
export interface ImportResponse {
  /** Rows saved now; `items` are their items. */
  readonly created: number;
  /** Rows an earlier import of the same rows saved already: skipped. */
  readonly alreadyImported: number;
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
