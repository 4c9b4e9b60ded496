/**
 * What a stored person row must look like once read back: tables enforce no schema, so a row edited
 * by hand or written by an older version is checked before it reaches the domain. Typed against
 * the domain interface, so a domain change the storage does not follow fails to compile.
 */
import { z } from 'zod';

import type { RoleAssignment, User } from '../../kernel/roles';
import type { LabelledRole, RoleChange } from '../domain/role-change';
import type { SavedView } from '../domain/saved-view';

const text = z.string();

const roleAssignment: z.ZodType<RoleAssignment> = z.discriminatedUnion('role', [
  z.object({ role: z.literal('epmo_member') }),
  z.object({ role: z.literal('strategy_owner') }),
  z.object({ role: z.literal('tenant_admin') }),
  z.object({ role: z.literal('pmo_lead'), domainId: text.min(1) }),
  z.object({ role: z.literal('team_member'), workItemId: text.min(1) }),
]);

export const userSchema: z.ZodType<User> = z.object({
  tenantId: text.min(1),
  userId: text.min(1),
  displayName: text,
  email: text.optional(),
  roles: z.array(roleAssignment),
});

export const savedViewSchema: z.ZodType<SavedView> = z.object({
  tenantId: text.min(1),
  userId: text.min(1),
  id: text.min(1),
  name: text.min(1),
  query: text,
  createdAt: text.min(1),
});

const labelled: z.ZodType<LabelledRole> = z.object({ role: roleAssignment, label: text });
const someone = z.object({ userId: text.min(1), displayName: text });

export const roleChangeSchema: z.ZodType<RoleChange> = z.object({
  tenantId: text.min(1),
  id: text.min(1),
  at: text.min(1),
  by: someone,
  subject: someone,
  granted: z.array(labelled),
  removed: z.array(labelled),
});
