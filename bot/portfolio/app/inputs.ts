/**
 * Shapes of what people send about the portfolio (API bodies, and CSV rows once read), checked
 * before any rule runs; the routes and the CSV import share one definition.
 */
import { z } from 'zod';
import { oneLine, plainText } from '../../kernel/validation';
import { validateCadence } from '../domain/cadence-rules';
import { type CheckInCadence, DELIVERY_MODES, OBJECTIVE_STATUSES, RAG_VALUES, STRUCTURES } from '../domain/portfolio';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'use the form YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'not a real date');

/** The id of a portfolio record (domain, work item, objective) as people send it. */
export const recordIdSchema = z.string().trim().min(1).max(100).regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits and _ . : - only');
const text = (max: number) => oneLine(z.string().trim().min(1, 'required').max(max, `at most ${max} characters`));
/** Free text of several lines, possibly empty. */
const notes = (max: number) => plainText(z.string().trim().max(max, `at most ${max} characters`));

const quantity = z.object({ value: z.number().finite().min(0).max(1e12), unit: text(40) }).strict();
const rag = z.enum(RAG_VALUES);

/** RAG values of the health dimensions sent; the others stay as they are. */
export const healthPatchSchema = z
  .object({ schedule: rag.optional(), cost: rag.optional(), scope: rag.optional(), benefit: rag.optional() })
  .strict();

/** `POST /api/work-items`, and each CSV row once read. */
export const workItemInputSchema = z
  .object({
    domainId: recordIdSchema,
    title: text(200),
    structure: z.enum(STRUCTURES),
    mode: z.enum(DELIVERY_MODES),
    stage: text(60),
    owner: z.object({ userId: z.string().max(100).optional(), displayName: text(120) }).strict(),
    parentId: recordIdSchema.optional(),
    startDate: isoDate,
    endDate: isoDate,
    objectives: z
      .array(z.object({ objectiveId: recordIdSchema, weight: z.number().int().min(1).max(100) }).strict())
      .max(20),
    health: healthPatchSchema.optional(),
    statusNote: notes(2000).optional(),
    benefits: z.object({ planned: quantity, realised: quantity }).strict().optional(),
  })
  .strict();

/** `PATCH /api/work-items/:id`: any fields; `parentId: null` removes the parent. */
export const workItemPatchSchema = workItemInputSchema
  .partial()
  .extend({ parentId: recordIdSchema.nullable().optional() })
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'the change is empty');

/** `POST /api/objectives`. */
export const objectiveInputSchema = z
  .object({
    code: z.string().trim().min(1).max(20).regex(/^[A-Za-z0-9-]+$/, 'letters, digits and - only'),
    title: text(200),
    description: notes(2000).default(''),
    ownerId: z.string().trim().min(1).max(100),
    ownerName: text(120),
    priority: z.number().int().min(1).max(99),
    status: z.enum(OBJECTIVE_STATUSES).default('active'),
  })
  .strict();

/** `PATCH /api/objectives/:id`: any fields (`status: 'retired'` retires it, `'active'` brings it back). */
export const objectivePatchSchema = objectiveInputSchema.extend({ status: z.enum(OBJECTIVE_STATUSES) }).partial().strict().refine((p) => Object.keys(p).length > 0, 'the change is empty');


/** A domain's check-in cadence, by the one cadence rule (domain/cadence-rules.ts); each problem at its field. */
export const checkInCadenceSchema = z.unknown().transform((value, ctx): CheckInCadence => {
  const checked = validateCadence(value);
  if (checked.ok) return checked.value;
  for (const d of checked.error.details ?? [{ at: '', message: checked.error.message }]) ctx.addIssue({ code: 'custom', path: d.at && d.at !== '(body)' ? [d.at] : [], message: d.message });
  return z.NEVER;
});

const domainFields = {
  name: text(80),
  description: notes(1000).default(''),
  freshnessDays: z.number().int().min(1, 'at least 1 day').max(365, 'at most 365 days').default(14),
  checkInCadence: checkInCadenceSchema.optional(),
};

/** `POST /api/domains`. */
export const domainInputSchema = z.object({ id: recordIdSchema.optional(), ...domainFields }).strict();

/** `PATCH /api/domains/:domainId`: any of its fields. */
export const domainPatchSchema = z
  .object({ name: domainFields.name, description: notes(1000), freshnessDays: z.number().int().min(1, 'at least 1 day').max(365, 'at most 365 days'), checkInCadence: checkInCadenceSchema })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'the change is empty');
