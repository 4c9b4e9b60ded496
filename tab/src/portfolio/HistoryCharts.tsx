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
  key: { color: tokens.colorNeutralForeground2 },
});

/**
 * Room around the plot: left for the longest health label ("Amber") or value, right for half of
 * the last date label ("Dec 14, 2026"), which is centred on its tick and was clipped with less.
 */
const MARGINS = { top: 16, right: 56, bottom: 36, left: 64 };

/** Planned is dashed and realised solid, so they differ without colour (high contrast draws both white). */
const PLANNED_DASH = '6 4';

const LEVEL_LABELS = new Map(Object.entries(RAG_LEVEL).map(([rag, level]) => [level, RAG_LABELS[rag as keyof typeof RAG_LEVEL]]));

/**
 * At most six dates on the time axis, spread over the report days, so labels never overlap:
 * several reports on one day give one label, not the same date drawn over itself.
 */
function timeTicks(dates: readonly Date[], label: (d: Date) => string): Date[] {
  const days = [...new Map(dates.map((d) => [label(d), d])).values()];
  const step = Math.max(1, Math.ceil(days.length / 6));
  return days.filter((_d, i) => i % step === 0);
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
          margins={MARGINS}
          tickValues={timeTicks(health.map((p) => p.at), dateText)}
          customDateTimeFormatter={dateText}
          hideLegend
          />
        </>
      )}
      {benefits && benefits.realised.length > 0 && (
        <>
          <Text block className={styles.caption}>Benefits planned and realised ({benefits.unit})</Text>
          <Text block size={200} className={styles.key}>
            Planned: dashed line. Realised: solid line.
          </Text>
          <LineChart
          data={{
            chartTitle: `Benefits planned and realised (${benefits.unit})`,
            lineChartData: [
              {
                legend: 'Planned',
                legendShape: 'square',
                color: tokens.colorNeutralForeground3,
                lineOptions: { strokeDasharray: PLANNED_DASH },
                data: benefits.planned.map((p) => ({ x: p.at, y: p.value, xAxisCalloutData: dateText(p.at) })),
              },
              {
                legend: 'Realised',
                legendShape: 'circle',
                color: tokens.colorPaletteGreenForeground1,
                data: benefits.realised.map((p) => ({ x: p.at, y: p.value, xAxisCalloutData: dateText(p.at) })),
              },
            ],
          }}
          height={200}
          yMinValue={0}
          margins={MARGINS}
          tickValues={timeTicks(benefits.realised.map((p) => p.at), dateText)}
          customDateTimeFormatter={dateText}
          />
        </>
      )}
    </div>
  );
}
