import { describe, expect, it } from '@jest/globals';
import type { ConversationLink, ConversationRef } from '../../conversations/domain/conversation';
import type { Domain, WorkItem } from '../../portfolio/domain/portfolio';
import { targetChange } from './targeting';

const T = 'tenant-1';

describe('targeting', () => {
  const dom = (id: string): Domain => ({ tenantId: T, id, name: id, description: '', freshnessDays: 14, createdAt: '' });
  const wi = (id: string, domainId: string, objectiveId: string) => ({ id, domainId, objectives: [{ objectiveId, weight: 100 }] }) as unknown as WorkItem;
  const link = (conversationId: string, target: ConversationLink['target']): ConversationLink => ({ tenantId: T, conversationId, target, linkedBy: '', linkedAt: '' });
  const conv = (conversationId: string, active = true) => ({ conversationId, active, title: conversationId }) as ConversationRef;

  it('reaches affected PMO channels, aligned teams in those domains and the EPMO, deduplicated; reports unreachable teams', () => {
    const t = targetChange({
      objectiveIds: ['o1'],
      domainIds: ['fin'],
      domains: [dom('it'), dom('hr'), dom('fin')],
      workItems: [wi('a', 'it', 'o1'), wi('b', 'it', 'o2'), wi('c', 'hr', 'o1'), wi('d', 'hr', 'o1'), wi('e', 'hr', 'o1')],
      links: [
        link('epmo', { kind: 'epmo' }),
        link('pmo-it', { kind: 'pmo', domainId: 'it' }),
        link('pmo-fin', { kind: 'pmo', domainId: 'fin' }),
        link('pmo-hr', { kind: 'pmo', domainId: 'hr' }),
        link('shared', { kind: 'team', workItemId: 'a' }),
        link('shared', { kind: 'team', workItemId: 'c' }),
        link('team-b', { kind: 'team', workItemId: 'b' }),
        link('team-d', { kind: 'team', workItemId: 'd' }),
      ],
      conversations: [conv('epmo'), conv('pmo-it'), conv('pmo-fin'), conv('pmo-hr'), conv('shared'), conv('team-b'), conv('team-d', false)],
    });
    expect(t.domains).toEqual([
      { domainId: 'fin', explicit: true },
      { domainId: 'it', explicit: false },
      { domainId: 'hr', explicit: false },
    ]);
    expect(t.recipients.map((r) => `${r.role}:${r.conversationId}`)).toEqual(['pmo:pmo-fin', 'pmo:pmo-hr', 'pmo:pmo-it', 'team:shared', 'epmo:epmo']);
    expect(t.recipients.find((r) => r.conversationId === 'shared')?.workItemIds).toEqual(['a', 'c']);
    expect(t.unreachable.map((u) => [u.conversationId, u.reason])).toEqual([['team-d', 'not-installed']]);
    expect(t.workItemsWithoutTeam.map((w) => w.id)).toEqual(['e']);
  });
});
