import { beforeEach, describe, expect, it } from '@jest/globals';
import { createMemoryRepositories } from '../../../tests/support/memory-repositories';
import type { Repositories } from '../../directory/repositories';
import { type ConversationSighting, recordConversation, recordTeamRenamed, recordUninstall } from './record-conversation';

const T = '11111111-1111-4111-8111-111111111111';
let now = new Date('2026-03-01T09:00:00.000Z');
const clock = { now: () => now };
let repos: Repositories;
const deps = () => ({ conversations: repos.conversations, clock });

const channel = (over: Partial<ConversationSighting> = {}): ConversationSighting => ({
  tenantId: T,
  conversationId: '19:general@thread.tacv2',
  kind: 'channel',
  serviceUrl: 'https://smba.example/emea/',
  channelId: 'msteams',
  botId: '28:bot',
  botName: 'PMO Relay',
  teamId: '19:general@thread.tacv2',
  teamName: 'IT Department',
  ...over,
});

beforeEach(() => {
  repos = createMemoryRepositories();
  now = new Date('2026-03-01T09:00:00.000Z');
});

describe('recordConversation', () => {
  it('stores a plain reference with a title people recognise', async () => {
    await recordConversation(deps(), channel());
    expect(await repos.conversations.get(T, '19:general@thread.tacv2')).toEqual({
      tenantId: T,
      conversationId: '19:general@thread.tacv2',
      kind: 'channel',
      serviceUrl: 'https://smba.example/emea/',
      channelId: 'msteams',
      botId: '28:bot',
      botName: 'PMO Relay',
      teamId: '19:general@thread.tacv2',
      teamName: 'IT Department',
      title: 'IT Department › General',
      installedAt: '2026-03-01T09:00:00.000Z',
      updatedAt: '2026-03-01T09:00:00.000Z',
      active: true,
    });
  });

  it('keeps names a later message does not carry, and the install date', async () => {
    await recordConversation(deps(), channel());
    now = new Date('2026-03-02T09:00:00.000Z');
    const ref = await recordConversation(deps(), channel({ teamName: undefined, botName: undefined, serviceUrl: 'https://smba.example/amer/' }));
    expect(ref).toMatchObject({ title: 'IT Department › General', teamName: 'IT Department', serviceUrl: 'https://smba.example/amer/', installedAt: '2026-03-01T09:00:00.000Z', updatedAt: '2026-03-02T09:00:00.000Z' });
  });

  it('does not rewrite an unchanged reference', async () => {
    const first = await recordConversation(deps(), channel());
    now = new Date('2026-03-05T09:00:00.000Z');
    expect(await recordConversation(deps(), channel())).toEqual(first);
  });

  it('names personal and group chats', async () => {
    const me = await recordConversation(deps(), { ...channel(), conversationId: 'a:1', kind: 'personal', teamId: undefined, teamName: undefined, userId: 'u1', userName: 'Dana' });
    expect(me.title).toBe('Chat with Dana');
    const group = await recordConversation(deps(), { ...channel(), conversationId: '19:chat', kind: 'groupChat', teamId: undefined, teamName: undefined, chatName: 'Website crew' });
    expect(group.title).toBe('Website crew');
  });
});

describe('recordUninstall and renames', () => {
  it('marks every channel of a team inactive when the app leaves it, and reactivates on the next message', async () => {
    await recordConversation(deps(), channel());
    await recordConversation(deps(), channel({ conversationId: '19:design@thread.tacv2', channelName: 'Design' }));
    await recordConversation(deps(), { ...channel(), conversationId: 'a:1', kind: 'personal', teamId: undefined, userName: 'Dana' });
    expect(await recordUninstall(deps(), { tenantId: T, conversationId: '19:general@thread.tacv2', teamId: '19:general@thread.tacv2' })).toBe(2);
    const refs = await repos.conversations.list(T);
    expect(refs.filter((r) => r.active).map((r) => r.conversationId)).toEqual(['a:1']);
    expect((await recordConversation(deps(), channel())).active).toBe(true);
  });

  it('renames the team in every stored channel title', async () => {
    await recordConversation(deps(), channel());
    await recordConversation(deps(), channel({ conversationId: '19:design@thread.tacv2', channelName: 'Design' }));
    await recordTeamRenamed(deps(), { tenantId: T, teamId: '19:general@thread.tacv2', teamName: 'Technology' });
    expect((await repos.conversations.list(T)).map((r) => r.title).sort()).toEqual(['Technology › Design', 'Technology › General']);
  });
});
