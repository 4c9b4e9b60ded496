/**
 * What a stored row must look like once read back. Tables enforce no schema: a row edited by
 * hand, written by an older version or by a bug would otherwise flow into the domain as
 * garbage. Each schema is typed against its domain interface, so a domain change that the
 * storage does not follow fails to compile.
 */
import { z } from 'zod';

import type { ConversationLink, ConversationRef, LinkTarget } from '../../domain/conversation';
import { DELIVERY_MODES, RAG_VALUES, STRUCTURES } from '../../domain/portfolio';
import type { Domain, StrategicObjective, WorkItem } from '../../domain/portfolio';
import type { RoleAssignment, User } from '../../domain/roles';
import type { Tenant } from '../../domain/tenant';

const text = z.string();
const timestamp = z.string().min(1);

export const tenantSchema: z.ZodType<Tenant> = z.object({
  tenantId: text.min(1),
  displayName: text,
  createdAt: timestamp,
});

export const domainSchema: z.ZodType<Domain> = z.object({
  tenantId: text.min(1),
  id: text.min(1),
  name: text,
  description: text,
  freshnessDays: z.number().int().nonnegative(),
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

export const conversationSchema: z.ZodType<ConversationRef> = z.object({
  tenantId: text.min(1),
  conversationId: text.min(1),
  kind: z.enum(['personal', 'groupChat', 'channel']),
  serviceUrl: text,
  channelId: text,
  botId: text,
  botName: text.optional(),
  teamId: text.optional(),
  teamName: text.optional(),
  channelName: text.optional(),
  userId: text.optional(),
  title: text,
  installedAt: timestamp,
  updatedAt: timestamp,
  active: z.boolean(),
});

const linkTarget: z.ZodType<LinkTarget> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('pmo'), domainId: text.min(1) }),
  z.object({ kind: z.literal('epmo') }),
  z.object({ kind: z.literal('team'), workItemId: text.min(1) }),
]);

export const linkSchema: z.ZodType<ConversationLink> = z.object({
  tenantId: text.min(1),
  conversationId: text.min(1),
  target: linkTarget,
  linkedBy: text,
  linkedAt: timestamp,
});
