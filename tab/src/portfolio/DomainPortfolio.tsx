/**
 * One domain's portfolio page: its KPI tiles, the grid, heatmap and roadmap views with the
 * toolbar that filters them, and the overlays (item panel, new item, import) opened from them.
 */
import { Button, Dropdown, Field, Option, Tab, TabList, makeStyles, tokens } from '@fluentui/react-components';
import { AddRegular, ArrowUploadRegular } from '@fluentui/react-icons';
import { Suspense, lazy, useEffect, useMemo, useRef, useState } from 'react';
import type { Domain } from '../../../bot/portfolio/domain/portfolio';
import type { ApiClient } from '../api/client';
import { BackLink } from '../shared/BackLink';
import { EmptyState } from '../shared/EmptyState';
import { ClearFiltersButton, ShownCount } from '../shared/ListControls';
import { ListPage } from '../shared/ListPage';
import { Loading } from '../shared/Loading';
import { navigate, portfolioHash, rollupHash } from '../shared/route';
import { ColumnChooser } from './ColumnChooser';
import { ExportButton } from './ExportButton';
import { heatmapCellFilters } from './heatmap';
import { KpiHeader } from './KpiHeader';
import { toggleTile } from './kpi-tiles';
import { arrivedByDrillDown, focusWhenShown, pageHeading } from './page-focus';
import { PortfolioGrid, type PortfolioGridHandle } from './PortfolioGrid';
import { PortfolioOverlays } from './PortfolioOverlays';
import { PortfolioToolbar } from './PortfolioToolbar';
import { SavedViewsMenu } from './SavedViewsMenu';
import { NO_FILTERS } from './types';
import { usePortfolio } from './usePortfolio';
import { useWorkItemMutations } from './useWorkItemMutations';
import { PORTFOLIO_VIEWS, type PortfolioViewName, serialiseViewState } from './view-state';

const useStyles = makeStyles({
  domain: { minWidth: '220px' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
});

// The grid is what most visits show; the other views load on first use, keeping the first download small.
const HeatmapView = lazy(() => import('./HeatmapView').then((m) => ({ default: m.HeatmapView })));
const RoadmapView = lazy(() => import('./RoadmapView').then((m) => ({ default: m.RoadmapView })));

const VIEW_LABELS: Readonly<Record<PortfolioViewName, string>> = { grid: 'Grid', heatmap: 'Heatmap', roadmap: 'Roadmap' };

export interface DomainPortfolioProps {
  readonly api: ApiClient;
  readonly domain: Domain;
  /** Every domain the caller may pick instead. */
  readonly domains: readonly Domain[];
  readonly query: string;
  /** EPMO members get a way back to the roll-up. */
  readonly epmo: boolean;
  onSelectDomain(id: string): void;
}

/**
 * After the item panel closes, focus goes back to the item where it was opened from (its grid
 * row or roadmap bar, marked `data-item-id`), unless the drawer already restored it.
 */
function focusItem(id: string): void {
  window.requestAnimationFrame(() => {
    if (document.activeElement && document.activeElement !== document.body) return;
    document.querySelector<HTMLElement>(`[data-item-id="${CSS.escape(id)}"]`)?.focus();
  });
}

export function DomainPortfolio({ api, domain, domains, query, epmo, onSelectDomain }: DomainPortfolioProps) {
  const styles = useStyles();
  const { portfolio, loadingText, refresh, view, state, setState } = usePortfolio(api, domain.id, query);
  const mutations = useWorkItemMutations(api);
  const [openId, setOpenId] = useState<string>();
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const grid = useRef<PortfolioGridHandle>(null);
  const viewQuery = useMemo(() => serialiseViewState(state), [state]);
  const title = `${domain.name} portfolio`;
  useEffect(() => {
    // Drilled into from the roll-up: the link clicked is gone, so focus starts at this page's heading.
    if (arrivedByDrillDown(domain.id)) focusWhenShown(() => pageHeading(title));
  }, [domain.id, title]);

  return (
    <ListPage
      title={title}
      description={domain.description}
      tools={
        <Field label="Domain">
          <Dropdown className={styles.domain} value={domain.name} selectedOptions={[domain.id]} onOptionSelect={(_e, data) => data.optionValue && onSelectDomain(data.optionValue)}>
            {domains.map((d) => (
              <Option key={d.id} value={d.id}>
                {d.name}
              </Option>
            ))}
          </Dropdown>
        </Field>
      }
      notice={epmo ? <BackLink hash={rollupHash()} label="All domains" /> : undefined}
      state={portfolio}
      loading={loadingText}
      failed="Could not load the portfolio"
      onRetry={portfolio.retry}
    >
      {({ data }) =>
        view && (
          <>
            <KpiHeader
              kpis={data.kpis}
              filters={state.filters}
              // The heatmap counts the whole domain; a tile filters rows, so it shows the grid.
              onToggle={(tile) => setState({ filters: toggleTile(tile, state.filters), view: state.view === 'heatmap' ? 'grid' : state.view })}
              onClear={() => setState({ filters: NO_FILTERS })}
            />
            <TabList selectedValue={state.view} onTabSelect={(_e, d) => setState({ view: PORTFOLIO_VIEWS.find((v) => v === d.value) ?? 'grid' })} aria-label="Portfolio views">
              {PORTFOLIO_VIEWS.map((v) => (
                <Tab key={v} value={v}>
                  {VIEW_LABELS[v]}
                </Tab>
              ))}
            </TabList>
            {state.view === 'heatmap' ? (
              <Suspense fallback={<Loading label="Loading the heatmap…" />}>
                <HeatmapView rows={data.heatmap} objectives={data.objectives} onOpenCell={(objectiveId, rag) => {
                    setState({ view: 'grid', filters: heatmapCellFilters(objectiveId, rag) });
                    // The cell is gone with the heatmap: focus moves to the grid of the items it counted.
                    focusWhenShown(() => document.querySelector<HTMLElement>('[role="region"][aria-label^="Work items"]'));
                  }}
                />
              </Suspense>
            ) : (
              <>
                <PortfolioToolbar
                  filters={state.filters}
                  objectives={data.objectives}
                  {...(state.view === 'grid' ? { groupBy: state.groupBy } : {})}
                  onFiltersChange={(filters, options) => setState({ filters }, options)}
                  onGroupByChange={(groupBy) => setState({ groupBy })}
                  tools={
                    <>
                      {state.view === 'grid' && <ColumnChooser columns={state.columns} onChange={(columns) => setState({ columns })} />}
                      <SavedViewsMenu api={api} query={viewQuery} onApply={(saved) => navigate(portfolioHash(domain.id, saved))} />
                      <ExportButton domainName={domain.name} rows={view.rows} columns={state.columns} objectives={view.objectives} />
                    </>
                  }
                />
                {data.canEdit && state.view === 'grid' && (
                  <div className={styles.actions}>
                    <Button appearance="primary" icon={<AddRegular />} onClick={() => setCreating(true)}>
                      New work item
                    </Button>
                    <Button icon={<ArrowUploadRegular />} onClick={() => setImporting(true)}>
                      Import CSV
                    </Button>
                  </div>
                )}
                <ShownCount shown={view.rows.length} total={data.items.length} noun="work items" />
                {data.items.length === 0 ? (
                  <EmptyState title="No work items yet">{domain.name} has no work items in its portfolio yet.</EmptyState>
                ) : view.rows.length === 0 ? (
                  <EmptyState title="No work items match these filters" action={<ClearFiltersButton primary onClick={() => setState({ filters: NO_FILTERS })} />}>
                    Try other filters or a different search.
                  </EmptyState>
                ) : state.view === 'roadmap' ? (
                  <Suspense fallback={<Loading label="Loading the roadmap…" />}>
                    <RoadmapView items={view.rows} objectives={data.objectives} groupBy={state.roadmapBy} onGroupByChange={(roadmapBy) => setState({ roadmapBy })} onOpenItem={(item) => setOpenId(item.id)} />
                  </Suspense>
                ) : (
                  <PortfolioGrid ref={grid} columns={state.columns} groups={view.groups} groupBy={state.groupBy} objectives={view.objectives} sort={state.sort} onSortChange={(sort) => setState({ sort })} onOpenItem={(item) => setOpenId(item.id)} />
                )}
              </>
            )}
            <PortfolioOverlays
              api={api}
              domain={domain}
              data={data}
              objectives={view.objectives}
              mutations={mutations}
              openId={openId}
              creating={creating}
              importing={importing}
              onOpenItem={setOpenId}
              onCloseItem={() => {
                if (openId && !grid.current?.focusItem(openId)) focusItem(openId);
                setOpenId(undefined);
              }}
              onCloseNew={() => setCreating(false)}
              onCloseImport={() => setImporting(false)}
              refresh={refresh}
            />
          </>
        )
      }
    </ListPage>
  );
}
