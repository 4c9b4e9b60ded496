/**
 * Shapes of the strategy-change API bodies (the contract's change requests), checked with zod at
 * the edge; the respond-by date is also read from the card that assesses a change.
 */
import { z } from 'zod';
import { oneLine, plainText } from '../../kernel/validation';
import { CHANGE_KINDS, REQUIRED_RESPONSES } from '../domain/strategy-change';

const ID = /^[^\s/\\#?]{1,128}$/;
const id = z.string().regex(ID, 'not a valid id');

/** An ISO date-time, or a `YYYY-MM-DD` date read as the end of that day (UTC). */
export const respondBySchema = z
  .string()
  .max(40)
  .transform((v, ctx) => {
    const value = /^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T23:59:00.000Z` : v;
    const ms = Date.parse(value);
    if (Number.isNaN(ms) || !/^\d{4}-\d{2}-\d{2}/.test(value)) {
      ctx.addIssue({ code: 'custom', message: 'must be a date (YYYY-MM-DD) or an ISO date-time' });
      return z.NEVER;
    }
    // Date.parse rolls an impossible day over (2026-02-31 → 2026-03-03): the calendar date
    // written must round-trip, as the portfolio's dates do (bot/portfolio/app/inputs.ts).
    const day = value.slice(0, 10);
    const midnight = Date.parse(`${day}T00:00:00Z`);
    if (Number.isNaN(midnight) || new Date(midnight).toISOString().slice(0, 10) !== day) {
      ctx.addIssue({ code: 'custom', message: `${day} is not a real date` });
      return z.NEVER;
    }
    return new Date(ms).toISOString();
  });

/** `POST /api/changes`: every field of a draft. */
export const changeDraftSchema = z
  .object({
    title: oneLine(z.string().trim().min(1, 'required').max(200)),
    summary: plainText(z.string().max(20_000)),
    kind: z.enum(CHANGE_KINDS),
    objectiveIds: z.array(id).max(100),
    domainIds: z.array(id).max(100),
    requiredResponse: z.enum(REQUIRED_RESPONSES),
    respondBy: respondBySchema,
  })
  .strict();

/** `PATCH /api/changes/:id` and `POST /api/changes/:id/supersede`: the fields that change. */
export const changePatchSchema = changeDraftSchema.partial().strict();

/** `POST /api/changes/dry-run`: the targeting fields of an unsaved draft. */
export const dryRunSchema = z.object({ objectiveIds: z.array(id).max(100), domainIds: z.array(id).max(100) }).strict();

/** `POST /api/changes/:id/withdraw`: why, shown on every delivered card. */
export const withdrawSchema = z.object({ reason: plainText(z.string().trim().min(1, 'say why').max(500)) }).strict();
