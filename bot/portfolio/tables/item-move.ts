/**
 * Moving a work item to another domain, and repairing a move a crash interrupted. A move spans
 * two partitions, which no transaction can, so it goes in steps, each recorded where the next
 * process will look:
 *
 * 0. An intent row (`move.<id>`) is created in the source partition: which item, from and to
 *    which domain, the version the caller edited, when, and the row keys of the report the move
 *    will write. While it exists, no other move of the item from that domain starts. A pointer
 *    to it in the index table's `!moves` partition, written first, lets a start find it.
 * 1. The item (with its report, and copies of its reports) is created in the target, with the
 *    target's figures.
 * 2. In ONE source transaction: the item row is marked moved to the target under the version the
 *    caller edited, the intent is marked under its own ETag, and the source's figures change —
 *    the point of no return. Of a move and a concurrent edit or move, one is refused as stale.
 * 3. The index names the target (only if it still names the source).
 * 4. The source's reports and the marked row are removed, then the intent, then its pointer.
 *
 * A crash leaves the intent, and its state says what to do. `begun` (the mark never happened;
 * the item may show in both domains): undo — the intent is set to `undo` under its ETag (so a
 * mover still alive fails its mark and gives up), the target copy is retired with the target's
 * figures and the move's report removed, then the intent. `marked`: roll forward — steps 3 and 4.
 * Every step is idempotent and guarded by ETags, so any number of processes may repair the same
 * move at once. A `begun` intent younger than the grace period belongs to a move under way and is
 * left alone; a `marked` one is finished whatever its age (that is what its mover does next).
 * Repair runs at start (`repairAll`, from the pointers), when `get` meets a marked row, and when a
 * move meets the intent of an earlier one.
 */
import { z } from 'zod';
import { randomUUID } from 'node:crypto';
import type { Versioned } from '../../kernel/versioned';
import { type Result, ok } from '../../kernel/result';
import type { WorkItem } from '../domain/portfolio';
import { restate } from '../domain/projection';
import type { ItemWrite } from '../ports';
import { type Row, type TableClient, type TransactionAction, odata, queryRows, row, rowKeyRange, statusOf, submitInTransactions } from '../../platform/storage/table-client';
import { type Entity, columnsOf, pointRead, reportColumns } from './item-rows';
import { type StoredStats, StaleWrite, deleteIfUnchanged, etagAt, isConflict, requireEtag, stale, statsAction } from './row-writes';
import { MOVES_PARTITION, historyRange, historyRowKey, indexKeys, intentRowKey, itemPartition, itemRowKey, movePointerKey } from './work-item-keys';

/** The steps of a move, in order; `afterStep` is told each as it completes. */
export type MoveStep = 'intent' | 'target' | 'mark' | 'index' | 'source';

export interface MoveOptions {
  /** How old an unmarked move must be before another process takes it as interrupted and undoes it (default 60 s). */
  readonly graceMs?: number;
  /**
   * Called after each step of a move or repair. Whatever it throws stops the work there, as a crash
   * would: what was written stays, and nothing after it is done. For operations' fault drills and tests.
   */
  readonly afterStep?: (step: MoveStep, itemId: string) => void | Promise<void>;
}

/** What moves need of the repository: its figures (read, and retried on conflict) and its rows. */
export interface MoveRows {
  readStats(pk: string): Promise<StoredStats>;
  withRetry(pk: string, first: StoredStats, attempt: (s: StoredStats) => Promise<StoredStats>, stillValid?: (tried: StoredStats) => Promise<void>): Promise<StoredStats>;
  itemRow(item: WorkItem): Row;
  versioned(entity: Entity): Versioned<WorkItem>;
}

/** How long an unmarked move is taken to be under way, unless `graceMs` says otherwise. */
export const MOVE_GRACE_MS = 60_000;

const intentSchema = z.object({
  moveId: z.string(),
  tenantId: z.string(),
  itemId: z.string(),
  from: z.string(),
  to: z.string(),
  /** The version the caller edited (the mark's precondition), for whoever reads the row by hand. */
  sourceEtag: z.string(),
  at: z.string(),
  state: z.enum(['begun', 'marked', 'undo']),
  reportKeys: z.string(),
});
type Intent = z.infer<typeof intentSchema>;

/** What a repair did with one item's intent. */
export type Settled = 'none' | 'pending' | 'moved' | 'undone';

export class ItemMoves {
  private readonly graceMs: number;

  constructor(
    private readonly items: TableClient,
    private readonly index: TableClient,
    private readonly rows: MoveRows,
    private readonly options: MoveOptions = {},
  ) {
    this.graceMs = options.graceMs ?? MOVE_GRACE_MS;
  }

  /** Moves `before` to the domain `write.item` names (see the file's header for the steps). */
  async move(before: Versioned<WorkItem>, write: ItemWrite): Promise<Result<Versioned<WorkItem>>> {
    const { item } = write;
    const source = itemPartition(item.tenantId, before.value.domainId);
    const target = itemPartition(item.tenantId, item.domainId);
    const reportRows = (write.report ? [write.report] : []).map((r) => row(target, historyRowKey(item.id, r.at, Math.floor(Math.random() * 10_000)), reportColumns(item, r)));
    const intent: Intent = {
      moveId: randomUUID(),
      tenantId: item.tenantId,
      itemId: item.id,
      from: before.value.domainId,
      to: item.domainId,
      sourceEtag: before.etag,
      at: new Date().toISOString(),
      state: 'begun',
      reportKeys: JSON.stringify(reportRows.map((r) => r.rowKey)),
    };
    const pointer = { partitionKey: MOVES_PARTITION, rowKey: movePointerKey(source, item.id) };
    const pointerEtag = requireEtag((await this.index.upsertEntity({ ...pointer, source, itemId: item.id }, 'Replace')).etag);
    let intentEtag: string;
    try {
      intentEtag = requireEtag((await this.items.createEntity(row(source, intentRowKey(item.id), intent))).etag);
    } catch (err) {
      if (statusOf(err) !== 409) throw err;
      // Another move of the item from this domain is under way (the caller's edit is then stale),
      // or was interrupted: repaired, the caller's version is either still current or stale.
      const settled = await this.settle(source, item.id, 'if-interrupted');
      return settled === 'pending' || settled === 'moved' ? stale(item.id) : this.move(before, write);
    }
    await this.step('intent', item.id);
    if (!(await this.clearTarget(target, item.id))) {
      await this.settle(source, item.id, 'now', intent.moveId);
      await deleteIfUnchanged(this.index, pointer.partitionKey, pointer.rowKey, pointerEtag);
      return stale(item.id);
    }

    const stillMine = async (): Promise<void> => {
      const [itemRow, intentRow] = await Promise.all([pointRead(this.items, source, itemRowKey(item.id)), pointRead(this.items, source, intentRowKey(item.id))]);
      if (itemRow?.etag !== before.etag || intentRow?.etag !== intentEtag) throw new StaleWrite();
    };
    const range = historyRange(item.id);
    const history = await queryRows(this.items, rowKeyRange(source, range.from, range.to));
    await submitInTransactions(this.items, history.map((h): TransactionAction => ['upsert', { ...columnsOf(h), partitionKey: target, rowKey: h.rowKey ?? '' }, 'Replace']));
    let written = '';
    try {
      await this.rows.withRetry(target, await this.rows.readStats(target), async (stats) => {
        const next = restate(stats.stats, undefined, item);
        const response = await this.items.submitTransaction([['create', { ...this.rows.itemRow(item), arrivedBy: intent.moveId }], ...reportRows.map((r): TransactionAction => ['create', r]), statsAction(target, next, stats.etag)]);
        written = etagAt(response, 0);
        return { stats: next, etag: etagAt(response, reportRows.length + 1) };
      }, stillMine);
      await this.step('target', item.id);
      await this.rows.withRetry(source, await this.rows.readStats(source), async (stats) => {
        const next = restate(stats.stats, before.value, undefined);
        const response = await this.items.submitTransaction([
          ['update', { partitionKey: source, rowKey: itemRowKey(item.id), movedTo: item.domainId }, 'Merge', { etag: before.etag }],
          ['update', { partitionKey: source, rowKey: intentRowKey(item.id), state: 'marked' }, 'Merge', { etag: intentEtag }],
          statsAction(source, next, stats.etag),
        ]);
        intentEtag = etagAt(response, 1);
        return { stats: next, etag: etagAt(response, 2) };
      }, stillMine);
      await this.step('mark', item.id);
    } catch (err) {
      if (!(err instanceof StaleWrite)) throw err;
      await this.settle(source, item.id, 'now', intent.moveId);
      // A repair that took this move for interrupted may have undone it before its target write:
      // take back that write too (the intent, settled, is no longer at this version and stays).
      if (written) await this.undo(intent, intentEtag);
      await deleteIfUnchanged(this.index, pointer.partitionKey, pointer.rowKey, pointerEtag);
      return stale(item.id);
    }
    await this.rollForward(source, { ...intent, state: 'marked' }, intentEtag, history);
    // Unless a later move of the item from here wrote it again.
    await deleteIfUnchanged(this.index, pointer.partitionKey, pointer.rowKey, pointerEtag);
    return ok({ value: item, etag: written });
  }

  /**
   * Finishes or undoes the move recorded in `source` for item `id`, if any. `if-interrupted`
   * leaves an unmarked move younger than the grace period alone; `now` undoes it at once (its
   * own mover, refused as stale). With `moveId`, only that move is touched.
   */
  async settle(source: string, id: string, when: 'if-interrupted' | 'now', moveId?: string): Promise<Settled> {
    for (;;) {
      const found = await pointRead(this.items, source, intentRowKey(id));
      if (!found) return 'none';
      const intent = intentSchema.parse(columnsOf(found));
      if (moveId !== undefined && intent.moveId !== moveId) return 'none';
      const etag = requireEtag(found.etag);
      if (intent.state === 'marked') {
        await this.rollForward(source, intent, etag);
        return 'moved';
      }
      if (intent.state === 'undo') {
        await this.undo(intent, etag);
        return 'undone';
      }
      if (when === 'if-interrupted' && Date.now() - Date.parse(intent.at) < this.graceMs) return 'pending';
      let undoing: string;
      try {
        undoing = requireEtag((await this.items.updateEntity({ partitionKey: source, rowKey: intentRowKey(id), state: 'undo' }, 'Merge', { etag })).etag);
      } catch (err) {
        // Its mover marked it, or another repair took it, meanwhile: look again.
        if (!isConflict(err)) throw err;
        continue;
      }
      await this.undo({ ...intent, state: 'undo' }, undoing);
      return 'undone';
    }
  }

  /**
   * Repairs every interrupted move the pointers name (at start); returns what it did with each.
   * A pointer whose move is settled goes, under the version read: rewritten by a new move
   * meanwhile, it stays.
   */
  async repairAll(): Promise<Settled[]> {
    const pointers = await queryRows(this.index, odata`PartitionKey eq ${MOVES_PARTITION}`);
    const done: Settled[] = [];
    for (const p of pointers) {
      const settled = await this.settle(String(p['source']), String(p['itemId']), 'if-interrupted');
      if (settled !== 'pending') await deleteIfUnchanged(this.index, MOVES_PARTITION, p.rowKey ?? '', requireEtag(typeof p.etag === 'string' ? p.etag : undefined));
      done.push(settled);
    }
    return done;
  }

  private async livesIn(pk: string, id: string): Promise<boolean> {
    const found = await pointRead(this.items, pk, itemRowKey(id));
    return found !== undefined && typeof found['movedTo'] !== 'string';
  }

  /**
   * Whether the target can take the item: a row of it left there by an earlier move out of the
   * target that was interrupted (marked: finished now) or by an interrupted retire (out of the
   * figures already: removed) is cleared; a live row means the item is there already.
   */
  private async clearTarget(target: string, id: string): Promise<boolean> {
    const found = await pointRead(this.items, target, itemRowKey(id));
    if (!found) return true;
    if (typeof found['movedTo'] !== 'string') return false;
    if (found['movedTo'] !== '') await this.settle(target, id, 'if-interrupted');
    else await deleteIfUnchanged(this.items, target, itemRowKey(id), requireEtag(found.etag));
    return (await pointRead(this.items, target, itemRowKey(id))) === undefined;
  }

  /** Steps 3 and 4: the index names the target, and the source keeps nothing of the item. */
  private async rollForward(source: string, intent: Intent, intentEtag: string, history?: readonly Entity[]): Promise<void> {
    const marked = await pointRead(this.items, source, itemRowKey(intent.itemId));
    // The item lives in the source again (moved back since): its reports there are its own, and the index names it rightly.
    if (marked && marked['movedTo'] !== intent.to) return deleteIfUnchanged(this.items, source, intentRowKey(intent.itemId), intentEtag);
    const keys = indexKeys(intent.tenantId, intent.itemId);
    const named = await pointRead(this.index, keys.partitionKey, keys.rowKey);
    // Only while the index names the source, and the target holds the item: a later move on from
    // the target, or back to the source, is not undone.
    const arrived = marked !== undefined || (await this.livesIn(itemPartition(intent.tenantId, intent.to), intent.itemId));
    if (arrived && named?.['domainId'] === intent.from) await ignoreConflict(this.index.updateEntity({ ...keys, domainId: intent.to }, 'Replace', { etag: requireEtag(named.etag) }));
    else if (arrived && !named) await ignoreConflict(this.index.createEntity({ ...keys, domainId: intent.to }));
    await this.step('index', intent.itemId);
    const range = historyRange(intent.itemId);
    const reports = history ?? (await queryRows(this.items, rowKeyRange(source, range.from, range.to)));
    // Each as read, before the marked row goes (until then the item cannot move back here): a
    // report copied back here by a later move keeps its new version and stays.
    await Promise.all(reports.map((h) => deleteIfUnchanged(this.items, source, h.rowKey ?? '', requireEtag(typeof h.etag === 'string' ? h.etag : undefined))));
    if (marked) await deleteIfUnchanged(this.items, source, itemRowKey(intent.itemId), requireEtag(marked.etag));
    await this.step('source', intent.itemId);
    await deleteIfUnchanged(this.items, source, intentRowKey(intent.itemId), intentEtag);
  }

  /**
   * Takes back what an unmarked move wrote in the target: the item copy (with the target's
   * figures) and its new report. Copied reports stay: they are copies of the reports kept where
   * the item is, the same rows (same keys) a later move there writes.
   */
  private async undo(intent: Intent, intentEtag: string): Promise<void> {
    const target = itemPartition(intent.tenantId, intent.to);
    await this.retire(target, intent.itemId, intent.moveId);
    const reportKeys = z.array(z.string()).parse(JSON.parse(intent.reportKeys));
    await Promise.all(reportKeys.map((rk) => deleteIfUnchanged(this.items, target, rk, '*')));
    await deleteIfUnchanged(this.items, itemPartition(intent.tenantId, intent.from), intentRowKey(intent.itemId), intentEtag);
  }

  /**
   * Removes the item copy that move `moveId` wrote, with the figures of the version it holds:
   * marked (`movedTo` empty) under its ETag with the figures, then deleted. A row of another
   * move (the item arrived for good) is left alone; a row left marked by an earlier retire is
   * just deleted.
   */
  private async retire(pk: string, id: string, moveId: string): Promise<void> {
    let marked: string | undefined;
    await this.rows.withRetry(pk, await this.rows.readStats(pk), async (stats) => {
      const found = await pointRead(this.items, pk, itemRowKey(id));
      if (!found || found['arrivedBy'] !== moveId || typeof found['movedTo'] === 'string') {
        marked = found?.['movedTo'] === '' ? requireEtag(found.etag) : undefined;
        return stats;
      }
      const next = restate(stats.stats, this.rows.versioned(found).value, undefined);
      const mark: TransactionAction = ['update', { partitionKey: pk, rowKey: itemRowKey(id), movedTo: '' }, 'Merge', { etag: requireEtag(found.etag) }];
      const response = await this.items.submitTransaction([mark, statsAction(pk, next, stats.etag)]);
      marked = etagAt(response, 0);
      return { stats: next, etag: etagAt(response, 1) };
    });
    if (marked) await deleteIfUnchanged(this.items, pk, itemRowKey(id), marked);
  }

  private async step(step: MoveStep, itemId: string): Promise<void> {
    await this.options.afterStep?.(step, itemId);
  }
}

/** Runs a conditional write whose refusal means another process did the same or more. */
async function ignoreConflict(write: Promise<unknown>): Promise<void> {
  try {
    await write;
  } catch (err) {
    if (statusOf(err) !== 412 && statusOf(err) !== 409 && statusOf(err) !== 404) throw err;
  }
}
