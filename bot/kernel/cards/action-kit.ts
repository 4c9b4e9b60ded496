/**
 * What every feature's card actions share: the `Action.Execute` builder and the zod pieces that
 * check what an `adaptiveCard/action` invoke carries. A card can be old, edited or forged, so
 * nothing in `data` is trusted beyond its shape: use cases re-check authorization.
 */
import { z } from 'zod';
import type { ExecuteAction } from './adaptive-card';

/** An `Action.Execute` for one of our verbs, with the static data the card carries. */
export function executeAction(title: string, action: { readonly verb: string; readonly data: object }, style?: ExecuteAction['style']): ExecuteAction {
  return { type: 'Action.Execute', title, verb: action.verb, data: action.data as Record<string, unknown>, ...(style ? { style } : {}) };
}

/** Ids are table-key safe: no whitespace, slashes, `#` or `?`. */
export const ACTION_ID = /^[^\s/\\#?]{1,128}$/;

/** Optional free text: trimmed, blank becomes undefined. */
export const optionalText = (max: number, message = `at most ${max} characters`) =>
  z
    .string()
    .max(max, message)
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : undefined));
