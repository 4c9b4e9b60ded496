/**
 * Heartbeats of the app processes that share one storage account, on `${prefix}Workers`.
 * This is infrastructure, not tenant data, so the partition is a fixed `workers` rather than a
 * tenant id; the table holds one row per running process.
 */
import type { WorkerRegistry } from '../ports';
import { encodeKey, decodeKey } from '../../platform/storage/keys';
import { type TableClient, odata, queryRows, statusOf } from '../../platform/storage/table-client';

const PARTITION = 'workers';

export class TableWorkerRegistry implements WorkerRegistry {
  constructor(private readonly client: TableClient) {}

  async heartbeat(workerId: string, now: Date): Promise<void> {
    await this.client.upsertEntity({ partitionKey: PARTITION, rowKey: encodeKey(workerId), seenAt: now.toISOString() }, 'Replace');
  }

  async liveWorkers(since: Date): Promise<string[]> {
    const rows = await queryRows(this.client, odata`PartitionKey eq ${PARTITION} and seenAt ge ${since.toISOString()}`);
    return rows.map((r) => decodeKey(r.rowKey ?? ''));
  }

  async leave(workerId: string): Promise<void> {
    try {
      await this.client.deleteEntity(PARTITION, encodeKey(workerId));
    } catch (err) {
      if (statusOf(err) !== 404) throw err;
    }
  }
}
