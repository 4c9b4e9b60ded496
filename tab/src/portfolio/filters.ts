/**
 * Pure view logic of the portfolio grid: filter, search, sort and group work items.
 * No React here, so it is unit-tested directly.
 */
import {
  type GroupBy,
  type ItemGroup,
  type PortfolioFilters,
  type SortState,
  type StrategicObjective,
  type WorkItemView,
  MODES,
  MODE_LABELS,
  NO_OBJECTIVE,
  RAG_SEVERITY,
  STRUCTURES,
  STRUCTURE_LABELS,
} from './types';

/** An objective as a grid cell shows it. */
export interface AlignedObjective {
  readonly objectiveId: string;
  readonly code: string;
  readonly title: string;
  readonly weight: number;
}

type ObjectiveIndex = ReadonlyMap<string, StrategicObjective>;

// One collator for every comparison: `localeCompare` with options builds one per call, which
// made sorting 5,000 items take ~0.7 s in Chromium (bench:tab) instead of ~15 ms.
const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
const text = (a: string, b: string): number => collator.compare(a, b);

/** Objectives highest priority first (1 = highest), then by code: the order every list shows them in. */
export const byPriority = (objectives: readonly StrategicObjective[]): StrategicObjective[] =>
  [...objectives].sort((a, b) => a.priority - b.priority || text(a.code, b.code));

/**
 * How the tab names an objective wherever objectives are listed in priority order: the
 * priority first, or the order looks arbitrary ("P1 · OBJ-1 · Grow digital revenue").
 */
export const objectiveName = (o: Pick<StrategicObjective, 'priority' | 'code' | 'title'>): string => `P${o.priority} · ${o.code} · ${o.title}`;

export const indexObjectives = (objectives: readonly StrategicObjective[]): ObjectiveIndex =>
  new Map(objectives.map((o) => [o.id, o]));

/** The item's objectives with codes, highest-priority objective first. */
export function alignedObjectives(item: WorkItemView, objectives: ObjectiveIndex): AlignedObjective[] {
  return item.objectives
    .map((a) => {
      const o = objectives.get(a.objectiveId);
      return { objectiveId: a.objectiveId, code: o?.code ?? a.objectiveId, title: o?.title ?? 'Unknown objective', weight: a.weight, priority: o?.priority ?? Number.MAX_SAFE_INTEGER };
    })
    .sort((a, b) => a.priority - b.priority || a.code.localeCompare(b.code))
    .map(({ priority: _priority, ...rest }) => rest);
}

export function hasActiveFilters(filters: PortfolioFilters): boolean {
  return (
    filters.structures.length > 0 ||
    filters.modes.length > 0 ||
    filters.health.length > 0 ||
    filters.benefit.length > 0 ||
    filters.objectives.length > 0 ||
    filters.stale ||
    filters.openSignals ||
    filters.signalStates.length > 0 ||
    filters.unanswered ||
    filters.checkInOverdue ||
    filters.search.trim() !== ''
  );
}

/** Whether the item is aligned to one of `selected` (objective ids, or `NO_OBJECTIVE`). */
function matchesObjectives(item: WorkItemView, selected: readonly string[]): boolean {
  if (selected.length === 0) return true;
  if (item.objectives.length === 0) return selected.includes(NO_OBJECTIVE);
  return item.objectives.some((a) => selected.includes(a.objectiveId));
}

/** Case-insensitive match of every word of `query` against title, owner or stage. */
export function matchesSearch(item: WorkItemView, query: string): boolean {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = [item.title, item.owner.displayName, item.stage].join('\n').toLocaleLowerCase();
  return words.every((w) => haystack.includes(w));
}

/** Items that pass every active filter; an empty selection in a filter keeps everything. */
export function filterItems(items: readonly WorkItemView[], filters: PortfolioFilters): WorkItemView[] {
  const keep = <T>(selected: readonly T[], value: T): boolean => selected.length === 0 || selected.includes(value);
  return items.filter(
    (item) =>
      keep(filters.structures, item.structure) &&
      keep(filters.modes, item.mode) &&
      keep(filters.health, item.overall) &&
      keep(filters.benefit, item.health.benefit) &&
      matchesObjectives(item, filters.objectives) &&
      (!filters.stale || item.stale) &&
      (!filters.openSignals || item.openSignals > 0) &&
      (filters.signalStates.length === 0 || item.openSignalStates.some((s) => filters.signalStates.includes(s))) &&
      (!filters.unanswered || item.unansweredChanges > 0) &&
      (!filters.checkInOverdue || item.checkInOverdue) &&
      matchesSearch(item, filters.search),
  );
}

/** Never-reported statuses sort as the oldest. */
const age = (item: WorkItemView): number => item.statusAgeDays ?? Number.POSITIVE_INFINITY;

function compareBy(sort: SortState, objectives: ObjectiveIndex): (a: WorkItemView, b: WorkItemView) => number {
  switch (sort.column) {
    case 'title':
      return (a, b) => text(a.title, b.title);
    case 'structure':
      return (a, b) => STRUCTURES.indexOf(a.structure) - STRUCTURES.indexOf(b.structure);
    case 'mode':
      return (a, b) => MODES.indexOf(a.mode) - MODES.indexOf(b.mode);
    case 'objectives': {
      // Items without objectives sort last when ascending.
      const first = (i: WorkItemView): string => alignedObjectives(i, objectives)[0]?.code ?? '\uffff';
      return (a, b) => text(first(a), first(b));
    }
    case 'owner':
      return (a, b) => text(a.owner.displayName, b.owner.displayName);
    case 'stage':
      return (a, b) => text(a.stage, b.stage);
    case 'overall':
      return (a, b) => RAG_SEVERITY[a.overall] - RAG_SEVERITY[b.overall];
    case 'statusAge':
      return (a, b) => (age(a) === age(b) ? 0 : age(a) < age(b) ? -1 : 1);
    case 'openSignals':
      return (a, b) => a.openSignals - b.openSignals;
    case 'unansweredChanges':
      return (a, b) => a.unansweredChanges - b.unansweredChanges;
    default: {
      const dim = sort.column;
      return (a, b) => RAG_SEVERITY[a.health[dim]] - RAG_SEVERITY[b.health[dim]];
    }
  }
}

/** A sorted copy; ties keep a stable order by title. */
export function sortItems(items: readonly WorkItemView[], sort: SortState, objectives: ObjectiveIndex): WorkItemView[] {
  const primary = compareBy(sort, objectives);
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return [...items].sort((a, b) => sign * primary(a, b) || text(a.title, b.title) || text(a.id, b.id));
}

/**
 * Splits items into headed groups, in a meaningful order, leaving out empty groups.
 * By objective, an item aligned to several objectives appears under each of them.
 */
export function groupItems(items: readonly WorkItemView[], groupBy: GroupBy, objectives: readonly StrategicObjective[]): ItemGroup[] {
  switch (groupBy) {
    case 'none':
      return [{ key: 'all', label: 'All work items', items }];
    case 'structure':
      return STRUCTURES.map((s) => ({ key: s, label: STRUCTURE_LABELS[s], items: items.filter((i) => i.structure === s) })).filter((g) => g.items.length > 0);
    case 'mode':
      return MODES.map((m) => ({ key: m, label: MODE_LABELS[m], items: items.filter((i) => i.mode === m) })).filter((g) => g.items.length > 0);
    case 'objective': {
      const ordered = byPriority(objectives);
      const known = new Set(ordered.map((o) => o.id));
      const groups: ItemGroup[] = ordered.map((o) => ({
        key: o.id,
        label: `${o.code} · ${o.title}`,
        items: items.filter((i) => i.objectives.some((a) => a.objectiveId === o.id)),
      }));
      const unaligned = items.filter((i) => !i.objectives.some((a) => known.has(a.objectiveId)));
      groups.push({ key: NO_OBJECTIVE, label: 'No objective', items: unaligned });
      return groups.filter((g) => g.items.length > 0);
    }
  }
}

/** How long ago the status was reported, in words a grid cell can hold. */
export function statusAgeText(item: Pick<WorkItemView, 'statusAgeDays'>): string {
  const days = item.statusAgeDays;
  if (days === undefined) return 'Never reported';
  if (days === 0) return 'Today';
  return days === 1 ? '1 day' : `${days} days`;
}
