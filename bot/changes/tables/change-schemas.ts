/**
 * What a row of the change tables must hold to be read back (Table Storage enforces no schema):
 * versions, recipients, responses and audit events, validated on every read.
 */
import { z } from 'zod';
import type { ChangeAuditEvent } from '../domain/change-audit';
import { CHANGE_ACTIONS } from '../domain/change-audit';
import type { ChangeResponse, StrategyChange } from '../domain/strategy-change';
import { CHANGE_KINDS, CHANGE_STATES, IMPACTS, REQUIRED_RESPONSES } from '../domain/strategy-change';
import type { ChangeRecipientRecord } from '../ports';

const text = z.string();
const ts = z.string().min(1);
const version = z.number().int().min(1);

export const changeSchema: z.ZodType<StrategyChange> = z.object({
  tenantId: text.min(1),
  id: text.min(1),
  version,
  state: z.enum(CHANGE_STATES),
  title: text,
  summary: text,
  kind: z.enum(CHANGE_KINDS),
  objectiveIds: z.array(text),
  domainIds: z.array(text),
  requiredResponse: z.enum(REQUIRED_RESPONSES),
  respondBy: ts,
  authorId: text,
  authorName: text,
  createdAt: ts,
  updatedAt: ts,
  publishedAt: ts.optional(),
  closedAt: ts.optional(),
  closedBy: text.optional(),
  withdrawReason: text.optional(),
  auditCount: z.number().int().min(0).optional(),
});

export const recipientSchema: z.ZodType<ChangeRecipientRecord> = z.object({
  tenantId: text.min(1),
  changeId: text.min(1),
  version,
  conversationId: text.min(1),
  role: z.enum(['pmo', 'team', 'epmo']),
  domainId: text.optional(),
  workItemIds: z.array(text).optional(),
  title: text,
  reachable: z.boolean(),
  unreachableReason: z.enum(['not-installed', 'missing']).optional(),
  remindedAt: ts.optional(),
});

export const responseSchema: z.ZodType<ChangeResponse> = z.object({
  tenantId: text.min(1),
  changeId: text.min(1),
  version,
  conversationId: text.min(1),
  userId: text.min(1),
  userName: text,
  acknowledged: z.boolean(),
  impact: z.enum(IMPACTS).optional(),
  comment: text.optional(),
  respondedAt: ts,
});

export const auditEventSchema: z.ZodType<ChangeAuditEvent> = z.object({
  tenantId: text.min(1),
  changeId: text.min(1),
  version,
  seq: z.number().int().min(1),
  at: ts,
  actorId: text,
  actorName: text,
  action: z.enum(CHANGE_ACTIONS),
  from: z.enum(CHANGE_STATES).optional(),
  to: z.enum(CHANGE_STATES),
  comment: text.optional(),
});
