/**
 * Tab visits: PartitionKey = tenant id, RowKey = the encoded Entra object id, one row per person
 * who signed in to the tab, so the tenant's visitors are one partition read.
 */
import { z } from 'zod';
import type { TabVisit, TabVisitStore } from '../ports';
import { defineCodec } from '../../platform/storage/codec';
import { encodeKey } from '../../platform/storage/keys';
import { ensureTable, odata, openTable, queryRows, row, type TableClient } from '../../platform/storage/table-client';

const visitSchema: z.ZodType<TabVisit> = z.object({ tenantId: z.string().min(1), userId: z.string().min(1), name: z.string(), seenAt: z.string().datetime() });

const codec = defineCodec<TabVisit>({
  schema: visitSchema,
  jsonColumns: [],
  partitionKey: (v) => encodeKey(v.tenantId),
  rowKeys: (v) => [encodeKey(v.userId)],
});

class TableTabVisitStore implements TabVisitStore {
  constructor(private readonly client: TableClient) {}

  async record(visit: TabVisit): Promise<void> {
    await this.client.upsertEntity(row(encodeKey(visit.tenantId), encodeKey(visit.userId), codec.toColumns(visit)), 'Replace');
  }

  async list(tenantId: string): Promise<TabVisit[]> {
    const rows = await queryRows(this.client, odata`PartitionKey eq ${encodeKey(tenantId)}`);
    return rows.map((r) => codec.fromRow(this.client.tableName, r));
  }
}

/** Opens (creating once) the `${prefix}TabVisits` table. */
export async function createTabVisitStore(opts: { readonly connectionString: string; readonly tablePrefix: string }): Promise<TabVisitStore> {
  const client = openTable(opts.connectionString, `${opts.tablePrefix}TabVisits`);
  await ensureTable(client);
  return new TableTabVisitStore(client);
}
