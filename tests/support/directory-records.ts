/** Records of the tenant directory (portfolio, conversations, links) as storage tests write them. */
import type { ConversationLink, ConversationRef } from '../../bot/conversations/domain/conversation';
import type { Domain, StrategicObjective, WorkItem } from '../../bot/portfolio/domain/portfolio';

const NOW = '2025-03-01T09:00:00.000Z';

export const domain = (tenantId: string, id: string, name = `Domain ${id}`): Domain => ({
  tenantId,
  id,
  name,
  description: `The ${name} PMO`,
  freshnessDays: 14,
  createdAt: NOW,
});

export const objective = (tenantId: string, id: string): StrategicObjective => ({
  tenantId,
  id,
  code: `OBJ-${id}`,
  title: 'Grow digital revenue',
  description: 'Double online sales by 2027',
  ownerId: 'user-strategy',
  ownerName: 'Sam Strategy',
  priority: 1,
  createdAt: NOW,
});

export const workItem = (tenantId: string, id: string, domainId: string, extra: Partial<WorkItem> = {}): WorkItem => ({
  tenantId,
  id,
  domainId,
  title: `Work item ${id}`,
  structure: 'project',
  mode: 'agile',
  stage: 'Beta',
  owner: { displayName: 'Dana Delivery' },
  startDate: '2025-01-01',
  endDate: '2025-12-31',
  objectives: [],
  health: { schedule: 'green', cost: 'amber', scope: 'green', benefit: 'unknown' },
  createdAt: NOW,
  updatedAt: NOW,
  ...extra,
});

export const conversation = (tenantId: string, conversationId: string, extra: Partial<ConversationRef> = {}): ConversationRef => ({
  tenantId,
  conversationId,
  kind: 'channel',
  serviceUrl: 'https://smba.trafficmanager.net/emea/',
  channelId: 'msteams',
  botId: '28:bot-app-id',
  title: 'IT PMO › General',
  installedAt: NOW,
  updatedAt: NOW,
  active: true,
  ...extra,
});

export const link = (tenantId: string, conversationId: string, target: ConversationLink['target']): ConversationLink => ({
  tenantId,
  conversationId,
  target,
  linkedBy: 'user-lead',
  linkedAt: NOW,
});
