/**
 * A domain's headline figures kept on write (the `stats` projection): every item write adds the
 * new item's contribution and removes the old one's, so reading the figures costs one row
 * however many items the domain holds. Staleness depends on "now", so the projection keeps the
 * day each unfinished item last reported (in buckets) and derives "stale now" from them.
 */
import { type Domain, type PortfolioKpis, type Rag, type WorkItem, RAG_VALUES, isFinished, isOnBenefit, overallHealth, utcDay } from './portfolio';

/** The stored figures of one domain. */
export interface DomainStats {
  readonly total: number;
  readonly byOverall: Readonly<Record<Rag, number>>;
  /** Items reporting benefit health, and those of them on-benefit. */
  readonly benefitReporting: number;
  readonly onBenefit: number;
  /** Objective id (`''` for items aligned to none) → counts by overall health. */
  readonly objectives: Readonly<Record<string, Readonly<Record<Rag, number>>>>;
  /** Unfinished items by the UTC day number of their last report. */
  readonly reportedDays: Readonly<Record<string, number>>;
  /** Unfinished items never reported. */
  readonly neverReported: number;
}

/** The key of the heatmap row of items aligned to no objective. */
export const NO_OBJECTIVE = '';

const zeroRag = (): Record<Rag, number> => ({ green: 0, amber: 0, red: 0, unknown: 0 });

export const emptyStats = (): DomainStats => ({ total: 0, byOverall: zeroRag(), benefitReporting: 0, onBenefit: 0, objectives: {}, reportedDays: {}, neverReported: 0 });

type Counted = Pick<WorkItem, 'health' | 'objectives' | 'stage' | 'statusReportedAt'>;

/** Adds (`sign` 1) or removes (`sign` -1) one item's contribution; empty counters are dropped. */
function apply(stats: DomainStats, item: Counted, sign: 1 | -1): DomainStats {
  const overall = overallHealth(item.health);
  const byOverall = { ...stats.byOverall, [overall]: stats.byOverall[overall] + sign };
  const benefit = isOnBenefit(item);
  const objectives: Record<string, Record<Rag, number>> = { ...stats.objectives };
  const keys = item.objectives.length > 0 ? [...new Set(item.objectives.map((o) => o.objectiveId))] : [NO_OBJECTIVE];
  for (const key of keys) {
    const row = { ...(objectives[key] ?? zeroRag()) };
    row[overall] += sign;
    if (RAG_VALUES.every((r) => row[r] === 0)) delete objectives[key];
    else objectives[key] = row;
  }
  const reportedDays: Record<string, number> = { ...stats.reportedDays };
  let neverReported = stats.neverReported;
  if (!isFinished(item)) {
    if (item.statusReportedAt === undefined) neverReported += sign;
    else {
      const day = String(utcDay(item.statusReportedAt));
      const next = (reportedDays[day] ?? 0) + sign;
      if (next === 0) delete reportedDays[day];
      else reportedDays[day] = next;
    }
  }
  return {
    total: stats.total + sign,
    byOverall,
    benefitReporting: stats.benefitReporting + (benefit === undefined ? 0 : sign),
    onBenefit: stats.onBenefit + (benefit === true ? sign : 0),
    objectives,
    reportedDays,
    neverReported,
  };
}

/** The figures after an item changed from `before` (absent: created) to `after` (absent: removed). */
export function restate(stats: DomainStats, before: Counted | undefined, after: Counted | undefined): DomainStats {
  const without = before ? apply(stats, before, -1) : stats;
  return after ? apply(without, after, 1) : without;
}

/** The figures of a set of items, computed from scratch (migration, checks). */
export const statsOf = (items: readonly Counted[]): DomainStats => items.reduce((s, i) => apply(s, i, 1), emptyStats());

/** Unfinished items whose status is stale now: never reported, or reported more than the window ago. */
export function staleNow(stats: DomainStats, domain: Pick<Domain, 'freshnessDays'>, now: Date): number {
  const lastFresh = utcDay(now) - domain.freshnessDays;
  let stale = stats.neverReported;
  for (const [day, count] of Object.entries(stats.reportedDays)) if (Number(day) < lastFresh) stale += count;
  return stale;
}

/** The headline KPIs from the projection, as `portfolioKpis` computes them from items. */
export function kpisOf(stats: DomainStats, domain: Pick<Domain, 'freshnessDays'>, now: Date): PortfolioKpis {
  return {
    total: stats.total,
    byOverall: { ...stats.byOverall },
    ...(stats.benefitReporting > 0 ? { onBenefitPercent: Math.round((stats.onBenefit / stats.benefitReporting) * 100) } : {}),
    stale: staleNow(stats, domain, now),
  };
}

/** Objectives × overall health, `null` for items aligned to no objective. */
export function heatmapOf(stats: DomainStats): { objectiveId: string | null; byOverall: Record<Rag, number> }[] {
  return Object.entries(stats.objectives).map(([id, byOverall]) => ({ objectiveId: id === NO_OBJECTIVE ? null : id, byOverall: { ...byOverall } }));
}

/** Sums heatmap rows of several domains. */
export function mergeHeatmaps(rows: readonly { objectiveId: string | null; byOverall: Readonly<Record<Rag, number>> }[]): { objectiveId: string | null; byOverall: Record<Rag, number> }[] {
  const merged = new Map<string | null, Record<Rag, number>>();
  for (const row of rows) {
    const sum = merged.get(row.objectiveId) ?? zeroRag();
    for (const r of RAG_VALUES) sum[r] += row.byOverall[r];
    merged.set(row.objectiveId, sum);
  }
  return [...merged].map(([objectiveId, byOverall]) => ({ objectiveId, byOverall }));
}
