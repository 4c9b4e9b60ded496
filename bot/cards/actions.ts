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

/** Id of the link form's choice input; Teams merges its value into the action's `data`. */
export const LINK_TARGET_INPUT = 'target';

/** What arrives with each verb (static data plus the values of the card's inputs). */
export type CardActionPayload =
  | { readonly verb: 'link.start'; readonly data: Record<string, never> }
  | { readonly verb: 'link.submit'; readonly data: { readonly target: LinkTarget } };

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

const payloadSchemas = {
  'link.start': z.object({}),
  'link.submit': z.object({ [LINK_TARGET_INPUT]: linkTarget }).transform((d) => ({ target: d[LINK_TARGET_INPUT] })),
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
