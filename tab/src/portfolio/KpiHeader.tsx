import { Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { PortfolioKpis } from '../../../bot/portfolio/domain/portfolio';
import { RagBadge } from './RagBadge';
import { RAGS, RAG_LABELS, type Rag } from './types';

const useStyles = makeStyles({
  list: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(128px, 1fr))',
    gap: tokens.spacingHorizontalM,
    listStyleType: 'none',
    margin: 0,
    padding: 0,
  },
  tile: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow4,
    borderTop: `${tokens.strokeWidthThickest} solid ${tokens.colorNeutralStroke2}`,
  },
  green: { borderTopColor: tokens.colorPaletteGreenBorderActive },
  amber: { borderTopColor: tokens.colorPaletteMarigoldBorderActive },
  red: { borderTopColor: tokens.colorPaletteRedBorderActive },
  unknown: { borderTopColor: tokens.colorNeutralStroke1 },
  value: { fontSize: tokens.fontSizeHero700, lineHeight: tokens.lineHeightHero700, fontWeight: tokens.fontWeightSemibold },
  label: { color: tokens.colorNeutralForeground2 },
});

export interface KpiHeaderProps {
  readonly kpis: PortfolioKpis;
}

/** Headline figures of the domain's whole portfolio (not just the filtered rows). */
export function KpiHeader({ kpis }: KpiHeaderProps) {
  const styles = useStyles();
  const tile = (key: string, value: string, label: string, extra?: string) => (
    <li key={key} className={mergeClasses(styles.tile, extra)} aria-label={`${label}: ${value}`}>
      <Text className={styles.value} aria-hidden>
        {value}
      </Text>
      <Text className={styles.label} aria-hidden>
        {label}
      </Text>
    </li>
  );
  const ragTile = (rag: Rag) => (
    <li key={rag} className={mergeClasses(styles.tile, styles[rag])} aria-label={`${RAG_LABELS[rag]} overall: ${kpis.byOverall[rag]}`}>
      <Text className={styles.value} aria-hidden>
        {kpis.byOverall[rag]}
      </Text>
      <span aria-hidden>
        <RagBadge value={rag} />
      </span>
    </li>
  );
  return (
    <section aria-label="Key figures">
      <ul className={styles.list}>
        {tile('total', String(kpis.total), 'Work items')}
        {RAGS.map(ragTile)}
        {tile('benefit', kpis.onBenefitPercent === undefined ? '—' : `${kpis.onBenefitPercent}%`, 'On-benefit')}
        {tile('stale', String(kpis.stale), 'Stale statuses')}
      </ul>
    </section>
  );
}
