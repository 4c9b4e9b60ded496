/**
 * What a stored portfolio row must look like once read back: tables enforce no schema, so a row edited
 * by hand or written by an older version is checked before it reaches the domain. Typed against
 * the domain interface, so a domain change the storage does not follow fails to compile.
 */
import { z } from 'zod';

import { type CheckInCadence, DELIVERY_MODES, type Domain, RAG_VALUES, STRUCTURES, type StrategicObjective, WEEKDAYS, type WorkItem } from '../domain/portfolio';
import type { DomainStats } from '../domain/projection';
import type { StatusReport } from '../domain/status-report';

const text = z.string();
const timestamp = z.string().min(1);

const cadenceSchema: z.ZodType<CheckInCadence> = z.object({
  enabled: z.boolean(),
  weekday: z.enum(WEEKDAYS),
  time: text,
  timeZone: text,
  answerWithinHours: z.number().nonnegative(),
  remindHoursBefore: z.number().nonnegative(),
});

export const domainSchema: z.ZodType<Domain> = z.object({
  tenantId: text.min(1),
  id: text.min(1),
  name: text,
  description: text,
  freshnessDays: z.number().int().nonnegative(),
  checkInCadence: cadenceSchema.optional(),
  createdAt: timestamp,
});

export const objectiveSchema: z.ZodType<StrategicObjective> = z.object({
  tenantId: text.min(1),
  id: text.min(1),
  code: text,
  title: text,
  description: text,
  ownerId: text,
  ownerName: text,
  priority: z.number().int(),
  createdAt: timestamp,
});

const rag = z.enum(RAG_VALUES);
const quantity = z.object({ value: z.number(), unit: text });

export const workItemSchema: z.ZodType<WorkItem> = z.object({
  tenantId: text.min(1),
  id: text.min(1),
  domainId: text.min(1),
  title: text,
  structure: z.enum(STRUCTURES),
  mode: z.enum(DELIVERY_MODES),
  stage: text,
  owner: z.object({ userId: text.optional(), displayName: text }),
  parentId: text.optional(),
  startDate: text,
  endDate: text,
  objectives: z.array(z.object({ objectiveId: text.min(1), weight: z.number() })),
  health: z.object({ schedule: rag, cost: rag, scope: rag, benefit: rag }),
  statusReportedAt: text.optional(),
  statusNote: text.optional(),
  benefits: z.object({ planned: quantity, realised: quantity }).optional(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

const ragCounts = z.object({ green: z.number(), amber: z.number(), red: z.number(), unknown: z.number() });

export const statsSchema: z.ZodType<DomainStats> = z.object({
  total: z.number().int(),
  byOverall: ragCounts,
  benefitReporting: z.number().int(),
  onBenefit: z.number().int(),
  objectives: z.record(z.string(), ragCounts),
  reportedDays: z.record(z.string(), z.number().int()),
  neverReported: z.number().int(),
});

export const statusReportSchema: z.ZodType<StatusReport> = z.object({
  at: timestamp,
  by: z.object({ userId: text.optional(), displayName: text }),
  source: z.enum(['tab', 'import', 'check-in', 'card']),
  health: z.object({ schedule: rag, cost: rag, scope: rag, benefit: rag }),
  overall: rag,
  stage: text,
  benefits: z.object({ planned: quantity, realised: quantity }).optional(),
  note: text.optional(),
  checkInId: text.optional(),
});
