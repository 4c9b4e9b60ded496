/**
 * The colours the rules compute for a check-in (PRODUCT.md §5): what the card suggests, and which
 * answers need a reason. A team may answer another colour than the one suggested, and may turn a
 * dimension red, but says why; dimensions without a rule suggest nothing.
 */
import { type AnswerColour, HEALTH_DIMENSIONS, type HealthDimension, type Rag } from './check-in';

/** What the rules read of an item (the portfolio's work item, and whether its stage ends its life). */
export interface ItemFacts {
  /** ISO dates, `YYYY-MM-DD`. */
  readonly startDate: string;
  readonly endDate: string;
  readonly finished: boolean;
  /** Planned and realised benefit, in one unit; absent when no benefit is planned. */
  readonly benefits?: { readonly planned: number; readonly realised: number };
}

export type SuggestedHealth = Readonly<Partial<Record<HealthDimension, AnswerColour>>>;

/** Realised benefit as a share of what the elapsed time would expect: at least this much is green, then amber. */
export const BENEFIT_GREEN_SHARE = 0.9;
export const BENEFIT_AMBER_SHARE = 0.6;

const DAY_MS = 24 * 60 * 60 * 1000;
const dayOf = (isoDate: string): number => Math.floor(Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`) / DAY_MS);

/** Red once the end date has passed and the item is not finished; otherwise no suggestion. */
export function suggestedSchedule(item: ItemFacts, now: Date): AnswerColour | undefined {
  return !item.finished && Math.floor(now.getTime() / DAY_MS) > dayOf(item.endDate) ? 'red' : undefined;
}

/** How much of the item's time (start to end, whole days) has passed, between 0 and 1. */
export function elapsedShare(item: Pick<ItemFacts, 'startDate' | 'endDate'>, now: Date): number {
  const start = dayOf(item.startDate);
  const span = dayOf(item.endDate) - start;
  if (!(span > 0)) return 1;
  return Math.min(1, Math.max(0, (Math.floor(now.getTime() / DAY_MS) - start) / span));
}

/**
 * Realised against what the elapsed time expects of the plan: green from 90 %, amber from 60 %,
 * red below. No suggestion without a planned benefit, or before any of it is expected.
 */
export function suggestedBenefit(item: ItemFacts, now: Date): AnswerColour | undefined {
  if (!item.benefits || !(item.benefits.planned > 0)) return undefined;
  const expected = item.benefits.planned * elapsedShare(item, now);
  if (!(expected > 0)) return undefined;
  const share = item.benefits.realised / expected;
  if (share >= BENEFIT_GREEN_SHARE) return 'green';
  return share >= BENEFIT_AMBER_SHARE ? 'amber' : 'red';
}

/** The suggestion per dimension that has a rule. */
export function suggestedHealth(item: ItemFacts, now: Date): SuggestedHealth {
  const schedule = suggestedSchedule(item, now);
  const benefit = suggestedBenefit(item, now);
  return { ...(schedule ? { schedule } : {}), ...(benefit ? { benefit } : {}) };
}

/**
 * Why an answered colour needs a reason, or undefined when it does not. A change to red that the
 * rules computed needs none: the rule (the end date passed, the benefit behind) is the reason.
 */
export function reasonNeeded(answered: AnswerColour, before: Rag, suggested: AnswerColour | undefined): 'override' | 'to-red' | undefined {
  if (suggested !== undefined) return answered !== suggested ? 'override' : undefined;
  return answered === 'red' && before !== 'red' ? 'to-red' : undefined;
}

/** The dimensions of an answer that need a reason and have none, with why. */
export function missingReasons(
  answered: Readonly<Record<HealthDimension, AnswerColour>>,
  before: Readonly<Record<HealthDimension, Rag>>,
  suggested: SuggestedHealth,
  reasons: Readonly<Partial<Record<HealthDimension, string>>>,
): { readonly dimension: HealthDimension; readonly why: 'override' | 'to-red' }[] {
  return HEALTH_DIMENSIONS.flatMap((dimension) => {
    const why = reasonNeeded(answered[dimension], before[dimension], suggested[dimension]);
    return why && !reasons[dimension]?.trim() ? [{ dimension, why }] : [];
  });
}
