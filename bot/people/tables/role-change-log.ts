/**
 * Role changes in Table Storage, append-only: PartitionKey = tenant id, RowKey = inverted time
 * then the change's id, so a partition read in key order is newest first and a page ends where
 * the next begins. Nothing here updates or deletes a change.
 */
import type { RoleChange } from '../domain/role-change';
import type { RoleChangeLog, RoleChangePage } from '../ports';
import { defineCodec } from '../../platform/storage/codec';
import { SEPARATOR, encodeKey } from '../../platform/storage/keys';
import { type TableClient, ensureTable, odata, openTable, row } from '../../platform/storage/table-client';
import { roleChangeSchema } from './schemas';

/** Far enough ahead that every real time inverts to a positive number of the same width. */
const LATEST_MS = 9_999_999_999_999;
const invertedTime = (iso: string): string => String(LATEST_MS - Date.parse(iso)).padStart(13, '0');
const rowKeyOf = (c: Pick<RoleChange, 'at' | 'id'>): string => invertedTime(c.at) + SEPARATOR + encodeKey(c.id);
/** The row keys this log writes, and so the only continuations it accepts. */
const ROW_KEY = /^\d{13}\.[~A-Za-z0-9_-]{1,300}$/;

const codec = defineCodec<RoleChange>({
  schema: roleChangeSchema,
  jsonColumns: ['by', 'subject', 'granted', 'removed'],
  partitionKey: (c) => encodeKey(c.tenantId),
  rowKeys: (c) => [rowKeyOf(c)],
});

export class TableRoleChangeLog implements RoleChangeLog {
  constructor(private readonly client: TableClient) {}

  async append(change: RoleChange): Promise<void> {
    await this.client.createEntity(row(encodeKey(change.tenantId), rowKeyOf(change), codec.toColumns(change)));
  }

  async page(tenantId: string, limit: number, continuation?: string): Promise<RoleChangePage | undefined> {
    if (continuation !== undefined && !ROW_KEY.test(continuation)) return undefined;
    const pk = encodeKey(tenantId);
    const filter = continuation === undefined ? odata`PartitionKey eq ${pk}` : odata`PartitionKey eq ${pk} and RowKey gt ${continuation}`;
    // One more than asked tells whether older changes remain, without a second request.
    const pages = this.client.listEntities<Record<string, unknown>>({ queryOptions: { filter } }).byPage({ maxPageSize: limit + 1 });
    const rows: Record<string, unknown>[] = [];
    for await (const page of pages) {
      rows.push(...page);
      if (rows.length > limit) break;
    }
    const changes = rows.slice(0, limit).map((r) => codec.fromRow(this.client.tableName, r));
    const last = changes.at(-1);
    return rows.length > limit && last ? { changes, continuation: rowKeyOf(last) } : { changes };
  }
}

/** Opens (creating once) the `${prefix}RoleChanges` table. */
export async function createRoleChangeLog(opts: { readonly connectionString: string; readonly tablePrefix: string }): Promise<TableRoleChangeLog> {
  const client = openTable(opts.connectionString, `${opts.tablePrefix}RoleChanges`);
  await ensureTable(client);
  return new TableRoleChangeLog(client);
}
