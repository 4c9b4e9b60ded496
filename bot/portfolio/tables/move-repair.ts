/**
 * Repairing a move a crash interrupted (item-move.ts has the steps): its intent's state says
 * what to do. `begun` is undone once older than the grace period (its mover, if still alive,
 * fails its mark and gives up); `marked` is rolled forward whatever its age; `undo` is finished.
 * Every step is idempotent and guarded by ETags, so any number of processes may repair the same
 * move at once. The mover uses the same steps for its own last ones.
 */
import { z } from 'zod';
import { restate } from '../domain/projection';
import { type TableClient, type TransactionAction, isConflict, odata, queryRows, requireEtag, rowKeyRange, statusOf } from '../../platform/storage/table-client';
import type { DomainFigures } from './domain-figures';
import { type Entity, columnsOf, pointRead, versionedItem } from './item-rows';
import { type Intent, type MoveOptions, type MoveStep, type Settled, MOVE_GRACE_MS, intentSchema } from './move-intent';
import { deleteIfUnchanged, etagAt, statsAction } from './row-writes';
import { MOVES_PARTITION, historyRange, indexKeys, intentRowKey, itemPartition, itemRowKey } from './work-item-keys';

export class MoveRepair {
  private readonly graceMs: number;

  constructor(
    private readonly items: TableClient,
    private readonly index: TableClient,
    private readonly figures: DomainFigures,
    private readonly options: MoveOptions = {},
  ) {
    this.graceMs = options.graceMs ?? MOVE_GRACE_MS;
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
  async clearTarget(target: string, id: string): Promise<boolean> {
    const found = await pointRead(this.items, target, itemRowKey(id));
    if (!found) return true;
    if (typeof found['movedTo'] !== 'string') return false;
    if (found['movedTo'] !== '') await this.settle(target, id, 'if-interrupted');
    else await deleteIfUnchanged(this.items, target, itemRowKey(id), requireEtag(found.etag));
    return (await pointRead(this.items, target, itemRowKey(id))) === undefined;
  }

  /** Steps 3 and 4: the index names the target, and the source keeps nothing of the item. */
  async rollForward(source: string, intent: Intent, intentEtag: string, history?: readonly Entity[]): Promise<void> {
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
  async undo(intent: Intent, intentEtag: string): Promise<void> {
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
    await this.figures.withRetry(pk, await this.figures.read(pk), async (stats) => {
      const found = await pointRead(this.items, pk, itemRowKey(id));
      if (!found || found['arrivedBy'] !== moveId || typeof found['movedTo'] === 'string') {
        marked = found?.['movedTo'] === '' ? requireEtag(found.etag) : undefined;
        return stats;
      }
      const next = restate(stats.stats, versionedItem(this.items.tableName, found).value, undefined);
      const mark: TransactionAction = ['update', { partitionKey: pk, rowKey: itemRowKey(id), movedTo: '' }, 'Merge', { etag: requireEtag(found.etag) }];
      const response = await this.items.submitTransaction([mark, statsAction(pk, next, stats.etag)]);
      marked = etagAt(response, 0);
      return { stats: next, etag: etagAt(response, 1) };
    });
    if (marked) await deleteIfUnchanged(this.items, pk, itemRowKey(id), marked);
  }

  async step(step: MoveStep, itemId: string): Promise<void> {
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
