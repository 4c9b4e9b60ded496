/**
 * Data and view state of the portfolio page: loads a domain's whole portfolio (the client
 * follows its pages), reads the view (filters, sort, grouping, columns) from the URL and derives the rows the
 * grid, roadmap and export show. Changing the view writes the URL, so the URL is the one truth.
 */
import { useCallback, useMemo, useState } from 'react';
import type { ApiClient } from '../api/client';
import { navigate, portfolioHash, replaceHash } from '../shared/route';
import { useLoad } from '../shared/useLoad';
import { filterItems, groupItems, indexObjectives, sortItems } from './filters';
import type { ItemGroup, PortfolioResponse, WorkItemView } from './types';
import { type ViewState, parseViewState, serialiseViewState } from './view-state';

export interface PortfolioView {
  /** Rows after filtering and sorting, before grouping. */
  readonly rows: readonly WorkItemView[];
  readonly groups: readonly ItemGroup[];
  readonly objectives: ReturnType<typeof indexObjectives>;
}

export function usePortfolio(api: ApiClient, domainId: string | undefined, query: string) {
  // How much of a large portfolio has arrived, for the loading message.
  const [progress, setProgress] = useState<{ readonly loaded: number; readonly total?: number | undefined }>();
  const load = useMemo(
    () => (domainId ? (signal: AbortSignal) => api.portfolio(domainId, signal, (loaded, total) => setProgress({ loaded, total })) : undefined),
    [api, domainId],
  );
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

  const state = useMemo(() => parseViewState(query), [query]);
  /**
   * Writes the view into the URL: a new history entry (Back undoes it), or, while typing a
   * search, in place of the current one.
   */
  const setState = useCallback(
    (patch: Partial<ViewState>, options: { readonly replace?: boolean } = {}) => {
      const hash = portfolioHash(domainId, serialiseViewState({ ...state, ...patch }));
      if (options.replace) replaceHash(hash);
      else navigate(hash);
    },
    [domainId, state],
  );

  const data = portfolio.status === 'ready' ? portfolio.data : undefined;
  const objectives = useMemo(() => indexObjectives(data?.objectives ?? []), [data]);
  const rows = useMemo(() => (data ? sortItems(filterItems(data.items, state.filters), state.sort, objectives) : []), [data, state.filters, state.sort, objectives]);
  const view = useMemo<PortfolioView | undefined>(
    () => (data ? { rows, groups: groupItems(rows, state.groupBy, data.objectives), objectives } : undefined),
    [data, rows, state.groupBy, objectives],
  );

  const loadingText = progress && portfolio.status === 'loading' && progress.total ? `Loading work items: ${progress.loaded.toLocaleString()} of ${progress.total.toLocaleString()}…` : 'Loading portfolio…';

  return { portfolio, loadingText, refresh, view, state, setState };
}
