/**
 * The tenant admin's domains and objectives over real HTTP (issue #11): domains created and
 * changed with their version, names unique, cadence checked; objectives retired rather than
 * deleted once work is aligned to them. Refusals come before any check of what was sent.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunningApp } from '../../bot/composition/start-app';
import { apiClient, startTestApp } from '../support/app';
import { workItem } from '../support/directory-records';

const T = '5a5a5a5a-0000-4000-8000-000000000001';
const ADMIN = '5a000000-0000-4000-8000-000000000001';
const LEAD = '5a000000-0000-4000-8000-000000000002';
const EPMO = '5a000000-0000-4000-8000-000000000003';
const NOBODY = '5a000000-0000-4000-8000-000000000004';
const MEMBER = '5a000000-0000-4000-8000-000000000005';

let app: RunningApp;
let call: ReturnType<typeof apiClient>;
const token = async (userId: string) => (await call('POST', '/api/dev/token', { body: { tenantId: T, userId } })).body.token as string;

const cadence = { enabled: true, weekday: 'tuesday', time: '10:30', timeZone: 'Europe/London', answerWithinHours: 48, remindHoursBefore: 24 };

beforeAll(async () => {
  app = await startTestApp({ BOOTSTRAP_ADMINS: `${T}:${ADMIN}` });
  call = apiClient(app.url);
  await app.repos.users.upsert({ tenantId: T, userId: EPMO, displayName: 'Eve Epmo', roles: [{ role: 'strategy_owner' }] });
  await app.repos.users.upsert({ tenantId: T, userId: NOBODY, displayName: 'Nob Body', roles: [] });
  await app.repos.users.upsert({ tenantId: T, userId: MEMBER, displayName: 'Mo Member', roles: [{ role: 'epmo_member' }] });
});
afterAll(async () => {
  await app?.stop();
});

describe('domains', () => {
  it('creates a domain with its cadence and changes it with its version, keeping names unique', async () => {
    const admin = await token(ADMIN);
    const created = await call('POST', '/api/domains', { token: admin, body: { name: 'Finance', description: 'Money', freshnessDays: 30, checkInCadence: cadence } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Finance', freshnessDays: 30, checkInCadence: cadence, etag: expect.any(String) });
    const listed = (await call('GET', '/api/domains', { token: admin })).body;
    expect(listed).toEqual([expect.objectContaining({ id: created.body.id, etag: created.body.etag })]);

    const clash = await call('POST', '/api/domains', { token: admin, body: { name: ' finance ' } });
    expect(clash.status).toBe(409);
    expect(clash.body.error.message).toMatch(/A domain named "Finance" already exists/);

    const path = `/api/domains/${created.body.id}`;
    expect((await call('PATCH', path, { token: admin, body: { name: 'Finance & Tax' } })).status).toBe(400); // no If-Match
    const changed = await call('PATCH', path, { token: admin, body: { name: 'Finance & Tax', freshnessDays: 7 }, headers: { 'If-Match': created.body.etag } });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: 'Finance & Tax', freshnessDays: 7, description: 'Money' });
    const stale = await call('PATCH', path, { token: admin, body: { name: 'Old' }, headers: { 'If-Match': created.body.etag } });
    expect(stale.status).toBe(412);
    expect((await call('GET', '/api/domains', { token: admin })).body[0].name).toBe('Finance & Tax');
  });

  it('says what is wrong with a freshness window or a cadence, field by field', async () => {
    const admin = await token(ADMIN);
    const bad = await call('POST', '/api/domains', {
      token: admin,
      body: { name: 'Ops', freshnessDays: 400, checkInCadence: { ...cadence, time: '25:00', timeZone: 'Mars/Olympus', remindHoursBefore: 60 } },
    });
    expect(bad.status).toBe(400);
    const at = Object.fromEntries(bad.body.error.details.map((d: { at: string; message: string }) => [d.at, d.message]));
    expect(at).toMatchObject({
      freshnessDays: 'at most 365 days',
      'checkInCadence.time': expect.stringMatching(/HH:MM/),
      'checkInCadence.timeZone': expect.stringMatching(/time zone/),
    });
    const reminder = await call('POST', '/api/domains', { token: admin, body: { name: 'Ops', checkInCadence: { ...cadence, remindHoursBefore: 48 } } });
    expect(reminder.body.error.details).toEqual([expect.objectContaining({ at: 'checkInCadence.remindHoursBefore', message: expect.stringMatching(/less than the hours to answer/) })]);
    expect((await call('POST', '/api/domains', { token: admin, body: { name: 'Ops', checkInCadence: { ...cadence, timeZone: 'UTC' } } })).status).toBe(201);
  });

  it('refuses others before reading what they sent; a PMO lead may set only their domain\'s cadence', async () => {
    const admin = await token(ADMIN);
    const hr = (await call('POST', '/api/domains', { token: admin, body: { name: 'HR' } })).body;
    await call('PUT', `/api/people/${LEAD}`, { token: admin, body: { displayName: 'Lee Lead', roles: [{ role: 'pmo_lead', domainId: hr.id }] } });
    const nobody = await token(NOBODY);
    // Nonsense from someone with no right is refused as not allowed, not as invalid.
    expect((await call('POST', '/api/domains', { token: nobody, body: { name: 42 } })).status).toBe(403);
    expect((await call('PATCH', `/api/domains/${hr.id}`, { token: nobody, body: { name: 42 }, headers: { 'If-Match': hr.etag } })).status).toBe(403);

    const lead = await token(LEAD);
    const rename = await call('PATCH', `/api/domains/${hr.id}`, { token: lead, body: { name: 'People' }, headers: { 'If-Match': hr.etag } });
    expect(rename.status).toBe(403);
    expect(rename.body.error.message).toMatch(/Only a tenant admin can change a domain's name/);
    const set = await call('PATCH', `/api/domains/${hr.id}`, { token: lead, body: { checkInCadence: cadence }, headers: { 'If-Match': hr.etag } });
    expect(set.status).toBe(200);
    expect(set.body.checkInCadence).toEqual(cadence);
    const finance = (await call('GET', '/api/domains', { token: admin })).body.find((d: { name: string }) => d.name !== 'HR');
    expect((await call('PATCH', `/api/domains/${finance.id}`, { token: lead, body: { checkInCadence: cadence }, headers: { 'If-Match': finance.etag } })).status).toBe(403);
  });
});

describe('objectives', () => {
  it('creates an objective as active, retires it and brings it back', async () => {
    const admin = await token(ADMIN);
    const created = await call('POST', '/api/objectives', { token: admin, body: { code: 'OBJ-1', title: 'Grow', ownerId: EPMO, ownerName: 'Eve Epmo', priority: 1 } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: 'OBJ-1', status: 'active' });
    const retired = await call('PATCH', `/api/objectives/${created.body.id}`, { token: admin, body: { status: 'retired' }, headers: { 'If-Match': created.body.etag } });
    expect(retired.body.status).toBe('retired');
    expect((await call('GET', '/api/objectives', { token: await token(EPMO) })).body).toEqual([expect.objectContaining({ code: 'OBJ-1', status: 'retired' })]);
    const back = await call('PATCH', `/api/objectives/${created.body.id}`, { token: admin, body: { status: 'active' }, headers: { 'If-Match': retired.body.etag } });
    expect(back.body.status).toBe('active');
    expect((await call('PATCH', `/api/objectives/${created.body.id}`, { token: admin, body: { status: 'archived' }, headers: { 'If-Match': back.body.etag } })).status).toBe(400);
  });

  it('takes only a strategy owner as an objective\'s owner, on create and on change', async () => {
    const admin = await token(ADMIN);
    const body = { code: 'OBJ-OWN', title: 'Owned', ownerId: MEMBER, ownerName: 'Mo Member', priority: 1 };
    const refused = await call('POST', '/api/objectives', { token: admin, body });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toBe('Mo Member is not a strategy owner. Choose a strategy owner, or give them the Strategy owner role under Admin → People and roles first.');
    expect(refused.body.error.details).toEqual([{ at: 'ownerId', message: 'Choose a strategy owner.' }]);
    expect((await call('POST', '/api/objectives', { token: admin, body: { ...body, ownerId: 'someone-unknown' } })).body.error.message).toMatch(/^That person is not a strategy owner here\./);

    const created = await call('POST', '/api/objectives', { token: admin, body: { ...body, ownerId: EPMO, ownerName: 'Eve Epmo' } });
    expect(created.status).toBe(201);
    const path = `/api/objectives/${created.body.id}`;
    expect((await call('PATCH', path, { token: admin, body: { ownerId: MEMBER, ownerName: 'Mo Member' }, headers: { 'If-Match': created.body.etag } })).status).toBe(400);
    expect((await call('DELETE', path, { token: admin, headers: { 'If-Match': created.body.etag } })).status).toBe(204);
  });

  it('deletes an objective nothing is aligned to, and refuses once work is aligned: retire it instead', async () => {
    const admin = await token(ADMIN);
    const unused = (await call('POST', '/api/objectives', { token: admin, body: { code: 'OBJ-2', title: 'Unused', ownerId: EPMO, ownerName: 'Eve Epmo', priority: 2 } })).body;
    const used = (await call('POST', '/api/objectives', { token: admin, body: { code: 'OBJ-3', title: 'Used', ownerId: EPMO, ownerName: 'Eve Epmo', priority: 3 } })).body;
    const domainId = (await call('GET', '/api/domains', { token: admin })).body[0].id as string;
    await app.repos.workItems.createMany([workItem(T, 'wi-aligned', domainId, { objectives: [{ objectiveId: used.id, weight: 100 }] })]);

    expect((await call('DELETE', `/api/objectives/${unused.id}`, { token: await token(NOBODY), headers: { 'If-Match': unused.etag } })).status).toBe(403);
    expect((await call('DELETE', `/api/objectives/${unused.id}`, { token: admin, headers: { 'If-Match': unused.etag } })).status).toBe(204);
    const refused = await call('DELETE', `/api/objectives/${used.id}`, { token: admin, headers: { 'If-Match': used.etag } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/Work items are aligned to OBJ-3.*retire it instead/);
    // The list says how many items each is aligned to, so the admin knows before trying.
    const listed = (await call('GET', '/api/objectives', { token: admin })).body.map((o: { code: string; alignedItems: number }) => [o.code, o.alignedItems]);
    expect(listed).toEqual([['OBJ-1', 0], ['OBJ-3', 1]]);
    // Retired, it stays on the item, which can still be edited, but no other item can take it up.
    await call('PATCH', `/api/objectives/${used.id}`, { token: admin, body: { status: 'retired' }, headers: { 'If-Match': used.etag } });
    const aligned = (await call('GET', '/api/work-items/wi-aligned', { token: admin })).body;
    expect(aligned.objectives).toEqual([{ objectiveId: used.id, weight: 100 }]);
    expect((await call('PATCH', '/api/work-items/wi-aligned', { token: admin, body: { stage: 'Live' }, headers: { 'If-Match': aligned.etag } })).status).toBe(200);
    const item = { domainId, title: 'New work', structure: 'project', mode: 'agile', stage: 'Idea', owner: { displayName: 'Ann' }, startDate: '2026-01-01', endDate: '2026-12-31' };
    const taken = await call('POST', '/api/work-items', { token: admin, body: { ...item, objectives: [{ objectiveId: used.id, weight: 50 }] } });
    expect(taken.status).toBe(400);
    expect(taken.body.error.details).toEqual([{ at: 'objectives[0]', message: 'OBJ-3 is retired and takes no new work: choose an active objective.' }]);
  });
});
