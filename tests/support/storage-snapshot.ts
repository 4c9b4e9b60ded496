/**
 * What a tenant's storage holds, as one fingerprint per table: every table with the app's prefix,
 * each row hashed without the fields storage itself changes (Timestamp, etag). Two snapshots that
 * differ name the tables something wrote to.
 */
import { createHash } from 'node:crypto';
import { TableClient, TableServiceClient } from '@azure/data-tables';

export type StorageSnapshot = ReadonlyMap<string, string>;

const STORAGE_FIELDS = new Set(['timestamp', 'etag', 'odata.etag', 'odata.metadata']);

/** What a snapshot leaves out, by table name without the prefix: bookkeeping the app writes whatever arrives. */
export interface SnapshotExclusions {
  /** Whole rows (e.g. caches a read may fill). */
  readonly skipRow?: (table: string, row: { readonly partitionKey?: string; readonly rowKey?: string }) => boolean;
  /** Fields of every row (e.g. when a conversation was last seen). */
  readonly ignoreFields?: (table: string) => readonly string[];
}

export async function snapshotTables(connectionString: string, prefix: string, exclude: SnapshotExclusions = {}): Promise<StorageSnapshot> {
  const options = { allowInsecureConnection: true };
  const service = TableServiceClient.fromConnectionString(connectionString, options);
  const names: string[] = [];
  for await (const table of service.listTables()) if (table.name?.startsWith(prefix)) names.push(table.name);
  const snapshot = new Map<string, string>();
  await Promise.all(
    names.map(async (name) => {
      const rows: string[] = [];
      for await (const entity of TableClient.fromConnectionString(connectionString, name, options).listEntities()) {
        const table = name.slice(prefix.length);
        if (exclude.skipRow?.(table, entity)) continue;
        const ignored = exclude.ignoreFields?.(table) ?? [];
        const kept = Object.entries(entity).filter(([key]) => !STORAGE_FIELDS.has(key.toLowerCase()) && !ignored.includes(key));
        rows.push(JSON.stringify(kept.sort(([a], [b]) => a.localeCompare(b))));
      }
      snapshot.set(name, createHash('sha256').update(rows.sort().join('\n')).digest('hex'));
    }),
  );
  return snapshot;
}

/** The tables whose rows differ between two snapshots (added, removed or changed). */
export function changedTables(before: StorageSnapshot, after: StorageSnapshot): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => before.get(name) !== after.get(name)).sort();
}
