/**
 * Every card action PMO Relay understands, as one discriminated union of `{ verb, data }`
 * across features, and its one parser. Each feature declares its verbs' data and the schemas
 * that check them; `parseCardAction` reads what an `adaptiveCard/action` invoke carries before
 * anything acts on it. A card can be old, edited or forged, so nothing in `data` is trusted
 * beyond its shape: authorization is re-checked by the use case.
 */
import { z } from 'zod';
import { type ChangeCardAction, changeActionSchemas } from '../changes';
import { type CheckInCardAction, checkInActionSchemas } from '../checkins';
import { type LinkCardAction, linkActionSchemas } from '../conversations';
import { type SignalCardAction, signalActionSchemas } from '../signals';
import type { ActionSchemas } from '../kernel/cards/action-schemas';
import type { RejectedAction } from '../kernel/cards/card-action';
import { type DomainError, type Result, invalid, ok } from '../kernel/result';

/** A card action as it arrives, parsed: a verb and exactly that verb's data. */
export type CardAction = LinkCardAction | ChangeCardAction | SignalCardAction | CheckInCardAction;

export type CardVerb = CardAction['verb'];

/** The action of one verb. */
export type CardActionOf<V extends CardVerb> = Extract<CardAction, { readonly verb: V }>;

const schemas: ActionSchemas<CardAction> = { ...linkActionSchemas, ...changeActionSchemas, ...signalActionSchemas, ...checkInActionSchemas };

/**
 * Verbs whose refusal shows the first problem found: the signal forms' and the check-in card's
 * inputs carry messages written for people ("Give the signal a title."). The others answer with
 * one general sentence.
 */
const explainsFirstIssue = (verb: CardVerb): boolean => Object.prototype.hasOwnProperty.call(signalActionSchemas, verb) || Object.prototype.hasOwnProperty.call(checkInActionSchemas, verb);

const isVerb = (verb: string): verb is CardVerb => Object.prototype.hasOwnProperty.call(schemas, verb);

const invokeValue = z.object({
  action: z.object({
    type: z.literal('Action.Execute', { error: 'Only Action.Execute card actions are supported.' }),
    verb: z.string({ error: 'The card action has no verb.' }).min(1, 'The card action has no verb.').max(100),
    data: z.record(z.string(), z.unknown()).optional(),
  }),
});

/**
 * What `parseCardAction` makes of an invoke: the action, or why not. When only the data is wrong,
 * `rejected` names the verb and data, so its feature may re-show the card with why.
 */
export type ParsedCardAction =
  | { readonly ok: true; readonly value: CardAction }
  | { readonly ok: false; readonly error: DomainError; readonly rejected?: RejectedAction<CardVerb> };

/**
 * Checks the data of a known verb (static data plus the values of the card's inputs); also
 * reads a dialog's submit, whose `Action.Submit` data carries the verb beside the inputs.
 */
export function parseActionData<V extends CardVerb>(verb: V, data: unknown): Result<CardActionOf<V>> {
  const parsed = (schemas[verb] as z.ZodType).safeParse(data ?? {});
  if (!parsed.success) {
    const general = 'This card action is missing information or has a wrong value.';
    const message = explainsFirstIssue(verb) ? (parsed.error.issues[0]?.message ?? general) : general;
    return invalid(message, parsed.error.issues.map((i) => ({ at: i.path.join('.') || 'data', message: i.message })));
  }
  // Each verb's schema produces exactly that verb's data (ActionSchemas checks it).
  return ok({ verb, data: parsed.data } as CardActionOf<V>);
}

/**
 * Parses the `value` of an `adaptiveCard/action` invoke. Unreadable values, unknown verbs and
 * malformed data are `VALIDATION.INVALID` with a message a person can read on the card.
 */
export function parseCardAction(value: unknown): ParsedCardAction {
  const envelope = invokeValue.safeParse(value);
  if (!envelope.success) {
    return invalid('This card action could not be read.', envelope.error.issues.map((i) => ({ at: i.path.join('.') || 'value', message: i.message })));
  }
  const { verb, data = {} } = envelope.data.action;
  if (!isVerb(verb)) return invalid(`This card asked for "${verb.slice(0, 100)}", which PMO Relay does not know. The card may be out of date; send "help" for a fresh one.`);
  const parsed = parseActionData(verb, data);
  return parsed.ok ? parsed : { ok: false, error: parsed.error, rejected: { verb, data, error: parsed.error } };
}
