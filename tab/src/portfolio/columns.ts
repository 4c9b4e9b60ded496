/**
 * The grid's columns: which exist, what they are called, how wide they are, which ones show by
 * default and in what order, and how a choice of columns travels in the URL (`cols=title,overall`).
 */
import { DIMENSIONS, DIMENSION_LABELS, type SortColumn } from './types';

const ids = [
  'title',
  'structure',
  'mode',
  'objectives',
  'owner',
  'stage',
  ...DIMENSIONS,
  'overall',
  'statusAge',
  'openSignals',
  'unansweredChanges',
] as const;

export type GridColumnId = (typeof ids)[number];

/** Every column, in the order the column chooser lists hidden ones. */
export const GRID_COLUMNS: readonly GridColumnId[] = ids;

export const COLUMN_LABELS: Readonly<Record<GridColumnId, string>> = {
  title: 'Title',
  structure: 'Structure',
  mode: 'Mode',
  objectives: 'Objectives',
  owner: 'Owner',
  stage: 'Stage',
  ...DIMENSION_LABELS,
  overall: 'Overall',
  statusAge: 'Status age',
  openSignals: 'Open signals',
  unansweredChanges: 'Unanswered changes',
};

/**
 * Widths in pixels. The table lays out with fixed widths so rows that scroll in and out
 * never make the columns jump. Each is wide enough for its header on one line (with the sort
 * arrow), and the default columns sum to 1,280 px, so all of them fit a 1,366 px screen
 * without scrolling sideways.
 */
export const COLUMN_WIDTHS: Readonly<Record<GridColumnId, number>> = {
  title: 180,
  structure: 92,
  mode: 92,
  objectives: 108,
  owner: 104,
  stage: 80,
  schedule: 92,
  cost: 72,
  scope: 76,
  benefit: 84,
  overall: 84,
  statusAge: 124,
  openSignals: 108,
  unansweredChanges: 168,
};

/** The column a header click sorts by; columns without one are not sortable. */
export const COLUMN_SORT: Readonly<Partial<Record<GridColumnId, SortColumn>>> = {
  title: 'title',
  structure: 'structure',
  mode: 'mode',
  objectives: 'objectives',
  owner: 'owner',
  stage: 'stage',
  schedule: 'schedule',
  cost: 'cost',
  scope: 'scope',
  benefit: 'benefit',
  overall: 'overall',
  statusAge: 'statusAge',
};

/** The title opens the item, so it is always shown. */
export const REQUIRED_COLUMN: GridColumnId = 'title';

/**
 * What the grid shows by default: everything but the structure and the delivery mode, which
 * are filters and groupings in the toolbar and the least read per row; the chooser adds them
 * back. The rest fits 1,366 px, see `COLUMN_WIDTHS`.
 */
const HIDDEN_BY_DEFAULT: readonly GridColumnId[] = ['structure', 'mode'];
export const DEFAULT_COLUMNS: readonly GridColumnId[] = ids.filter((c) => !HIDDEN_BY_DEFAULT.includes(c));

const isColumnId = (value: string): value is GridColumnId => (ids as readonly string[]).includes(value);

/**
 * Reads a `cols` URL parameter: unknown ids and repeats are dropped and the title is put first
 * when missing; absent or with no known id, the defaults.
 */
export function parseColumns(param: string | null | undefined): readonly GridColumnId[] {
  const known = [...new Set((param ?? '').split(',').map((s) => s.trim()).filter(isColumnId))];
  if (known.length === 0) return DEFAULT_COLUMNS;
  return known.includes(REQUIRED_COLUMN) ? known : [REQUIRED_COLUMN, ...known];
}

/** The `cols` URL parameter for a choice of columns; empty when it is the default (keeps URLs short). */
export function serialiseColumns(columns: readonly GridColumnId[]): string {
  const same = columns.length === DEFAULT_COLUMNS.length && columns.every((c, i) => c === DEFAULT_COLUMNS[i]);
  return same ? '' : columns.join(',');
}

/** Moves `column` one place earlier (-1) or later (+1); unchanged at either end. */
export function moveColumn(columns: readonly GridColumnId[], column: GridColumnId, step: -1 | 1): readonly GridColumnId[] {
  const from = columns.indexOf(column);
  const to = from + step;
  if (from < 0 || to < 0 || to >= columns.length) return columns;
  const next = [...columns];
  [next[from], next[to]] = [next[to]!, next[from]!];
  return next;
}

/** Shows or hides `column`; a shown column goes to the end; the title cannot be hidden. */
export function toggleColumn(columns: readonly GridColumnId[], column: GridColumnId, shown: boolean): readonly GridColumnId[] {
  if (column === REQUIRED_COLUMN) return columns;
  if (shown) return columns.includes(column) ? columns : [...columns, column];
  return columns.filter((c) => c !== column);
}
