/**
 * The setup check reads a large tenant by partitions, never item by item: with fakes of the ports
 * counting their calls, 3 domains of 400 items and 60 linked conversations cost a read per domain
 * and per store, and no point read of an item or (past a few) a conversation.
 */
import { describe, expect, it } from '@jest/globals';
import type { ConversationLink, ConversationRef } from '../../conversations';
import type { Principal } from '../../kernel/roles';
import { emptyStats } from '../../portfolio/domain/projection';
import { type SetupDeps, findSetupGaps } from './setup-gaps';

const T = 'tenant-1';
const admin: Principal = { tenantId: T, userId: 'admin', displayName: 'Ada Admin', roles: [{ role: 'tenant_admin' }] };
const DOMAINS = ['d1', 'd2', 'd3'];
const ITEMS_PER_DOMAIN = 400;
const LINKED = 60;

function fakes() {
  const calls: Record<string, number> = {};
  const count = <T>(name: string, value: T): Promise<T> => {
    calls[name] = (calls[name] ?? 0) + 1;
    return Promise.resolve(value);
  };
  const conversation = (i: number): ConversationRef => ({
    tenantId: T, conversationId: `19:c${i}`, kind: 'channel', serviceUrl: 'https://smba.example/', channelId: 'msteams', botId: '28:bot', title: `Team ${i}`, installedAt: '', updatedAt: '', active: i !== 0,
  });
  const links: ConversationLink[] = Array.from({ length: LINKED }, (_, i) => ({ tenantId: T, conversationId: `19:c${i}`, target: { kind: 'team', workItemId: `d1-${i}` }, linkedBy: 'x', linkedAt: '' }));
  const unexpected = (name: string) => () => Promise.reject(new Error(`${name} should not be read`));
  const deps = {
    repos: {
      domains: { list: () => count('domains.list', DOMAINS.map((id) => ({ value: { tenantId: T, id, name: id.toUpperCase(), description: '', freshnessDays: 14, createdAt: '' }, etag: '' }))) },
      objectives: { list: () => count('objectives.list', []) },
      workItems: {
        namesByDomain: (_t: string, domainId: string) => count('workItems.namesByDomain', Array.from({ length: ITEMS_PER_DOMAIN }, (_, i) => ({ id: `${domainId}-${i}`, title: `${domainId} item ${i}`, domainId }))),
        stats: () => count('workItems.stats', emptyStats()),
        get: unexpected('workItems.get'),
        getMany: unexpected('workItems.getMany'),
        listByDomain: unexpected('workItems.listByDomain'),
      },
      links: { list: () => count('links.list', links), listByConversation: unexpected('links.listByConversation') },
      conversations: { list: () => count('conversations.list', Array.from({ length: LINKED }, (_, i) => conversation(i))), get: unexpected('conversations.get') },
      teamsUsers: { list: () => count('teamsUsers.list', []) },
      users: { list: () => count('users.list', []) },
    },
    visits: { list: () => count('visits.list', []) },
  } as unknown as SetupDeps;
  return { deps, calls };
}

describe('reading the setup of a large tenant', () => {
  it('reads each store once and each domain once, however many items and links', async () => {
    const { deps, calls } = fakes();
    const gaps = await findSetupGaps(deps, admin);
    expect(calls).toEqual({
      'domains.list': 1,
      'objectives.list': 1,
      'links.list': 1,
      'teamsUsers.list': 1,
      'visits.list': 1,
      'users.list': 1,
      'workItems.namesByDomain': DOMAINS.length,
      'workItems.stats': DOMAINS.length,
      'conversations.list': 1,
    });
    const teams = gaps.ok ? gaps.value.find((g) => g.kind === 'teamConversation') : undefined;
    // Every item but those reached through an active conversation (the first one's left PMO Relay).
    expect(teams?.total).toBe(DOMAINS.length * ITEMS_PER_DOMAIN - (LINKED - 1));
    expect(teams?.entries).toHaveLength(50);
  });

  it('refuses anyone but a tenant admin before reading anything', async () => {
    const { deps, calls } = fakes();
    const refused = await findSetupGaps(deps, { ...admin, roles: [{ role: 'epmo_member' }] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
    expect(calls).toEqual({});
  });
});
