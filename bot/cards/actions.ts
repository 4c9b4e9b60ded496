/**
 * Every card action PMO Relay understands, as one discriminated union of `{ verb, data }`.
 * Builders create actions from these types when a card is made; `parseCardAction` checks
 * what an `adaptiveCard/action` invoke carries before anything acts on it. A card can be
 * old, edited or forged, so nothing in `data` is trusted beyond its shape: authorization is
 * re-checked by the use case.
 */
import { z } from 'zod';
import type { LinkTarget } from '../domain/conversation';
import { linkKey } from '../domain/conversation';
import { type Result, invalid, ok } from '../domain/result';
import type { ExecuteAction } from './adaptive-card';
import { CHANGE_KINDS, IMPACTS, REQUIRED_RESPONSES } from '../domain/strategy-change';
import type { ChangeKind, Impact, RequiredResponse } from '../domain/strategy-change';
import { ANNOUNCE_INPUTS, CHANGE_COMMENT_INPUT, CHANGE_COMMENT_MAX, CHANGE_IMPACT_INPUT, type ChangeActionData } from './change-actions';

/** Id of the link form's choice input; Teams merges its value into the action's `data`. */
export const LINK_TARGET_INPUT = 'target';

/** What arrives with each verb (static data plus the values of the card's inputs). */
export type CardActionPayload =
  | { readonly verb: 'link.start'; readonly data: Record<string, never> }
  | { readonly verb: 'link.submit'; readonly data: { readonly target: LinkTarget } }
  | ChangeCardActionPayload;

export type CardVerb = CardActionPayload['verb'];

/**
 * What a builder puts on the card. `link.submit` carries no static data: the chosen target
 * comes from the `LINK_TARGET_INPUT` choice set.
 */
export type BuiltAction =
  | { readonly verb: 'link.start'; readonly data: Record<string, never> }
  | { readonly verb: 'link.submit'; readonly data: Record<string, never> };

/** An `Action.Execute` for one of our verbs. */
export function executeAction(title: string, action: BuiltAction, style?: ExecuteAction['style']): ExecuteAction {
  return { type: 'Action.Execute', title, verb: action.verb, data: action.data, ...(style ? { style } : {}) };
}

/** Choice values encode a target with the domain's stable link key (`pmo:<id>`, `epmo`, `team:<id>`). */
export const targetChoiceValue = (target: LinkTarget): string => linkKey(target);

/** Ids are table-key safe: no whitespace, slashes, `#` or `?`. */
const ID = /^[^\s/\\#?]{1,128}$/;

const linkTarget = z
  .string({ error: 'Choose what to link this conversation to.' })
  .min(1, 'Choose what to link this conversation to.')
  .max(200)
  .transform((value, ctx): LinkTarget => {
    if (value === 'epmo') return { kind: 'epmo' };
    const [kind, id] = [value.slice(0, value.indexOf(':')), value.slice(value.indexOf(':') + 1)];
    if (kind === 'pmo' && ID.test(id)) return { kind: 'pmo', domainId: id };
    if (kind === 'team' && ID.test(id)) return { kind: 'team', workItemId: id };
    ctx.addIssue({ code: 'custom', message: `"${value}" is not a link target.` });
    return z.NEVER;
  });

const changeRef = {
  changeId: z.string().regex(ID, 'not a change id'),
  version: z.coerce.number().int().min(1).max(100_000),
  conversationId: z.string().min(1).max(512).optional(),
};
const optionalText = (max: number) =>
  z
    .string()
    .max(max, `at most ${max} characters`)
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : undefined));

/** Payloads of the strategy-change cards (bot/cards/change-card.ts, change-list-card.ts, announce card). */
export type ChangeCardActionPayload =
  | { readonly verb: 'change.ack'; readonly data: ChangeActionData }
  | { readonly verb: 'change.assess'; readonly data: ChangeActionData & { readonly impact: Impact; readonly comment?: string } }
  | { readonly verb: 'change.show'; readonly data: ChangeActionData }
  | {
      readonly verb: 'change.announce';
      readonly data: {
        readonly title: string;
        readonly kind: ChangeKind;
        readonly summary: string;
        readonly respondBy: string;
        readonly requiredResponse: RequiredResponse;
      };
    };

const payloadSchemas = {
  'link.start': z.object({}),
  'link.submit': z.object({ [LINK_TARGET_INPUT]: linkTarget }).transform((d) => ({ target: d[LINK_TARGET_INPUT] })),
  'change.ack': z.object(changeRef),
  'change.show': z.object(changeRef),
  'change.assess': z.object({
    ...changeRef,
    [CHANGE_IMPACT_INPUT]: z.enum(IMPACTS, { error: 'Choose the impact: none, low, medium or high.' }),
    [CHANGE_COMMENT_INPUT]: optionalText(CHANGE_COMMENT_MAX),
  }),
  'change.announce': z.object({
    [ANNOUNCE_INPUTS.title]: z.string({ error: 'Give the change a title.' }).trim().min(1, 'Give the change a title.').max(200),
    [ANNOUNCE_INPUTS.kind]: z.enum(CHANGE_KINDS, { error: 'Choose the kind of change.' }),
    [ANNOUNCE_INPUTS.summary]: z.string().max(20_000).default(''),
    [ANNOUNCE_INPUTS.respondBy]: z.string({ error: 'Choose a respond-by date.' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'Choose a respond-by date.'),
    [ANNOUNCE_INPUTS.requiredResponse]: z.enum(REQUIRED_RESPONSES, { error: 'Choose the response you need.' }),
  }),
} satisfies Record<CardVerb, z.ZodType>;

const isVerb = (verb: string): verb is CardVerb => Object.prototype.hasOwnProperty.call(payloadSchemas, verb);

const invokeValue = z.object({
  action: z.object({
    type: z.literal('Action.Execute', { error: 'Only Action.Execute card actions are supported.' }),
    verb: z.string({ error: 'The card action has no verb.' }).min(1, 'The card action has no verb.').max(100),
    data: z.record(z.string(), z.unknown()).optional(),
  }),
});

/**
 * Parses the `value` of an `adaptiveCard/action` invoke. Unknown verbs and malformed data
 * are `VALIDATION.INVALID` with a message a person can read on the card.
 */
export function parseCardAction(value: unknown): Result<CardActionPayload> {
  const envelope = invokeValue.safeParse(value);
  if (!envelope.success) {
    return invalid('This card action could not be read.', envelope.error.issues.map((i) => ({ at: i.path.join('.') || 'value', message: i.message })));
  }
  const { verb, data = {} } = envelope.data.action;
  if (!isVerb(verb)) return invalid(`This card asked for "${verb.slice(0, 100)}", which PMO Relay does not know. The card may be out of date; send "help" for a fresh one.`);
  const parsed = payloadSchemas[verb].safeParse(data);
  if (!parsed.success) {
    return invalid('This card action is missing information or has a wrong value.', parsed.error.issues.map((i) => ({ at: i.path.join('.') || 'data', message: i.message })));
  }
  // The schema for each verb produces exactly that verb's data.
  return ok({ verb, data: parsed.data } as CardActionPayload);
}
