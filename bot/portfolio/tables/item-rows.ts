/** Reading the read model's rows back: point reads, status-report rows, and a row's own columns. */
import { SYSTEM_COLUMNS } from '../../platform/storage/codec';
import type { Columns } from '../../platform/storage/codec';
import { type TableClient, statusOf } from '../../platform/storage/table-client';
import type { WorkItem } from '../domain/portfolio';
import type { StatusReport } from '../domain/status-report';
import { statusReportSchema } from './schemas';

/** A row as the Tables client returns it. */
export type Entity = { readonly partitionKey?: string; readonly rowKey?: string; readonly etag?: string; readonly [column: string]: unknown };

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
