/** People and their roles: PartitionKey = tenant id, RowKey = Entra user id; roles as JSON. */
import type { User } from '../../kernel/roles';
import type { UserDirectory } from '../ports';
import { CoalescedReads } from '../../kernel/coalesced-reads';
import { defineCodec } from '../../platform/storage/codec';
import { encodeKey } from '../../platform/storage/keys';
import { userSchema } from './schemas';
import { type TableClient, deletePartition, odata, queryRows, row, statusOf } from '../../platform/storage/table-client';

const codec = defineCodec<User>({
  schema: userSchema,
  jsonColumns: ['roles'],
  partitionKey: (u) => encodeKey(u.tenantId),
  rowKeys: (u) => [encodeKey(u.userId)],
});

export class TableUserDirectory implements UserDirectory {
  /** Every API request reads its caller: concurrent requests of one person share the point read. */
  private readonly reads = new CoalescedReads<User | undefined>();

  constructor(private readonly client: TableClient) {}

  get(tenantId: string, userId: string): Promise<User | undefined> {
    return this.reads.read(`${encodeKey(tenantId)}|${encodeKey(userId)}`, async () => {
      try {
        return codec.fromRow(this.client.tableName, await this.client.getEntity(encodeKey(tenantId), encodeKey(userId)));
      } catch (err) {
        if (statusOf(err) === 404) return undefined;
        throw err;
      }
    });
  }

  async list(tenantId: string): Promise<User[]> {
    const rows = await queryRows(this.client, odata`PartitionKey eq ${encodeKey(tenantId)}`);
    return rows.map((r) => codec.fromRow(this.client.tableName, r));
  }

  async upsert(user: User): Promise<void> {
    await this.client.upsertEntity(row(encodeKey(user.tenantId), encodeKey(user.userId), codec.toColumns(user)), 'Replace');
  }

  deleteTenant(tenantId: string): Promise<void> {
    return deletePartition(this.client, encodeKey(tenantId));
  }
}
