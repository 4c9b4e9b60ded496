/**
 * An item's status history as line charts: overall health, and benefits planned vs realised.
 * Its own module, loaded only when a panel shows history, so the chart library stays out of
 * the page's first download.
 */
import { LineChart } from '@fluentui/react-charts';
import { Text, makeStyles, tokens } from '@fluentui/react-components';
import type { StatusReport } from '../../../bot/api-contract/portfolio';
import { formatDate } from '../shared/dates';
import { RAG_LEVEL, benefitSeries, healthSeries } from './history';
import { RAG_LABELS } from './types';

const useStyles = makeStyles({
  charts: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  caption: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground2 },
});

const LEVEL_LABELS = new Map(Object.entries(RAG_LEVEL).map(([rag, level]) => [level, RAG_LABELS[rag as keyof typeof RAG_LEVEL]]));

/** At most six dates on the time axis, spread over the reports, so labels never overlap. */
function timeTicks(dates: readonly Date[]): Date[] {
  const step = Math.max(1, Math.ceil(dates.length / 6));
  return dates.filter((_d, i) => i % step === 0);
}

export default function HistoryCharts({ history }: { readonly history: readonly StatusReport[] }) {
  const styles = useStyles();
  const health = healthSeries(history);
  const benefits = benefitSeries(history);
  const dateText = (d: Date): string => formatDate(d.toISOString());
  return (
    <div className={styles.charts}>
      {health.length > 0 && (
        <>
          <Text block className={styles.caption}>Overall health</Text>
          <LineChart
          data={{
            chartTitle: 'Overall health over time',
            lineChartData: [
              {
                legend: 'Overall health',
                color: tokens.colorBrandForeground1,
                data: health.map((p) => ({ x: p.at, y: p.level, text: RAG_LABELS[p.rag], xAxisCalloutData: dateText(p.at), yAxisCalloutData: RAG_LABELS[p.rag] })),
              },
            ],
          }}
          height={200}
          yMinValue={1}
          yMaxValue={3}
          yAxisTickValues={[...LEVEL_LABELS.keys()]}
          yAxisTickFormat={(v: number) => LEVEL_LABELS.get(v) ?? ''}
          // Room for the longest label ("Amber") left of the axis.
          margins={{ top: 16, right: 24, bottom: 36, left: 64 }}
          tickValues={timeTicks(health.map((p) => p.at))}
          customDateTimeFormatter={dateText}
          hideLegend
          />
        </>
      )}
      {benefits && benefits.realised.length > 0 && (
        <>
          <Text block className={styles.caption}>Benefits planned and realised ({benefits.unit})</Text>
          <LineChart
          data={{
            chartTitle: `Benefits planned and realised (${benefits.unit})`,
            lineChartData: [
              { legend: 'Planned', color: tokens.colorNeutralForeground3, data: benefits.planned.map((p) => ({ x: p.at, y: p.value, xAxisCalloutData: dateText(p.at) })) },
              { legend: 'Realised', color: tokens.colorPaletteGreenForeground1, data: benefits.realised.map((p) => ({ x: p.at, y: p.value, xAxisCalloutData: dateText(p.at) })) },
            ],
          }}
          height={200}
          yMinValue={0}
          tickValues={timeTicks(benefits.realised.map((p) => p.at))}
          customDateTimeFormatter={dateText}
          />
        </>
      )}
    </div>
  );
}
