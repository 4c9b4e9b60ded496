/**
 * Saved views in Table Storage: PartitionKey = tenant + user (`compositeKey`), RowKey = view id,
 * one row per view. A person's views are one partition, so listing them is one partition read
 * and no query can reach another person's or another tenant's views.
 */
import type { SavedView } from '../domain/saved-view';
import type { SavedViewStore } from '../ports';
import { defineCodec } from '../../platform/storage/codec';
import { compositeKey, encodeKey } from '../../platform/storage/keys';
import { type TableClient, ensureTable, odata, openTable, queryRows, row, statusOf } from '../../platform/storage/table-client';
import { savedViewSchema } from './schemas';

const partitionOf = (tenantId: string, userId: string): string => compositeKey(tenantId, userId);

const codec = defineCodec<SavedView>({
  schema: savedViewSchema,
  jsonColumns: [],
  partitionKey: (v) => partitionOf(v.tenantId, v.userId),
  rowKeys: (v) => [encodeKey(v.id)],
});

export class TableSavedViewStore implements SavedViewStore {
  constructor(private readonly client: TableClient) {}

  async list(tenantId: string, userId: string): Promise<SavedView[]> {
    const rows = await queryRows(this.client, odata`PartitionKey eq ${partitionOf(tenantId, userId)}`);
    return rows.map((r) => codec.fromRow(this.client.tableName, r));
  }

  async add(view: SavedView): Promise<void> {
    await this.client.createEntity(row(partitionOf(view.tenantId, view.userId), encodeKey(view.id), codec.toColumns(view)));
  }

  async remove(tenantId: string, userId: string, id: string): Promise<boolean> {
    try {
      await this.client.deleteEntity(partitionOf(tenantId, userId), encodeKey(id));
      return true;
    } catch (err) {
      if (statusOf(err) === 404) return false;
      throw err;
    }
  }
}

/** Opens (creating once) the `${prefix}SavedViews` table. */
export async function createSavedViewStore(opts: { readonly connectionString: string; readonly tablePrefix: string }): Promise<SavedViewStore> {
  const client = openTable(opts.connectionString, `${opts.tablePrefix}SavedViews`);
  await ensureTable(client);
  return new TableSavedViewStore(client);
}
