/**
 * Data and view state of the portfolio page: loads a domain's portfolio and derives the
 * filtered, sorted and grouped rows the grid shows.
 */
import { useCallback, useMemo, useState } from 'react';
import type { ApiClient } from '../api/client';
import { useLoad } from '../shared/useLoad';
import { filterItems, groupItems, indexObjectives, sortItems } from './filters';
import { type GroupBy, type ItemGroup, type PortfolioFilters, type PortfolioResponse, type SortState, NO_FILTERS } from './types';

const DEFAULT_SORT: SortState = { column: 'overall', direction: 'descending' };

export interface PortfolioView {
  /** Rows after filtering, before grouping. */
  readonly visibleCount: number;
  readonly groups: readonly ItemGroup[];
  readonly objectives: ReturnType<typeof indexObjectives>;
}

export function usePortfolio(api: ApiClient, domainId: string | undefined) {
  const load = useMemo(() => (domainId ? (signal: AbortSignal) => api.portfolio(domainId, signal) : undefined), [api, domainId]);
  const loaded = useLoad<PortfolioResponse>(load);
  // After a save or import the grid is refreshed in place, without a loading state; a
  // new load (domain change, retry) supersedes it.
  const [fresh, setFresh] = useState<{ readonly from: PortfolioResponse; readonly data: PortfolioResponse }>();
  const base = loaded.status === 'ready' ? loaded.data : undefined;
  const refresh = useCallback(async () => {
    if (domainId && base) {
      const next = await api.portfolio(domainId);
      setFresh({ from: base, data: next });
    }
  }, [api, domainId, base]);
  const portfolio: typeof loaded = loaded.status === 'ready' && fresh?.from === loaded.data ? { ...loaded, data: fresh.data } : loaded;

  const [filters, setFilters] = useState<PortfolioFilters>(NO_FILTERS);
  const [groupBy, setGroupBy] = useState<GroupBy>('none');
  const [sort, setSort] = useState<SortState>(DEFAULT_SORT);
  const clearFilters = useCallback(() => setFilters(NO_FILTERS), []);

  const data = portfolio.status === 'ready' ? portfolio.data : undefined;
  const view = useMemo<PortfolioView | undefined>(() => {
    if (!data) return undefined;
    const objectives = indexObjectives(data.objectives);
    const rows = sortItems(filterItems(data.items, filters), sort, objectives);
    return { visibleCount: rows.length, groups: groupItems(rows, groupBy, data.objectives), objectives };
  }, [data, filters, sort, groupBy]);

  return { portfolio, refresh, view, filters, setFilters, clearFilters, groupBy, setGroupBy, sort, setSort };
}
