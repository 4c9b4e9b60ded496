/**
 * An item's status history as chart series and table rows, and what its panel says about
 * benefits. Pure.
 */
import type { StatusReport } from '../../../bot/api-contract/portfolio';
import type { Rag, WorkItemView } from './types';

/** Chart height of each health value: higher is better; `unknown` is a gap, not a level. */
export const RAG_LEVEL: Readonly<Record<Exclude<Rag, 'unknown'>, number>> = { red: 1, amber: 2, green: 3 };

export interface HealthPoint {
  readonly at: Date;
  readonly level: number;
  readonly rag: Exclude<Rag, 'unknown'>;
}

/** Overall health at each report, oldest first; reports with unknown health are left out. */
export function healthSeries(history: readonly StatusReport[]): HealthPoint[] {
  return history.flatMap((r) => (r.overall === 'unknown' ? [] : [{ at: new Date(r.at), level: RAG_LEVEL[r.overall], rag: r.overall }]));
}

export interface BenefitSeries {
  readonly unit: string;
  readonly planned: readonly { readonly at: Date; readonly value: number }[];
  readonly realised: readonly { readonly at: Date; readonly value: number }[];
}

/**
 * Planned and realised benefit over time, in the unit of the latest report that has figures;
 * reports in another unit are left out rather than plotted on a wrong scale.
 */
export function benefitSeries(history: readonly StatusReport[]): BenefitSeries | undefined {
  const unit = history.findLast((r) => r.benefits)?.benefits?.realised.unit;
  if (unit === undefined) return undefined;
  const same = history.flatMap((r) => (r.benefits && r.benefits.realised.unit === unit && r.benefits.planned.unit === unit ? [{ at: new Date(r.at), b: r.benefits }] : []));
  return {
    unit,
    planned: same.map(({ at, b }) => ({ at, value: b.planned.value })),
    realised: same.map(({ at, b }) => ({ at, value: b.realised.value })),
  };
}

export interface BenefitSummary {
  /** The team's benefit health in words, e.g. `On-benefit`; read after "Benefit health:", so it never repeats it. */
  readonly verdict: string;
  /** Realised as a share of planned (0–1+), when both are in one unit and planned is positive. */
  readonly share?: number;
  /** Why there are no figures, when there are none. */
  readonly noFigures?: string;
}

/**
 * What the Benefits section says. The verdict is the team's reported benefit health; figures
 * are optional, so "no figures" is said as such and never contradicts the verdict.
 */
export function benefitSummary(item: Pick<WorkItemView, 'benefits' | 'health'>): BenefitSummary {
  const rag = item.health.benefit;
  const verdict = rag === 'unknown' ? 'Not reported' : rag === 'green' ? 'On-benefit' : rag === 'amber' ? 'At risk on benefit' : 'Behind on benefit';
  const b = item.benefits;
  if (!b) return { verdict, noFigures: 'No planned or realised figures recorded' };
  const share = b.planned.value > 0 && b.planned.unit === b.realised.unit ? b.realised.value / b.planned.value : undefined;
  return share === undefined ? { verdict } : { verdict, share };
}
