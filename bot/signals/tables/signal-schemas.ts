/**
 * What stored signal rows must look like once read back (tables enforce no schema). Each
 * schema is typed against its domain interface, so a domain change the storage does not follow
 * fails to compile.
 */
import { z } from 'zod';
import {
  type AuditEvent,
  CLOSE_REASONS,
  DECISION_OUTCOMES,
  type Decision,
  IMPACT_LEVELS,
  type PersonRef,
  type Recommendation,
  SIGNAL_KINDS,
  SIGNAL_STATES,
  type Signal,
  type SignalOption,
  type SignalOrigin,
  type StrategicContext,
  URGENCIES,
} from '../domain/signal';

const text = z.string();
const id = z.string().min(1);
const timestamp = z.string().min(1);
const impact = z.enum(IMPACT_LEVELS);

const personSchema: z.ZodType<PersonRef> = z.object({ userId: id, displayName: text });

const contextSchema: z.ZodType<StrategicContext> = z.object({
  objectiveIds: z.array(text),
  schedule: impact,
  cost: impact,
  benefit: impact,
  risk: impact,
  narrative: text,
});

const optionSchema: z.ZodType<SignalOption> = z.object({ id, title: text, description: text, impact: text });

const recommendationSchema: z.ZodType<Recommendation> = z.object({ optionId: id, rationale: text, authorId: id, authorName: text, at: timestamp });

const originSchema: z.ZodType<SignalOrigin> = z.object({
  conversationId: id,
  threadId: text.optional(),
  messageId: text.optional(),
  messageLink: text.optional(),
  messagePreview: text.optional(),
});

export const signalSchema: z.ZodType<Signal> = z.object({
  tenantId: id,
  id,
  number: z.number().int().positive(),
  kind: z.enum(SIGNAL_KINDS),
  title: text,
  details: text,
  urgency: z.enum(URGENCIES),
  domainId: id,
  workItemId: text.optional(),
  raisedBy: personSchema,
  origin: originSchema,
  state: z.enum(SIGNAL_STATES),
  revision: z.number().int().positive(),
  stateChangedAt: timestamp,
  stateChangedBy: personSchema,
  context: contextSchema.optional(),
  options: z.array(optionSchema),
  recommendation: recommendationSchema.optional(),
  dueAt: text.optional(),
  decisionWorkingDays: z.number().int().positive().optional(),
  resolution: text.optional(),
  closeReason: z.enum(CLOSE_REASONS).optional(),
  closeComment: text.optional(),
  duplicateOf: z.number().int().positive().optional(),
  deferredUntil: text.optional(),
  infoRequest: text.optional(),
  decisionRound: z.number().int().nonnegative(),
  decisionId: text.optional(),
  receiptActivityId: text.optional(),
  remindedAt: text.optional(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const decisionSchema: z.ZodType<Decision> = z.object({
  tenantId: id,
  id,
  signalId: id,
  signalNumber: z.number().int().positive(),
  signalTitle: text,
  signalKind: z.enum(SIGNAL_KINDS),
  domainId: id,
  round: z.number().int().positive(),
  question: text,
  context: contextSchema,
  options: z.array(optionSchema),
  recommendation: recommendationSchema,
  outcome: z.enum(DECISION_OUTCOMES),
  chosenOptionId: text.optional(),
  deferredUntil: text.optional(),
  rationale: text,
  decidedBy: personSchema,
  decidedAt: timestamp,
});

export const auditEventSchema: z.ZodType<AuditEvent> = z.object({
  tenantId: id,
  subjectId: id,
  seq: z.number().int().positive(),
  at: timestamp,
  actorId: id,
  actorName: text,
  action: id,
  from: text.optional(),
  to: text.optional(),
  comment: text.optional(),
});
