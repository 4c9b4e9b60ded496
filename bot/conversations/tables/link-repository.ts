/**
 * Conversation links, PartitionKey = tenant id. Each link is stored as TWO rows, one per way
 * it is looked up, so both lookups are row-key range scans rather than filters:
 *
 *   c.<conversation>.<target>   — listByConversation: "what is this chat linked to?"
 *   t.<target>.<conversation>   — listByTarget: "which chats hear about this PMO/team?"
 *   r.<roster>.<target>.<conversation> — listByRoster: "what are this team's chats linked to?"
 *                                  (only links that know their roster)
 *
 * (each part through `encodeKey`; `.` never occurs inside a part). The rows carry the whole
 * link and are written or deleted in one table transaction, so they cannot drift apart.
 */
import { type ConversationLink, type LinkTarget, linkKey } from '../domain/conversation';
import type { LinkRepository } from '../ports';
import { defineCodec } from '../../platform/storage/codec';
import { compositeKey, encodeKey, prefixRange } from '../../platform/storage/keys';
import { linkSchema } from './schemas';
import { type TableClient, deletePartition, queryRows, row, rowKeyRange, statusOf } from '../../platform/storage/table-client';

const BY_CONVERSATION = 'c';
const BY_TARGET = 't';
const BY_ROSTER = 'r';

const byConversationKey = (conversationId: string, target: LinkTarget): string => compositeKey(BY_CONVERSATION, conversationId, linkKey(target));
const byTargetKey = (conversationId: string, target: LinkTarget): string => compositeKey(BY_TARGET, linkKey(target), conversationId);
const byRosterKey = (rosterId: string, conversationId: string, target: LinkTarget): string => compositeKey(BY_ROSTER, rosterId, linkKey(target), conversationId);
const rowKeysOf = (l: Pick<ConversationLink, 'conversationId' | 'rosterId' | 'target'>): string[] => [
  byConversationKey(l.conversationId, l.target),
  byTargetKey(l.conversationId, l.target),
  ...(l.rosterId !== undefined ? [byRosterKey(l.rosterId, l.conversationId, l.target)] : []),
];

const codec = defineCodec<ConversationLink>({
  schema: linkSchema,
  jsonColumns: ['target'],
  partitionKey: (l) => encodeKey(l.tenantId),
  rowKeys: rowKeysOf,
});

export class TableLinkRepository implements LinkRepository {
  constructor(private readonly client: TableClient) {}

  async put(link: ConversationLink): Promise<void> {
    const pk = encodeKey(link.tenantId);
    const columns = codec.toColumns(link);
    await this.client.submitTransaction(rowKeysOf(link).map((rowKey) => ['upsert', row(pk, rowKey, columns), 'Replace'] as const));
  }

  async remove(tenantId: string, conversationId: string, target: LinkTarget): Promise<void> {
    const partitionKey = encodeKey(tenantId);
    // The stored link tells its roster, hence whether it has a by-roster row.
    const stored = (await this.range(tenantId, prefixRange(BY_CONVERSATION, conversationId))).find((l) => linkKey(l.target) === linkKey(target));
    const rowKeys = rowKeysOf({ conversationId, target, ...(stored?.rosterId !== undefined ? { rosterId: stored.rosterId } : {}) });
    try {
      await this.client.submitTransaction(rowKeys.map((rowKey) => ['delete', { partitionKey, rowKey }] as const));
    } catch (err) {
      if (statusOf(err) !== 404) throw err;
      // Already gone, or half-written by an older version: remove whatever is left, one by one.
      for (const rowKey of rowKeys) {
        await this.client.deleteEntity(partitionKey, rowKey).catch((e: unknown) => {
          if (statusOf(e) !== 404) throw e;
        });
      }
    }
  }

  listByConversation(tenantId: string, conversationId: string): Promise<ConversationLink[]> {
    return this.range(tenantId, prefixRange(BY_CONVERSATION, conversationId));
  }

  listByTarget(tenantId: string, target: LinkTarget): Promise<ConversationLink[]> {
    return this.range(tenantId, prefixRange(BY_TARGET, linkKey(target)));
  }

  listByRoster(tenantId: string, rosterId: string): Promise<ConversationLink[]> {
    return this.range(tenantId, prefixRange(BY_ROSTER, rosterId));
  }

  /** Every link of the tenant, once: the by-conversation rows. */
  list(tenantId: string): Promise<ConversationLink[]> {
    return this.range(tenantId, prefixRange(BY_CONVERSATION));
  }

  deleteTenant(tenantId: string): Promise<void> {
    return deletePartition(this.client, encodeKey(tenantId));
  }

  private async range(tenantId: string, range: { from: string; to: string }): Promise<ConversationLink[]> {
    const rows = await queryRows(this.client, rowKeyRange(encodeKey(tenantId), range.from, range.to));
    return rows.map((r) => codec.fromRow(this.client.tableName, r));
  }
}
