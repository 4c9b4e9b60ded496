/** Shapes of what a tenant admin sends about people, checked before any rule runs. */
import { z } from 'zod';
import { isEntraId } from '../../kernel/tenant';
import { recordIdSchema } from '../../portfolio';

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
    displayName: z.string().trim().min(1, 'required').max(120, 'at most 120 characters'),
    email: z.string().trim().email().max(200).optional(),
    roles: z.array(roleAssignmentSchema).max(200),
  })
  .strict();

/** Entra object ids (and tenant ids) are GUIDs. */
export const entraIdSchema = z.string().refine(isEntraId, 'an Entra object id (a GUID)');
