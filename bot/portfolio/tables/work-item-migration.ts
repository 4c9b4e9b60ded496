/**
 * One-off copy of work items from the first layout (table `WorkItems`, PartitionKey = tenant,
 * RowKey = item id) into the per-domain read model (work-item-keys.ts): items, index rows and
 * each domain's `stats` computed from the items it then holds. Like the delivery-key migration,
 * it runs when the tables are opened and a marker row says it is done, so later starts cost one
 * point read.
 *
 * Safe to run twice, and from several starting processes at once: every write is an upsert of
 * the same old content, and each domain's figures are recomputed from the partition's items
 * after they are all written, so whichever process writes last writes the same figures. It runs
 * before the app serves, so no edit can race it (stop processes of the older version first).
 *
 * The old rows are left in place: nothing reads them any more, and they are the way back if the
 * new version must be rolled back. Drop the old table once the new version has settled.
 *
 * The old layout kept no status history, only each item's last status. An item that has one
 * (`statusReportedAt`) gets that status as its first report, so its history chart is not empty
 * after the upgrade: source 'import' (it came from stored data, as a CSV import's does — the
 * contract's `StatusSource` has no other word for it), at `statusReportedAt`, by the item's
 * owner (the old layout did not record who reported; the owner is who reports status). Its row
 * key is fixed by the item and that time (report number 0), so a second run or a second process
 * rewrites the same row instead of adding one.
 */
import type { Logger } from '../../kernel/logger';
import type { WorkItem } from '../domain/portfolio';
import { statsOf } from '../domain/projection';
import { statusReportFor } from '../domain/status-report';
import { type TableClient, type TransactionAction, queryRows, row, rowKeyRange, statusOf, submitInTransactions } from '../../platform/storage/table-client';
import { collectionCodec } from '../../platform/storage/tenant-collection';
import { defineCodec } from '../../platform/storage/codec';
import { workItemSchema } from './schemas';
import { ITEM_RANGE, STATS_ROW_KEY, historyRowKey, indexKeys, itemPartition, itemRowKey } from './work-item-keys';
import { reportColumns } from './item-rows';

const MARKER = { partitionKey: '!meta', rowKey: 'work-items-per-domain-v1' } as const;

const JSON_COLUMNS = ['owner', 'objectives', 'health', 'benefits'] as const;
const oldCodec = collectionCodec<WorkItem>(workItemSchema, [...JSON_COLUMNS]);
const newCodec = defineCodec<WorkItem>({
  schema: workItemSchema,
  jsonColumns: [...JSON_COLUMNS],
  partitionKey: (w) => itemPartition(w.tenantId, w.domainId),
  rowKeys: (w) => [itemRowKey(w.id)],
});

export interface WorkItemTables {
  /** The first layout's table (read only). */
  readonly old: TableClient;
  readonly items: TableClient;
  readonly index: TableClient;
}

/** The item's stored status as its one report, when it has been reported. */
function lastStatus(pk: string, item: WorkItem): TransactionAction[] {
  const at = new Date(item.statusReportedAt ?? Number.NaN);
  // Never reported, or a time that is not one (the old layout did not check): no report to keep.
  if (Number.isNaN(at.getTime())) return [];
  const report = statusReportFor(undefined, item, item.owner, 'import', at);
  return report ? [['upsert', row(pk, historyRowKey(item.id, report.at, 0), reportColumns(item, report)), 'Replace']] : [];
}

/** Copies every old work item into the read model; returns how many it copied (0 once done). */
export async function migrateWorkItems(tables: WorkItemTables, logger?: Logger): Promise<number> {
  try {
    await tables.items.getEntity(MARKER.partitionKey, MARKER.rowKey);
    return 0;
  } catch (err) {
    if (statusOf(err) !== 404) throw err;
  }
  const byPartition = new Map<string, WorkItem[]>();
  for (const entity of await queryRows(tables.old, "PartitionKey ne ''")) {
    let item: WorkItem;
    try {
      item = oldCodec.fromRow(tables.old.tableName, entity);
    } catch (err) {
      logger?.warn({ table: tables.old.tableName, partitionKey: entity.partitionKey, rowKey: entity.rowKey, err }, 'work item migration: skipped a row that is not a work item');
      continue;
    }
    const pk = itemPartition(item.tenantId, item.domainId);
    byPartition.set(pk, [...(byPartition.get(pk) ?? []), item]);
  }
  let copied = 0;
  for (const [pk, items] of byPartition) {
    await submitInTransactions(
      tables.items,
      items.flatMap((i): TransactionAction[] => [['upsert', row(pk, itemRowKey(i.id), newCodec.toColumns(i)), 'Replace'], ...lastStatus(pk, i)]),
    );
    await submitInTransactions(
      tables.index,
      items.map((i): TransactionAction => ['upsert', { ...indexKeys(i.tenantId, i.id), domainId: i.domainId }, 'Replace']),
    );
    // The figures of what the partition holds now (a concurrent run wrote the same items).
    const held = await queryRows(tables.items, rowKeyRange(pk, ITEM_RANGE.from, ITEM_RANGE.to));
    const stats = statsOf(held.map((r) => newCodec.fromRow(tables.items.tableName, r)));
    await tables.items.upsertEntity(row(pk, STATS_ROW_KEY, { stats: JSON.stringify(stats) }), 'Replace');
    copied += items.length;
  }
  await tables.items.upsertEntity({ ...MARKER, doneAt: new Date().toISOString(), copied }, 'Replace');
  if (copied > 0) logger?.info({ table: tables.items.tableName, copied }, 'work items copied to the per-domain layout');
  return copied;
}
