/**
 * One-off moves of rows from an earlier key layout to the current one, when the delivery tables
 * open (delivery-tables.ts). A marker row says a move is done, so later starts cost one point
 * read. Safe to run from several processes at once: each copy is created (409: another process
 * did it, or the row was written anew in the current layout) before its old row is deleted (404:
 * likewise). Stop processes of the older version first: one of them could write an old row after
 * it was copied.
 */
import type { Logger } from '../../kernel/logger';
import { SYSTEM_COLUMNS } from '../../platform/storage/codec';
import { type TableClient, statusOf } from '../../platform/storage/table-client';

/** `!` is outside the key alphabets (keys.ts), so no tenant's rows can share this partition. */
const MARKER_PARTITION = '!meta';

type Keys = { readonly partitionKey: string; readonly rowKey: string };

export interface KeyMigration {
  /** The marker's row key, e.g. `delivery-keys-v2`. */
  readonly marker: string;
  /** What the rows are, for the log line. */
  readonly rows: string;
  /**
   * Where a row belongs now: its keys in the current layout; `current` when it is there already;
   * `unknown` when it is not a row of this table's kind (left alone, with a warning).
   */
  readonly keysOf: (row: Record<string, unknown> & Keys) => Keys | 'current' | 'unknown';
}

/** Moves every row still in an earlier layout; returns how many it moved. */
export async function migrateKeys(client: TableClient, migration: KeyMigration, logger?: Logger): Promise<number> {
  try {
    await client.getEntity(MARKER_PARTITION, migration.marker);
    return 0;
  } catch (err) {
    if (statusOf(err) !== 404) throw err;
  }
  let moved = 0;
  for await (const entity of client.listEntities<Record<string, unknown>>()) {
    const { partitionKey = '', rowKey = '' } = entity;
    if (partitionKey === MARKER_PARTITION) continue;
    const keys = migration.keysOf({ ...entity, partitionKey, rowKey });
    if (keys === 'current') continue;
    if (keys === 'unknown') {
      logger?.warn({ table: client.tableName, partitionKey, rowKey, marker: migration.marker }, 'key migration: skipped a row it does not know');
      continue;
    }
    const columns = Object.fromEntries(Object.entries(entity).filter(([name]) => !SYSTEM_COLUMNS.has(name) && !name.endsWith('@odata.type')));
    try {
      await client.createEntity({ ...columns, ...keys });
    } catch (err) {
      if (statusOf(err) !== 409) throw err;
    }
    try {
      await client.deleteEntity(partitionKey, rowKey);
    } catch (err) {
      if (statusOf(err) !== 404) throw err;
    }
    moved += 1;
  }
  await client.upsertEntity({ partitionKey: MARKER_PARTITION, rowKey: migration.marker, doneAt: new Date().toISOString(), moved }, 'Replace');
  if (moved > 0) logger?.info({ table: client.tableName, moved, marker: migration.marker }, `${migration.rows} moved to the current key layout`);
  return moved;
}
