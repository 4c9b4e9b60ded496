/**
 * Rosters of teams and group chats: PartitionKey = tenant id, RowKey = `<roster>.<Entra id>`
 * (each part encoded), so one roster is one row-key range. Replacing a roster writes only the
 * members who joined, left or changed, in table transactions.
 */
import type { RosterMember } from '../domain/teams-people';
import type { RosterStore } from '../ports';
import { defineCodec } from '../../platform/storage/codec';
import { compositeKey, encodeKey, prefixRange } from '../../platform/storage/keys';
import { rosterRowSchema } from './schemas';
import { type TableClient, type TransactionAction, deletePartition, queryRows, row, rowKeyRange, submitInTransactions } from '../../platform/storage/table-client';

type RosterRow = RosterMember & { readonly tenantId: string; readonly rosterId: string };

const codec = defineCodec<RosterRow>({
  schema: rosterRowSchema,
  jsonColumns: [],
  partitionKey: (r) => encodeKey(r.tenantId),
  rowKeys: (r) => [compositeKey(r.rosterId, r.userId)],
});

const memberOf = ({ userId, mri, name }: RosterRow): RosterMember => ({ userId, mri, ...(name !== undefined ? { name } : {}) });

export class TableRosterStore implements RosterStore {
  constructor(private readonly client: TableClient) {}

  async members(tenantId: string, rosterId: string): Promise<RosterMember[]> {
    const range = prefixRange(rosterId);
    const rows = await queryRows(this.client, rowKeyRange(encodeKey(tenantId), range.from, range.to));
    return rows.map((r) => memberOf(codec.fromRow(this.client.tableName, r)));
  }

  async replace(tenantId: string, rosterId: string, members: readonly RosterMember[]): Promise<void> {
    const pk = encodeKey(tenantId);
    const before = new Map((await this.members(tenantId, rosterId)).map((m) => [m.userId, m]));
    const now = new Map(members.map((m) => [m.userId, m]));
    const actions: TransactionAction[] = [];
    for (const m of now.values()) {
      const old = before.get(m.userId);
      if (old && old.mri === m.mri && old.name === m.name) continue;
      const stored: RosterRow = { tenantId, rosterId, ...m };
      actions.push(['upsert', row(pk, compositeKey(rosterId, m.userId), codec.toColumns(stored)), 'Replace']);
    }
    for (const userId of before.keys()) {
      if (!now.has(userId)) actions.push(['delete', { partitionKey: pk, rowKey: compositeKey(rosterId, userId) }]);
    }
    await submitInTransactions(this.client, actions);
  }

  deleteTenant(tenantId: string): Promise<void> {
    return deletePartition(this.client, encodeKey(tenantId));
  }
}
