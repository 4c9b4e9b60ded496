/** People and their roles: PartitionKey = tenant id, RowKey = Entra user id; roles as JSON. */
import type { User } from '../../kernel/roles';
import type { Versioned } from '../../kernel/versioned';
import type { UserDirectory } from '../ports';
import { CoalescedReads } from '../../kernel/coalesced-reads';
import { defineCodec } from '../../platform/storage/codec';
import { encodeKey } from '../../platform/storage/keys';
import { userSchema } from './schemas';
import { type TableClient, type TransactionAction, deletePartition, isConflict, odata, queryRows, requireEtag, row, statusOf } from '../../platform/storage/table-client';

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
    return (await this.listVersioned(tenantId)).map((u) => u.value);
  }

  async upsert(user: User): Promise<void> {
    await this.client.upsertEntity(this.rowOf(user), 'Replace');
  }

  async listVersioned(tenantId: string): Promise<Versioned<User>[]> {
    const rows = await queryRows(this.client, odata`PartitionKey eq ${encodeKey(tenantId)}`);
    return rows.map((r) => ({ value: codec.fromRow(this.client.tableName, r), etag: requireEtag(typeof r.etag === 'string' ? r.etag : undefined) }));
  }

  async replaceIfUnchanged(user: User, version: string | undefined, witness?: Versioned<User>): Promise<boolean> {
    if (witness && (witness.value.tenantId !== user.tenantId || witness.value.userId === user.userId)) throw new Error('The witness must be another person of the same tenant');
    // Both rows are in the tenant's partition: one transaction. The witness's merge of nothing
    // changes no column, only its version, and fails when the version read is no longer current.
    const actions: TransactionAction[] = [version === undefined ? ['create', this.rowOf(user)] : ['update', this.rowOf(user), 'Replace', { etag: version }]];
    if (witness) actions.push(['update', { partitionKey: encodeKey(user.tenantId), rowKey: encodeKey(witness.value.userId) }, 'Merge', { etag: witness.etag }]);
    try {
      await this.client.submitTransaction(actions);
      return true;
    } catch (err) {
      // 412: a record changed; 409: someone created the person meanwhile; 404: a record went.
      if (isConflict(err)) return false;
      throw err;
    }
  }

  private rowOf(user: User) {
    return row(encodeKey(user.tenantId), encodeKey(user.userId), codec.toColumns(user));
  }

  deleteTenant(tenantId: string): Promise<void> {
    return deletePartition(this.client, encodeKey(tenantId));
  }
}
