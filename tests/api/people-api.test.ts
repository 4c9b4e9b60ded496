/**
 * Setting up a tenant: the first admin comes from BOOTSTRAP_ADMINS, then assigns everyone
 * else's roles through the API; roles take effect on the next request.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunningApp } from '../../bot/composition/start-app';
import { apiClient, startTestApp } from '../support/app';

const TENANT = '12121212-3434-4565-8787-909090909090';
const ADMIN = 'ad000000-0000-4000-8000-000000000001';
const NEWCOMER = 'ad000000-0000-4000-8000-000000000002';
const OTHER_TENANT = '34343434-3434-4565-8787-909090909090';

let app: RunningApp;
let call: ReturnType<typeof apiClient>;
const token = async (tenantId: string, userId: string) => (await call('POST', '/api/dev/token', { body: { tenantId, userId } })).body.token as string;

beforeAll(async () => {
  app = await startTestApp({ BOOTSTRAP_ADMINS: `${TENANT}:${ADMIN}` });
  call = apiClient(app.url);
  const now = new Date().toISOString();
  await app.repos.domains.createMany([{ tenantId: TENANT, id: 'dom-it', name: 'IT', description: '', freshnessDays: 14, createdAt: now }]);
  await app.repos.users.upsert({ tenantId: OTHER_TENANT, userId: NEWCOMER, displayName: 'Elsewhere', roles: [{ role: 'tenant_admin' }] });
});
afterAll(async () => {
  await app?.stop();
});

describe('people and roles', () => {
  it('lets the bootstrapped admin give a newcomer roles, which apply at once', async () => {
    const admin = await token(TENANT, ADMIN);
    expect((await call('GET', '/api/me', { token: admin })).body.roles).toEqual([{ role: 'tenant_admin' }]);

    const put = await call('PUT', `/api/people/${NEWCOMER}`, { token: admin, body: { displayName: 'Nia Newcomer', roles: [{ role: 'pmo_lead', domainId: 'dom-it' }, { role: 'pmo_lead', domainId: 'dom-it' }] } });
    expect(put.status).toBe(200);
    expect(put.body.roles).toEqual([{ role: 'pmo_lead', domainId: 'dom-it' }]);

    const newcomer = await token(TENANT, NEWCOMER);
    expect((await call('GET', '/api/domains', { token: newcomer })).body.map((d: { id: string }) => d.id)).toEqual(['dom-it']);
    const people = await call('GET', '/api/people', { token: admin });
    expect(people.body.map((u: { displayName: string }) => u.displayName)).toEqual(['Nia Newcomer', 'Tenant admin']);
  });

  it('refuses non-admins, unknown domains, bad ids and the last admin demoting themself, changing nothing', async () => {
    const admin = await token(TENANT, ADMIN);
    const newcomer = await token(TENANT, NEWCOMER);
    expect((await call('PUT', `/api/people/${ADMIN}`, { token: newcomer, body: { displayName: 'x', roles: [] } })).status).toBe(403);
    expect((await call('GET', '/api/people', { token: newcomer })).status).toBe(403);
    const unknown = await call('PUT', `/api/people/${NEWCOMER}`, { token: admin, body: { displayName: 'Nia', roles: [{ role: 'pmo_lead', domainId: 'dom-hr' }] } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0].message).toMatch(/Unknown domain "dom-hr"/);
    expect((await call('PUT', '/api/people/not-a-guid', { token: admin, body: { displayName: 'x', roles: [] } })).status).toBe(400);
    expect((await call('PUT', `/api/people/${NEWCOMER}`, { token: admin, body: { displayName: 'x', roles: [{ role: 'wizard' }] } })).status).toBe(400);
    const self = await call('PUT', `/api/people/${ADMIN}`, { token: admin, body: { displayName: 'Me', roles: [] } });
    expect(self.status).toBe(409);
    expect(self.body.error.message).toMatch(/You are the last tenant admin/);
    expect((await call('GET', `/api/people/${NEWCOMER}`, { token: admin })).body.roles).toEqual([{ role: 'pmo_lead', domainId: 'dom-it' }]);
  });

  it('keeps each tenant\'s people to itself', async () => {
    const otherAdmin = await token(OTHER_TENANT, NEWCOMER);
    const list = await call('GET', '/api/people', { token: otherAdmin });
    expect(list.body.map((u: { displayName: string }) => u.displayName)).toEqual(['Elsewhere']);
    expect((await call('GET', `/api/people/${ADMIN}`, { token: otherAdmin })).status).toBe(404);
  });
});
