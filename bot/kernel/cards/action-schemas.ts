/**
 * The zod pieces every feature's card-action schemas share. A card can be old, edited or forged,
 * so nothing in an action's `data` is trusted beyond its shape: use cases re-check authorization.
 */
import { z } from 'zod';

/** Ids are table-key safe: no whitespace, slashes, `#` or `?`. */
export const ACTION_ID = /^[^\s/\\#?]{1,128}$/;

/** Optional free text: trimmed, blank becomes undefined. */
export const optionalText = (max: number, message = `at most ${max} characters`) =>
  z
    .string()
    .max(max, message)
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : undefined));

/**
 * One feature's card-action schemas, one per verb of its union, each producing exactly that
 * verb's data (checked by the compiler).
 */
export type ActionSchemas<A extends { readonly verb: string; readonly data: unknown }> = {
  readonly [V in A['verb']]: z.ZodType<Extract<A, { readonly verb: V }>['data']>;
};
