/**
 * Every card action PMO Relay understands, as one discriminated union of `{ verb, data }`: each
 * feature declares its verbs' payloads and schemas; `parseCardAction` checks what an
 * `adaptiveCard/action` invoke carries before anything acts on it. A card can be old, edited or
 * forged, so nothing in `data` is trusted beyond its shape: authorization is re-checked by the
 * use case.
 */
import { z } from 'zod';
import { type ChangeCardAction, changeActionSchemas } from '../changes';
import { type LinkCardAction, linkActionSchemas } from '../conversations';
import { type Result, invalid, ok } from '../kernel/result';

/** What arrives with each verb (static data plus the values of the card's inputs). */
export type CardActionPayload = LinkCardAction | ChangeCardAction;

export type CardVerb = CardActionPayload['verb'];

const payloadSchemas = { ...linkActionSchemas, ...changeActionSchemas } satisfies Record<CardVerb, z.ZodType>;

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
