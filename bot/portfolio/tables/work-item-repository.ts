/**
 * Work items in the per-domain read model (work-item-keys.ts). Every item write is one table
 * transaction with the status report it makes and the domain's `stats` row, the latter guarded
 * by its ETag: when another instance wrote the same domain in between, the transaction fails
 * whole and is retried on fresh figures, so the projection never drifts.
 *
 * Moving an item to another domain spans two partitions, which no transaction can: it goes in
 * steps recorded by an intent row in the source, and a move a crash interrupted is finished or
 * undone by whichever process meets it next — at start, on `get`, or on another move of the
 * item (item-move.ts). Until then the item is never lost but may show in both domains (before
 * the source is marked) or be reached through the marked source row (after).
 */
import type { Versioned } from '../../kernel/versioned';
import { type Result, fail, invalid, notFound, ok } from '../../kernel/result';
import type { WorkItem } from '../domain/portfolio';
import { type DomainStats, restate } from '../domain/projection';
import type { StatusReport } from '../domain/status-report';
import type { FiguresAsRead, ItemName, ItemWrite, WorkItemPage, WorkItemRepository } from '../ports';
import { encodeKey } from '../../platform/storage/keys';
import { type TableClient, type TransactionAction, deletePartition, deleteTenantRows, isConflict, queryRows, rowKeyRange, submitInTransactions } from '../../platform/storage/table-client';
import { type BulkWrite, createInDomain } from './bulk-create';
import { DomainFigures, type FiguresChange, MAX_ATTEMPTS, backoff, gaveUp } from './domain-figures';
import { DomainReadCache } from './domain-read-cache';
import { ITEM_RANGE, historyRange, indexKeys, itemPartition, itemRowKey } from './work-item-keys';
import { fromPageToken, toPageToken } from './page-token';
import { type Entity, fromReportRow, isMoved, itemRow, pointRead, reportActions, versionedItem } from './item-rows';
import { ItemMoves } from './item-move';
import type { MoveOptions, Settled } from './move-intent';
import { type StoredStats, stale } from './row-writes';

export class TableWorkItemRepository implements WorkItemRepository {
  /** Domain reads, valid while the domain's figures keep their ETag (domain-read-cache.ts). */
  private readonly cache = new DomainReadCache<WorkItemPage>(CACHED_ITEMS);

  private readonly domainFigures: DomainFigures;
  private readonly moves: ItemMoves;

  constructor(
    private readonly items: TableClient,
    private readonly index: TableClient,
    moveOptions: MoveOptions = {},
  ) {
    this.domainFigures = new DomainFigures(items);
    this.moves = new ItemMoves(items, index, this.domainFigures, moveOptions);
  }

  /** Finishes or undoes every move a crash interrupted (older than the grace period); run at start. */
  repairMoves(): Promise<Settled[]> {
    return this.moves.repairAll();
  }

  async get(tenantId: string, id: string): Promise<Versioned<WorkItem> | undefined> {
    // A move under way can leave the index naming the source, whose row is marked moved to the
    // target (follow it) or already gone (read the index again): a move takes a few round trips.
    let domainId = (await this.domainsOf(tenantId, [id])).get(id);
    for (let attempt = 0; domainId !== undefined && attempt < MOVE_WAITS; attempt += 1) {
      const entity = await pointRead(this.items, itemPartition(tenantId, domainId), itemRowKey(id));
      if (entity && !isMoved(entity)) return this.versioned(entity);
      if (entity && entity['movedTo']) {
        // A move that stopped after marking the source is finished here, so the marked row goes.
        await this.moves.settle(itemPartition(tenantId, domainId), id, 'if-interrupted');
        domainId = String(entity['movedTo']);
        continue;
      }
      const now = (await this.domainsOf(tenantId, [id])).get(id);
      if (!entity && now === domainId) return undefined;
      if (now === domainId) await new Promise((resolve) => setTimeout(resolve, MOVE_WAIT_MS));
      domainId = now;
    }
    return undefined;
  }

  async getMany(tenantId: string, ids: readonly string[]): Promise<Versioned<WorkItem>[]> {
    const domains = await this.domainsOf(tenantId, ids);
    const found = await Promise.all([...domains].map(([id, domainId]) => this.read(tenantId, domainId, id)));
    return found.filter((v): v is Versioned<WorkItem> => v !== undefined);
  }

  async domainsOf(tenantId: string, ids: readonly string[]): Promise<ReadonlyMap<string, string>> {
    const unique = [...new Set(ids)];
    const found: (readonly [string, string] | undefined)[] = [];
    // A few dozen point reads at a time (an import looks up to a thousand ids), answered in the order asked.
    for (let i = 0; i < unique.length; i += INDEX_READS_AT_ONCE) {
      const slice = await Promise.all(
        unique.slice(i, i + INDEX_READS_AT_ONCE).map(async (id) => {
          const keys = indexKeys(tenantId, id);
          const entity = await pointRead(this.index, keys.partitionKey, keys.rowKey);
          return typeof entity?.['domainId'] === 'string' ? ([id, entity['domainId']] as const) : undefined;
        }),
      );
      found.push(...slice);
    }
    return new Map(found.filter((r) => r !== undefined));
  }

  async listByDomain(tenantId: string, domainId: string): Promise<Versioned<WorkItem>[]> {
    const pk = itemPartition(tenantId, domainId);
    const { etag } = await this.readStats(pk);
    const all = await this.cache.read(`${pk}|all`, etag, async () => {
      const rows = await queryRows(this.items, rowKeyRange(pk, ITEM_RANGE.from, ITEM_RANGE.to));
      return { items: rows.filter((r) => !isMoved(r)).map((r) => this.versioned(r)) };
    }, pageSize);
    return [...all.items];
  }

  async namesByDomain(tenantId: string, domainId: string): Promise<ItemName[]> {
    const pk = itemPartition(tenantId, domainId);
    const rows = await queryRows(this.items, rowKeyRange(pk, ITEM_RANGE.from, ITEM_RANGE.to), ['id', 'title', 'movedTo']);
    return rows.filter((r) => !isMoved(r)).map((r) => ({ id: String(r['id']), title: String(r['title']), domainId }));
  }

  async pageByDomain(tenantId: string, domainId: string, page: { readonly size: number; readonly continuation?: string }): Promise<Result<WorkItemPage & FiguresAsRead>> {
    const pk = itemPartition(tenantId, domainId);
    const sdkToken = page.continuation === undefined ? undefined : fromPageToken(page.continuation, pk);
    if (sdkToken === null) return invalid('The continuation token is not one this portfolio issued; start again from the first page.');
    const { etag, stats } = await this.readStats(pk);
    const items = await this.cache.read(`${pk}|${page.size}|${sdkToken ?? ''}`, etag, () => this.readPage(pk, page.size, sdkToken), pageSize);
    return ok({ ...items, stats, statsVersion: etag ?? '' });
  }

  private async readPage(pk: string, size: number, sdkToken: string | undefined): Promise<WorkItemPage> {
    // The service answers at most 1,000 rows a request: ask again until the page is full.
    const rows: Entity[] = [];
    let token = sdkToken ?? undefined;
    do {
      const next = await this.items
        .listEntities<Record<string, unknown>>({ queryOptions: { filter: rowKeyRange(pk, ITEM_RANGE.from, ITEM_RANGE.to) } })
        .byPage({ maxPageSize: Math.min(SERVICE_PAGE_LIMIT, size - rows.length), ...(token ? { continuationToken: token } : {}) })
        .next();
      if (next.done) break;
      rows.push(...next.value);
      token = next.value.continuationToken;
    } while (token && rows.length < size);
    const continuation = toPageToken(token, pk);
    return { items: rows.filter((r) => !isMoved(r)).map((r) => this.versioned(r)), ...(continuation ? { continuation } : {}) };
  }

  async stats(tenantId: string, domainId: string): Promise<DomainStats> {
    return (await this.readStats(itemPartition(tenantId, domainId))).stats;
  }

  async figures(tenantId: string, domainId: string): Promise<FiguresAsRead> {
    const { stats, etag } = await this.readStats(itemPartition(tenantId, domainId));
    return { stats, statsVersion: etag ?? '' };
  }

  async history(tenantId: string, item: Pick<WorkItem, 'id' | 'domainId'>): Promise<StatusReport[]> {
    const range = historyRange(item.id);
    const rows = await queryRows(this.items, rowKeyRange(itemPartition(tenantId, item.domainId), range.from, range.to));
    return rows.map((r) => fromReportRow(this.items.tableName, r));
  }

  async create(write: ItemWrite): Promise<Result<Versioned<WorkItem>>> {
    const { item } = write;
    const pk = itemPartition(item.tenantId, item.domainId);
    // The index row first, as createMany does: an item is never stored without the row `get`
    // finds it by, even when storage fails after the item's transaction went through; an index
    // row whose item never came reads as not found.
    await this.indexItem(item);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      try {
        const etag = await this.domainFigures.commit(pk, itemChange(pk, undefined, write, ['create', itemRow(item)]));
        return ok({ value: item, etag });
      } catch (err) {
        if (!isConflict(err)) throw err;
        if (await this.read(item.tenantId, item.domainId, item.id)) return fail('CONFLICT.ALREADY_EXISTS', `A work item with id ${item.id} already exists.`);
        await backoff(attempt);
      }
    }
    throw gaveUp(`work item ${item.id}`);
  }

  async update(write: ItemWrite, etag: string): Promise<Result<Versioned<WorkItem>>> {
    const { item } = write;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const before = await this.get(item.tenantId, item.id);
      if (!before) return notFound(`The work item ${item.id}`);
      if (before.etag !== etag) return stale(item.id);
      if (before.value.domainId !== item.domainId) return this.moves.move(before, write);
      const pk = itemPartition(item.tenantId, item.domainId);
      try {
        const saved = await this.domainFigures.commit(pk, itemChange(pk, before.value, write, ['update', itemRow(item), 'Replace', { etag }]));
        return ok({ value: item, etag: saved });
      } catch (err) {
        if (!isConflict(err)) throw err;
        // Either the item or the figures changed; the next attempt tells which.
        await backoff(attempt);
      }
    }
    throw gaveUp(`work item ${item.id}`);
  }

  /**
   * Many items take several transactions, so a failure part way leaves some written. The index
   * rows go first: no stored item lacks the row `get` finds it by, and an index row whose item is
   * not written yet reads as "not found". Writing the same items again (an import retried, its
   * ids made from its rows) upserts those rows again and creates the items still missing.
   */
  async createMany(items: readonly WorkItem[], reports?: ReadonlyMap<string, readonly StatusReport[]>): Promise<void> {
    const writes = items.map((item): BulkWrite => ({ item, reports: reports?.get(item.id) ?? [] }));
    const byDomain = new Map<string, BulkWrite[]>();
    for (const w of writes) {
      const pk = itemPartition(w.item.tenantId, w.item.domainId);
      byDomain.set(pk, [...(byDomain.get(pk) ?? []), w]);
    }
    await submitInTransactions(
      this.index,
      writes.map((w) => ['upsert', { ...indexKeys(w.item.tenantId, w.item.id), domainId: w.item.domainId }] as const),
    );
    await Promise.all([...byDomain].map(([pk, group]) => createInDomain(this.domainFigures, pk, group)));
  }

  async deleteTenant(tenantId: string): Promise<void> {
    await Promise.all([deleteTenantRows(this.items, encodeKey(tenantId)), deletePartition(this.index, encodeKey(tenantId))]);
  }

  /** One item write with its report and figures; returns the item's new ETag. */
  private async indexItem(item: WorkItem): Promise<void> {
    await this.index.upsertEntity({ ...indexKeys(item.tenantId, item.id), domainId: item.domainId }, 'Replace');
  }

  private async read(tenantId: string, domainId: string, id: string): Promise<Versioned<WorkItem> | undefined> {
    const entity = await pointRead(this.items, itemPartition(tenantId, domainId), itemRowKey(id));
    return entity && !isMoved(entity) ? this.versioned(entity) : undefined;
  }

  /** The domain's figures; concurrent callers share one read (domain-figures.ts). */
  private readStats(pk: string): Promise<StoredStats> {
    return this.domainFigures.read(pk);
  }

  private versioned(entity: Entity): Versioned<WorkItem> {
    return versionedItem(this.items.tableName, entity);
  }
}

/** An item's write (its row first, then the status report it makes) and what it does to the domain's figures. */
const itemChange = (pk: string, before: WorkItem | undefined, write: ItemWrite, itemAction: TransactionAction): FiguresChange => ({
  actions: [itemAction, ...reportActions(pk, write.item, write.report ? [write.report] : [])],
  restate: (stats) => restate(stats, before, write.item),
});

/** Index point reads one lookup runs at once. */
const INDEX_READS_AT_ONCE = 64;

/** The most items this instance keeps in memory across cached domain reads (~1 KB each). */
const CACHED_ITEMS = 60_000;

const pageSize = (page: WorkItemPage): number => page.items.length;

/** The most rows Table Storage returns for one request. */
const SERVICE_PAGE_LIMIT = 1000;

/** How long `get` waits for a move under way: up to MOVE_WAITS × MOVE_WAIT_MS. */
const MOVE_WAITS = 20;
const MOVE_WAIT_MS = 50;
