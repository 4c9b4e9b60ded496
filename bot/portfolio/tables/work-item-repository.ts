/**
 * Work items in the per-domain read model (work-item-keys.ts). Every item write is one table
 * transaction with the status report it makes and the domain's `stats` row, the latter guarded
 * by its ETag: when another instance wrote the same domain in between, the transaction fails
 * whole and is retried on fresh figures, so the projection never drifts.
 *
 * Moving an item to another domain spans two partitions, which no transaction can (see `move`):
 * the source row is first marked moved under the edited version (so concurrent edits and moves
 * stay safe), then the target is written, then the index, then the marked row is removed. Crash
 * windows: after the mark, before the target write, the item is hidden and counted in neither
 * domain, its content kept in the marked row (no automatic repair yet: re-save it from that
 * row); after the target write, before the index, `get` waits out then reports it missing
 * while the domain grid shows it; a leftover marked row is invisible and harmless.
 */
import type { Versioned } from '../../kernel/versioned';
import { type Result, fail, invalid, notFound, ok } from '../../kernel/result';
import type { WorkItem } from '../domain/portfolio';
import { type DomainStats, emptyStats, restate } from '../domain/projection';
import type { StatusReport } from '../domain/status-report';
import type { ItemWrite, WorkItemPage, WorkItemRepository } from '../ports';
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
import { statsSchema, statusReportSchema, workItemSchema } from './schemas';

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

type Entity = { readonly partitionKey?: string; readonly rowKey?: string; readonly etag?: string; readonly [column: string]: unknown };

export class TableWorkItemRepository implements WorkItemRepository {
  /** Domain reads, valid while the domain's figures keep their ETag (domain-read-cache.ts). */
  private readonly cache = new DomainReadCache<WorkItemPage>(CACHED_ITEMS);

  constructor(
    private readonly items: TableClient,
    private readonly index: TableClient,
  ) {}

  async get(tenantId: string, id: string): Promise<Versioned<WorkItem> | undefined> {
    // While a move is under way the index may still name the source, whose row is marked moved:
    // look again shortly (a move takes a few round trips). A move cut short by a crash leaves the
    // item hidden, its content kept in the marked row.
    for (let attempt = 0; attempt < MOVE_WAITS; attempt += 1) {
      const domainId = (await this.domainsOf(tenantId, [id])).get(id);
      if (domainId === undefined) return undefined;
      const entity = await pointRead(this.items, itemPartition(tenantId, domainId), itemRowKey(id));
      if (!entity) return undefined;
      if (!isMoved(entity)) return this.versioned(entity);
      await new Promise((resolve) => setTimeout(resolve, MOVE_WAIT_MS));
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

  async pageByDomain(tenantId: string, domainId: string, page: { readonly size: number; readonly continuation?: string }): Promise<Result<WorkItemPage>> {
    const pk = itemPartition(tenantId, domainId);
    const sdkToken = page.continuation === undefined ? undefined : fromPageToken(page.continuation, pk);
    if (sdkToken === null) return invalid('The continuation token is not one this portfolio issued; start again from the first page.');
    const { etag } = await this.readStats(pk);
    return ok(await this.cache.read(`${pk}|${page.size}|${sdkToken ?? ''}`, etag, () => this.readPage(pk, page.size, sdkToken), pageSize));
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
   * Moves an item between domains in three guarded steps: (1) in the source, the item row is
   * marked moved (`movedTo`, under the version the caller edited, so a concurrent edit or move
   * makes this one stale) and the source figures lose it, in one transaction; (2) in the target,
   * the item is created with its report and the target figures; (3) the index points to the
   * target, and the marked row and the source reports are removed.
   */
  private async move(before: Versioned<WorkItem>, write: ItemWrite): Promise<Result<Versioned<WorkItem>>> {
    const { item } = write;
    const source = itemPartition(item.tenantId, before.value.domainId);
    const target = itemPartition(item.tenantId, item.domainId);
    let marked = '';
    try {
      await this.withRetry(source, await this.readStats(source), async (stats) => {
        const next = restate(stats.stats, before.value, undefined);
        const mark: TransactionAction = ['update', { partitionKey: source, rowKey: itemRowKey(item.id), movedTo: item.domainId }, 'Merge', { etag: before.etag }];
        const response = await this.items.submitTransaction([mark, statsAction(source, next, stats.etag)]);
        marked = etagAt(response, 0);
        return { stats: next, etag: etagAt(response, 1) };
      }, () => this.unchanged(source, item.id, before.etag));
    } catch (err) {
      if (err instanceof StaleWrite) return stale(item.id);
      throw err;
    }
    const history = await queryRows(this.items, rowKeyRange(source, historyRange(item.id).from, historyRange(item.id).to));
    await submitInTransactions(
      this.items,
      history.map((h) => ['upsert', { ...columnsOf(h), partitionKey: target, rowKey: h.rowKey ?? '' }, 'Replace'] as TransactionAction),
    );
    let etag = '';
    await this.withRetry(target, await this.readStats(target), async (stats) => {
      const next = restate(stats.stats, undefined, item);
      const actions: TransactionAction[] = [['create', this.itemRow(item)], ...this.reportActions(target, write.item, write.report ? [write.report] : []), statsAction(target, next, stats.etag)];
      const response = await this.items.submitTransaction(actions);
      etag = etagAt(response, 0);
      return { stats: next, etag: etagAt(response, actions.length - 1) };
    });
    await this.indexItem(item);
    await deleteIfUnchanged(this.items, source, itemRowKey(item.id), marked);
    await submitInTransactions(
      this.items,
      history.map((h) => ['delete', { partitionKey: source, rowKey: h.rowKey ?? '' }] as TransactionAction),
    );
    return ok({ value: item, etag });
  }

  /** Throws `StaleWrite` when the item row is no longer at version `etag` (a retry would not help). */
  private async unchanged(pk: string, id: string, etag: string): Promise<void> {
    const row = await pointRead(this.items, pk, itemRowKey(id));
    if (row?.etag !== etag) throw new StaleWrite();
  }

  private reportActions(pk: string, item: WorkItem, reports: readonly StatusReport[]): TransactionAction[] {
    return reports.map((r): TransactionAction => {
      const columns = {
        tenantId: item.tenantId,
        itemId: item.id,
        at: r.at,
        by: JSON.stringify(r.by),
        source: r.source,
        health: JSON.stringify(r.health),
        overall: r.overall,
        stage: r.stage,
        ...(r.benefits ? { benefits: JSON.stringify(r.benefits) } : {}),
        ...(r.note !== undefined ? { note: r.note } : {}),
      };
      return ['create', row(pk, historyRowKey(item.id, r.at, Math.floor(Math.random() * 10_000)), columns)];
    });
  }

  private async indexItem(item: WorkItem): Promise<void> {
    await this.index.upsertEntity({ ...indexKeys(item.tenantId, item.id), domainId: item.domainId }, 'Replace');
  }

  private async read(tenantId: string, domainId: string, id: string): Promise<Versioned<WorkItem> | undefined> {
    const entity = await pointRead(this.items, itemPartition(tenantId, domainId), itemRowKey(id));
    return entity && !isMoved(entity) ? this.versioned(entity) : undefined;
  }

  private async readStats(pk: string): Promise<StoredStats> {
    const entity = await pointRead(this.items, pk, STATS_ROW_KEY);
    if (!entity) return { stats: emptyStats() };
    return { stats: statsSchema.parse(JSON.parse(String(entity['stats']))), etag: requireEtag(entity.etag) };
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

function fromReportRow(table: string, r: Entity): StatusReport {
  const parsed = statusReportSchema.safeParse({
    at: r['at'],
    by: parseJson(r['by']),
    source: r['source'],
    health: parseJson(r['health']),
    overall: r['overall'],
    stage: r['stage'],
    ...(r['benefits'] !== undefined ? { benefits: parseJson(r['benefits']) } : {}),
    ...(r['note'] !== undefined ? { note: r['note'] } : {}),
  });
  if (!parsed.success) throw new Error(`Corrupt status report in table ${table} (${r.partitionKey}/${r.rowKey}): ${parsed.error.message}`);
  return parsed.data;
}

const parseJson = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);

const columnsOf = (entity: Entity): Record<string, unknown> =>
  Object.fromEntries(Object.entries(entity).filter(([k]) => !['partitionKey', 'rowKey', 'etag', 'timestamp'].includes(k) && !k.includes('@odata') && !k.startsWith('odata.')));

async function pointRead(client: TableClient, pk: string, rk: string): Promise<Entity | undefined> {
  try {
    return await client.getEntity<Record<string, unknown>>(pk, rk);
  } catch (err) {
    if (statusOf(err) === 404) return undefined;
    throw err;
  }
}

/** 412: a row changed since read; 409: a row created meanwhile. Both mean "read again and retry". */
const isConflict = (err: unknown): boolean => statusOf(err) === 412 || statusOf(err) === 409;

const stale = (id: string): Result<never> => fail('CONFLICT.STALE', `The work item ${id} was changed by someone else; reload it and try again.`);

/** The new ETag of the transaction's `index`th row (sub-responses come in the order of the actions). */
const etagAt = (response: { readonly subResponses: readonly { readonly etag?: string }[] }, index: number): string => requireEtag(response.subResponses[index]?.etag);

function requireEtag(etag: string | undefined): string {
  if (!etag) throw new Error('Table Storage returned no etag');
  return etag;
}

/**
 * The page token handed to clients: the service's continuation (opaque; Azure and Azurite encode
 * it differently) bound to the partition it continues. The query itself is always confined to
 * the domain's partition, so a forged token cannot read elsewhere; the binding makes a token of
 * another domain, or garbage, a clear 400 instead of a silently wrong page.
 */
function toPageToken(sdkToken: string | undefined, pk: string): string | undefined {
  return sdkToken ? Buffer.from(JSON.stringify({ p: pk, c: sdkToken })).toString('base64url') : undefined;
}

/** The service token of a page token issued for partition `pk`; `null` when it is not one. */
function fromPageToken(token: string, pk: string): string | null {
  if (!/^[A-Za-z0-9_-]{1,4000}$/.test(token)) return null;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (typeof decoded !== 'object' || decoded === null) return null;
    const { p, c } = decoded as Record<string, unknown>;
    return p === pk && typeof c === 'string' && /^[A-Za-z0-9+/=]{1,2000}$/.test(c) ? c : null;
  } catch {
    return null;
  }
}
