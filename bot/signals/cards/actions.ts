/**
 * The card actions of signals: as the cards carry them (`SignalBuiltAction`) and as they arrive
 * parsed (`SignalCardAction`, with the schemas that check an `adaptiveCard/action` invoke or a
 * dialog's submit). Nothing in `data` is trusted beyond its shape: the use cases re-check who
 * may act. The inputs' messages are written for people: a refused action shows the first one.
 */
import { z } from 'zod';
import { CLOSE_REASONS, DECISION_OUTCOMES, SIGNAL_KINDS, URGENCIES } from '../domain/signal';
import type { CloseData, OriginData, SignalActionData, SignalVerb } from '../app/card-inputs';
import { SIGNAL_CARD_KINDS, type SignalCardKind } from '../app/card-models';
import { ACTION_ID, type ActionSchemas, optionalText, requiredLine, requiredText } from '../../kernel/cards/action-schemas';
import { actionBuilder } from '../../kernel/cards/built-action';

/** Input ids of the raise form; Teams merges their values into the action's `data`. */
export const RAISE_INPUTS = { kind: 'kind', title: 'title', details: 'details', urgency: 'urgency', workItemId: 'workItemId', domainId: 'domainId' } as const;
/** Input ids of the PMO card. */
export const TRIAGE_INPUTS = { comment: 'pmoComment', duplicateOf: 'duplicateOf' } as const;
/** Input ids of the EPMO decision view. */
export const DECIDE_INPUTS = { outcome: 'outcome', option: 'chosenOptionId', until: 'deferredUntil', rationale: 'rationale' } as const;

/** The signal actions as the cards carry them (the rest comes from the cards' inputs). */
export type SignalBuiltAction =
  | { readonly verb: 'signal.raise'; readonly data: { readonly origin?: OriginData } }
  | { readonly verb: 'signal.triage' | 'signal.resolve'; readonly data: { readonly signalId: string } }
  | { readonly verb: 'signal.close'; readonly data: Pick<CloseData, 'signalId' | 'reason'> }
  | { readonly verb: 'signal.decide'; readonly data: { readonly signalId: string; readonly round: number } }
  | { readonly verb: 'signal.view'; readonly data: { readonly signalId: string; readonly view: SignalCardKind } };

/** Builds the `Action.Execute` of a signal verb. */
export const signalAction = actionBuilder<SignalBuiltAction>();

/** The signal actions as they arrive, parsed: a verb and exactly that verb's data (app/card-inputs.ts). */
export type SignalCardAction = { readonly [V in SignalVerb]: { readonly verb: V; readonly data: SignalActionData[V] } }[SignalVerb];

const signalId = z.string().regex(ACTION_ID, 'Not a signal id.');
/** A signal action's refusal shows its first problem to people (chat/card-actions.ts): limits read as sentences. */
const atMost = (max: number): string => `At most ${max} characters.`;

const originSchema = z
  .object({ messageId: z.string().max(300).optional(), messageLink: z.string().max(2000).optional(), messagePreview: z.string().max(1000).optional() })
  .optional();

/** The schemas of the signal verbs' data (static data plus input values). */
export const signalActionSchemas = {
  'signal.raise': z.object({
    [RAISE_INPUTS.kind]: z.enum(SIGNAL_KINDS, { error: 'Choose what kind of signal this is.' }),
    [RAISE_INPUTS.title]: requiredLine(200, 'Give the signal a title.'),
    [RAISE_INPUTS.details]: optionalText(4000, atMost(4000)).transform((v) => v ?? ''),
    [RAISE_INPUTS.urgency]: z.enum(URGENCIES, { error: 'Choose an urgency.' }).default('normal'),
    [RAISE_INPUTS.workItemId]: optionalText(128, atMost(128)),
    [RAISE_INPUTS.domainId]: optionalText(128, atMost(128)),
    origin: originSchema,
  }),
  'signal.triage': z.object({ signalId, [TRIAGE_INPUTS.comment]: optionalText(2000, atMost(2000)) }).transform((d) => ({ signalId: d.signalId, comment: d[TRIAGE_INPUTS.comment] })),
  'signal.resolve': z
    .object({ signalId, [TRIAGE_INPUTS.comment]: requiredText(2000, 'Write the resolution in the comment box, then choose Resolve locally.') })
    .transform((d) => ({ signalId: d.signalId, resolution: d[TRIAGE_INPUTS.comment] })),
  'signal.close': z
    .object({
      signalId,
      reason: z.enum(CLOSE_REASONS),
      [TRIAGE_INPUTS.comment]: requiredText(2000, 'Write the reason in the comment box, then close.'),
      [TRIAGE_INPUTS.duplicateOf]: z
        .string()
        .optional()
        .transform((v, ctx) => {
          const t = (v ?? '').trim().replace(/^S-/i, '');
          if (t === '') return undefined;
          const n = Number(t);
          if (!Number.isInteger(n) || n <= 0) {
            ctx.addIssue({ code: 'custom', message: 'Give the number of the signal this duplicates, e.g. 12 or S-12.' });
            return z.NEVER;
          }
          return n;
        }),
    })
    .transform((d) => ({ signalId: d.signalId, reason: d.reason, comment: d[TRIAGE_INPUTS.comment], duplicateOf: d[TRIAGE_INPUTS.duplicateOf] })),
  'signal.decide': z
    .object({
      signalId,
      round: z.coerce.number().int().nonnegative(),
      [DECIDE_INPUTS.outcome]: z.enum(DECISION_OUTCOMES, { error: 'Choose a decision.' }),
      [DECIDE_INPUTS.option]: optionalText(128, atMost(128)),
      [DECIDE_INPUTS.until]: optionalText(10, atMost(10)),
      [DECIDE_INPUTS.rationale]: requiredText(2000, 'Give the rationale for the decision.'),
    })
    .transform((d) => ({
      signalId: d.signalId,
      round: d.round,
      outcome: d[DECIDE_INPUTS.outcome],
      chosenOptionId: d[DECIDE_INPUTS.option],
      deferredUntil: d[DECIDE_INPUTS.until],
      rationale: d[DECIDE_INPUTS.rationale],
    })),
  'signal.view': z.object({ signalId, view: z.enum(SIGNAL_CARD_KINDS) }),
} satisfies ActionSchemas<SignalCardAction>;
