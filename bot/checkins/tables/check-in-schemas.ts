/**
 * What stored check-in rows must look like once read back (tables enforce no schema). Typed
 * against the domain interfaces, so a domain change the storage does not follow fails to compile.
 */
import { z } from 'zod';
import { ANSWER_COLOURS, type CheckInAnswer, type CheckInRequest, type CheckInRound, type Person, type RoundTrigger, type SkippedItem } from '../domain/check-in';

const text = z.string();
const id = z.string().min(1);
const timestamp = z.string().min(1);
const colour = z.enum(ANSWER_COLOURS);

const personSchema: z.ZodType<Person> = z.object({ userId: text.optional(), displayName: text });

const triggerSchema: z.ZodType<RoundTrigger> = z.union([z.object({ kind: z.literal('manual'), by: personSchema }), z.object({ kind: z.literal('cadence') })]);

const skippedSchema: z.ZodType<SkippedItem> = z.object({ workItemId: id, reason: z.enum(['reported-recently', 'finished', 'no-team-conversation']) });

export const roundSchema: z.ZodType<CheckInRound> = z.object({
  tenantId: id,
  domainId: id,
  id,
  trigger: triggerSchema,
  requestedAt: timestamp,
  dueAt: timestamp,
  itemIds: z.array(id),
  skipped: z.array(skippedSchema),
  remindedAt: timestamp.optional(),
  digestAt: timestamp.optional(),
});

const answerSchema: z.ZodType<CheckInAnswer> = z.object({
  by: personSchema,
  at: timestamp,
  health: z.object({ schedule: colour, cost: colour, scope: colour, benefit: colour }),
  stage: text,
  benefitRealised: z.number().optional(),
  note: text,
  reasons: z.object({ schedule: text.optional(), cost: text.optional(), scope: text.optional(), benefit: text.optional() }),
});

export const requestSchema: z.ZodType<CheckInRequest> = z.object({
  tenantId: id,
  domainId: id,
  roundId: id,
  workItemId: id,
  state: z.enum(['open', 'answered', 'superseded']),
  requestedAt: timestamp,
  dueAt: timestamp,
  supersededBy: id.optional(),
  answer: answerSchema.optional(),
});
