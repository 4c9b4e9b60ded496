/**
 * What a stored conversation or link row must look like once read back: tables enforce no schema, so a row edited
 * by hand or written by an older version is checked before it reaches the domain. Typed against
 * the domain interface, so a domain change the storage does not follow fails to compile.
 */
import { z } from 'zod';

import type { ConversationLink, ConversationRef, LinkTarget } from '../domain/conversation';
import type { RosterMember, TeamsUser } from '../domain/teams-people';

const text = z.string();
const timestamp = z.string().min(1);

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
  rosterId: text.min(1).optional(),
  target: linkTarget,
  linkedBy: text,
  linkedAt: timestamp,
});

export const teamsUserSchema: z.ZodType<TeamsUser> = z.object({
  tenantId: text.min(1),
  userId: text.min(1),
  mri: text.min(1),
  name: text.optional(),
  updatedAt: timestamp,
  talkedAt: timestamp.optional(),
});

/** A roster row: the member, and the roster it belongs to. */
export const rosterRowSchema: z.ZodType<RosterMember & { readonly tenantId: string; readonly rosterId: string }> = z.object({
  tenantId: text.min(1),
  rosterId: text.min(1),
  userId: text.min(1),
  mri: text.min(1),
  name: text.optional(),
});
