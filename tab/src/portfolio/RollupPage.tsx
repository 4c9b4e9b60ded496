import {
  Button,
  Link,
  Popover,
  PopoverSurface,
  PopoverTrigger,
  Subtitle1,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { type ReactNode, useCallback, useEffect, useId } from 'react';
import type { DomainRollup, RollupResponse } from '../../../bot/api-contract/portfolio';
import type { ApiClient } from '../api/client';
import { EmptyState } from '../shared/EmptyState';
import { ListPage } from '../shared/ListPage';
import { navigate, portfolioHash } from '../shared/route';
import { useLoad } from '../shared/useLoad';
import { heatmapCellFilters } from './heatmap';
import { type HeatmapCell, HeatmapView } from './HeatmapView';
import { focusWhenShown, rememberDrillDown, returningFrom } from './page-focus';
import { RagBadge } from './RagBadge';
import { type PortfolioFilters, NO_FILTERS, RAGS, RAG_LABELS } from './types';
import { DEFAULT_VIEW_STATE, serialiseViewState } from './view-state';

const useStyles = makeStyles({
  scroller: { overflowX: 'auto', backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusLarge, boxShadow: tokens.shadow4 },
  table: { minWidth: '960px' },
  domain: { minWidth: '200px', fontWeight: tokens.fontWeightSemibold },
  num: { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' },
  muted: { color: tokens.colorNeutralForeground3 },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, marginTop: tokens.spacingVerticalL },
  count: { minWidth: '64px', fontWeight: tokens.fontWeightSemibold },
  domains: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

/** "8 of 10 responded (80%)" over the domain's active changes, or a dash when none is active. */
function coverage(cascade: DomainRollup['cascade']): string {
  if (cascade.activeChanges === 0 || cascade.recipients === 0) return '—';
  const pct = Math.round((cascade.responded / cascade.recipients) * 100);
  return `${cascade.responded} of ${cascade.recipients} responded (${pct}%)`;
}

/** A domain's portfolio with `filters` on (the view's own URL format). */
const domainHash = (domainId: string, filters: Partial<PortfolioFilters> = {}): string =>
  portfolioHash(domainId, serialiseViewState({ ...DEFAULT_VIEW_STATE, filters: { ...NO_FILTERS, ...filters } }));

const domainLinkId = (domainId: string): string => `rollup-domain-${domainId}`;

interface DrillLinkProps {
  readonly domainId: string;
  readonly filters?: Partial<PortfolioFilters>;
  readonly label?: string;
  readonly id?: string;
  readonly children: ReactNode;
}

/** A way into a domain's portfolio; remembers the domain so Back to the roll-up focuses it again. */
function DrillLink({ domainId, filters, label, id, children }: DrillLinkProps) {
  const hash = domainHash(domainId, filters);
  return (
    <Link
      id={id}
      href={hash}
      aria-label={label}
      onClick={(e) => {
        e.preventDefault();
        rememberDrillDown(domainId);
        navigate(hash);
      }}
    >
      {children}
    </Link>
  );
}

/** A figure that opens the domain filtered to what it counts; zero stays plain text (nothing to see). */
function Figure({ d, n, what, filters }: { readonly d: DomainRollup; readonly n: number; readonly what: string; readonly filters: Partial<PortfolioFilters> }) {
  return n > 0 ? (
    <DrillLink domainId={d.domain.id} filters={filters} label={`${d.domain.name}: ${n} ${what}`}>
      {n}
    </DrillLink>
  ) : (
    <>{n}</>
  );
}

/**
 * A roll-up heatmap count spans domains, and the roll-up has no per-domain split of it, so the
 * count opens a list of the domains that have items at that health — each opening its grid
 * filtered to the cell's objective and health (where the count's items are).
 */
function CellDomains({ cell, domains }: { readonly cell: HeatmapCell; readonly domains: readonly DomainRollup[] }) {
  const styles = useStyles();
  const candidates = domains.filter((d) => d.kpis.byOverall[cell.rag] > 0);
  const filters = heatmapCellFilters(cell.line.objectiveId, cell.rag);
  return (
    <Popover withArrow trapFocus>
      <PopoverTrigger disableButtonEnhancement>
        <Button appearance="transparent" className={styles.count} aria-label={`${cell.label}, by domain`}>
          {cell.count}
        </Button>
      </PopoverTrigger>
      <PopoverSurface aria-label={`${cell.label}, by domain`}>
        <Text block weight="semibold">
          {cell.line.label} · {RAG_LABELS[cell.rag]}
        </Text>
        <Text block size={200}>
          Open a domain to see its items here:
        </Text>
        <ul className={styles.domains}>
          {candidates.map((d) => (
            <li key={d.domain.id}>
              <DrillLink domainId={d.domain.id} filters={filters}>
                {d.domain.name}
              </DrillLink>
            </li>
          ))}
        </ul>
      </PopoverSurface>
    </Popover>
  );
}

/**
 * The roll-up (EPMO and tenant admins): every domain side by side — items by health, on-benefit,
 * stale, open escalations, cascade coverage of active changes — each figure a way into that
 * domain's portfolio, filtered to what it counts.
 */
export function RollupPage({ api }: { readonly api: ApiClient }) {
  const styles = useStyles();
  const load = useCallback((signal: AbortSignal) => api.rollup(signal), [api]);
  const rollup = useLoad<RollupResponse>(load);
  const heatmapHeading = useId();
  const ready = rollup.status === 'ready';
  useEffect(() => {
    // Back from a domain drilled into: focus returns to that domain's link, not to the page body.
    if (!ready) return;
    const from = returningFrom();
    if (from) focusWhenShown(() => document.getElementById(domainLinkId(from)));
  }, [ready]);
  return (
    <ListPage title="Portfolio roll-up" description="Every domain's portfolio side by side. Select a domain or a figure to see those work items." state={rollup} loading="Loading the roll-up…" failed="Could not load the roll-up" onRetry={rollup.retry}>
      {({ data }) =>
        data.domains.length === 0 ? (
          <EmptyState title="No domains yet">Your tenant admin creates the domains; their portfolios appear here.</EmptyState>
        ) : (
          <>
            <div className={styles.scroller}>
              <Table className={styles.table} aria-label="Domains">
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">Domain</TableHeaderCell>
                    <TableHeaderCell scope="col">Work items</TableHeaderCell>
                    {RAGS.map((rag) => (
                      <TableHeaderCell key={rag} scope="col" aria-label={`${RAG_LABELS[rag]} overall`}>
                        <RagBadge value={rag} />
                      </TableHeaderCell>
                    ))}
                    <TableHeaderCell scope="col">On-benefit</TableHeaderCell>
                    <TableHeaderCell scope="col">Stale</TableHeaderCell>
                    <TableHeaderCell scope="col">Open escalations</TableHeaderCell>
                    <TableHeaderCell scope="col">Check-ins overdue</TableHeaderCell>
                    <TableHeaderCell scope="col">Cascade coverage</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {data.domains.map((d) => (
                    <TableRow key={d.domain.id}>
                      <TableHeaderCell scope="row" className={styles.domain}>
                        <DrillLink domainId={d.domain.id} id={domainLinkId(d.domain.id)}>
                          {d.domain.name}
                        </DrillLink>
                      </TableHeaderCell>
                      <TableCell className={styles.num}>{d.kpis.total}</TableCell>
                      {RAGS.map((rag) => (
                        <TableCell key={rag} className={styles.num}>
                          <Figure d={d} n={d.kpis.byOverall[rag]} what={`${RAG_LABELS[rag]} overall`} filters={{ health: [rag] }} />
                        </TableCell>
                      ))}
                      <TableCell className={styles.num}>{d.kpis.onBenefitPercent === undefined ? '—' : `${d.kpis.onBenefitPercent}%`}</TableCell>
                      <TableCell className={styles.num}>
                        <Figure d={d} n={d.kpis.stale} what="stale" filters={{ stale: true }} />
                      </TableCell>
                      <TableCell className={styles.num}>
                        {/* Escalations are open signals: the domain's items with open signals hold them. */}
                        <Figure d={d} n={d.openEscalations} what="open escalations, see items with open signals" filters={{ openSignals: true }} />
                      </TableCell>
                      <TableCell className={styles.num}>
                        <Figure d={d} n={d.kpis.overdueCheckIns} what="check-ins overdue" filters={{ checkInOverdue: true }} />
                      </TableCell>
                      <TableCell>
                        {coverage(d.cascade)}
                        {d.cascade.activeChanges > 0 && (
                          <Text block size={200} className={styles.muted}>
                            {d.cascade.activeChanges === 1 ? '1 active change' : `${d.cascade.activeChanges} active changes`}
                          </Text>
                        )}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
            <section className={styles.section} aria-labelledby={heatmapHeading}>
              <Subtitle1 as="h2" id={heatmapHeading}>
                Objectives across every domain
              </Subtitle1>
              <HeatmapView
                rows={data.heatmap}
                objectives={data.objectives}
                hint=" Select a count to pick a domain and see those items."
                renderCell={(cell) => <CellDomains cell={cell} domains={data.domains} />}
              />
            </section>
          </>
        )
      }
    </ListPage>
  );
}
