/**
 * Everything that shapes what the portfolio page shows — which view, filters, search, sort,
 * grouping and columns — as the query string of its URL, so a reload, back and forward, a
 * bookmark, a shared link or a saved view all restore it. Pure: parse and serialise only.
 *
 * Only values that differ from the defaults are written, in a fixed order, so two equal views
 * have equal query strings. Unknown or malformed values are dropped rather than failing: a
 * link from an older version still opens.
 */
import { OPEN_STATES } from '../signals/types';
import { type GridColumnId, DEFAULT_COLUMNS, parseColumns, serialiseColumns } from './columns';
import {
  type GroupBy,
  type PortfolioFilters,
  type SortState,
  GROUP_BYS,
  MODES,
  NO_FILTERS,
  RAGS,
  SORT_COLUMNS,
  STRUCTURES,
} from './types';

export const PORTFOLIO_VIEWS = ['grid', 'heatmap', 'roadmap'] as const;
export type PortfolioViewName = (typeof PORTFOLIO_VIEWS)[number];

export const ROADMAP_GROUPINGS = ['objective', 'structure'] as const;
export type RoadmapGrouping = (typeof ROADMAP_GROUPINGS)[number];

export interface ViewState {
  readonly view: PortfolioViewName;
  readonly filters: PortfolioFilters;
  readonly sort: SortState;
  readonly groupBy: GroupBy;
  readonly columns: readonly GridColumnId[];
  readonly roadmapBy: RoadmapGrouping;
}

/** Worst health first: what a PMO lead looks at first. */
export const DEFAULT_SORT: SortState = { column: 'overall', direction: 'descending' };

export const DEFAULT_VIEW_STATE: ViewState = {
  view: 'grid',
  filters: NO_FILTERS,
  sort: DEFAULT_SORT,
  groupBy: 'none',
  columns: DEFAULT_COLUMNS,
  roadmapBy: 'objective',
};

const oneOf = <T extends string>(values: readonly T[], value: string | null, fallback: T): T =>
  values.find((v) => v === value) ?? fallback;

/** A comma-separated list, keeping known values once, in the order `values` lists them. */
const listOf = <T extends string>(values: readonly T[], value: string | null): T[] => {
  const named = new Set((value ?? '').split(','));
  return values.filter((v) => named.has(v));
};

/** Free-form ids (objectives): non-empty, each once, in the order given. */
const ids = (value: string | null): string[] => [...new Set((value ?? '').split(',').map((v) => v.trim()).filter(Boolean))];

/** A list in its canonical order, so the order values were picked in does not change the URL. */
const inOrder = <T extends string>(values: readonly T[], selected: readonly T[]): string => values.filter((v) => selected.includes(v)).join(',');

const flag = (value: string | null): boolean => value === '1';

/** `sort=title` is ascending, `sort=-overall` descending. */
function parseSort(value: string | null): SortState {
  if (!value) return DEFAULT_SORT;
  const descending = value.startsWith('-');
  const column = SORT_COLUMNS.find((c) => c === (descending ? value.slice(1) : value));
  return column ? { column, direction: descending ? 'descending' : 'ascending' } : DEFAULT_SORT;
}

const serialiseSort = (sort: SortState): string => `${sort.direction === 'descending' ? '-' : ''}${sort.column}`;

export function parseViewState(query: string): ViewState {
  const p = new URLSearchParams(query);
  return {
    view: oneOf(PORTFOLIO_VIEWS, p.get('view'), DEFAULT_VIEW_STATE.view),
    filters: {
      structures: listOf(STRUCTURES, p.get('structure')),
      modes: listOf(MODES, p.get('mode')),
      health: listOf(RAGS, p.get('health')),
      benefit: listOf(RAGS, p.get('benefit')),
      objectives: ids(p.get('objective')),
      stale: flag(p.get('stale')),
      openSignals: flag(p.get('signals')),
      signalStates: listOf(OPEN_STATES, p.get('signal')),
      unanswered: flag(p.get('unanswered')),
      checkInOverdue: flag(p.get('checkin')),
      search: p.get('q') ?? '',
    },
    sort: parseSort(p.get('sort')),
    groupBy: oneOf(GROUP_BYS, p.get('group'), DEFAULT_VIEW_STATE.groupBy),
    columns: parseColumns(p.get('cols')),
    roadmapBy: oneOf(ROADMAP_GROUPINGS, p.get('roadmap'), DEFAULT_VIEW_STATE.roadmapBy),
  };
}

/** The query string (without `?`) for `state`; empty for the default view. */
export function serialiseViewState(state: ViewState): string {
  const p = new URLSearchParams();
  const put = (key: string, value: string | undefined, unless = ''): void => {
    if (value !== undefined && value !== unless) p.set(key, value);
  };
  const { filters } = state;
  put('view', state.view, DEFAULT_VIEW_STATE.view);
  put('q', filters.search);
  put('structure', inOrder(STRUCTURES, filters.structures));
  put('mode', inOrder(MODES, filters.modes));
  put('health', inOrder(RAGS, filters.health));
  put('benefit', inOrder(RAGS, filters.benefit));
  put('objective', filters.objectives.join(','));
  put('stale', filters.stale ? '1' : '');
  put('signals', filters.openSignals ? '1' : '');
  put('signal', inOrder(OPEN_STATES, filters.signalStates));
  put('unanswered', filters.unanswered ? '1' : '');
  put('checkin', filters.checkInOverdue ? '1' : '');
  put('sort', serialiseSort(state.sort), serialiseSort(DEFAULT_SORT));
  put('group', state.groupBy, DEFAULT_VIEW_STATE.groupBy);
  put('cols', serialiseColumns(state.columns));
  put('roadmap', state.roadmapBy, DEFAULT_VIEW_STATE.roadmapBy);
  return p.toString();
}
