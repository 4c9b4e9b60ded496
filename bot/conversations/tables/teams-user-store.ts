/**
 * Teams user ids: PartitionKey = tenant id, RowKey = the encoded Entra object id, so turning a
 * list of people into MRIs is a handful of point reads in one partition.
 */
import type { TeamsUser } from '../domain/teams-people';
import type { TeamsUserStore } from '../ports';
import { defineCodec } from '../../platform/storage/codec';
import { encodeKey } from '../../platform/storage/keys';
import { teamsUserSchema } from './schemas';
import { type TableClient, deletePartition, odata, queryRows, row, statusOf, submitInTransactions } from '../../platform/storage/table-client';

const codec = defineCodec<TeamsUser>({
  schema: teamsUserSchema,
  jsonColumns: [],
  partitionKey: (u) => encodeKey(u.tenantId),
  rowKeys: (u) => [encodeKey(u.userId)],
});

export class TableTeamsUserStore implements TeamsUserStore {
  constructor(private readonly client: TableClient) {}

  async get(tenantId: string, userId: string): Promise<TeamsUser | undefined> {
    try {
      return codec.fromRow(this.client.tableName, await this.client.getEntity(encodeKey(tenantId), encodeKey(userId)));
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw err;
    }
  }

  async getMany(tenantId: string, userIds: readonly string[]): Promise<TeamsUser[]> {
    const found = await Promise.all([...new Set(userIds)].map((id) => this.get(tenantId, id)));
    return found.filter((u): u is TeamsUser => u !== undefined);
  }

  async list(tenantId: string): Promise<TeamsUser[]> {
    const rows = await queryRows(this.client, odata`PartitionKey eq ${encodeKey(tenantId)}`);
    return rows.map((r) => codec.fromRow(this.client.tableName, r));
  }

  async saveMany(users: readonly TeamsUser[]): Promise<void> {
    await submitInTransactions(this.client, users.map((u) => ['upsert', row(encodeKey(u.tenantId), encodeKey(u.userId), codec.toColumns(u)), 'Replace'] as const));
  }

  deleteTenant(tenantId: string): Promise<void> {
    return deletePartition(this.client, encodeKey(tenantId));
  }
}
