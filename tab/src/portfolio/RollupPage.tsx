import { Link, Subtitle1, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useId } from 'react';
import type { DomainRollup, RollupResponse } from '../../../bot/api-contract/portfolio';
import type { ApiClient } from '../api/client';
import { EmptyState } from '../shared/EmptyState';
import { ListPage } from '../shared/ListPage';
import { navigate, portfolioHash } from '../shared/route';
import { useLoad } from '../shared/useLoad';
import { HeatmapView } from './HeatmapView';
import { RagBadge } from './RagBadge';
import { RAGS, RAG_LABELS } from './types';

const useStyles = makeStyles({
  scroller: { overflowX: 'auto', backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusLarge, boxShadow: tokens.shadow4 },
  table: { minWidth: '960px' },
  domain: { minWidth: '200px', fontWeight: tokens.fontWeightSemibold },
  num: { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' },
  muted: { color: tokens.colorNeutralForeground3 },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, marginTop: tokens.spacingVerticalL },
});

/** "8 of 10 responded (80%)" over the domain's active changes, or a dash when none is active. */
function coverage(cascade: DomainRollup['cascade']): string {
  if (cascade.activeChanges === 0 || cascade.recipients === 0) return '—';
  const pct = Math.round((cascade.responded / cascade.recipients) * 100);
  return `${cascade.responded} of ${cascade.recipients} responded (${pct}%)`;
}

/**
 * The EPMO's roll-up: every domain side by side — items by health, on-benefit, stale, open
 * escalations, cascade coverage of active changes — each a way into that domain's portfolio.
 */
export function RollupPage({ api }: { readonly api: ApiClient }) {
  const styles = useStyles();
  const load = useCallback((signal: AbortSignal) => api.rollup(signal), [api]);
  const rollup = useLoad<RollupResponse>(load);
  const heatmapHeading = useId();
  return (
    <ListPage title="Portfolio roll-up" description="Every domain's portfolio side by side. Select a domain to see its work items." state={rollup} loading="Loading the roll-up…" failed="Could not load the roll-up" onRetry={rollup.retry}>
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
                    <TableHeaderCell scope="col">Cascade coverage</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {data.domains.map((d) => (
                    <TableRow key={d.domain.id}>
                      <TableHeaderCell scope="row" className={styles.domain}>
                        <Link
                          href={portfolioHash(d.domain.id)}
                          onClick={(e) => {
                            e.preventDefault();
                            navigate(portfolioHash(d.domain.id));
                          }}
                        >
                          {d.domain.name}
                        </Link>
                      </TableHeaderCell>
                      <TableCell className={styles.num}>{d.kpis.total}</TableCell>
                      {RAGS.map((rag) => (
                        <TableCell key={rag} className={styles.num}>
                          {d.kpis.byOverall[rag]}
                        </TableCell>
                      ))}
                      <TableCell className={styles.num}>{d.kpis.onBenefitPercent === undefined ? '—' : `${d.kpis.onBenefitPercent}%`}</TableCell>
                      <TableCell className={styles.num}>{d.kpis.stale}</TableCell>
                      <TableCell className={styles.num}>{d.openEscalations}</TableCell>
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
              <HeatmapView rows={data.heatmap} objectives={data.objectives} />
            </section>
          </>
        )
      }
    </ListPage>
  );
}
