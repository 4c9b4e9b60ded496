/** Rows of the objectives × overall-health heatmap, and the grid filter behind each cell. Pure. */
import type { HeatmapRow } from '../../../bot/api-contract/portfolio';
import { byPriority, objectiveName } from './filters';
import { type PortfolioFilters, type Rag, type StrategicObjective, NO_FILTERS, NO_OBJECTIVE, RAGS } from './types';

export interface HeatmapLine {
  /** An objective's id, or `null` for items aligned to none. */
  readonly objectiveId: string | null;
  /** Row header, e.g. `OBJ-1 · Grow digital revenue`. */
  readonly label: string;
  readonly byOverall: Readonly<Record<Rag, number>>;
  readonly total: number;
}

const EMPTY: Readonly<Record<Rag, number>> = { green: 0, amber: 0, red: 0, unknown: 0 };
const sum = (counts: Readonly<Record<Rag, number>>): number => RAGS.reduce((n, r) => n + counts[r], 0);

/**
 * One line per objective in priority order (objectives with no items show zeros: a gap is
 * news too), then objectives the catalogue no longer knows, then "No objective" if any.
 */
export function heatmapLines(rows: readonly HeatmapRow[], objectives: readonly StrategicObjective[]): HeatmapLine[] {
  const counts = new Map(rows.map((r) => [r.objectiveId, r.byOverall]));
  const known = byPriority(objectives).map((o) => {
    const byOverall = counts.get(o.id) ?? EMPTY;
    return { objectiveId: o.id, label: objectiveName(o), byOverall, total: sum(byOverall) };
  });
  const ids = new Set(objectives.map((o) => o.id));
  const unknown = rows
    .filter((r): r is HeatmapRow & { objectiveId: string } => r.objectiveId !== null && !ids.has(r.objectiveId))
    .map((r) => ({ objectiveId: r.objectiveId, label: `Unknown objective (${r.objectiveId})`, byOverall: r.byOverall, total: sum(r.byOverall) }));
  const none = rows.find((r) => r.objectiveId === null);
  const unaligned = none && sum(none.byOverall) > 0 ? [{ objectiveId: null, label: 'No objective', byOverall: none.byOverall, total: sum(none.byOverall) }] : [];
  return [...known, ...unknown, ...unaligned];
}

/** The grid filters a heatmap cell opens: that objective (or none) and that overall health. */
export const heatmapCellFilters = (objectiveId: string | null, rag: Rag): PortfolioFilters => ({
  ...NO_FILTERS,
  objectives: [objectiveId ?? NO_OBJECTIVE],
  health: [rag],
});
