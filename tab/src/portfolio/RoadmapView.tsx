import { Button, Dropdown, Field, Option, Subtitle2, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { formatDate, formatMonth, toDateInput } from '../shared/dates';
import { RagBadge } from './RagBadge';
import { type RoadmapBar, roadmapLayout, roadmapRows } from './roadmap';
import { type StrategicObjective, type WorkItemView, RAG_LABELS } from './types';
import { ROADMAP_GROUPINGS, type RoadmapGrouping } from './view-state';

/** Bars rendered at first, and added by each "Show more": enough to scan, few enough to stay quick at 5,000 items. */
const PAGE = 200;
const LABEL_WIDTH = '280px';

const GROUPING_LABELS: Readonly<Record<RoadmapGrouping, string>> = { objective: 'Objective', structure: 'Structure' };

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  grouping: { alignSelf: 'flex-start', minWidth: '200px' },
  frame: { backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusLarge, boxShadow: tokens.shadow4, padding: tokens.spacingVerticalM, overflowX: 'auto' },
  chart: { position: 'relative', minWidth: '900px' },
  row: { display: 'grid', gridTemplateColumns: `${LABEL_WIDTH} 1fr`, alignItems: 'center', minHeight: '36px' },
  label: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, paddingInlineEnd: tokens.spacingHorizontalM, overflow: 'hidden' },
  title: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  track: { position: 'relative', height: '28px', borderLeft: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  scale: { position: 'relative', height: '24px', borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  tick: { position: 'absolute', top: 0, paddingInlineStart: tokens.spacingHorizontalXS, color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, whiteSpace: 'nowrap', borderLeft: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  heading: { margin: `${tokens.spacingVerticalM} 0 ${tokens.spacingVerticalXS}` },
  bar: {
    position: 'absolute',
    top: '4px',
    height: '20px',
    minWidth: '8px',
    padding: 0,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStrokeAccessible}`,
  },
  green: { backgroundColor: tokens.colorPaletteGreenBackground3, ':hover': { backgroundColor: tokens.colorPaletteGreenForeground1 } },
  amber: { backgroundColor: tokens.colorPaletteMarigoldBackground3, ':hover': { backgroundColor: tokens.colorPaletteMarigoldForeground1 } },
  red: { backgroundColor: tokens.colorPaletteRedBackground3, ':hover': { backgroundColor: tokens.colorPaletteRedForeground1 } },
  unknown: { backgroundColor: tokens.colorNeutralBackground5, ':hover': { backgroundColor: tokens.colorNeutralForeground3 } },
  // Today's line runs down the whole chart, over the tracks (the label column excluded).
  today: { position: 'absolute', top: 0, bottom: 0, width: 0, borderLeft: `${tokens.strokeWidthThick} dashed ${tokens.colorBrandStroke1}`, pointerEvents: 'none' },
  todayLabel: { position: 'absolute', top: 0, transform: 'translateX(-50%)', paddingInline: tokens.spacingHorizontalXS, backgroundColor: tokens.colorBrandBackground, color: tokens.colorNeutralForegroundOnBrand, fontSize: tokens.fontSizeBase200, borderRadius: tokens.borderRadiusSmall, whiteSpace: 'nowrap' },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** `left` of a point at `pct` percent of the track, in the chart's coordinates (after the label column). */
const onTrack = (pct: number): string => `calc(${LABEL_WIDTH} + (100% - ${LABEL_WIDTH}) * ${pct / 100})`;

export interface RoadmapViewProps {
  /** The filtered, sorted rows. */
  readonly items: readonly WorkItemView[];
  readonly objectives: readonly StrategicObjective[];
  readonly groupBy: RoadmapGrouping;
  onGroupByChange(groupBy: RoadmapGrouping): void;
  onOpenItem(item: WorkItemView): void;
}

/**
 * Work items on a timeline from start to end date, grouped, with today's line. Each bar is a
 * button (Tab reaches it) that opens the item; its health is its colour and, beside its title,
 * a badge in words.
 */
export function RoadmapView({ items, objectives, groupBy, onGroupByChange, onOpenItem }: RoadmapViewProps) {
  const styles = useStyles();
  const [limit, setLimit] = useState(PAGE);
  // The reader's calendar day: that is where "today" is for them.
  const today = toDateInput(new Date().toISOString());
  const layout = useMemo(() => roadmapLayout(items, groupBy, objectives, today), [items, groupBy, objectives, today]);
  const { rows, hidden } = useMemo(() => roadmapRows(layout.groups, limit), [layout, limit]);

  return (
    <div className={styles.root}>
      <Field label="Group roadmap by" className={styles.grouping}>
        <Dropdown
          value={GROUPING_LABELS[groupBy]}
          selectedOptions={[groupBy]}
          onOptionSelect={(_e, d) => {
            const next = ROADMAP_GROUPINGS.find((g) => g === d.optionValue);
            if (next) onGroupByChange(next);
          }}
        >
          {ROADMAP_GROUPINGS.map((g) => (
            <Option key={g} value={g}>
              {GROUPING_LABELS[g]}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <section className={styles.frame} aria-label="Roadmap">
        <div className={styles.chart}>
          <div className={styles.row} aria-hidden>
            <Text className={styles.muted}>
              {formatDate(layout.from)} to {formatDate(layout.to)}
            </Text>
            <div className={styles.scale}>
              {layout.ticks.map((t) => (
                <span key={t.day} className={styles.tick} style={{ left: `${t.at}%` }}>
                  {formatMonth(t.day)}
                </span>
              ))}
            </div>
          </div>
          <div className={styles.today} style={{ left: onTrack(layout.today) }} role="img" aria-label={`Today, ${formatDate(today)}`}>
            <span className={styles.todayLabel}>Today</span>
          </div>
          {rows.map((row) =>
            row.kind === 'group' ? (
              // The page's next level under its title, as the grid's group headings are.
              <Subtitle2 as="h2" key={`g-${row.group.key}`} className={styles.heading}>
                {row.group.label} ({row.shown === row.group.bars.length ? row.shown : `${row.shown} of ${row.group.bars.length}`})
              </Subtitle2>
            ) : (
              <Bar key={`${row.groupKey}-${row.bar.item.id}`} bar={row.bar} onOpen={onOpenItem} />
            ),
          )}
        </div>
      </section>
      {hidden > 0 && (
        <div>
          <Button onClick={() => setLimit((n) => n + PAGE)}>
            Show {Math.min(hidden, PAGE)} more ({hidden} not shown)
          </Button>
        </div>
      )}
      {layout.undated > 0 && (
        <Text className={styles.muted}>
          {layout.undated === 1 ? '1 work item has' : `${layout.undated} work items have`} no valid start or end date and {layout.undated === 1 ? 'is' : 'are'} not on the roadmap.
        </Text>
      )}
    </div>
  );
}

function Bar({ bar, onOpen }: { readonly bar: RoadmapBar; onOpen(item: WorkItemView): void }) {
  const styles = useStyles();
  const { item } = bar;
  return (
    <div className={styles.row}>
      <div className={styles.label}>
        <RagBadge value={item.overall} dimension="Overall" />
        <Text className={styles.title} title={item.title}>
          {item.title}
        </Text>
      </div>
      <div className={styles.track}>
        <Button
          className={mergeClasses(styles.bar, styles[item.overall])}
          style={{ left: `${bar.start}%`, width: `${bar.width}%` }}
          aria-label={`${item.title}: ${formatDate(item.startDate)} to ${formatDate(item.endDate)}, overall ${RAG_LABELS[item.overall]}`}
          data-item-id={item.id}
          onClick={() => onOpen(item)}
        />
      </div>
    </div>
  );
}
