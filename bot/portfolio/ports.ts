/** Storage ports of the portfolio, in domain words. */
import type { ItemChange, ItemSignal, PortfolioActivity, SignalState } from '../api-contract/portfolio';
import type { Result } from '../kernel/result';
import type { Principal, User } from '../kernel/roles';
import type { TenantCollection, Versioned } from '../kernel/versioned';
import type { Domain, StrategicObjective, WorkItem } from './domain/portfolio';
import type { DomainStats } from './domain/projection';
import type { StatusReport } from './domain/status-report';

/** Domains and objectives: small, read on every request, so adapters may cache them (ETag-checked). */
export type DomainRepository = TenantCollection<Domain>;
export type ObjectiveRepository = TenantCollection<StrategicObjective>;

/** An item to store, and the status report the same write records (if it reports anything). */
export interface ItemWrite {
  readonly item: WorkItem;
  readonly report?: StatusReport;
}

/** A work item as lists that only name it see it. */
export type ItemName = Pick<WorkItem, 'id' | 'title' | 'domainId'>;

/** One page of a domain's items; `continuation` asks for the next. */
export interface WorkItemPage {
  readonly items: Versioned<WorkItem>[];
  readonly continuation?: string;
}

/** A domain's figures as of a read, and their version: every item write in the domain changes it (`''` while the domain has none). */
export interface FiguresAsRead {
  readonly stats: DomainStats;
  readonly statsVersion: string;
}

/**
 * Work items, stored per domain with the domain's figures (`stats`) and status reports kept in
 * the same write. No read spans the tenant: a caller reads a domain, a few ids, or the figures.
 */
export interface WorkItemRepository {
  /** One item by id (two point reads: the index, then the item). */
  get(tenantId: string, id: string): Promise<Versioned<WorkItem> | undefined>;
  /** The items of these ids that exist, in no particular order. */
  getMany(tenantId: string, ids: readonly string[]): Promise<Versioned<WorkItem>[]>;
  /** The domain of each of these ids that exists (index point reads only). */
  domainsOf(tenantId: string, ids: readonly string[]): Promise<ReadonlyMap<string, string>>;
  /** Every item of one domain. */
  listByDomain(tenantId: string, domainId: string): Promise<Versioned<WorkItem>[]>;
  /** The id and title of every item of one domain: its partition's item rows, two columns each (setup checks, large domains). */
  namesByDomain(tenantId: string, domainId: string): Promise<ItemName[]>;
  /**
   * One page of a domain's items in id order, with the domain's figures as of the read. A
   * `continuation` not issued for this domain's items is refused (`VALIDATION`).
   */
  pageByDomain(tenantId: string, domainId: string, page: { readonly size: number; readonly continuation?: string }): Promise<Result<WorkItemPage & FiguresAsRead>>;
  /** The domain's figures, kept on write (empty when it holds no items). */
  stats(tenantId: string, domainId: string): Promise<DomainStats>;
  /** The same with their version, for what is built from them (the roll-up). */
  figures(tenantId: string, domainId: string): Promise<FiguresAsRead>;
  /** The item's status reports, oldest first. */
  history(tenantId: string, item: Pick<WorkItem, 'id' | 'domainId'>): Promise<StatusReport[]>;
  /** `CONFLICT.ALREADY_EXISTS` when the id is taken. */
  create(write: ItemWrite): Promise<Result<Versioned<WorkItem>>>;
  /** `CONFLICT.STALE` when `etag` is not the stored version; a new `domainId` moves the item. */
  update(write: ItemWrite, etag: string): Promise<Result<Versioned<WorkItem>>>;
  /**
   * Writes many new items (imports, seeds), each with the status reports given for its id (oldest
   * first); throws on storage failure, and `ItemsExistAlready` when an item of a transaction was
   * written meanwhile by someone else (nothing of that transaction is written).
   */
  createMany(items: readonly WorkItem[], reports?: ReadonlyMap<string, readonly StatusReport[]>): Promise<void>;
  /** Removes every item, report, figure and index row of the tenant (seed `--reset`). */
  deleteTenant(tenantId: string): Promise<void>;
}

/** The people of a tenant with their roles, as far as the portfolio reads them (who may own an objective). */
export interface PeopleLookup {
  get(tenantId: string, userId: string): Promise<User | undefined>;
}

/** What the portfolio use cases read and write. */
export interface PortfolioRepositories {
  readonly domains: DomainRepository;
  readonly objectives: ObjectiveRepository;
  readonly workItems: WorkItemRepository;
  readonly activity: ActivityProjectionStore;
}

/**
 * A domain's activity as last computed from the signals and changes: what its page and the
 * roll-up show, kept between the writes that change it. Overdue is not frozen in it: the
 * respond-by times of the unanswered responses are, and the clock counts them at read time.
 */
export interface ActivityProjection {
  /** Per item, the state of each of its open signals. */
  readonly openSignalsByItem: Readonly<Record<string, readonly SignalState[]>>;
  /** Per item, the reached team conversations that have not answered an active change. */
  readonly unansweredByItem: Readonly<Record<string, number>>;
  readonly openSignalsByState: SignalCounts;
  /** Active changes that reached the domain's PMO or teams, those reached, and those that responded. */
  readonly cascade: RollupActivity['cascade'];
  /** Respond-by (ISO) → reached PMO and team conversations of the domain that have not answered a change due then. */
  readonly unansweredDue: Readonly<Record<string, number>>;
  /**
   * Per item, when its open check-in is due (ISO): overdue is counted at read time, like
   * responses. Absent in projections stored before check-ins.
   */
  readonly checkInsDue?: Readonly<Record<string, string>>;
}

/** A projection and the generation it was computed for. */
export interface ComputedActivity {
  readonly gen: string;
  /** ISO time of the computation. */
  readonly at: string;
  readonly projection: ActivityProjection;
}

/** A domain's activity row as read: its generation, its ETag, and the projection last stored. */
export interface StoredActivity {
  readonly gen: string;
  readonly etag: string;
  readonly computed?: ComputedActivity;
}

/**
 * One activity row per tenant and domain. Every write of another feature that can change a
 * domain's activity calls `markChanged` after its own write; readers reuse a projection stored
 * for the current generation and recompute (and `save`) otherwise.
 */
export interface ActivityProjectionStore {
  /** The domain's row (point read), or undefined when no write or read ever made one. */
  read(tenantId: string, domainId: string): Promise<StoredActivity | undefined>;
  /**
   * Stores `computed` as the row's projection and generation, if the row is still at `etag`
   * (absent: if there is still no row). False when nothing was stored: a newer write came in, or
   * the projection is too large for a row (then each read computes it, as without a projection).
   */
  save(tenantId: string, domainId: string, computed: ComputedActivity, etag: string | undefined): Promise<boolean>;
  /** Moves each domain's generation on (a blind write: no read, never conflicts). */
  markChanged(tenantId: string, domainIds: readonly string[]): Promise<void>;
}

/** Open signals of a domain by state. */
export type SignalCounts = PortfolioActivity['openSignalsByState'];

/**
 * What other features know about the portfolio's items: signals and strategy changes. Declared
 * here, implemented in composition from those features' public reads.
 */
export interface PortfolioActivitySource {
  /** A domain's open signals and unanswered changes, per item and in total. */
  domainActivity(tenantId: string, domainId: string, now: Date): Promise<DomainActivity>;
  /** Escalations awaiting a decision and cascade coverage, per domain of the tenant (the EPMO roll-up). */
  rollupActivity(tenantId: string, now: Date): Promise<ReadonlyMap<string, RollupActivity>>;
  /**
   * The signals naming an item and the changes that reached its team with the team's response,
   * as far as `viewer` may see them by those features' own rules; the counts cover them all.
   */
  itemActivity(viewer: Principal, item: Pick<WorkItem, 'id' | 'domainId'>, now: Date): Promise<ItemActivity>;
}

/**
 * `version` changes whenever the activity answered changes (a write, or the clock making a
 * response overdue), and may change when it does not: what is built from it may be kept under it.
 */
export interface DomainActivity {
  readonly version: string;
  /** Per item, the state of each of its open signals (one entry per signal). */
  readonly openSignalsByItem: ReadonlyMap<string, readonly SignalState[]>;
  readonly unansweredByItem: ReadonlyMap<string, number>;
  readonly openSignalsByState: SignalCounts;
  readonly overdueResponses: number;
  /** Items whose open check-in is past its due time. */
  readonly overdueCheckIns: ReadonlySet<string>;
}

export interface RollupActivity {
  /** As `DomainActivity.version`, for this domain. */
  readonly version: string;
  readonly openSignalsByState: SignalCounts;
  readonly overdueResponses: number;
  /** Items whose open check-in is past its due time. */
  readonly overdueCheckIns: number;
  readonly openEscalations: number;
  readonly cascade: { readonly activeChanges: number; readonly recipients: number; readonly responded: number };
}

export interface ItemActivity {
  /** The signals naming the item that the viewer may see (newest first). */
  readonly signals: readonly ItemSignal[];
  /** The changes that reached the item's team, if the viewer may see that recipient. */
  readonly changes: readonly ItemChange[];
  /** The states of the open signals naming the item, seen or not: what the domain's grid shows everyone who sees the item. */
  readonly openSignalStates: readonly SignalState[];
  /** Changes the item's team has not answered, seen or not (as in the grid). */
  readonly unansweredChanges: number;
  /** Whether the item's open check-in is past its due time (as in the grid). */
  readonly checkInOverdue: boolean;
}

/** Items being created in bulk exist already: another writer (an import of the same file) saved them meanwhile. */
export class ItemsExistAlready extends Error {
  override readonly name = 'ItemsExistAlready';
}
