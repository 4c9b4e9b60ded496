/**
 * The conversations, links and rosters tables against a real Azurite
 * (tests/support/table-repositories.ts), under conversation ids as Teams sends them.
 */
import { describe, expect, it } from '@jest/globals';
import type { Repositories } from '../../bot/directory/repositories';
import { conversation, link } from '../support/directory-records';
import { AWKWARD_ID, CHANNEL_ID, GROUP_CHAT_ID, PERSONAL_29, PERSONAL_ID, TENANT_A, rawTable, useTableRepositories } from '../support/table-repositories';

let repos: Repositories;
let prefix: string;

useTableRepositories((t) => ({ repos, prefix } = t));

describe('conversations and links', () => {
  it('stores conversations under Teams-style ids', async () => {
    const refs = [
      conversation(TENANT_A, CHANNEL_ID, { teamId: '19:team@thread.tacv2', teamName: 'IT PMO', channelName: 'General', botName: 'PMO Relay' }),
      conversation(TENANT_A, GROUP_CHAT_ID, { kind: 'groupChat', title: 'Steering group' }),
      conversation(TENANT_A, PERSONAL_ID, { kind: 'personal', userId: '29:user', title: 'Chat with Dana' }),
      conversation(TENANT_A, PERSONAL_29, { kind: 'personal', title: 'Chat with Sam', active: false }),
      conversation(TENANT_A, AWKWARD_ID, { title: 'Odd one' }),
    ];
    for (const ref of refs) await repos.conversations.save(ref);
    for (const ref of refs) expect(await repos.conversations.get(TENANT_A, ref.conversationId)).toEqual(ref);

    const listed = await repos.conversations.list(TENANT_A);
    expect(listed.map((c) => c.conversationId).sort()).toEqual(refs.map((r) => r.conversationId).sort());

    // A later save replaces: fields the new reference lacks are gone.
    const { teamName: _t, ...withoutTeamName } = refs[0]!;
    await repos.conversations.save(withoutTeamName);
    expect(await repos.conversations.get(TENANT_A, CHANNEL_ID)).toEqual(withoutTeamName);
  });

  it('stores links and finds them by conversation and by target', async () => {
    const pmo = { kind: 'pmo', domainId: 'dom-it' } as const;
    const epmo = { kind: 'epmo' } as const;
    const team = { kind: 'team', workItemId: 'wi:odd/id#1' } as const;
    await repos.links.put(link(TENANT_A, CHANNEL_ID, pmo));
    await repos.links.put(link(TENANT_A, CHANNEL_ID, epmo));
    await repos.links.put(link(TENANT_A, AWKWARD_ID, pmo));
    await repos.links.put(link(TENANT_A, PERSONAL_29, team));
    // Putting again replaces, it does not duplicate.
    await repos.links.put({ ...link(TENANT_A, CHANNEL_ID, pmo), linkedBy: 'user-admin' });

    const byChannel = await repos.links.listByConversation(TENANT_A, CHANNEL_ID);
    expect(byChannel).toHaveLength(2);
    expect(byChannel).toEqual(expect.arrayContaining([{ ...link(TENANT_A, CHANNEL_ID, pmo), linkedBy: 'user-admin' }, link(TENANT_A, CHANNEL_ID, epmo)]));

    const byPmo = await repos.links.listByTarget(TENANT_A, pmo);
    expect(byPmo.map((l) => l.conversationId).sort()).toEqual([CHANNEL_ID, AWKWARD_ID].sort());
    expect(await repos.links.listByTarget(TENANT_A, team)).toEqual([link(TENANT_A, PERSONAL_29, team)]);
    expect(await repos.links.listByTarget(TENANT_A, { kind: 'pmo', domainId: 'dom-it-other' })).toEqual([]);
    // A conversation id that is a prefix of another must not pick up the other's links.
    expect(await repos.links.listByConversation(TENANT_A, '19:abc123')).toEqual([]);

    expect(await repos.links.list(TENANT_A)).toHaveLength(4);

    await repos.links.remove(TENANT_A, CHANNEL_ID, pmo);
    await repos.links.remove(TENANT_A, CHANNEL_ID, pmo); // removing twice is harmless
    expect(await repos.links.listByConversation(TENANT_A, CHANNEL_ID)).toEqual([link(TENANT_A, CHANNEL_ID, epmo)]);
    expect((await repos.links.listByTarget(TENANT_A, pmo)).map((l) => l.conversationId)).toEqual([AWKWARD_ID]);
    expect(await repos.links.list(TENANT_A)).toHaveLength(3);
  });

  it('finds links by the roster of their conversation, and removes that row with the link', async () => {
    const T = '11111111-4444-4111-8111-111111111111';
    const team = (workItemId: string) => ({ kind: 'team', workItemId }) as const;
    const TEAM_ID = '19:team-abc@thread.tacv2';
    await repos.links.put({ ...link(T, CHANNEL_ID, team('wi-1')), rosterId: TEAM_ID });
    await repos.links.put({ ...link(T, '19:other-channel@thread.tacv2', team('wi-2')), rosterId: TEAM_ID });
    await repos.links.put({ ...link(T, GROUP_CHAT_ID, team('wi-3')), rosterId: GROUP_CHAT_ID });
    await repos.links.put(link(T, AWKWARD_ID, team('wi-4')));
    expect((await repos.links.listByRoster(T, TEAM_ID)).map((l) => l.conversationId).sort()).toEqual([CHANNEL_ID, '19:other-channel@thread.tacv2'].sort());
    expect(await repos.links.listByRoster(T, GROUP_CHAT_ID)).toEqual([{ ...link(T, GROUP_CHAT_ID, team('wi-3')), rosterId: GROUP_CHAT_ID }]);
    expect(await repos.links.list(T)).toHaveLength(4);

    await repos.links.remove(T, CHANNEL_ID, team('wi-1'));
    expect((await repos.links.listByRoster(T, TEAM_ID)).map((l) => l.conversationId)).toEqual(['19:other-channel@thread.tacv2']);
    expect(await repos.links.list(T)).toHaveLength(3);
  });
});

describe('rosters', () => {
  it('replaces a roster writing only who joined, left or changed, over several transactions', async () => {
    const member = (i: number) => ({ userId: `r1000000-0000-4000-8000-${String(i).padStart(12, '0')}`, mri: `29:1m${i}`, name: `Member ${i}` });
    const first = Array.from({ length: 150 }, (_, i) => member(i));
    await repos.rosters.replace(TENANT_A, GROUP_CHAT_ID, first);
    await repos.rosters.replace(TENANT_A, AWKWARD_ID, [member(900)]);
    expect((await repos.rosters.members(TENANT_A, GROUP_CHAT_ID)).map((m) => m.userId).sort()).toEqual(first.map((m) => m.userId).sort());

    const raw = rawTable(prefix, 'rosters');
    const etags = async () => {
      const rows = new Map<string, string>();
      for await (const e of raw.listEntities({ queryOptions: { filter: `PartitionKey eq '${TENANT_A}'` } })) rows.set(e.rowKey as string, e.etag);
      return rows;
    };
    const before = await etags();
    // Member 0 left, 150 joined, 1 was renamed; the other 148 rows are not written again.
    const second = [...first.slice(1), member(150)].map((m) => (m.userId === member(1).userId ? { ...m, name: 'Member One' } : m));
    await repos.rosters.replace(TENANT_A, GROUP_CHAT_ID, second);
    const after = await etags();
    const changed = [...after].filter(([key, etag]) => before.get(key) !== etag).length;
    // Two members, two rows each (by roster and by person).
    expect(changed).toBe(4);
    expect(after.size).toBe(before.size);
    expect((await repos.rosters.members(TENANT_A, GROUP_CHAT_ID)).find((m) => m.userId === member(1).userId)?.name).toBe('Member One');
    // A roster whose id another's starts with keeps to itself.
    expect(await repos.rosters.members(TENANT_A, '19:meeting')).toEqual([]);
    expect(await repos.rosters.members(TENANT_A, AWKWARD_ID)).toEqual([member(900)]);

    await repos.rosters.replace(TENANT_A, GROUP_CHAT_ID, []);
    expect(await repos.rosters.members(TENANT_A, GROUP_CHAT_ID)).toEqual([]);
  });

  it('knows which rosters a person is on: added with them, gone when they leave or the roster is forgotten', async () => {
    const T = '11111111-2222-4111-8111-111111111111';
    const dana = { userId: 'p1000000-0000-4000-8000-000000000001', mri: '29:1Dana', name: 'Dana' };
    const sam = { userId: 'p1000000-0000-4000-8000-000000000002', mri: '29:1Sam' };
    await repos.rosters.replace(T, CHANNEL_ID, [dana, sam]);
    await repos.rosters.replace(T, GROUP_CHAT_ID, [dana]);
    await repos.rosters.replace(T, AWKWARD_ID, [sam]);
    expect((await repos.rosters.rostersOf(T, dana.userId)).sort()).toEqual([CHANNEL_ID, GROUP_CHAT_ID].sort());
    expect((await repos.rosters.rostersOf(T, sam.userId)).sort()).toEqual([CHANNEL_ID, AWKWARD_ID].sort());
    // The per-person rows are not members of any roster, and another tenant sees none of them.
    expect((await repos.rosters.members(T, CHANNEL_ID)).map((m) => m.userId).sort()).toEqual([dana.userId, sam.userId].sort());
    expect(await repos.rosters.rostersOf(TENANT_A, dana.userId)).toEqual([]);
    // An Entra id that is a prefix of another's finds nothing of the other's.
    expect(await repos.rosters.rostersOf(T, 'p1000000')).toEqual([]);

    // Dana leaves the team; then the group chat is forgotten.
    await repos.rosters.replace(T, CHANNEL_ID, [sam]);
    expect(await repos.rosters.rostersOf(T, dana.userId)).toEqual([GROUP_CHAT_ID]);
    await repos.rosters.replace(T, GROUP_CHAT_ID, []);
    expect(await repos.rosters.rostersOf(T, dana.userId)).toEqual([]);
    expect((await repos.rosters.rostersOf(T, sam.userId)).sort()).toEqual([CHANNEL_ID, AWKWARD_ID].sort());
  });

  it('lets a member leave a roster stored before the per-person rows existed', async () => {
    const T = '11111111-3333-4111-8111-111111111111';
    const old = { userId: 'p2000000-0000-4000-8000-000000000001', mri: '29:1Old' };
    const stays = { userId: 'p2000000-0000-4000-8000-000000000002', mri: '29:1Stays' };
    await repos.rosters.replace(T, GROUP_CHAT_ID, [old, stays]);
    const raw = rawTable(prefix, 'rosters');
    for await (const e of raw.listEntities({ queryOptions: { filter: `PartitionKey eq '${T}'` } })) {
      if ((e.rowKey as string).startsWith('!')) await raw.deleteEntity(T, e.rowKey as string);
    }
    const joined = { userId: 'p2000000-0000-4000-8000-000000000003', mri: '29:1New' };
    await repos.rosters.replace(T, GROUP_CHAT_ID, [stays, joined]);
    expect((await repos.rosters.members(T, GROUP_CHAT_ID)).map((m) => m.userId).sort()).toEqual([stays.userId, joined.userId].sort());
    expect(await repos.rosters.rostersOf(T, joined.userId)).toEqual([GROUP_CHAT_ID]);
    expect(await repos.rosters.rostersOf(T, old.userId)).toEqual([]);
  });
});
