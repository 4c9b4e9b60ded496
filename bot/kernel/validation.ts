/** Checking what people send against a zod schema, with each problem said where it is. */
import type { z } from 'zod';
import { type ErrorDetail, type Result, invalid, ok } from './result';

/** Turns zod issues into field-level details people can act on; `prefix` says where (`row 4`). */
export function issuesToDetails(error: z.ZodError, prefix = ''): ErrorDetail[] {
  return error.issues.map((i) => {
    const path = i.path.map(String).join('.');
    const at = [prefix, path].filter(Boolean).join(' ') || '(body)';
    if (i.code === 'unrecognized_keys') return { at, message: `unknown field(s): ${i.keys.join(', ')}` };
    return { at, message: i.message };
  });
}

/**
 * Parses `value` with `schema` (a missing value reads as `{}`); on failure, `VALIDATION.INVALID`
 * saying that `what` is not valid, with every problem as a detail.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what = 'The request body'): Result<z.output<S>> {
  const parsed = schema.safeParse(value ?? {});
  return parsed.success ? ok(parsed.data) : invalid(`${what} is not valid.`, issuesToDetails(parsed.error));
}

/**
 * Characters people cannot see that change what text shows or how it is processed: C0 and C1
 * controls and DEL, and the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069) that can make `gnp.exe` read as `exe.png` in a card or the tab.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const HIDDEN_IN_LINE = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;
/** The same, less tab, line feed and carriage return: text of several lines keeps its layout. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const HIDDEN_IN_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;

/** What people are told when a field holds such characters. */
const HIDDEN_IN_LINE_MESSAGE = 'must be one line without control or text-direction characters (often pasted by accident): retype it without them';
const HIDDEN_IN_TEXT_MESSAGE = 'contains control or text-direction characters (often pasted by accident): retype it without them';
/** The same said as a sentence, for a card's refusal. */
export const HIDDEN_ON_CARD_MESSAGE = 'The text holds control or text-direction characters (often pasted by accident): retype it without them and try again.';

/** A one-line text field (titles, names): no line breaks, tabs, controls or direction overrides. */
export const oneLine = <S extends z.ZodString>(schema: S, message = HIDDEN_IN_LINE_MESSAGE): S => schema.refine((s) => !HIDDEN_IN_LINE.test(s), message);

/** A text field of several lines (descriptions, comments): tabs and line breaks allowed, other controls and direction overrides not. */
export const plainText = <S extends z.ZodString>(schema: S, message = HIDDEN_IN_TEXT_MESSAGE): S => schema.refine((s) => !HIDDEN_IN_TEXT.test(s), message);
