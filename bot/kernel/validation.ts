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
