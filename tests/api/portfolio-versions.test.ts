/**
 * A domain's portfolio page is a versioned view: the tab (or a browser's cache) that sends the
 * version it holds gets 304 and no body while nothing on the page changed, and the new page as
 * soon as anything did — an item edit, the caller's rights, the tenant. Real HTTP, real Azurite,
 * the demo seed plus a second tenant that reuses a domain id.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunningApp } from '../../bot/composition/start-app';
import { DEMO_TENANT, DEMO_USERS } from '../../bot/demo/demo-identities';
import { apiClient, startTestApp } from '../support/app';

const T = DEMO_TENANT.tenantId;
const OTHER_TENANT = '0c0c0c0c-1111-4222-8333-444444444444';
const OTHER_LEAD = 'c0000000-0000-4000-8000-000000000001';
const PATH = '/api/domains/dom-it/portfolio';

let app: RunningApp;
let call: ReturnType<typeof apiClient>;

const userId = (name: string): string => {
  const u = DEMO_USERS.find((d) => d.displayName === name);
  if (!u) throw new Error(`no demo user ${name}`);
  return u.userId;
};
async function token(tenantId: string, id: string): Promise<string> {
  const res = await call('POST', '/api/dev/token', { body: { tenantId, userId: id } });
  return res.body.token as string;
}

beforeAll(async () => {
  app = await startTestApp({ SEED_DEMO: 'true' });
  call = apiClient(app.url);
  const now = new Date().toISOString();
  await app.repos.tenants.upsert({ tenantId: OTHER_TENANT, displayName: 'Contoso Two', createdAt: now });
  await app.repos.users.upsert({ tenantId: OTHER_TENANT, userId: OTHER_LEAD, displayName: 'Olga Other', roles: [{ role: 'pmo_lead', domainId: 'dom-it' }] });
  await app.repos.domains.createMany([{ tenantId: OTHER_TENANT, id: 'dom-it', name: 'Contoso Two IT', description: '', freshnessDays: 14, createdAt: now }]);
});
afterAll(async () => {
  await app?.stop();
});

describe('the portfolio page as a versioned view', () => {
  it('answers a caller who holds the current version with 304, and with the new page once an item changes', async () => {
    const lead = await token(T, userId('Priya Patel'));
    const first = await call('GET', PATH, { token: lead });
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag');
    // Weak: the compressed and plain bodies of one version are the same JSON, not the same bytes.
    expect(etag).toMatch(/^W\/"[\w-]+"$/);
    // The browser may keep it, but must ask again before each use; no shared cache may keep it.
    expect(first.headers.get('cache-control')).toBe('private, no-cache');

    const again = await call('GET', PATH, { token: lead, headers: { 'If-None-Match': etag as string } });
    expect(again.status).toBe(304);
    expect(again.body).toBeUndefined();
    // In a list, and in its strong form, it is the same version.
    expect((await call('GET', PATH, { token: lead, headers: { 'If-None-Match': `"other", ${(etag as string).slice(2)}` } })).status).toBe(304);

    const item = (first.body.items as { id: string; etag: string; title: string }[])[0];
    if (!item) throw new Error('the demo has IT items');
    const renamed = await call('PATCH', `/api/work-items/${item.id}`, { token: lead, body: { title: `${item.title} (renamed)` }, headers: { 'If-Match': item.etag } });
    expect(renamed.status).toBe(200);

    const after = await call('GET', PATH, { token: lead, headers: { 'If-None-Match': etag as string } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect((after.body.items as { id: string; title: string }[]).find((i) => i.id === item.id)?.title).toBe(`${item.title} (renamed)`);
  });

  it('gives callers with other rights, or in another tenant, their own version and body', async () => {
    const lead = await call('GET', PATH, { token: await token(T, userId('Priya Patel')) });
    const epmo = await call('GET', PATH, { token: await token(T, userId('Erin Epmo')) });
    expect(lead.body.canEdit).toBe(true);
    expect(epmo.body.canEdit).toBe(false);
    expect(epmo.headers.get('etag')).not.toBe(lead.headers.get('etag'));
    // The EPMO member's cached copy says "cannot edit": the lead's version must not reuse it.
    const leadAgain = await call('GET', PATH, { token: await token(T, userId('Priya Patel')), headers: { 'If-None-Match': epmo.headers.get('etag') as string } });
    expect(leadAgain.status).toBe(200);
    expect(leadAgain.body.canEdit).toBe(true);

    const other = await call('GET', PATH, { token: await token(OTHER_TENANT, OTHER_LEAD), headers: { 'If-None-Match': lead.headers.get('etag') as string } });
    expect(other.status).toBe(200);
    expect(other.body.domain.name).toBe('Contoso Two IT');
    expect(other.body.items).toEqual([]);
  });

  it('still refuses a caller who may not see the domain, whatever version they send', async () => {
    const lead = await call('GET', PATH, { token: await token(T, userId('Priya Patel')) });
    const outsider = await call('GET', '/api/domains/dom-hr/portfolio', { token: await token(T, userId('Tara Team')), headers: { 'If-None-Match': lead.headers.get('etag') as string } });
    expect(outsider.status).toBe(403);
    expect(outsider.body.error.message).not.toMatch(/HR/);
  });
});

describe('the EPMO roll-up as a versioned view', () => {
  it('is one version for everyone who may see it, answered with 304 until a domain changes', async () => {
    const epmo = await token(T, userId('Erin Epmo'));
    const first = await call('GET', '/api/portfolio/rollup', { token: epmo });
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag') as string;
    expect((await call('GET', '/api/portfolio/rollup', { token: epmo, headers: { 'If-None-Match': etag } })).status).toBe(304);
    const admin = await call('GET', '/api/portfolio/rollup', { token: await token(T, userId('Avery Admin')) });
    expect(admin.headers.get('etag')).toBe(etag);
    expect(admin.body).toEqual(first.body);

    const lead = await token(T, userId('Priya Patel'));
    const page = await call('GET', PATH, { token: lead });
    const item = (page.body.items as { id: string; etag: string; health: { cost: string } }[])[0];
    if (!item) throw new Error('the demo has IT items');
    const cost = item.health.cost === 'red' ? 'green' : 'red';
    expect((await call('PATCH', `/api/work-items/${item.id}`, { token: lead, body: { health: { cost } }, headers: { 'If-Match': item.etag } })).status).toBe(200);

    const after = await call('GET', '/api/portfolio/rollup', { token: epmo, headers: { 'If-None-Match': etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    const itFigures = (r: { domains: { domain: { id: string }; kpis: { byOverall: Record<string, number> } }[] }) => r.domains.find((d) => d.domain.id === 'dom-it')?.kpis.byOverall;
    expect(itFigures(after.body)).not.toEqual(itFigures(first.body));
  });
});
