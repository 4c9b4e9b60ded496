/** The read model's item and status-report rows, written and read back: point reads, and a row's own columns. */
import type { Versioned } from '../../kernel/versioned';
import { SYSTEM_COLUMNS, defineCodec } from '../../platform/storage/codec';
import type { Columns } from '../../platform/storage/codec';
import { type Row, type TableClient, type TransactionAction, requireEtag, row, statusOf } from '../../platform/storage/table-client';
import type { WorkItem } from '../domain/portfolio';
import type { StatusReport } from '../domain/status-report';
import { statusReportSchema, workItemSchema } from './schemas';
import { historyRowKey, itemPartition, itemRowKey } from './work-item-keys';

/** A row as the Tables client returns it. */
export type Entity = { readonly partitionKey?: string; readonly rowKey?: string; readonly etag?: string; readonly [column: string]: unknown };

const itemCodec = defineCodec<WorkItem>({
  schema: workItemSchema,
  jsonColumns: ['owner', 'objectives', 'health', 'benefits'],
  partitionKey: (w) => itemPartition(w.tenantId, w.domainId),
  rowKeys: (w) => [itemRowKey(w.id)],
});

/** The item's row in its domain's partition. */
export const itemRow = (item: WorkItem): Row => row(itemPartition(item.tenantId, item.domainId), itemRowKey(item.id), itemCodec.toColumns(item));

/** An item row read back, checked against its schema, with its version. */
export const versionedItem = (table: string, entity: Entity): Versioned<WorkItem> => ({ value: itemCodec.fromRow(table, entity), etag: requireEtag(entity.etag) });

/** A source row of a move under way (item-move.ts): not an item any more. */
export const isMoved = (entity: Entity): boolean => typeof entity['movedTo'] === 'string';

/** A status report's `hist.` row in partition `pk`; the random suffix keeps two reports of one instant apart. */
export const reportRow = (pk: string, item: WorkItem, r: StatusReport): Row => row(pk, historyRowKey(item.id, r.at, Math.floor(Math.random() * 10_000)), reportColumns(item, r));

/** Creating the reports' rows, for a transaction. */
export const reportActions = (pk: string, item: WorkItem, reports: readonly StatusReport[]): TransactionAction[] => reports.map((r): TransactionAction => ['create', reportRow(pk, item, r)]);

/** The columns of a status report's `hist.` row (read back by `fromReportRow`). */
export function reportColumns(item: Pick<WorkItem, 'tenantId' | 'id'>, r: StatusReport): Columns {
  return {
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
    ...(r.checkInId !== undefined ? { checkInId: r.checkInId } : {}),
  };
}

/** A stored status report, checked against its schema (a hand-edited row fails loudly, naming itself). */
export function fromReportRow(table: string, r: Entity): StatusReport {
  const parsed = statusReportSchema.safeParse({
    at: r['at'],
    by: parseJson(r['by']),
    source: r['source'],
    health: parseJson(r['health']),
    overall: r['overall'],
    stage: r['stage'],
    ...(r['benefits'] !== undefined ? { benefits: parseJson(r['benefits']) } : {}),
    ...(r['note'] !== undefined ? { note: r['note'] } : {}),
    ...(r['checkInId'] !== undefined ? { checkInId: r['checkInId'] } : {}),
  });
  if (!parsed.success) throw new Error(`Corrupt status report in table ${table} (${r.partitionKey}/${r.rowKey}): ${parsed.error.message}`);
  return parsed.data;
}

const parseJson = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);

/** A row's own columns, without the service's (keys, ETag, timestamp, OData annotations). */
export const columnsOf = (entity: Entity): Record<string, unknown> =>
  Object.fromEntries(Object.entries(entity).filter(([k]) => !SYSTEM_COLUMNS.has(k) && !k.includes('@odata') && !k.startsWith('odata.')));

/** One row, or undefined when there is none. */
export async function pointRead(client: TableClient, pk: string, rk: string): Promise<Entity | undefined> {
  try {
    return await client.getEntity<Record<string, unknown>>(pk, rk);
  } catch (err) {
    if (statusOf(err) === 404) return undefined;
    throw err;
  }
}
