/**
 * Reads the CSV file of a work-item import (`POST /api/domains/:domainId/work-items/import`)
 * into rows: the file must parse, have rows, and name the contract's columns in its header.
 */
import { parse } from 'csv-parse/sync';
import { IMPORT_COLUMNS } from '../api-contract/portfolio';
import { type ErrorDetail, type Result, invalid, ok } from '../kernel/result';
import type { ImportField, ImportRow } from './app/import-work-items';

/** Every column of the contract fills a field of the import. */
const COLUMNS: readonly ImportField[] = IMPORT_COLUMNS;
const REQUIRED = ['title', 'structure', 'mode', 'stage', 'owner', 'startDate', 'endDate'] as const satisfies readonly ImportField[];

/** The rows of the file, each with its line number; the header row names the columns. */
export function readWorkItemCsv(text: string): Result<ImportRow[]> {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, { columns: (h: string[]) => h.map((c) => c.trim()), skip_empty_lines: true, trim: true, bom: true, info: true, relax_column_count: false });
  } catch (error) {
    return invalid(`The file is not valid CSV: ${(error as Error).message}`);
  }
  if (records.length === 0) return invalid('The file has no rows to import. The first line must name the columns.');
  const header = Object.keys(records[0]?.record ?? {});
  const unknown = header.filter((h) => !(COLUMNS as readonly string[]).includes(h));
  const missing = REQUIRED.filter((r) => !header.includes(r));
  if (unknown.length > 0 || missing.length > 0) {
    const details: ErrorDetail[] = [
      ...missing.map((m) => ({ at: 'header', message: `missing column "${m}"` })),
      ...unknown.map((u) => ({ at: 'header', message: `unknown column "${u}"; expected: ${COLUMNS.join(', ')}` })),
    ];
    return invalid('The CSV header is wrong; nothing was imported.', details);
  }
  // The header names only known columns, so each record holds import fields.
  return ok(records.map((r) => ({ line: r.info.lines, fields: r.record as ImportRow['fields'] })));
}
