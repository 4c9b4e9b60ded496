/**
 * Layout of the roadmap: each work item as a bar from its start to its end date on one shared
 * time scale, in groups (by objective or structure), with month ticks and today's position.
 * Pure and in percentages of the scale, so the view only positions elements.
 */
import { groupItems } from './filters';
import type { RoadmapGrouping } from './view-state';
import type { StrategicObjective, WorkItemView } from './types';

const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since the epoch of a `YYYY-MM-DD` day (UTC, so no time zone shifts a bar). */
function dayNumber(iso: string): number | undefined {
  const m = ISO_DAY.exec(iso);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(ms) ? undefined : ms / DAY_MS;
}

const isoOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

export interface RoadmapBar {
  readonly item: WorkItemView;
  /** Left edge, percent of the scale. */
  readonly start: number;
  /** Width, percent of the scale (a one-day item still gets a visible sliver from the view). */
  readonly width: number;
}

export interface RoadmapGroup {
  readonly key: string;
  readonly label: string;
  readonly bars: readonly RoadmapBar[];
}

export interface RoadmapTick {
  /** First day of the month, `YYYY-MM-DD`. */
  readonly day: string;
  readonly at: number;
}

export interface RoadmapLayout {
  /** First and last day of the scale. */
  readonly from: string;
  readonly to: string;
  readonly today: number;
  readonly ticks: readonly RoadmapTick[];
  readonly groups: readonly RoadmapGroup[];
  /** Items left off because their dates are missing or malformed. */
  readonly undated: number;
}

/** First day of the month `offset` months after the month of `day`. */
function monthStart(day: number, offset = 0): number {
  const d = new Date(day * DAY_MS);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1) / DAY_MS;
}

/** Month ticks, thinned to every 3rd, 6th, 12th… month so labels do not crowd a long scale. */
function monthTicks(from: number, to: number, pct: (day: number) => number): RoadmapTick[] {
  const months: number[] = [];
  for (let m = monthStart(from); m <= to; m = monthStart(m, 1)) months.push(m);
  const step = [1, 3, 6, 12, 24, 60].find((s) => months.length / s <= 12) ?? 120;
  const index = (m: number): number => {
    const d = new Date(m * DAY_MS);
    return d.getUTCFullYear() * 12 + d.getUTCMonth();
  };
  return months.filter((m) => index(m) % step === 0).map((m) => ({ day: isoOf(m), at: pct(m) }));
}

/**
 * The roadmap of `items` (already filtered and sorted by the caller). The scale runs from the
 * first month any item starts to the end of the month the last one ends, and always includes
 * today, so today's line is always on it.
 */
export function roadmapLayout(items: readonly WorkItemView[], by: RoadmapGrouping, objectives: readonly StrategicObjective[], today: string): RoadmapLayout {
  const now = dayNumber(today) ?? 0;
  const dated = items.flatMap((item) => {
    const start = dayNumber(item.startDate);
    const end = dayNumber(item.endDate);
    return start === undefined || end === undefined ? [] : [{ item, start, end: Math.max(start, end) }];
  });
  const from = monthStart(Math.min(now, ...dated.map((d) => d.start)));
  // The day after the last day: bars end at the end of their last day.
  const to = monthStart(Math.max(now, ...dated.map((d) => d.end)), 1);
  const pct = (day: number): number => ((day - from) / (to - from)) * 100;
  const spans = new Map(dated.map((d) => [d.item.id, d]));

  const groups = groupItems(
    dated.map((d) => d.item),
    by,
    objectives,
  ).map((g) => ({
    key: g.key,
    label: g.label,
    bars: g.items
      .map((item) => spans.get(item.id))
      .filter((d) => d !== undefined)
      .sort((a, b) => a.start - b.start || a.end - b.end)
      .map((d) => ({ item: d.item, start: pct(d.start), width: pct(d.end + 1) - pct(d.start) })),
  }));

  return { from: isoOf(from), to: isoOf(to - 1), today: pct(now + 0.5), ticks: monthTicks(from, to - 1, pct), groups, undated: items.length - dated.length };
}

export type RoadmapRow = { readonly kind: 'group'; readonly group: RoadmapGroup; readonly shown: number } | { readonly kind: 'bar'; readonly groupKey: string; readonly bar: RoadmapBar };

/**
 * The rows to render: group headings and bars, stopping after `limit` bars so 5,000 items do
 * not become 5,000 focusable elements at once (the view offers "Show more"). A heading says
 * how many of its bars are shown.
 */
export function roadmapRows(groups: readonly RoadmapGroup[], limit: number): { readonly rows: readonly RoadmapRow[]; readonly hidden: number } {
  const rows: RoadmapRow[] = [];
  let left = limit;
  let hidden = 0;
  for (const group of groups) {
    const shown = Math.max(0, Math.min(left, group.bars.length));
    hidden += group.bars.length - shown;
    if (shown === 0) continue;
    rows.push({ kind: 'group', group, shown });
    for (const bar of group.bars.slice(0, shown)) rows.push({ kind: 'bar', groupKey: group.key, bar });
    left -= shown;
  }
  return { rows, hidden };
}
