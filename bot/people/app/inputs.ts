/** Shapes of what a tenant admin sends about people, checked before any rule runs. */
import { z } from 'zod';
import { isEntraId, normaliseEntraId } from '../../kernel/tenant';
import { oneLine } from '../../kernel/validation';
import { recordIdSchema } from '../../portfolio';
import { SAVED_VIEW_LIMITS } from '../domain/saved-view';

const roleAssignmentSchema = z.discriminatedUnion('role', [
  z.object({ role: z.literal('epmo_member') }).strict(),
  z.object({ role: z.literal('strategy_owner') }).strict(),
  z.object({ role: z.literal('tenant_admin') }).strict(),
  z.object({ role: z.literal('pmo_lead'), domainId: recordIdSchema }).strict(),
  z.object({ role: z.literal('team_member'), workItemId: recordIdSchema }).strict(),
]);

/** `PUT /api/people/:userId` — the person's full set of roles. */
export const personInputSchema = z
  .object({
    displayName: oneLine(z.string().trim().min(1, 'required').max(120, 'at most 120 characters')),
    email: z.string().trim().email().max(200).optional(),
    roles: z.array(roleAssignmentSchema).max(200),
  })
  .strict();

/** Entra object ids (and tenant ids) are GUIDs, kept in lower case so one person has one record. */
export const entraIdSchema = z.string().refine(isEntraId, 'an Entra object id (a GUID)').transform(normaliseEntraId);

/** `POST /api/me/views` — a name people will recognise, and the portfolio URL's query (a leading `?` is dropped). */
export const savedViewInputSchema = z
  .object({
    name: oneLine(z.string().trim().min(1, 'required').max(SAVED_VIEW_LIMITS.nameLength, `at most ${SAVED_VIEW_LIMITS.nameLength} characters`)),
    query: oneLine(z.string().max(SAVED_VIEW_LIMITS.queryLength, `at most ${SAVED_VIEW_LIMITS.queryLength} characters`))
      .transform((q) => q.replace(/^\?/, '')),
  })
  .strict();
