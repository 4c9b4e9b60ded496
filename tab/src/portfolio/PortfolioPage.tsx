import { Button, Dropdown, Field, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Option, Tab, TabList, makeStyles, tokens } from '@fluentui/react-components';
import { AddRegular, ArrowUploadRegular } from '@fluentui/react-icons';
import { Suspense, lazy, useEffect, useMemo, useRef, useState } from 'react';
import type { MeResponse } from '../../../bot/api-contract/people';
import type { Domain } from '../../../bot/portfolio/domain/portfolio';
import type { ApiClient } from '../api/client';
import { BackLink } from '../shared/BackLink';
import { EmptyState } from '../shared/EmptyState';
import { ClearFiltersButton, ShownCount } from '../shared/ListControls';
import { ListPage } from '../shared/ListPage';
import { Loaded } from '../shared/Loaded';
import { Loading } from '../shared/Loading';
import { navigate, portfolioHash, rollupHash } from '../shared/route';
import { isEpmoMember, ledDomains, useMe } from '../shared/useMe';
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
import { useDomains } from './useDomains';
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
const RollupPage = lazy(() => import('./RollupPage').then((m) => ({ default: m.RollupPage })));

const VIEW_LABELS: Readonly<Record<PortfolioViewName, string>> = { grid: 'Grid', heatmap: 'Heatmap', roadmap: 'Roadmap' };

export interface PortfolioPageProps {
  readonly api: ApiClient;
  /** A domain the URL names (a channel tab bound to it, a link, a drill-down). */
  readonly domainId?: string;
  /** The view's query string (filters, sort, columns…), see view-state.ts. */
  readonly query?: string;
  /** Every domain side by side (`#/rollup`), whoever asks; the server decides who may see it. */
  readonly rollup?: boolean;
}

function Rollup({ api }: { readonly api: ApiClient }) {
  return (
    <Suspense fallback={<Loading label="Loading the roll-up…" />}>
      <RollupPage api={api} />
    </Suspense>
  );
}

/**
 * The portfolio: the EPMO, asked for no domain in particular, lands on the roll-up of every
 * domain; anyone else (or the EPMO drilling down) sees one domain's portfolio, PMO leads
 * their own domain first.
 */
export function PortfolioPage({ api, domainId, query = '', rollup = false }: PortfolioPageProps) {
  if (rollup) return <Rollup api={api} />;
  return <LandingOrDomain api={api} domainId={domainId} query={query} />;
}

/** Who may see every domain side by side: the EPMO, and tenant admins (the server lets both read the roll-up). */
const seesRollup = (me: Pick<MeResponse, 'roles'>): boolean => isEpmoMember(me) || me.roles.some((r) => r.role === 'tenant_admin');

function LandingOrDomain({ api, domainId, query }: { readonly api: ApiClient; readonly domainId: string | undefined; readonly query: string }) {
  const me = useMe(api);
  return (
    <Loaded state={me} loading="Loading your portfolio…" failed="Could not find out who you are" onRetry={me.retry}>
      {({ data }) =>
        !domainId && seesRollup(data) ? <Rollup api={api} /> : <DomainPortfolioPicker api={api} domainId={domainId} query={query} led={ledDomains(data)} epmo={seesRollup(data)} />
      }
    </Loaded>
  );
}

interface DomainPortfolioPickerProps {
  readonly api: ApiClient;
  readonly domainId: string | undefined;
  readonly query: string;
  readonly led: readonly string[];
  readonly epmo: boolean;
}

function DomainPortfolioPicker({ api, domainId, query, led, epmo }: DomainPortfolioPickerProps) {
  const { domains, list, selected, fallback, unknownNamed, remember } = useDomains(api, domainId, led);
  return (
    <Loaded state={domains} loading="Loading domains…" failed="Could not load your domains" onRetry={domains.retry}>
      {() =>
        unknownNamed ? (
          <UnknownDomain fallbackId={fallback?.id} fallbackName={fallback?.name} query={query} epmo={epmo} />
        ) : selected ? (
          <DomainPortfolio
            key={selected.id}
            api={api}
            domain={selected}
            domains={list}
            query={query}
            epmo={epmo}
            onSelectDomain={(id) => {
              remember(id);
              // The view (filters, sort, columns) goes along: objectives are the tenant's, not the domain's.
              navigate(portfolioHash(id, query));
            }}
          />
        ) : (
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>No portfolio to show</MessageBarTitle>
              You do not lead a domain's PMO or belong to a delivery team yet. Ask your tenant admin for a role.
            </MessageBarBody>
          </MessageBar>
        )
      }
    </Loaded>
  );
}

interface UnknownDomainProps {
  readonly fallbackId: string | undefined;
  readonly fallbackName: string | undefined;
  readonly query: string;
  readonly epmo: boolean;
}

/**
 * A link names a domain the caller cannot see, or one that does not exist. Which of the two is
 * never said (that would reveal the domain), and no other domain is shown in its place under
 * the link's URL; the caller picks the way on.
 */
function UnknownDomain({ fallbackId, fallbackName, query, epmo }: UnknownDomainProps) {
  const styles = useStyles();
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>This domain doesn't exist or isn't yours to see</MessageBarTitle>
        The link you followed names a domain that is not in your portfolio. Ask whoever shared it, or go on to one you can see.
      </MessageBarBody>
      <MessageBarActions>
        <div className={styles.actions}>
          {fallbackId && fallbackName && (
            <Button appearance="primary" onClick={() => navigate(portfolioHash(fallbackId, query))}>
              Go to {fallbackName}
            </Button>
          )}
          {epmo && <Button onClick={() => navigate(rollupHash())}>All domains</Button>}
        </div>
      </MessageBarActions>
    </MessageBar>
  );
}

interface DomainPortfolioProps {
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

function DomainPortfolio({ api, domain, domains, query, epmo, onSelectDomain }: DomainPortfolioProps) {
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
