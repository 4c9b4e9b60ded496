/**
 * A saved view: a person's named portfolio query (filters, sort, grouping, columns as the
 * page's URL query). Private to that person in that tenant; nobody else reads or lists it.
 */

export interface SavedView {
  readonly tenantId: string;
  readonly userId: string;
  readonly id: string;
  readonly name: string;
  /** The portfolio URL's query string, without `?`. */
  readonly query: string;
  readonly createdAt: string;
}

/** Limits that keep one person's views small enough to list in one read. */
export const SAVED_VIEW_LIMITS = { nameLength: 80, queryLength: 2000, perUser: 50 } as const;

/** By name as people sort (case- and accent-insensitive), then oldest first. */
export const byName = (a: SavedView, b: SavedView): number =>
  a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) || a.createdAt.localeCompare(b.createdAt);
