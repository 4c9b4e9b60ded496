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
import { randomUUID } from 'node:crypto';
import type { Versioned } from '../../kernel/versioned';
import { type Result, ok } from '../../kernel/result';
import type { WorkItem } from '../domain/portfolio';
import { restate } from '../domain/projection';
import type { ItemWrite } from '../ports';
import { type TableClient, type TransactionAction, queryRows, requireEtag, row, rowKeyRange, statusOf, submitInTransactions } from '../../platform/storage/table-client';
import type { DomainFigures } from './domain-figures';
import { columnsOf, itemRow, pointRead, reportRow } from './item-rows';
import type { Intent, MoveOptions, Settled } from './move-intent';
import { MoveRepair } from './move-repair';
import { StaleWrite, deleteIfUnchanged, etagAt, stale, statsAction } from './row-writes';
import { MOVES_PARTITION, historyRange, intentRowKey, itemPartition, itemRowKey, movePointerKey } from './work-item-keys';

export class ItemMoves {
  private readonly repair: MoveRepair;

  constructor(
    private readonly items: TableClient,
    private readonly index: TableClient,
    private readonly figures: DomainFigures,
    options: MoveOptions = {},
  ) {
    this.repair = new MoveRepair(items, index, figures, options);
  }

  /** Moves `before` to the domain `write.item` names (see the file's header for the steps). */
  async move(before: Versioned<WorkItem>, write: ItemWrite): Promise<Result<Versioned<WorkItem>>> {
    const { item } = write;
    const source = itemPartition(item.tenantId, before.value.domainId);
    const target = itemPartition(item.tenantId, item.domainId);
    const reportRows = (write.report ? [write.report] : []).map((r) => reportRow(target, item, r));
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
      const settled = await this.repair.settle(source, item.id, 'if-interrupted');
      return settled === 'pending' || settled === 'moved' ? stale(item.id) : this.move(before, write);
    }
    await this.repair.step('intent', item.id);
    if (!(await this.repair.clearTarget(target, item.id))) {
      await this.repair.settle(source, item.id, 'now', intent.moveId);
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
      await this.figures.withRetry(target, await this.figures.read(target), async (stats) => {
        const next = restate(stats.stats, undefined, item);
        const response = await this.items.submitTransaction([['create', { ...itemRow(item), arrivedBy: intent.moveId }], ...reportRows.map((r): TransactionAction => ['create', r]), statsAction(target, next, stats.etag)]);
        written = etagAt(response, 0);
        return { stats: next, etag: etagAt(response, reportRows.length + 1) };
      }, stillMine);
      await this.repair.step('target', item.id);
      await this.figures.withRetry(source, await this.figures.read(source), async (stats) => {
        const next = restate(stats.stats, before.value, undefined);
        const response = await this.items.submitTransaction([
          ['update', { partitionKey: source, rowKey: itemRowKey(item.id), movedTo: item.domainId }, 'Merge', { etag: before.etag }],
          ['update', { partitionKey: source, rowKey: intentRowKey(item.id), state: 'marked' }, 'Merge', { etag: intentEtag }],
          statsAction(source, next, stats.etag),
        ]);
        intentEtag = etagAt(response, 1);
        return { stats: next, etag: etagAt(response, 2) };
      }, stillMine);
      await this.repair.step('mark', item.id);
    } catch (err) {
      if (!(err instanceof StaleWrite)) throw err;
      await this.repair.settle(source, item.id, 'now', intent.moveId);
      // A repair that took this move for interrupted may have undone it before its target write:
      // take back that write too (the intent, settled, is no longer at this version and stays).
      if (written) await this.repair.undo(intent, intentEtag);
      await deleteIfUnchanged(this.index, pointer.partitionKey, pointer.rowKey, pointerEtag);
      return stale(item.id);
    }
    await this.repair.rollForward(source, { ...intent, state: 'marked' }, intentEtag, history);
    // Unless a later move of the item from here wrote it again.
    await deleteIfUnchanged(this.index, pointer.partitionKey, pointer.rowKey, pointerEtag);
    return ok({ value: item, etag: written });
  }

  /** Finishes or undoes the move recorded in `source` for item `id`, if any (move-repair.ts). */
  settle(source: string, id: string, when: 'if-interrupted' | 'now', moveId?: string): Promise<Settled> {
    return this.repair.settle(source, id, when, moveId);
  }

  /** Repairs every interrupted move the pointers name (at start); returns what it did with each. */
  repairAll(): Promise<Settled[]> {
    return this.repair.repairAll();
  }
}
