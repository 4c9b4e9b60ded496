/**
 * Tenants. Tenant first here too: PartitionKey = tenant id, and a fixed RowKey, so the
 * tenant's row sits in the same partition shape as everything else about it. `list()` is the
 * one cross-partition query in the adapter; it reads only this small table.
 */
import type { Tenant, TenantRepository } from '../kernel/tenant';
import { defineCodec } from '../platform/storage/codec';
import { encodeKey } from '../platform/storage/keys';
import { tenantSchema } from './tenant-schema';
import { type TableClient, queryRows, row, statusOf } from '../platform/storage/table-client';

const TENANT_ROW = 'tenant';

const codec = defineCodec<Tenant>({
  schema: tenantSchema,
  jsonColumns: [],
  partitionKey: (t) => encodeKey(t.tenantId),
  rowKeys: () => [TENANT_ROW],
});

export class TableTenantRepository implements TenantRepository {
  constructor(private readonly client: TableClient) {}

  async get(tenantId: string): Promise<Tenant | undefined> {
    try {
      return codec.fromRow(this.client.tableName, await this.client.getEntity(encodeKey(tenantId), TENANT_ROW));
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw err;
    }
  }

  async upsert(tenant: Tenant): Promise<void> {
    await this.client.upsertEntity(row(encodeKey(tenant.tenantId), TENANT_ROW, codec.toColumns(tenant)), 'Replace');
  }

  async list(): Promise<Tenant[]> {
    const rows = await queryRows(this.client, `RowKey eq '${TENANT_ROW}'`);
    return rows.map((r) => codec.fromRow(this.client.tableName, r));
  }

  async delete(tenantId: string): Promise<void> {
    try {
      await this.client.deleteEntity(encodeKey(tenantId), TENANT_ROW);
    } catch (err) {
      if (statusOf(err) !== 404) throw err;
    }
  }
}
