/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies of HTTP answers, checked by the assertions */
/**
 * A change card refreshes for the people who respond for its conversation (PRODUCT.md §5): its
 * `refresh.userIds` are their Teams user ids (MRIs) — the team's members on a team card, the
 * domain's PMO leads on a PMO card — those on the conversation's roster first, at most 60, and
 * a responder's refresh shows their own response. Over real HTTP with the connector stand-in.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunningApp } from '../../bot/composition/start-app';
import type { ConversationLink } from '../../bot/conversations/domain/conversation';
import type { User } from '../../bot/kernel/roles';
import { apiClient, startTestApp } from '../support/app';
import { cardText, validateAdaptiveCard } from '../support/adaptive-card';
import { type ConnectorServer, startConnectorServer } from '../support/connector-server';
import { type Who, cardAction, execute, message } from '../bot/teams-activities';
import { FAST_DELIVERY_ENV, conversationRef, waitUntil } from '../delivery/support';

const T = '7f3c2a10-0000-4000-8000-0000000000e5';
const aad = (n: number) => `e5000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const mri = (n: number) => `29:1teams-${n}-Zq`;
const C = { epmo: '19:epmo-e5@thread.tacv2', pmoIt: '19:pmo-it-e5@thread.tacv2', teamA: '19:team-a-e5@thread.tacv2', teamB: '19:team-b-e5@thread.tacv2' };
const TEAM_A = 'team-A-e5';
const ENTRA_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const epmo: User = { tenantId: T, userId: aad(1), displayName: 'Erin EPMO', roles: [{ role: 'epmo_member' }] };
const lead: User = { tenantId: T, userId: aad(2), displayName: 'Ian IT Lead', roles: [{ role: 'pmo_lead', domainId: 'dom-it' }] };
/** 70 members of team A: more than Teams' 60. 100–109 are on the channel's roster, 110+ are not. */
const members: User[] = Array.from({ length: 70 }, (_, i) => ({ tenantId: T, userId: aad(100 + i), displayName: `Member ${i}`, roles: [{ role: 'team_member', workItemId: 'wi-a' }] }));
const ON_ROSTER = members.slice(0, 10);
/** On team B, which the change reaches too: may see team A's card, not answer for it. */
const bob: User = { tenantId: T, userId: aad(3), displayName: 'Bob B-team', roles: [{ role: 'team_member', workItemId: 'wi-b' }] };
const whoOf = (u: User, n: number): Who => ({ aadObjectId: u.userId, name: u.displayName, mri: mri(n) });

let app: RunningApp;
let connector: ConnectorServer;
let call: ReturnType<typeof apiClient>;

async function post(activity: unknown): Promise<any> {
  const res = await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(activity) });
  const text = await res.text();
  expect(res.status).toBe(200);
  return text ? JSON.parse(text) : undefined;
}
const where = (conversationId: string) => ({ serviceUrl: connector.url, tenantId: T, kind: 'channel' as const, conversationId, team: { id: conversationId === C.teamA ? TEAM_A : `team-${conversationId}` } });
const cardSentTo = (conversationId: string): any => connector.requests.find((r) => r.method === 'POST' && r.conversationId === conversationId && !r.activityId)?.body?.attachments?.[0]?.content;

beforeAll(async () => {
  connector = await startConnectorServer();
  app = await startTestApp({ ...FAST_DELIVERY_ENV });
  call = apiClient(app.url);
  const now = new Date().toISOString();
  await app.repos.tenants.upsert({ tenantId: T, displayName: 'Contoso', createdAt: now });
  for (const u of [epmo, lead, bob, ...members]) await app.repos.users.upsert(u);
  await app.repos.domains.createMany([{ tenantId: T, id: 'dom-it', name: 'IT', description: '', freshnessDays: 14, createdAt: now }]);
  await app.repos.objectives.createMany([{ tenantId: T, id: 'obj-1', code: 'OBJ-1', title: 'Grow', description: '', ownerId: epmo.userId, ownerName: 'Erin', priority: 1, createdAt: now }]);
  await app.repos.workItems.createMany(
    ['wi-a', 'wi-b'].map((id) => ({
      tenantId: T, id, domainId: 'dom-it', title: `Item ${id}`, structure: 'project' as const, mode: 'agile' as const, stage: 'Beta', owner: { displayName: 'Owner' },
      startDate: '2026-01-01', endDate: '2026-12-31', objectives: [{ objectiveId: 'obj-1', weight: 100 }],
      health: { schedule: 'green' as const, cost: 'green' as const, scope: 'green' as const, benefit: 'green' as const }, createdAt: now, updatedAt: now,
    })),
  );
  for (const id of Object.values(C)) await app.repos.conversations.save(conversationRef(connector.url, id, { tenantId: T, teamId: where(id).team.id }));
  const link = (conversationId: string, target: ConversationLink['target']): ConversationLink => ({ tenantId: T, conversationId, target, linkedBy: epmo.userId, linkedAt: now });
  for (const l of [link(C.epmo, { kind: 'epmo' }), link(C.pmoIt, { kind: 'pmo', domainId: 'dom-it' }), link(C.teamA, { kind: 'team', workItemId: 'wi-a' }), link(C.teamB, { kind: 'team', workItemId: 'wi-b' })]) await app.repos.links.put(l);

  // Who Teams has told the app about: the lead spoke in the PMO channel, team A's roster was read
  // (its first ten members), the rest of the team spoke to the bot somewhere, except the last five.
  await post(message(where(C.pmoIt), whoOf(lead, 2), 'help'));
  connector.setRoster(TEAM_A, ON_ROSTER.map((u, i) => ({ id: mri(100 + i), name: u.displayName, aadObjectId: u.userId })));
  await post(cardAction(where(C.teamA), whoOf(lead, 2), execute('link.submit', { target: 'team:wi-a' })));
  for (const [i, u] of members.entries()) if (i >= 10 && i < 65) await post(message(where(C.epmo), whoOf(u, 100 + i), 'help'));
  connector.reset();
}, 60_000);

afterAll(async () => {
  await app?.stop();
  await connector?.close();
});

describe('change cards refresh for their responders, by Teams user id', () => {
  let changeId = '';

  it('a team card lists the team’s responders — roster first, at most 60, MRIs only; a PMO card its PMO leads', async () => {
    const token = (await call('POST', '/api/dev/token', { body: { tenantId: T, userId: epmo.userId } })).body.token as string;
    const created = await call('POST', '/api/changes', { token, body: { title: 'Freeze hiring', summary: 'Pause new roles.', kind: 'policy', objectiveIds: ['obj-1'], domainIds: [], requiredResponse: 'acknowledge', respondBy: new Date(Date.now() + 7 * 86_400_000).toISOString() } });
    expect(created.status).toBe(201);
    changeId = created.body.change.id;
    expect((await call('POST', `/api/changes/${changeId}/publish`, { token, headers: { 'If-Match': created.body.etag } })).status).toBe(200);
    await waitUntil(() => Boolean(cardSentTo(C.teamA) && cardSentTo(C.pmoIt)), 15_000, 'the team and PMO cards');

    const team = cardSentTo(C.teamA);
    expect(validateAdaptiveCard(team)).toEqual([]);
    expect(team.refresh.action).toMatchObject({ type: 'Action.Execute', verb: 'change.show' });
    const ids: string[] = team.refresh.userIds;
    expect(ids).toHaveLength(60);
    expect(ids.slice(0, 10).sort()).toEqual(ON_ROSTER.map((_, i) => mri(100 + i)).sort());
    for (const id of ids) expect(id).not.toMatch(ENTRA_ID);
    // Members 65–69 never spoke and are not on the roster: no MRI, so never listed.
    for (let i = 65; i < 70; i++) expect(ids).not.toContain(mri(100 + i));
    expect(ids).not.toContain(aad(100));

    expect(cardSentTo(C.pmoIt).refresh.userIds).toEqual([mri(2)]);
  });

  it('a responder’s refresh shows their own response; a teammate’s shows the team’s', async () => {
    const tara = whoOf(members[0] as User, 100);
    const answered = await post(cardAction(where(C.teamA), tara, execute('change.ack', { changeId, version: 1 })));
    expect(cardText(answered.value)).toContain('Your response: Acknowledged');

    const refreshed = await post(cardAction(where(C.teamA), tara, { action: { type: 'Action.Execute', verb: 'change.show', data: { changeId, version: 1 } }, trigger: 'automatic' }));
    expect(validateAdaptiveCard(refreshed.value)).toEqual([]);
    expect(cardText(refreshed.value)).toContain('Your response: Acknowledged');

    const teammate = await post(cardAction(where(C.teamA), whoOf(members[1] as User, 101), { action: { type: 'Action.Execute', verb: 'change.show', data: { changeId, version: 1 } }, trigger: 'automatic' }));
    expect(cardText(teammate.value)).toContain('Member 0 responded for this team: Acknowledged');
  });

  it('the shared card offers “Show my view”; a personal view does not, and is read-only for someone who may not answer for this team', async () => {
    const shared = cardSentTo(C.teamA);
    expect(shared.actions.find((a: any) => a.title === 'Show my view')).toMatchObject({ type: 'Action.Execute', verb: 'change.show', data: { changeId, version: 1 } });

    const show = { action: { type: 'Action.Execute', verb: 'change.show', data: { changeId, version: 1 } }, trigger: 'manual' };
    const mine = await post(cardAction(where(C.teamA), whoOf(members[2] as User, 102), show));
    expect(mine.value.actions.map((a: any) => a.verb).filter(Boolean)).toEqual(['change.ack', 'change.assess']);

    const notTheirs = await post(cardAction(where(C.teamA), whoOf(bob, 3), show));
    expect(validateAdaptiveCard(notTheirs.value)).toEqual([]);
    expect(cardText(notTheirs.value)).toContain('read-only');
    const verbs = (notTheirs.value.actions ?? []).map((a: any) => a.verb).filter(Boolean);
    expect(verbs).toEqual([]);
    expect(JSON.stringify(notTheirs.value.body)).not.toContain('Input.ChoiceSet');
  });

  it('every card sent here that names people for its refresh names them by Teams user id, never more than 60', () => {
    const cards = connector.requests.flatMap((r) => (r.body?.attachments ?? []).map((a: any) => a.content)).filter((c: any) => c?.refresh?.userIds);
    expect(cards.length).toBeGreaterThan(1);
    for (const card of cards) {
      expect(card.refresh.userIds.length).toBeLessThanOrEqual(60);
      for (const userId of card.refresh.userIds) expect(userId).toMatch(/^29:/);
      for (const userId of card.refresh.userIds) expect(userId).not.toMatch(ENTRA_ID);
    }
  });
});
