import { Button, Text, ToggleButton, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { FilterDismissRegular } from '@fluentui/react-icons';
import type { ReactNode } from 'react';
import type { PortfolioActivity } from '../../../bot/api-contract/portfolio';
import type { PortfolioKpis } from '../../../bot/portfolio/domain/portfolio';
import { OPEN_STATES, STATE_LABELS } from '../signals/types';
import { hasActiveFilters } from './filters';
import { type KpiTileId, isTilePressed } from './kpi-tiles';
import { RagBadge } from './RagBadge';
import { type PortfolioFilters, RAGS, RAG_LABELS } from './types';

// Compact on purpose: at 1,366 × 768 the tiles, toolbar and the grid's first rows all fit above the fold.
const useStyles = makeStyles({
  list: { display: 'grid', gap: tokens.spacingHorizontalS, listStyleType: 'none', margin: 0, padding: 0, gridTemplateColumns: 'repeat(auto-fit, minmax(112px, 1fr))' },
  item: { display: 'flex' },
  // A tile is a toggle: the big number and what it counts, a coloured top edge for health.
  tile: {
    flexGrow: 1,
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    justifyContent: 'flex-start',
    gap: tokens.spacingVerticalNone,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    textAlign: 'start',
    fontWeight: tokens.fontWeightRegular,
    borderTopWidth: tokens.strokeWidthThickest,
    boxShadow: tokens.shadow4,
  },
  static: {
    flexGrow: 1,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalNone,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow4,
    borderTop: `${tokens.strokeWidthThickest} solid ${tokens.colorNeutralStroke2}`,
  },
  value: { fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500, fontWeight: tokens.fontWeightSemibold },
  // One line: the tile's accessible name carries the full text, the title shows it on hover.
  caption: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', maxWidth: '100%' },
  green: { borderTopColor: tokens.colorPaletteGreenBorderActive },
  amber: { borderTopColor: tokens.colorPaletteMarigoldBorderActive },
  red: { borderTopColor: tokens.colorPaletteRedBorderActive },
  unknown: { borderTopColor: tokens.colorNeutralStroke1 },
  header: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalM, marginBottom: tokens.spacingVerticalXS },
});

export interface KpiHeaderProps {
  readonly kpis: PortfolioKpis & PortfolioActivity;
  readonly filters: PortfolioFilters;
  onToggle(tile: KpiTileId): void;
  onClear(): void;
}

/**
 * Headline figures of the domain's whole portfolio (not just the filtered rows). Each tile but
 * the total is a toggle that filters the grid to what it counts; screen readers hear it as
 * "Red overall: 3, toggle button, pressed".
 */
export function KpiHeader({ kpis, filters, onToggle, onClear }: KpiHeaderProps) {
  const styles = useStyles();
  const openSignals = OPEN_STATES.reduce((n, s) => n + (kpis.openSignalsByState[s] ?? 0), 0);
  // One tile per state that has open signals: a click keeps the items with an open signal in it.
  const byState = OPEN_STATES.flatMap((s) => {
    const n = kpis.openSignalsByState[s] ?? 0;
    return n > 0 ? [{ state: s, count: n }] : [];
  });

  const tile = (key: string, id: KpiTileId, label: string, value: number | string, caption: ReactNode, className?: string) => (
    <li key={key} className={styles.item}>
      <ToggleButton
        className={mergeClasses(styles.tile, className)}
        checked={isTilePressed(id, filters)}
        aria-label={`${label}: ${value}`}
        onClick={() => onToggle(id)}
      >
        <Text className={styles.value} aria-hidden>
          {value}
        </Text>
        <span className={styles.caption} aria-hidden title={typeof caption === 'string' ? caption : undefined}>
          {caption}
        </span>
      </ToggleButton>
    </li>
  );

  return (
    <section aria-label="Key figures">
      <div className={styles.header}>
        <Text size={200}>Select a figure to filter the work items by it.</Text>
        <Button appearance="subtle" icon={<FilterDismissRegular />} disabled={!hasActiveFilters(filters)} onClick={onClear}>
          Clear
        </Button>
      </div>
      <ul className={styles.list}>
        <li className={styles.item}>
          <div className={styles.static} role="group" aria-label={`Work items: ${kpis.total}`}>
            <Text className={styles.value} aria-hidden>
              {kpis.total}
            </Text>
            <span className={styles.caption} aria-hidden>
              Work items
            </span>
          </div>
        </li>
        {RAGS.map((rag) => tile(rag, rag, `${RAG_LABELS[rag]} overall`, kpis.byOverall[rag], <RagBadge value={rag} />, styles[rag]))}
        {tile('onBenefit', 'onBenefit', 'On-benefit', kpis.onBenefitPercent === undefined ? '—' : `${kpis.onBenefitPercent}%`, 'On-benefit')}
        {tile('stale', 'stale', 'Stale statuses', kpis.stale, 'Stale statuses')}
        {tile('openSignals', 'openSignals', 'Open signals', openSignals, 'Open signals')}
        {byState.map(({ state, count }) => {
          const label = `Open signals · ${STATE_LABELS[state].toLowerCase()}`;
          return tile(`signal-${state}`, { signalState: state }, label, count, label);
        })}
        {tile('unanswered', 'unanswered', 'Overdue responses', kpis.overdueResponses, 'Overdue responses to changes')}
        {tile('checkInsOverdue', 'checkInsOverdue', 'Check-ins overdue', kpis.overdueCheckIns, 'Check-ins overdue')}
      </ul>
    </section>
  );
}
