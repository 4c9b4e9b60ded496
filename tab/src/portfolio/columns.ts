/**
 * The grid's columns a user can show, hide and order, and how the URL's `cols=` names them.
 * Pure, so the URL state and the CSV export share it with the grid.
 */
import { SORT_COLUMNS, type SortColumn } from './types';

/** Every grid column is sortable, so the sort columns are the grid's columns. */
export type GridColumnId = SortColumn;

export const GRID_COLUMNS: readonly GridColumnId[] = SORT_COLUMNS;

/** What a new view shows: everything, in the grid's natural order. */
export const DEFAULT_COLUMNS: readonly GridColumnId[] = GRID_COLUMNS;

const isColumn = (value: string): value is GridColumnId => (GRID_COLUMNS as readonly string[]).includes(value);

/**
 * The columns named in a `cols=` value, in its order, unknown and repeated names dropped; the
 * title always shows (a row needs its name). Absent or empty means the defaults.
 */
export function parseColumns(value: string | null | undefined): readonly GridColumnId[] {
  const named = [...new Set((value ?? '').split(',').filter(isColumn))];
  if (named.length === 0) return DEFAULT_COLUMNS;
  return named.includes('title') ? named : ['title', ...named];
}

/** The `cols=` value for `columns`, or `undefined` when they are the defaults (kept out of the URL). */
export function serialiseColumns(columns: readonly GridColumnId[]): string | undefined {
  const same = columns.length === DEFAULT_COLUMNS.length && columns.every((c, i) => c === DEFAULT_COLUMNS[i]);
  return same ? undefined : columns.join(',');
}
