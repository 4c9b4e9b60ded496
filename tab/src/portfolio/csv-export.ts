/**
 * The grid as a CSV file: the rows as filtered and sorted, the visible columns in their order,
 * names rather than ids, ISO dates (the same in every locale), RFC 4180 quoting, CRLF lines and
 * a UTF-8 byte-order mark so Excel reads accents and currency signs right. Pure.
 */
import { COLUMN_LABELS, type GridColumnId } from './columns';
import { alignedObjectives } from './filters';
import { type StrategicObjective, type WorkItemView, MODE_LABELS, RAG_LABELS, STRUCTURE_LABELS } from './types';

// The grid's column names, but the status column holds the day it was reported, not an age.
const HEADERS: Readonly<Record<GridColumnId, string>> = { ...COLUMN_LABELS, statusAge: 'Status reported' };

type Cell = string | number;

function cell(item: WorkItemView, column: GridColumnId, objectives: ReadonlyMap<string, StrategicObjective>): Cell {
  switch (column) {
    case 'title':
      return item.title;
    case 'structure':
      return STRUCTURE_LABELS[item.structure];
    case 'mode':
      return MODE_LABELS[item.mode];
    case 'objectives':
      return alignedObjectives(item, objectives)
        .map((o) => `${o.code} ${o.title} (${o.weight}%)`)
        .join('; ');
    case 'owner':
      return item.owner.displayName;
    case 'stage':
      return item.stage;
    case 'overall':
      return RAG_LABELS[item.overall];
    case 'statusAge':
      // The day it was reported: an age in days would be wrong by tomorrow.
      return item.statusReportedAt ? item.statusReportedAt.slice(0, 10) : '';
    case 'openSignals':
      return item.openSignals;
    case 'unansweredChanges':
      return item.unansweredChanges;
    default:
      return RAG_LABELS[item.health[column]];
  }
}

/**
 * A text cell starting like a formula is prefixed with `'`, so a spreadsheet shows it instead
 * of running it (CSV injection); numbers are written as they are.
 */
function quote(value: Cell): string {
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function portfolioCsv(items: readonly WorkItemView[], columns: readonly GridColumnId[], objectives: ReadonlyMap<string, StrategicObjective>): string {
  const lines = [columns.map((c) => quote(HEADERS[c])), ...items.map((item) => columns.map((c) => quote(cell(item, c, objectives))))];
  return `\uFEFF${lines.map((l) => l.join(',')).join('\r\n')}\r\n`;
}

/** `portfolio-it-2026-12-07.csv`: the domain's name made file-safe, and the day. */
export function portfolioCsvFileName(domainName: string, day: string): string {
  const slug = domainName
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `portfolio-${slug || 'domain'}-${day}.csv`;
}
