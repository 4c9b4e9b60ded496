/**
 * The zod pieces every feature's card-action schemas share. A card can be old, edited or forged,
 * so nothing in an action's `data` is trusted beyond its shape: use cases re-check authorization.
 */
import { z } from 'zod';
import { HIDDEN_ON_CARD_MESSAGE, oneLine, plainText } from '../validation';

/** Ids are table-key safe: no whitespace, slashes, `#` or `?`. */
export const ACTION_ID = /^[^\s/\\#?]{1,128}$/;

/** Optional free text: trimmed, blank becomes undefined. */
export const optionalText = (max: number, message = `at most ${max} characters`) =>
  plainText(z.string().max(max, message), HIDDEN_ON_CARD_MESSAGE)
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : undefined));

/** Required one-line text on a card (a title, a stage): trimmed, with `message` when blank. */
export const requiredLine = (max: number, message: string, tooLong = `At most ${max} characters.`) =>
  oneLine(z.string({ error: message }).trim().min(1, message).max(max, tooLong), HIDDEN_ON_CARD_MESSAGE);

/** Required text of several lines on a card (a resolution, a reason). */
export const requiredText = (max: number, message: string, tooLong = `At most ${max} characters.`) =>
  plainText(z.string({ error: message }).trim().min(1, message).max(max, tooLong), HIDDEN_ON_CARD_MESSAGE);

/**
 * One feature's card-action schemas, one per verb of its union, each producing exactly that
 * verb's data (checked by the compiler).
 */
export type ActionSchemas<A extends { readonly verb: string; readonly data: unknown }> = {
  readonly [V in A['verb']]: z.ZodType<Extract<A, { readonly verb: V }>['data']>;
};
