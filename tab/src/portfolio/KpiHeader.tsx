import { makeStyles, tokens } from '@fluentui/react-components';
import type { PortfolioKpis } from '../../../bot/portfolio/domain/portfolio';
import { Figure, FigureList } from '../shared/Figures';
import { RagBadge } from './RagBadge';
import { RAGS, RAG_LABELS } from './types';

const useStyles = makeStyles({
  green: { borderTopColor: tokens.colorPaletteGreenBorderActive },
  amber: { borderTopColor: tokens.colorPaletteMarigoldBorderActive },
  red: { borderTopColor: tokens.colorPaletteRedBorderActive },
  unknown: { borderTopColor: tokens.colorNeutralStroke1 },
});

export interface KpiHeaderProps {
  readonly kpis: PortfolioKpis;
}

/** Headline figures of the domain's whole portfolio (not just the filtered rows). */
export function KpiHeader({ kpis }: KpiHeaderProps) {
  const styles = useStyles();
  return (
    <section aria-label="Key figures">
      <FigureList minWidth="128px">
        <Figure look="tile" label="Work items" value={kpis.total} />
        {RAGS.map((rag) => (
          <Figure key={rag} look="tile" className={styles[rag]} label={`${RAG_LABELS[rag]} overall`} value={kpis.byOverall[rag]} caption={<RagBadge value={rag} />} />
        ))}
        <Figure look="tile" label="On-benefit" value={kpis.onBenefitPercent === undefined ? '—' : `${kpis.onBenefitPercent}%`} />
        <Figure look="tile" label="Stale statuses" value={kpis.stale} />
      </FigureList>
    </section>
  );
}
