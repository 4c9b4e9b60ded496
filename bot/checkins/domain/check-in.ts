/**
 * Check-ins (PRODUCT.md §2, §5): a PMO asks an item's delivery team for its status, and the team
 * answers in a card in its own conversation. A *round* is one request to some or all items of a
 * domain (by a PMO lead, or by the domain's cadence); each item of the round gets one *request*,
 * answered at most once. A newer round for an item supersedes its older open request: the old
 * card then says it was overtaken, and only the newest can be answered.
 */

/*
 * The portfolio's words, restated: a feature's domain imports only the kernel (README,
 * "Architecture"), and these are structurally the portfolio's `HealthDimension`, `Rag`, `Health`
 * and `Person`, so values pass between the two without mapping.
 */
export const HEALTH_DIMENSIONS = ['schedule', 'cost', 'scope', 'benefit'] as const;
export type HealthDimension = (typeof HEALTH_DIMENSIONS)[number];
/** The colours a team may answer; `unknown` is what an item has before anyone reported. */
export const ANSWER_COLOURS = ['green', 'amber', 'red'] as const;
export type AnswerColour = (typeof ANSWER_COLOURS)[number];
export type Rag = AnswerColour | 'unknown';
export type Health = Readonly<Record<HealthDimension, Rag>>;

export interface Person {
  /** Entra object id, when known. */
  readonly userId?: string;
  readonly displayName: string;
}

/** Who started a round: a person (from the tab or the `check-in` command), or the domain's cadence. */
export type RoundTrigger = { readonly kind: 'manual'; readonly by: Person } | { readonly kind: 'cadence' };

export interface CheckInRound {
  readonly tenantId: string;
  readonly domainId: string;
  readonly id: string;
  readonly trigger: RoundTrigger;
  /** ISO times. */
  readonly requestedAt: string;
  readonly dueAt: string;
  /** The items asked, in the order their cards went out. */
  readonly itemIds: readonly string[];
  /** Items of the domain left out because they reported recently, finished, or have no team conversation. */
  readonly skipped: readonly SkippedItem[];
  /** When the one reminder went out (absent: not yet). */
  readonly remindedAt?: string;
  /** When the PMO digest of what is unanswered went out (absent: not yet). */
  readonly digestAt?: string;
}

export interface SkippedItem {
  readonly workItemId: string;
  readonly reason: 'reported-recently' | 'finished' | 'no-team-conversation';
}

export type RequestState = 'open' | 'answered' | 'superseded';

/** One item's part of a round: the card its team received and, once answered, the answer. */
export interface CheckInRequest {
  readonly tenantId: string;
  readonly domainId: string;
  readonly roundId: string;
  readonly workItemId: string;
  readonly state: RequestState;
  readonly requestedAt: string;
  readonly dueAt: string;
  /** The round that overtook this request (state `superseded`). */
  readonly supersededBy?: string;
  readonly answer?: CheckInAnswer;
}

/** What the team answered in the card. */
export interface CheckInAnswer {
  readonly by: Person;
  readonly at: string;
  readonly health: Readonly<Record<HealthDimension, AnswerColour>>;
  readonly stage: string;
  /** Benefit realised so far, in the unit of the item's planned benefit. */
  readonly benefitRealised?: number;
  readonly note: string;
  /** Why, per dimension, where a reason is required: a change to red, or a colour other than the rules compute. */
  readonly reasons: Readonly<Partial<Record<HealthDimension, string>>>;
}
