/**
 * Work items in the per-domain read model (work-item-keys.ts). Every item write is one table
 * transaction with the status report it makes and the domain's `stats` row, the latter guarded
 * by its ETag: when another instance wrote the same domain in between, the transaction fails
 * whole and is retried on fresh figures, so the projection never drifts.
 *
 * Moving an item to another domain spans two partitions, which no transaction can (see `move`):
 * the target is written first, then the source row is marked moved under the version the caller
 * edited (so of a move and a concurrent edit or move, one is refused as stale, never both
 * applied), then the index, then the marked row is removed. Crash windows — the item is never
 * lost, but may show twice: after the target write and before the source mark, it is in both
 * domains (listed and counted in both; `get` and edits reach the source copy); deleting the
 * target copy or repeating the move ends it. After the mark, reads follow the marked row to the
 * target until the index names it; a leftover marked row is invisible to lists. No automatic
 * repair yet.
 */
import type { Versioned } from '../../kernel/versioned';
import { type Result, fail, invalid, notFound, ok } from '../../kernel/result';
import type { WorkItem } from '../domain/portfolio';
import { type DomainStats, emptyStats, restate } from '../domain/projection';
import type { StatusReport } from '../domain/status-report';
import type { FiguresAsRead, ItemWrite, WorkItemPage, WorkItemRepository } from '../ports';
import { CoalescedReads } from '../../kernel/coalesced-reads';
import { defineCodec } from '../../platform/storage/codec';
import { encodeKey } from '../../platform/storage/keys';
import {
  type TableClient,
  type TransactionAction,
  MAX_TRANSACTION_OPERATIONS,
  deletePartition,
  deleteTenantRows,
  queryRows,
  row,
  rowKeyRange,
  statusOf,
  submitInTransactions,
} from '../../platform/storage/table-client';
import { DomainReadCache } from './domain-read-cache';
import { ITEM_RANGE, STATS_ROW_KEY, historyRange, historyRowKey, indexKeys, itemPartition, itemRowKey } from './work-item-keys';
import { statsSchema, workItemSchema } from './schemas';
import { fromPageToken, toPageToken } from './page-token';
import { type Entity, columnsOf, fromReportRow, pointRead, reportColumns } from './item-rows';

const itemCodec = defineCodec<WorkItem>({
  schema: workItemSchema,
  jsonColumns: ['owner', 'objectives', 'health', 'benefits'],
  partitionKey: (w) => itemPartition(w.tenantId, w.domainId),
  rowKeys: (w) => [itemRowKey(w.id)],
});

/** How often a write retries when another writer changed the domain's figures first. */
const MAX_ATTEMPTS = 40;

/** A short random pause before retrying, growing with the attempts, so contending writers spread out. */
const backoff = (attempt: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(200, 5 * 2 ** Math.min(attempt, 6))));

/** A new item of a bulk write, with its reports. */
interface BulkWrite {
  readonly item: WorkItem;
  readonly reports: readonly StatusReport[];
}

interface StoredStats {
  readonly stats: DomainStats;
  /** Absent when the domain has no figures row yet. */
  readonly etag?: string;
}

export class TableWorkItemRepository implements WorkItemRepository {
  /** Domain reads, valid while the domain's figures keep their ETag (domain-read-cache.ts). */
  private readonly cache = new DomainReadCache<WorkItemPage>(CACHED_ITEMS);

  private readonly statsReads = new CoalescedReads<StoredStats>();

  constructor(
    private readonly items: TableClient,
    private readonly index: TableClient,
  ) {}

  async get(tenantId: string, id: string): Promise<Versioned<WorkItem> | undefined> {
    // A move under way can leave the index naming the source, whose row is marked moved to the
    // target (follow it) or already gone (read the index again): a move takes a few round trips.
    let domainId = (await this.domainsOf(tenantId, [id])).get(id);
    for (let attempt = 0; domainId !== undefined && attempt < MOVE_WAITS; attempt += 1) {
      const entity = await pointRead(this.items, itemPartition(tenantId, domainId), itemRowKey(id));
      if (entity && !isMoved(entity)) return this.versioned(entity);
      if (entity && entity['movedTo']) {
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
    const rows = await Promise.all(
      [...new Set(ids)].map(async (id) => {
        const keys = indexKeys(tenantId, id);
        const entity = await pointRead(this.index, keys.partitionKey, keys.rowKey);
        return typeof entity?.['domainId'] === 'string' ? ([id, entity['domainId']] as const) : undefined;
      }),
    );
    return new Map(rows.filter((r) => r !== undefined));
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

  async history(tenantId: string, item: Pick<WorkItem, 'id' | 'domainId'>): Promise<StatusReport[]> {
    const range = historyRange(item.id);
    const rows = await queryRows(this.items, rowKeyRange(itemPartition(tenantId, item.domainId), range.from, range.to));
    return rows.map((r) => fromReportRow(this.items.tableName, r));
  }

  async create(write: ItemWrite): Promise<Result<Versioned<WorkItem>>> {
    const { item } = write;
    const pk = itemPartition(item.tenantId, item.domainId);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const current = await this.readStats(pk);
      try {
        const etag = await this.submitItemWrite(pk, current, undefined, write, ['create', this.itemRow(item)]);
        await this.indexItem(item);
        return ok({ value: item, etag });
      } catch (err) {
        if (!isConflict(err)) throw err;
        if (await this.read(item.tenantId, item.domainId, item.id)) return fail('CONFLICT.ALREADY_EXISTS', `A work item with id ${item.id} already exists.`);
        await backoff(attempt);
      }
    }
    throw new Error(`work item ${item.id}: the domain's figures kept changing; gave up after ${MAX_ATTEMPTS} attempts`);
  }

  async update(write: ItemWrite, etag: string): Promise<Result<Versioned<WorkItem>>> {
    const { item } = write;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const before = await this.get(item.tenantId, item.id);
      if (!before) return notFound(`The work item ${item.id}`);
      if (before.etag !== etag) return stale(item.id);
      if (before.value.domainId !== item.domainId) return this.move(before, write);
      const pk = itemPartition(item.tenantId, item.domainId);
      const current = await this.readStats(pk);
      try {
        const saved = await this.submitItemWrite(pk, current, before.value, write, ['update', this.itemRow(item), 'Replace', { etag }]);
        return ok({ value: item, etag: saved });
      } catch (err) {
        if (!isConflict(err)) throw err;
        // Either the item or the figures changed; the next attempt tells which.
        await backoff(attempt);
      }
    }
    throw new Error(`work item ${item.id}: the domain's figures kept changing; gave up after ${MAX_ATTEMPTS} attempts`);
  }

  async createMany(items: readonly WorkItem[], reports?: ReadonlyMap<string, readonly StatusReport[]>): Promise<void> {
    const writes = items.map((item): BulkWrite => ({ item, reports: reports?.get(item.id) ?? [] }));
    const byDomain = new Map<string, BulkWrite[]>();
    for (const w of writes) {
      const pk = itemPartition(w.item.tenantId, w.item.domainId);
      byDomain.set(pk, [...(byDomain.get(pk) ?? []), w]);
    }
    await Promise.all([...byDomain].map(([pk, group]) => this.createInDomain(pk, group)));
    await submitInTransactions(
      this.index,
      writes.map((w) => ['upsert', { ...indexKeys(w.item.tenantId, w.item.id), domainId: w.item.domainId }] as const),
    );
  }

  async deleteTenant(tenantId: string): Promise<void> {
    await Promise.all([deleteTenantRows(this.items, encodeKey(tenantId)), deletePartition(this.index, encodeKey(tenantId))]);
  }

  /** Writes new items of one domain a transaction at a time, each with the figures it changes. */
  private async createInDomain(pk: string, writes: readonly BulkWrite[]): Promise<void> {
    let current = await this.readStats(pk);
    for (let i = 0; i < writes.length; ) {
      // One row for the figures; every item takes one or two (with its report).
      const chunk: BulkWrite[] = [];
      let ops = 1;
      for (; i < writes.length; i += 1) {
        const w = writes[i] as BulkWrite;
        const cost = 1 + w.reports.length;
        if (ops + cost > MAX_TRANSACTION_OPERATIONS) break;
        chunk.push(w);
        ops += cost;
      }
      current = await this.withRetry(
        pk,
        current,
        async (stats) => {
          const next = chunk.reduce((s, w) => restate(s, undefined, w.item), stats.stats);
          const actions: TransactionAction[] = chunk.flatMap((w) => [['create', this.itemRow(w.item)] as TransactionAction, ...this.reportActions(pk, w.item, w.reports)]);
          return this.submitWithStats(pk, stats, next, actions);
        },
        // Figures unchanged since the failed attempt: an item of the chunk exists already, and retrying cannot help.
        async (tried) => {
          if ((await this.readStats(pk)).etag === tried.etag) throw new Error(`A work item among ${chunk[0]?.item.id ?? ''}… already exists; nothing of this transaction was written.`);
        },
      );
    }
  }

  /** Runs `attempt` on the current figures, re-reading them after a conflict. */
  /** `stillValid` runs after a conflict, with the figures the attempt used; it throws when retrying cannot help. */
  private async withRetry(pk: string, first: StoredStats, attempt: (s: StoredStats) => Promise<StoredStats>, stillValid?: (tried: StoredStats) => Promise<void>): Promise<StoredStats> {
    let current = first;
    for (let n = 0; n < MAX_ATTEMPTS; n += 1) {
      try {
        return await attempt(current);
      } catch (err) {
        if (!isConflict(err)) throw err;
        await stillValid?.(current);
        await backoff(n);
        current = await this.readStats(pk);
      }
    }
    throw new Error(`partition ${pk}: the domain's figures kept changing; gave up after ${MAX_ATTEMPTS} attempts`);
  }

  /** One item write with its report and figures; returns the item's new ETag. */
  private async submitItemWrite(pk: string, current: StoredStats, before: WorkItem | undefined, write: ItemWrite, itemAction: TransactionAction): Promise<string> {
    const next = restate(current.stats, before, write.item);
    const response = await this.items.submitTransaction([itemAction, ...this.reportActions(pk, write.item, write.report ? [write.report] : []), statsAction(pk, next, current.etag)]);
    return etagAt(response, 0);
  }

  private async submitWithStats(pk: string, current: StoredStats, next: DomainStats, actions: TransactionAction[]): Promise<StoredStats> {
    const response = await this.items.submitTransaction([...actions, statsAction(pk, next, current.etag)]);
    return { stats: next, etag: etagAt(response, actions.length) };
  }

  /**
   * Moves an item between domains: target first, then the source, then the index. (1) The item
   * (with its report and copied reports) is created in the target, with the target's figures;
   * (2) in the source, the item row is marked moved to the target, under the version the caller
   * edited, with the source's figures, in one transaction — the move's point of no return;
   * (3) the index names the target; (4) the marked row and the source's reports are removed.
   * Should the source have changed since the caller read it (another edit or move won), step 1
   * is undone and the move is stale. Until step 3, `get` follows the marked row to the target.
   */
  private async move(before: Versioned<WorkItem>, write: ItemWrite): Promise<Result<Versioned<WorkItem>>> {
    const { item } = write;
    const source = itemPartition(item.tenantId, before.value.domainId);
    const target = itemPartition(item.tenantId, item.domainId);
    const sourceUnchanged = (): Promise<void> => this.unchanged(source, item.id, before.etag);
    const history = await queryRows(this.items, rowKeyRange(source, historyRange(item.id).from, historyRange(item.id).to));
    const copies = history.map((h) => ({ ...columnsOf(h), partitionKey: target, rowKey: h.rowKey ?? '' }));
    await submitInTransactions(this.items, copies.map((c): TransactionAction => ['upsert', c, 'Replace']));
    const reports = write.report ? [write.report] : [];
    const written: { etag: string; reportKeys: string[] } = { etag: '', reportKeys: [] };
    try {
      await this.withRetry(target, await this.readStats(target), async (stats) => {
        const next = restate(stats.stats, undefined, item);
        const reportRows = this.reportActions(target, item, reports);
        const response = await this.items.submitTransaction([['create', this.itemRow(item)], ...reportRows, statsAction(target, next, stats.etag)]);
        written.etag = etagAt(response, 0);
        written.reportKeys = reportRows.map((a) => a[1].rowKey);
        return { stats: next, etag: etagAt(response, reportRows.length + 1) };
      }, sourceUnchanged);
      let marked = '';
      await this.withRetry(source, await this.readStats(source), async (stats) => {
        const next = restate(stats.stats, before.value, undefined);
        const mark: TransactionAction = ['update', { partitionKey: source, rowKey: itemRowKey(item.id), movedTo: item.domainId }, 'Merge', { etag: before.etag }];
        const response = await this.items.submitTransaction([mark, statsAction(source, next, stats.etag)]);
        marked = etagAt(response, 0);
        return { stats: next, etag: etagAt(response, 1) };
      }, sourceUnchanged);
      // Only the move that marked the source names the target in the index.
      await this.indexItem(item);
      await deleteIfUnchanged(this.items, source, itemRowKey(item.id), marked);
      // Each as read: a report copied back here meanwhile (the item moving back) stays.
      await Promise.all(history.map((h) => deleteIfUnchanged(this.items, source, h.rowKey ?? '', requireEtag(typeof h.etag === 'string' ? h.etag : undefined))));
      return ok({ value: item, etag: written.etag });
    } catch (err) {
      if (!(err instanceof StaleWrite)) throw err;
      await this.undoTarget(item, written);
      return stale(item.id);
    }
  }

  /**
   * Takes back what a move that turned out stale wrote in the target (the index was not
   * touched yet): the item and its new report. The copied reports stay: copies of reports kept
   * where the item is, they are the same rows a later move there writes (same keys), and another
   * move of the item may be using them.
   */
  private async undoTarget(item: WorkItem, written: { readonly etag: string; readonly reportKeys: readonly string[] }): Promise<void> {
    if (!written.etag) return;
    const target = itemPartition(item.tenantId, item.domainId);
    await this.retire(target, item.id);
    await submitInTransactions(this.items, written.reportKeys.map((rowKey): TransactionAction => ['delete', { partitionKey: target, rowKey }]));
  }

  /** Removes an item row whatever its version, with the figures of the version it held: marked under its ETag first, then deleted. */
  private async retire(pk: string, id: string): Promise<void> {
    let marked: string | undefined;
    await this.withRetry(pk, await this.readStats(pk), async (stats) => {
      const row = await pointRead(this.items, pk, itemRowKey(id));
      if (!row || isMoved(row)) return stats;
      const next = restate(stats.stats, this.versioned(row).value, undefined);
      const mark: TransactionAction = ['update', { partitionKey: pk, rowKey: itemRowKey(id), movedTo: '' }, 'Merge', { etag: requireEtag(row.etag) }];
      const response = await this.items.submitTransaction([mark, statsAction(pk, next, stats.etag)]);
      marked = etagAt(response, 0);
      return { stats: next, etag: etagAt(response, 1) };
    });
    if (marked) await deleteIfUnchanged(this.items, pk, itemRowKey(id), marked);
  }

  /** Throws `StaleWrite` when the item row is no longer at version `etag` (a retry would not help). */
  private async unchanged(pk: string, id: string, etag: string): Promise<void> {
    const row = await pointRead(this.items, pk, itemRowKey(id));
    if (row?.etag !== etag) throw new StaleWrite();
  }

  private reportActions(pk: string, item: WorkItem, reports: readonly StatusReport[]): TransactionAction[] {
    return reports.map((r): TransactionAction => ['create', row(pk, historyRowKey(item.id, r.at, Math.floor(Math.random() * 10_000)), reportColumns(item, r))]);
  }

  private async indexItem(item: WorkItem): Promise<void> {
    await this.index.upsertEntity({ ...indexKeys(item.tenantId, item.id), domainId: item.domainId }, 'Replace');
  }

  private async read(tenantId: string, domainId: string, id: string): Promise<Versioned<WorkItem> | undefined> {
    const entity = await pointRead(this.items, itemPartition(tenantId, domainId), itemRowKey(id));
    return entity && !isMoved(entity) ? this.versioned(entity) : undefined;
  }

  /** Every read and write of a domain starts here; concurrent callers share one point read (see CoalescedReads). */
  private readStats(pk: string): Promise<StoredStats> {
    return this.statsReads.read(pk, async () => {
      const entity = await pointRead(this.items, pk, STATS_ROW_KEY);
      if (!entity) return { stats: emptyStats() };
      return { stats: statsSchema.parse(JSON.parse(String(entity['stats']))), etag: requireEtag(entity.etag) };
    });
  }

  private itemRow(item: WorkItem) {
    return row(itemPartition(item.tenantId, item.domainId), itemRowKey(item.id), itemCodec.toColumns(item));
  }

  private versioned(entity: Entity): Versioned<WorkItem> {
    return { value: itemCodec.fromRow(this.items.tableName, entity), etag: requireEtag(entity.etag) };
  }
}

/** The most items this instance keeps in memory across cached domain reads (~1 KB each). */
const CACHED_ITEMS = 60_000;

const pageSize = (page: WorkItemPage): number => page.items.length;

/** The most rows Table Storage returns for one request. */
const SERVICE_PAGE_LIMIT = 1000;

/** How long `get` waits for a move under way: up to MOVE_WAITS × MOVE_WAIT_MS. */
const MOVE_WAITS = 20;
const MOVE_WAIT_MS = 50;

/** A source row of a move under way (see `move`): not an item any more. */
const isMoved = (entity: Entity): boolean => typeof entity['movedTo'] === 'string';

/** A write whose precondition (the version the caller edited) no longer holds. */
class StaleWrite extends Error {}

/** Deletes a row if it is still at version `etag`; a row changed or gone since is left alone. */
async function deleteIfUnchanged(client: TableClient, pk: string, rk: string, etag: string): Promise<void> {
  try {
    await client.deleteEntity(pk, rk, { etag });
  } catch (err) {
    if (statusOf(err) !== 412 && statusOf(err) !== 404) throw err;
  }
}

/** The figures row: replaced under its ETag, or created when the domain has none yet. */
function statsAction(pk: string, stats: DomainStats, etag: string | undefined): TransactionAction {
  const entity = row(pk, STATS_ROW_KEY, { stats: JSON.stringify(stats) });
  return etag === undefined ? ['create', entity] : ['update', entity, 'Replace', { etag }];
}

/** 412: a row changed since read; 409: a row created meanwhile; 404: a row removed meanwhile (a move). All mean "read again and retry". */
const isConflict = (err: unknown): boolean => [412, 409, 404].includes(statusOf(err) ?? 0);

const stale = (id: string): Result<never> => fail('CONFLICT.STALE', `The work item ${id} was changed by someone else; reload it and try again.`);

/** The new ETag of the transaction's `index`th row (sub-responses come in the order of the actions). */
const etagAt = (response: { readonly subResponses: readonly { readonly etag?: string }[] }, index: number): string => requireEtag(response.subResponses[index]?.etag);

function requireEtag(etag: string | undefined): string {
  if (!etag) throw new Error('Table Storage returned no etag');
  return etag;
}
