/**
 * Conversation references: PartitionKey = tenant id, RowKey = the encoded conversation id.
 * Teams ids (`19:…@thread.tacv2`, `a:1…`, `29:…`) carry characters keys cannot, hence
 * `encodeKey`; the readable id is kept in the `conversationId` column.
 */
import type { ConversationRef } from '../domain/conversation';
import type { ConversationStore } from '../ports';
import { defineCodec } from '../../platform/storage/codec';
import { encodeKey } from '../../platform/storage/keys';
import { conversationSchema } from './schemas';
import { type TableClient, deletePartition, odata, queryRows, row, statusOf } from '../../platform/storage/table-client';

const codec = defineCodec<ConversationRef>({
  schema: conversationSchema,
  jsonColumns: [],
  partitionKey: (c) => encodeKey(c.tenantId),
  rowKeys: (c) => [encodeKey(c.conversationId)],
});

export class TableConversationStore implements ConversationStore {
  constructor(private readonly client: TableClient) {}

  async save(ref: ConversationRef): Promise<void> {
    // Replace: a later install or update is the truth; fields it no longer has must go.
    await this.client.upsertEntity(row(encodeKey(ref.tenantId), encodeKey(ref.conversationId), codec.toColumns(ref)), 'Replace');
  }

  async get(tenantId: string, conversationId: string): Promise<ConversationRef | undefined> {
    try {
      return codec.fromRow(this.client.tableName, await this.client.getEntity(encodeKey(tenantId), encodeKey(conversationId)));
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw err;
    }
  }

  async list(tenantId: string): Promise<ConversationRef[]> {
    const rows = await queryRows(this.client, odata`PartitionKey eq ${encodeKey(tenantId)}`);
    return rows.map((r) => codec.fromRow(this.client.tableName, r));
  }

  deleteTenant(tenantId: string): Promise<void> {
    return deletePartition(this.client, encodeKey(tenantId));
  }
}
