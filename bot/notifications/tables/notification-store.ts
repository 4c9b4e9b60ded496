/**
 * Activity-feed notifications in Table Storage: PartitionKey = tenant + recipient, RowKey = the
 * notification id. A person's notifications are one partition: "mine" is one partition read and
 * never reaches another person's or another tenant's.
 */
import { z } from 'zod';
import { ACTIVITY_TYPES, type ActivityType, type NotificationRecord } from '../domain/activity-notification';
import type { NotificationStore } from '../ports';
import { defineCodec } from '../../platform/storage/codec';
import { compositeKey, encodeKey } from '../../platform/storage/keys';
import { type TableClient, ensureTable, odata, openTable, queryRows, row, statusOf } from '../../platform/storage/table-client';

const partitionOf = (tenantId: string, userId: string): string => compositeKey(tenantId, userId);

// Template parameters are checked against the activity type when the notification is built; read back, any strings.
const schema = z.object({
  tenantId: z.string(),
  id: z.string(),
  recipientUserId: z.string(),
  activityType: z.enum(Object.keys(ACTIVITY_TYPES) as [ActivityType, ...ActivityType[]]),
  templateParameters: z.record(z.string(), z.string()),
  previewText: z.string(),
  topic: z.object({ text: z.string(), webUrl: z.string() }),
  state: z.enum(['sent', 'logged', 'failed']),
  at: z.string(),
  error: z.string().optional(),
}) as unknown as z.ZodType<NotificationRecord>;

const codec = defineCodec<NotificationRecord>({
  schema,
  jsonColumns: ['templateParameters', 'topic'],
  partitionKey: (r) => partitionOf(r.tenantId, r.recipientUserId),
  rowKeys: (r) => [encodeKey(r.id)],
});

class TableNotificationStore implements NotificationStore {
  constructor(private readonly client: TableClient) {}

  async get(tenantId: string, recipientUserId: string, id: string): Promise<NotificationRecord | undefined> {
    try {
      return codec.fromRow(this.client.tableName, await this.client.getEntity<Record<string, unknown>>(partitionOf(tenantId, recipientUserId), encodeKey(id)));
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw err;
    }
  }

  async put(record: NotificationRecord): Promise<void> {
    await this.client.upsertEntity(row(partitionOf(record.tenantId, record.recipientUserId), encodeKey(record.id), codec.toColumns(record)), 'Replace');
  }

  async listForRecipient(tenantId: string, recipientUserId: string): Promise<NotificationRecord[]> {
    const rows = await queryRows(this.client, odata`PartitionKey eq ${partitionOf(tenantId, recipientUserId)}`);
    return rows.map((r) => codec.fromRow(this.client.tableName, r)).sort((a, b) => b.at.localeCompare(a.at));
  }
}

/** Opens (creating once) the `${prefix}Notifications` table. */
export async function createNotificationStore(opts: { readonly connectionString: string; readonly tablePrefix: string }): Promise<NotificationStore> {
  const client = openTable(opts.connectionString, `${opts.tablePrefix}Notifications`);
  await ensureTable(client);
  return new TableNotificationStore(client);
}
