/**
 * Roles assigned by the tenant admin (issue #11), over real HTTP to the app and real Teams-shaped
 * activities to its bot: people found by name among those PMO Relay met in Teams, a role that
 * works at once in the API and the bot and stops at once when removed, the last tenant admin
 * kept, and every change recorded, newest first.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunningApp } from '../../bot/composition/start-app';
import { apiClient, startTestApp } from '../support/app';
import { cardText } from '../support/adaptive-card';
import { type ConnectorServer, startConnectorServer } from '../support/connector-server';
import { workItem } from '../support/directory-records';
import { type Where, type Who, message, mriOf } from '../bot/teams-activities';

const T = '6b6b6b6b-0000-4000-8000-000000000001';
const ADMIN: Who = { aadObjectId: '6b000000-0000-4000-8000-000000000001', name: 'Ada Admin' };
const TALIA: Who = { aadObjectId: '6b000000-0000-4000-8000-000000000002', name: 'Talia Talker' };
const ROSA: Who = { aadObjectId: '6b000000-0000-4000-8000-000000000003', name: 'Rosa Roster' };
const TOM: Who = { aadObjectId: '6b000000-0000-4000-8000-000000000004', name: 'Tom Typist' };
const id = (w: Who) => w.aadObjectId as string;

let app: RunningApp;
let connector: ConnectorServer;
let call: ReturnType<typeof apiClient>;
let domainId: string;
let n = 0;

const token = async (who: Who) => {
  const res = await call('POST', '/api/dev/token', { body: { tenantId: T, userId: id(who) } });
  return res.body.token as string;
};
const channel = (): Where => {
  n += 1;
  return { serviceUrl: connector.url, tenantId: T, kind: 'channel', conversationId: `19:roles${n}@thread.tacv2`, team: { id: `19:rolesteam${n}@thread.tacv2`, name: `Team ${n}` } };
};

/** What the bot answers `who` saying `text` in `where`. */
async function say(where: Where, who: Who, text: string): Promise<string> {
  const before = connector.requests.length;
  const activity = message(where, who, text);
  const res = await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(activity) });
  expect(res.status).toBe(200);
  const reply = connector.requests.slice(before).find((r) => r.method === 'POST' && r.activityId === activity.id);
  return cardText(reply?.body?.attachments?.[0]?.content);
}

const setRoles = async (as: Who, who: Who, roles: unknown[]) => call('PUT', `/api/people/${id(who)}`, { token: await token(as), body: { displayName: who.name, roles } });

beforeAll(async () => {
  connector = await startConnectorServer();
  app = await startTestApp({ BOOTSTRAP_ADMINS: `${T}:${id(ADMIN)}` });
  call = apiClient(app.url);
  // The bootstrapped admin gives themself a name people recognise.
  expect((await setRoles(ADMIN, ADMIN, [{ role: 'tenant_admin' }])).status).toBe(200);
  const created = await call('POST', '/api/domains', { token: await token(ADMIN), body: { name: 'IT' } });
  domainId = created.body.id;
  await app.repos.workItems.createMany([workItem(T, 'wi-roles', domainId, { title: 'Service desk' })]);
  // Someone who signs in to the tab but holds no role yet.
  await app.repos.users.upsert({ tenantId: T, userId: id(TALIA), displayName: TALIA.name, roles: [] });
});
afterAll(async () => {
  await app?.stop();
  await connector?.close();
});

describe('finding people by name', () => {
  it('finds who talked to the bot, who is on a linked team\'s roster and who has roles, with their roles', async () => {
    await say({ serviceUrl: connector.url, tenantId: T, kind: 'personal', conversationId: 'a:tom' }, TOM, 'help');
    const where = channel();
    connector.setRoster(where.team?.id as string, [ADMIN, ROSA].map((w) => ({ id: mriOf(w), name: w.name, aadObjectId: id(w) })));
    expect(await say(where, ADMIN, 'link pmo IT')).toContain('now linked to the IT PMO');

    const admin = await token(ADMIN);
    const found = async (q: string) => (await call('GET', `/api/people/search?q=${encodeURIComponent(q)}`, { token: admin })).body;
    expect(await found('ros')).toEqual({ people: [{ userId: id(ROSA), displayName: 'Rosa Roster', source: 'teams', roles: [] }], directory: 'off' });
    expect((await found('tom t')).people).toEqual([{ userId: id(TOM), displayName: 'Tom Typist', source: 'teams', roles: [] }]);
    expect((await found('talia')).people).toEqual([{ userId: id(TALIA), displayName: 'Talia Talker', source: 'roles', roles: [] }]);
    expect((await found('ada')).people).toEqual([{ userId: id(ADMIN), displayName: 'Ada Admin', source: 'roles', roles: [{ role: { role: 'tenant_admin' }, label: 'Tenant admin' }] }]);
    expect((await found('nobody')).people).toEqual([]);

    expect((await call('GET', '/api/people/search?q=ros', { token: await token(TALIA) })).status).toBe(403);
    expect((await call('GET', '/api/people/search?q=%20', { token: admin })).status).toBe(400);
  });
});

describe('access follows the roles at once', () => {
  it('a PMO lead role works at once in the API and the bot, and stops at once when removed', async () => {
    const talia = await token(TALIA);
    const where = channel();
    const portfolio = () => call('GET', `/api/domains/${domainId}/portfolio`, { token: talia });
    expect((await portfolio()).status).toBe(403);
    expect(await say(where, TALIA, 'link')).toContain('Nothing you can link');

    const granted = await setRoles(ADMIN, TALIA, [{ role: 'pmo_lead', domainId }, { role: 'team_member', workItemId: 'wi-roles' }]);
    expect(granted.body.roleLabels).toEqual(['PMO lead · IT', 'Team member · Service desk']);
    expect((await portfolio()).status).toBe(200);
    const item = (await call('GET', '/api/work-items/wi-roles', { token: talia })).body;
    expect((await call('PATCH', '/api/work-items/wi-roles', { token: talia, body: { stage: 'Live' }, headers: { 'If-Match': item.etag } })).status).toBe(200);
    expect(await say(where, TALIA, 'link')).toContain('IT PMO');

    expect((await setRoles(ADMIN, TALIA, [])).body.roles).toEqual([]);
    expect((await portfolio()).status).toBe(403);
    expect(await say(where, TALIA, 'link')).toContain('Nothing you can link');
  });
});

describe('tenant admins', () => {
  it('refuses removing the last tenant admin, and allows it once there is another', async () => {
    const last = await setRoles(ADMIN, ADMIN, []);
    expect(last.status).toBe(409);
    expect(last.body.error.message).toBe('You are the last tenant admin. Make someone else a tenant admin first, then remove this role.');
    expect((await setRoles(ADMIN, ROSA, [{ role: 'tenant_admin' }])).status).toBe(200);
    expect((await setRoles(ADMIN, ADMIN, [{ role: 'epmo_member' }])).status).toBe(200);
    expect((await call('GET', '/api/people', { token: await token(ADMIN) })).status).toBe(403);
    const rosaLast = await setRoles(ROSA, ROSA, []);
    expect(rosaLast.status).toBe(409);
    expect((await call('GET', `/api/people/${id(ROSA)}`, { token: await token(ROSA) })).body.roles).toEqual([{ role: 'tenant_admin' }]);
  });

  it('shows every change to roles, newest first: who, what, to whom', async () => {
    const rosa = await token(ROSA);
    const res = await call('GET', '/api/people/role-changes', { token: rosa });
    expect(res.status).toBe(200);
    const lines = res.body.changes.map((c: { by: { displayName: string }; subject: { displayName: string }; granted: { label: string }[]; removed: { label: string }[] }) =>
      `${c.by.displayName} → ${c.subject.displayName}: +[${c.granted.map((g) => g.label).join(', ')}] -[${c.removed.map((r) => r.label).join(', ')}]`,
    );
    expect(lines).toEqual([
      'Ada Admin → Ada Admin: +[EPMO member] -[Tenant admin]',
      'Ada Admin → Rosa Roster: +[Tenant admin] -[]',
      'Ada Admin → Talia Talker: +[] -[PMO lead · IT, Team member · Service desk]',
      'Ada Admin → Talia Talker: +[PMO lead · IT, Team member · Service desk] -[]',
      'BOOTSTRAP_ADMINS (deployment settings) → Tenant admin: +[Tenant admin] -[]',
    ]);
    expect(res.body.changes[0].at).toEqual(expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/));
    expect((await call('GET', '/api/people/role-changes', { token: await token(TALIA) })).status).toBe(403);
    expect((await call('GET', '/api/people/role-changes?continuation=garbage', { token: rosa })).status).toBe(400);
  });

  it('keeps one of two tenant admins who remove each other at the same moment', async () => {
    const admins = async () => (await app.repos.users.list(T)).filter((u) => u.roles.some((r) => r.role === 'tenant_admin')).map((u) => u.displayName);
    // Rosa is the only admin; she and Tom take turns making the other one again, then each
    // removes the other at once, so both read two admins before either writes.
    let [keeper, other] = [ROSA, TOM];
    for (let round = 0; round < 4; round++) {
      expect((await setRoles(keeper, other, [{ role: 'tenant_admin' }])).status).toBe(200);
      await Promise.all([token(keeper), token(other)]);
      const [byKeeper, byOther] = await Promise.all([setRoles(keeper, other, []), setRoles(other, keeper, [])]);
      // One removal stands; the other is refused: the last admin (409), or no longer an admin (403).
      expect([byKeeper.status, byOther.status].filter((s) => s === 200)).toHaveLength(1);
      expect([byKeeper.status, byOther.status].every((s) => [200, 403, 409].includes(s))).toBe(true);
      const left = await admins();
      expect(left).toHaveLength(1);
      [keeper, other] = left[0] === ROSA.name ? [ROSA, TOM] : [TOM, ROSA];
    }
  });
});
