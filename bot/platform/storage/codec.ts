/**
 * Entity ⇄ domain mapping. Scalars become columns of their own (so they can be filtered,
 * e.g. `domainId` for work items); nested values (health, owner, roles, target…) become JSON
 * strings, because Table Storage has no nested types. Reading validates with a zod schema and
 * checks the row sits under the keys its content implies, so a corrupt or misplaced row fails
 * loudly instead of leaking into another tenant's results.
 */
import type { z } from 'zod';

/** Columns the SDK adds or owns; never part of a record. */
export const SYSTEM_COLUMNS = new Set(['partitionKey', 'rowKey', 'etag', 'timestamp', 'odata.metadata', 'odata.etag']);

/** A row as the SDK reads it: keys plus untyped columns. */
export interface StoredRow {
  readonly partitionKey?: string;
  readonly rowKey?: string;
  readonly [column: string]: unknown;
}

/** The columns written for one record (keys excluded). */
export type Columns = Record<string, string | number | boolean>;

/** Thrown when a row read back is not a valid record; names the table and the row. */
export class CorruptRowError extends Error {
  override readonly name = 'CorruptRowError';
  constructor(
    readonly table: string,
    readonly partitionKey: string,
    readonly rowKey: string,
    problem: string,
  ) {
    super(`Corrupt row in table ${table} (PartitionKey '${partitionKey}', RowKey '${rowKey}'): ${problem}`);
  }
}

export interface CodecSpec<T> {
  readonly schema: z.ZodType<T>;
  /** Top-level fields stored as JSON strings. */
  readonly jsonColumns: readonly (keyof T & string)[];
  /** The partition key a record belongs under. */
  readonly partitionKey: (record: T) => string;
  /** Every row key the record may be stored under (links are stored twice). */
  readonly rowKeys: (record: T) => readonly string[];
}

export interface Codec<T> {
  toColumns(record: T): Columns;
  /** Validates a row read from `table`; throws `CorruptRowError` when it is not a valid record. */
  fromRow(table: string, row: StoredRow): T;
}

export function defineCodec<T extends object>(spec: CodecSpec<T>): Codec<T> {
  const json = new Set<string>(spec.jsonColumns);
  return {
    toColumns(record) {
      const columns: Columns = {};
      for (const [name, value] of Object.entries(record)) {
        // Absent optional fields are simply not written; the schema reads them back as absent.
        if (value === undefined) continue;
        columns[name] = json.has(name) ? JSON.stringify(value) : (value as string | number | boolean);
      }
      return columns;
    },

    fromRow(table, row) {
      const pk = row.partitionKey ?? '';
      const rk = row.rowKey ?? '';
      const corrupt = (problem: string): CorruptRowError => new CorruptRowError(table, pk, rk, problem);
      const candidate: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(row)) {
        if (SYSTEM_COLUMNS.has(name) || name.endsWith('@odata.type')) continue;
        if (json.has(name)) {
          if (typeof value !== 'string') throw corrupt(`column ${name} should hold JSON text`);
          try {
            candidate[name] = JSON.parse(value);
          } catch {
            throw corrupt(`column ${name} is not valid JSON`);
          }
        } else {
          candidate[name] = value;
        }
      }
      const parsed = spec.schema.safeParse(candidate);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(row)'}: ${i.message}`);
        throw corrupt(issues.join('; '));
      }
      const record = parsed.data;
      if (spec.partitionKey(record) !== pk || !spec.rowKeys(record).includes(rk)) {
        throw corrupt('its keys do not match its content (row copied or edited by hand?)');
      }
      return record;
    },
  };
}
