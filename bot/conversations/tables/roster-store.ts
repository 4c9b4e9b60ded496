/**
 * Rosters of teams and group chats, PartitionKey = tenant id. Each member is stored as TWO rows,
 * one per way it is looked up, so both lookups are row-key range scans rather than filters:
 *
 *   <roster>.<Entra id>       — members: "who is on this roster?"
 *   !.<Entra id>.<roster>     — rostersOf: "which rosters is this person on?"
 *
 * (each part through `encodeKey`, which never yields `!`, so the two ranges cannot meet). Both
 * rows carry the whole member and are written or deleted in the same table transaction.
 * Replacing a roster writes only the members who joined, left or changed.
 */
import type { RosterMember } from '../domain/teams-people';
import type { RosterStore } from '../ports';
import { defineCodec } from '../../platform/storage/codec';
import { SEPARATOR, compositeKey, encodeKey, prefixRange } from '../../platform/storage/keys';
import { rosterRowSchema } from './schemas';
import { type TableClient, type TransactionAction, deletePartition, queryRows, row, rowKeyRange, statusOf, submitInTransactions } from '../../platform/storage/table-client';

type RosterRow = RosterMember & { readonly tenantId: string; readonly rosterId: string };

const BY_PERSON = '!';
const byRosterKey = (rosterId: string, userId: string): string => compositeKey(rosterId, userId);
const byPersonKey = (rosterId: string, userId: string): string => BY_PERSON + SEPARATOR + compositeKey(userId, rosterId);
const byPersonRange = (userId: string): { readonly from: string; readonly to: string } => {
  const range = prefixRange(userId);
  return { from: BY_PERSON + SEPARATOR + range.from, to: BY_PERSON + SEPARATOR + range.to };
};

const codec = defineCodec<RosterRow>({
  schema: rosterRowSchema,
  jsonColumns: [],
  partitionKey: (r) => encodeKey(r.tenantId),
  rowKeys: (r) => [byRosterKey(r.rosterId, r.userId), byPersonKey(r.rosterId, r.userId)],
});

const memberOf = ({ userId, mri, name }: RosterRow): RosterMember => ({ userId, mri, ...(name !== undefined ? { name } : {}) });

export class TableRosterStore implements RosterStore {
  constructor(private readonly client: TableClient) {}

  async members(tenantId: string, rosterId: string): Promise<RosterMember[]> {
    return (await this.range(tenantId, prefixRange(rosterId))).map(memberOf);
  }

  async rostersOf(tenantId: string, userId: string): Promise<string[]> {
    return (await this.range(tenantId, byPersonRange(userId))).map((r) => r.rosterId);
  }

  async replace(tenantId: string, rosterId: string, members: readonly RosterMember[]): Promise<void> {
    const pk = encodeKey(tenantId);
    const before = new Map((await this.members(tenantId, rosterId)).map((m) => [m.userId, m]));
    const now = new Map(members.map((m) => [m.userId, m]));
    const actions: TransactionAction[] = [];
    // A member's two rows are pushed side by side, and transactions hold an even number of
    // actions, so both rows of a member are always written in the same transaction.
    for (const m of now.values()) {
      const old = before.get(m.userId);
      if (old && old.mri === m.mri && old.name === m.name) continue;
      const columns = codec.toColumns({ tenantId, rosterId, ...m });
      actions.push(['upsert', row(pk, byRosterKey(rosterId, m.userId), columns), 'Replace'], ['upsert', row(pk, byPersonKey(rosterId, m.userId), columns), 'Replace']);
    }
    for (const userId of before.keys()) {
      if (now.has(userId)) continue;
      actions.push(['delete', { partitionKey: pk, rowKey: byRosterKey(rosterId, userId) }], ['delete', { partitionKey: pk, rowKey: byPersonKey(rosterId, userId) }]);
    }
    try {
      await submitInTransactions(this.client, actions);
    } catch (err) {
      if (statusOf(err) !== 404) throw err;
      // A row to delete is gone: a concurrent replace of the same roster (a join and a re-link at
      // once) removed it first, or the roster was stored before the per-person rows existed. Apply
      // the actions one by one; each is idempotent, so redoing those already applied is harmless.
      for (const action of actions) {
        if (action[0] !== 'delete') await this.client.submitTransaction([action]);
        else await this.client.deleteEntity(action[1].partitionKey, action[1].rowKey).catch((e: unknown) => {
          if (statusOf(e) !== 404) throw e;
        });
      }
    }
  }

  deleteTenant(tenantId: string): Promise<void> {
    return deletePartition(this.client, encodeKey(tenantId));
  }

  private async range(tenantId: string, range: { readonly from: string; readonly to: string }): Promise<RosterRow[]> {
    const rows = await queryRows(this.client, rowKeyRange(encodeKey(tenantId), range.from, range.to));
    return rows.map((r) => codec.fromRow(this.client.tableName, r));
  }
}
