/**
 * The card actions of check-ins: as the card carries them (`CheckInBuiltAction`) and as they
 * arrive parsed (`CheckInCardAction`, with the schemas that check an `adaptiveCard/action`
 * invoke). Nothing in `data` is trusted beyond its shape: the use case re-checks who may answer
 * and which request is current. The inputs' messages are written for people: a refused answer
 * shows the first one on the card.
 */
import { z } from 'zod';
import { ANSWER_COLOURS, type AnswerColour, HEALTH_DIMENSIONS, type HealthDimension } from '../domain/check-in';
import { ACTION_ID, type ActionSchemas, optionalText, requiredLine } from '../../kernel/cards/action-schemas';
import { actionBuilder } from '../../kernel/cards/built-action';

/** Input ids of the check-in card; Teams merges their values into the action's `data`. */
export const ANSWER_INPUTS = {
  colour: (d: HealthDimension) => `colour_${d}`,
  reason: (d: HealthDimension) => `reason_${d}`,
  stage: 'stage',
  realised: 'benefitRealised',
  note: 'note',
} as const;

/** Which request a card is: its round, its item, and the domain whose partition holds it. */
export interface CheckInRef {
  readonly roundId: string;
  readonly workItemId: string;
  readonly domainId: string;
}

/** An answer as the card sends it, checked for shape (the rules that need the item are the use case's). */
export interface AnswerData extends CheckInRef {
  readonly health: Readonly<Record<HealthDimension, AnswerColour>>;
  readonly reasons: Readonly<Partial<Record<HealthDimension, string>>>;
  readonly stage: string;
  readonly benefitRealised?: number;
  readonly note: string;
}

/** The check-in actions as the card carries them (the rest comes from its inputs). */
/** `checkin.request`: the PMO channel's "Ask again anyway" after a warning that a round is still open. */
export interface AskAgainData {
  readonly domainId: string;
  readonly again: true;
}

export type CheckInBuiltAction = { readonly verb: 'checkin.answer' | 'checkin.show'; readonly data: CheckInRef } | { readonly verb: 'checkin.request'; readonly data: AskAgainData };

export const checkInAction = actionBuilder<CheckInBuiltAction>();

export type CheckInCardAction =
  | { readonly verb: 'checkin.answer'; readonly data: AnswerData }
  | { readonly verb: 'checkin.show'; readonly data: CheckInRef }
  | { readonly verb: 'checkin.request'; readonly data: AskAgainData };

const id = z.string().regex(ACTION_ID, 'This card does not name a check-in; send "help" for a fresh card.');
const ref = { roundId: id, workItemId: id, domainId: id };
const DIMENSION_LABELS: Readonly<Record<HealthDimension, string>> = { schedule: 'schedule', cost: 'cost', scope: 'scope', benefit: 'benefit' };

const colour = (d: HealthDimension) => z.enum(ANSWER_COLOURS, { error: `Choose green, amber or red for ${DIMENSION_LABELS[d]}.` });

/** Input.Number arrives as text (or a number); blank is "not given". */
const realised = z
  .union([z.string(), z.number()])
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || (typeof v === 'string' && v.trim() === '')) return undefined;
    const n = typeof v === 'number' ? v : Number(v.trim());
    if (!Number.isFinite(n) || n < 0) {
      ctx.addIssue({ code: 'custom', message: 'Give the benefit realised so far as a number (0 or more), in the planned unit.' });
      return z.NEVER;
    }
    return n;
  });

const answerShape = z.object({
  ...ref,
  ...Object.fromEntries(HEALTH_DIMENSIONS.map((d) => [ANSWER_INPUTS.colour(d), colour(d)])),
  ...Object.fromEntries(HEALTH_DIMENSIONS.map((d) => [ANSWER_INPUTS.reason(d), optionalText(500, 'Keep each reason to 500 characters.')])),
  [ANSWER_INPUTS.stage]: requiredLine(100, 'Give the item\'s stage.', 'Keep the stage to 100 characters.'),
  [ANSWER_INPUTS.realised]: realised,
  [ANSWER_INPUTS.note]: optionalText(1000, 'Keep the note to 1000 characters.'),
});

/** The schemas of the check-in verbs' data (static data plus input values). */
export const checkInActionSchemas = {
  'checkin.answer': answerShape.transform((d): AnswerData => {
    const values = d as Record<string, unknown>;
    const health = Object.fromEntries(HEALTH_DIMENSIONS.map((dim) => [dim, values[ANSWER_INPUTS.colour(dim)]])) as Record<HealthDimension, AnswerColour>;
    const reasons = Object.fromEntries(HEALTH_DIMENSIONS.flatMap((dim) => (typeof values[ANSWER_INPUTS.reason(dim)] === 'string' ? [[dim, values[ANSWER_INPUTS.reason(dim)]]] : [])));
    const benefitRealised = values[ANSWER_INPUTS.realised];
    return {
      roundId: d.roundId,
      workItemId: d.workItemId,
      domainId: d.domainId,
      health,
      reasons,
      stage: d[ANSWER_INPUTS.stage],
      ...(typeof benefitRealised === 'number' ? { benefitRealised } : {}),
      note: typeof values[ANSWER_INPUTS.note] === 'string' ? (values[ANSWER_INPUTS.note] as string) : '',
    };
  }),
  'checkin.show': z.object(ref),
  'checkin.request': z.object({ domainId: id, again: z.literal(true) }),
} satisfies ActionSchemas<CheckInCardAction>;
