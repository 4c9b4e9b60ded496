/**
 * Who is who, the way Teams knows them: each person's Teams user id (MRI) is recorded next to
 * their Entra object id from the activities the bot receives, and from the rosters of linked
 * teams and group chats, read from the connector stand-in's paged members API.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { RunningApp } from '../../bot/composition/start-app';
import type { User } from '../../bot/kernel/roles';
import { unknownHealth } from '../../bot/portfolio/domain/portfolio';
import { startTestApp } from '../support/app';
import { type ConnectorServer, type RosterEntry, startConnectorServer } from '../support/connector-server';
import { type Where, type Who, botAdded, installationUpdate, message, membersChanged, mriOf } from './teams-activities';

const T = '7f3c2a10-0000-4000-8000-0000000000d1';
const NOW = new Date().toISOString();
const aad = (n: number) => `d0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
/** MRIs as Teams makes them: opaque, nothing like the Entra id. */
const mri = (n: number) => `29:1Mri${n}xQz-${'k'.repeat(20)}`;
const person = (n: number, name: string): Who => ({ aadObjectId: aad(n), name, mri: mri(n) });

const lead = person(1, 'Ivo IT Lead');
const member = person(2, 'Mia Member');
const newcomer = person(3, 'Nia Newcomer');
const leaver = person(4, 'Leo Leaver');
const chatter = person(5, 'Cat Chatter');

const users: User[] = [
  { tenantId: T, userId: lead.aadObjectId as string, displayName: lead.name, roles: [{ role: 'pmo_lead', domainId: 'dom-it' }] },
  { tenantId: T, userId: member.aadObjectId as string, displayName: member.name, roles: [{ role: 'team_member', workItemId: 'wi-web' }] },
];

let app: RunningApp;
let connector: ConnectorServer;
let n = 0;

const entry = (who: Who): RosterEntry => ({ id: mriOf(who), name: who.name, aadObjectId: who.aadObjectId as string });
const channel = (): Where => {
  n += 1;
  return { serviceUrl: connector.url, tenantId: T, kind: 'channel', conversationId: `19:web${n}@thread.tacv2`, team: { id: `19:team${n}@thread.tacv2`, name: `Web ${n}` } };
};
const groupChat = (): Where => {
  n += 1;
  return { serviceUrl: connector.url, tenantId: T, kind: 'groupChat', conversationId: `19:chat${n}@thread.v2`, chatName: `Chat ${n}` };
};

async function post(activity: unknown): Promise<void> {
  const res = await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(activity) });
  expect(res.status).toBe(200);
  await res.text();
}

const recordedMri = async (who: Who) => (await app.repos.teamsUsers.get(T, who.aadObjectId as string))?.mri;
const roster = async (rosterId: string) => (await app.repos.rosters.members(T, rosterId)).map((m) => [m.userId, m.mri]).sort();
const rosterReads = (conversationId: string) => connector.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/pagedmembers') && r.conversationId === conversationId);

beforeAll(async () => {
  connector = await startConnectorServer();
  app = await startTestApp();
  await app.repos.domains.createMany([{ tenantId: T, id: 'dom-it', name: 'IT', description: '', freshnessDays: 14, createdAt: NOW }]);
  await app.repos.workItems.createMany([
    {
      tenantId: T, id: 'wi-web', domainId: 'dom-it', title: 'Website rebuild', structure: 'project', mode: 'agile', stage: 'Beta', owner: { displayName: 'Owner' },
      startDate: '2026-01-01', endDate: '2026-12-31', objectives: [], health: unknownHealth(), createdAt: NOW, updatedAt: NOW,
    },
  ]);
  for (const u of users) await app.repos.users.upsert(u);
});

afterAll(async () => {
  await app?.stop();
  await connector?.close();
});

beforeEach(() => connector.reset());

describe('Teams user ids from activities', () => {
  it('records the sender’s MRI (from.id) next to their Entra id, and writes again only when it changes', async () => {
    const where = channel();
    await post(message(where, member, 'help'));
    const first = await app.repos.teamsUsers.get(T, member.aadObjectId as string);
    expect(first).toMatchObject({ userId: member.aadObjectId, mri: mri(2), name: 'Mia Member' });

    await post(message(where, member, 'help'));
    expect((await app.repos.teamsUsers.get(T, member.aadObjectId as string))?.updatedAt).toBe(first?.updatedAt);

    // Teams ids can change (e.g. a tenant migration): the newest one wins.
    await post(message(where, { ...member, mri: '29:1Moved-elsewhere' }, 'help'));
    expect(await recordedMri(member)).toBe('29:1Moved-elsewhere');
    await post(message(where, member, 'help'));
    expect(await recordedMri(member)).toBe(mri(2));
  });
});

describe('who has used PMO Relay', () => {
  it('marks who talked to the bot, not who is only on a linked roster, and a later roster read keeps the mark', async () => {
    const talker = person(6, 'Tia Talker');
    const quiet = person(7, 'Quin Quiet');
    const where = channel();
    const teamId = where.team?.id as string;
    connector.setRoster(teamId, [lead, talker, quiet].map(entry));
    await post(message(where, lead, 'link team Website rebuild'));
    expect((await app.repos.teamsUsers.get(T, quiet.aadObjectId as string))?.talkedAt).toBeUndefined();
    expect((await app.repos.teamsUsers.get(T, lead.aadObjectId as string))?.talkedAt).toBeDefined();

    await post(message(where, talker, 'help'));
    const talked = (await app.repos.teamsUsers.get(T, talker.aadObjectId as string))?.talkedAt;
    expect(talked).toBeDefined();
    connector.setRoster(teamId, [lead, { ...talker, name: 'Tia T. Talker' }, quiet].map(entry));
    await post(membersChanged(where, lead, { removed: [leaver] }));
    expect(await app.repos.teamsUsers.get(T, talker.aadObjectId as string)).toMatchObject({ name: 'Tia T. Talker', talkedAt: talked });
    expect((await app.repos.teamsUsers.get(T, quiet.aadObjectId as string))?.talkedAt).toBeUndefined();
  });
});

describe('rosters of linked teams and group chats', () => {
  it('reads a team’s roster, page by page, when one of its channels is linked, with everyone’s MRI', async () => {
    const where = channel();
    const teamId = where.team?.id as string;
    connector.setRoster(teamId, [lead, member, newcomer, leaver].map(entry), 3);
    await post(message(where, lead, 'link team Website rebuild'));

    expect(await roster(teamId)).toEqual([lead, member, newcomer, leaver].map((w) => [w.aadObjectId, w.mri]).sort());
    // Four members in pages of three: two reads, the second with the first's continuation token.
    const reads = rosterReads(teamId);
    expect(reads).toHaveLength(2);
    expect(await recordedMri(newcomer)).toBe(mri(3));
    expect(await recordedMri(leaver)).toBe(mri(4));
  });

  it('reads it again when members join or leave, and forgets who left', async () => {
    const where = channel();
    const teamId = where.team?.id as string;
    connector.setRoster(teamId, [lead, member, leaver].map(entry));
    await post(message(where, lead, 'link team Website rebuild'));
    expect((await roster(teamId)).map(([id]) => id)).toContain(leaver.aadObjectId);

    connector.setRoster(teamId, [lead, member].map(entry));
    await post(membersChanged(where, lead, { removed: [leaver] }));
    expect(await roster(teamId)).toEqual([lead, member].map((w) => [w.aadObjectId, w.mri]).sort());

    connector.setRoster(teamId, [lead, member, newcomer].map(entry));
    await post(membersChanged(where, lead, { added: [newcomer] }));
    expect(await roster(teamId)).toEqual([lead, member, newcomer].map((w) => [w.aadObjectId, w.mri]).sort());
    expect(await recordedMri(newcomer)).toBe(mri(3));
  });

  it('reads a linked group chat’s roster by the chat’s id', async () => {
    const where = groupChat();
    connector.setRoster(where.conversationId, [member, chatter].map(entry));
    await post(message(where, member, 'link team Website rebuild'));
    expect(await roster(where.conversationId)).toEqual([member, chatter].map((w) => [w.aadObjectId, w.mri]).sort());
    expect(await recordedMri(chatter)).toBe(mri(5));
  });

  it('forgets the roster of a team or chat PMO Relay was removed from', async () => {
    const team = channel();
    const chat = groupChat();
    connector.setRoster(team.team?.id as string, [lead, member].map(entry));
    connector.setRoster(chat.conversationId, [member, chatter].map(entry));
    await post(message(team, lead, 'link team Website rebuild'));
    await post(message(chat, member, 'link team Website rebuild'));
    expect(await roster(team.team?.id as string)).toHaveLength(2);
    expect(await roster(chat.conversationId)).toHaveLength(2);

    await post(installationUpdate(team, lead, 'remove'));
    await post(installationUpdate(chat, member, 'remove'));
    expect(await roster(team.team?.id as string)).toEqual([]);
    expect(await roster(chat.conversationId)).toEqual([]);
  });

  it('does not read the roster of a team or chat that is not linked', async () => {
    const team = channel();
    const chat = groupChat();
    connector.setRoster(team.team?.id as string, [lead, chatter].map(entry));
    connector.setRoster(chat.conversationId, [lead, chatter].map(entry));
    await post(botAdded(team, lead));
    await post(membersChanged(team, lead, { added: [chatter] }));
    await post(membersChanged(chat, lead, { added: [chatter] }));
    expect(connector.requests.filter((r) => r.path.endsWith('/pagedmembers'))).toEqual([]);
    expect(await roster(team.team?.id as string)).toEqual([]);
  });

  it('still answers when Teams cannot give the roster', async () => {
    const where = channel();
    connector.respond({ method: 'GET', path: /pagedmembers$/, response: { status: 403, body: { error: { code: 'Forbidden', message: 'The bot is not part of the conversation roster.' } } } });
    const before = connector.requests.length;
    await post(message(where, lead, 'link team Website rebuild'));
    const replies = connector.requests.slice(before).filter((r) => r.method === 'POST' && r.path.includes('/activities'));
    expect(replies).toHaveLength(1);
    expect(JSON.stringify(replies[0]?.body)).toContain('now linked to the team of Website rebuild');
  });
});
