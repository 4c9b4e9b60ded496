/**
 * The tab's JSON API over real HTTP, on a real Azurite, seeded with the demo tenant plus a
 * second tenant: authentication, the role matrix, validation and tenant isolation.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunningApp } from '../../bot/composition/start-app';
import { DEMO_TENANT, DEMO_USERS } from '../../bot/demo/demo-identities';
import { apiClient, startTestApp } from '../support/app';

const T = DEMO_TENANT.tenantId;
const user = (name: string) => {
  const u = DEMO_USERS.find((d) => d.displayName === name);
  if (!u) throw new Error(`no demo user ${name}`);
  return u;
};
const OTHER_TENANT = '0b0b0b0b-1111-4222-8333-444444444444';
const OTHER_ADMIN = 'b0000000-0000-4000-8000-000000000001';

let app: RunningApp;
let call: ReturnType<typeof apiClient>;
const tokens = new Map<string, string>();

async function tokenFor(tenantId: string, userId: string): Promise<string> {
  const key = `${tenantId}/${userId}`;
  const cached = tokens.get(key);
  if (cached) return cached;
  const res = await call('POST', '/api/dev/token', { body: { tenantId, userId } });
  expect(res.status).toBe(200);
  tokens.set(key, res.body.token);
  return res.body.token as string;
}
const as = (name: string) => tokenFor(T, user(name).userId);

beforeAll(async () => {
  app = await startTestApp({ SEED_DEMO: 'true' });
  call = apiClient(app.url);
  // A second tenant with its own domain, item and admin.
  const now = new Date().toISOString();
  await app.repos.tenants.upsert({ tenantId: OTHER_TENANT, displayName: 'Fabrikam', createdAt: now });
  await app.repos.users.upsert({ tenantId: OTHER_TENANT, userId: OTHER_ADMIN, displayName: 'Fay Fabrikam', roles: [{ role: 'tenant_admin' }, { role: 'epmo_member' }, { role: 'pmo_lead', domainId: 'dom-it' }] });
  await app.repos.domains.createMany([{ tenantId: OTHER_TENANT, id: 'dom-it', name: 'Fabrikam IT', description: '', freshnessDays: 14, createdAt: now }]);
});
afterAll(async () => {
  await app?.stop();
});

describe('health', () => {
  it('reports storage as reachable', async () => {
    const res = await call('GET', '/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', storage: 'ok' });
  });
});

describe('authentication (401)', () => {
  it('refuses a request without a token, with a reason', async () => {
    const res = await call('GET', '/api/domains');
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/no bearer token/);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
  });
  it('refuses a malformed or forged token', async () => {
    expect((await call('GET', '/api/domains', { token: 'not-a-jwt' })).status).toBe(401);
    const real = await as('Priya Patel');
    const [h, p] = real.split('.');
    const forged = `${h}.${p}.${'A'.repeat(43)}`;
    const res = await call('GET', '/api/domains', { token: forged });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/signature/);
  });
  it('issues development tokens only for people who exist', async () => {
    const res = await call('POST', '/api/dev/token', { body: { tenantId: T, userId: 'a0000000-0000-4000-8000-0000000000ff' } });
    expect(res.status).toBe(404);
    expect((await call('POST', '/api/dev/token', { body: { tenantId: T } })).status).toBe(400);
  });
  it('lists the demo identities for the development sign-in', async () => {
    const res = await call('GET', '/api/dev/users');
    expect(res.status).toBe(200);
    const names = (res.body as { displayName: string }[]).map((u) => u.displayName);
    expect(names).toEqual(expect.arrayContaining(DEMO_USERS.map((u) => u.displayName)));
  });
});

describe('who sees what', () => {
  it('shows the EPMO every domain and a PMO lead only their own', async () => {
    const epmo = await call('GET', '/api/domains', { token: await as('Erin Epmo') });
    expect(epmo.body.map((d: { id: string }) => d.id).sort()).toEqual(['dom-fin', 'dom-hr', 'dom-it', 'dom-ops']);
    const lead = await call('GET', '/api/domains', { token: await as('Hannah Hughes') });
    expect(lead.body.map((d: { id: string }) => d.id)).toEqual(['dom-hr']);
  });
  it('returns the portfolio with KPIs and derived health', async () => {
    const res = await call('GET', '/api/domains/dom-it/portfolio', { token: await as('Priya Patel') });
    expect(res.status).toBe(200);
    expect(res.body.domain.name).toBe('IT');
    expect(res.body.items.length).toBe(res.body.kpis.total);
    expect(res.body.items.length).toBeGreaterThanOrEqual(10);
    const zeroTrust = res.body.items.find((i: { title: string }) => i.title === 'Zero Trust Network Rollout');
    expect(zeroTrust).toMatchObject({ overall: 'red', stale: true, statusAgeDays: 16 });
    expect(res.body.canEdit).toBe(true);
  });
  it('forbids a PMO lead from another domain (403)', async () => {
    const res = await call('GET', '/api/domains/dom-it/portfolio', { token: await as('Hannah Hughes') });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('AUTH.FORBIDDEN');
    expect(JSON.stringify(res.body)).not.toMatch(/\bIT\b/);
  });
  it('lets a team member read, but not edit, their own domain', async () => {
    const res = await call('GET', '/api/domains/dom-it/portfolio', { token: await as('Tara Team') });
    expect(res.status).toBe(200);
    expect(res.body.canEdit).toBe(false);
    expect((await call('GET', '/api/domains/dom-hr/portfolio', { token: await as('Tara Team') })).status).toBe(403);
  });
});

describe('portfolio views', () => {
  it('carries the heatmap and activity of the whole domain with each page', async () => {
    const res = await call('GET', '/api/domains/dom-it/portfolio', { token: await as('Priya Patel') });
    expect(res.status).toBe(200);
    expect(res.body.continuation).toBeUndefined();
    const rows = res.body.heatmap as { objectiveId: string | null; byOverall: Record<string, number> }[];
    // Every item is counted once per objective it serves, or once in the unaligned row.
    const counted = rows.reduce((n, r) => n + Object.values(r.byOverall).reduce((a, b) => a + b, 0), 0);
    const expected = (res.body.items as { objectives: unknown[] }[]).reduce((n, i) => n + Math.max(1, i.objectives.length), 0);
    expect(counted).toBe(expected);
    // The demo's open signal on the portal item shows on its row and in the tiles.
    const portal = res.body.items.find((i: { id: string }) => i.id === 'wi-001');
    expect(portal.openSignals).toBeGreaterThanOrEqual(1);
    const byState = Object.values(res.body.kpis.openSignalsByState as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(byState).toBeGreaterThanOrEqual(portal.openSignals);
    // Each state the row names is one the tiles count.
    expect(portal.openSignalStates.length).toBeGreaterThanOrEqual(1);
    for (const state of portal.openSignalStates) expect(res.body.kpis.openSignalsByState[state]).toBeGreaterThanOrEqual(1);
    expect(typeof res.body.kpis.overdueResponses).toBe('number');
  });
  it('checks who asks before the page token: 403 to an outsider, 400 to the lead for a forged token', async () => {
    const forged = encodeURIComponent('bm90LWEtdG9rZW4');
    expect((await call('GET', `/api/domains/dom-it/portfolio?continuation=${forged}`, { token: await as('Hannah Hughes') })).status).toBe(403);
    const bad = await call('GET', `/api/domains/dom-it/portfolio?continuation=${forged}`, { token: await as('Priya Patel') });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/continuation token/);
  });
  it('shows the EPMO and admins every domain side by side, and refuses others without data', async () => {
    for (const who of ['Erin Epmo', 'Sam Strategy', 'Avery Admin']) {
      const res = await call('GET', '/api/portfolio/rollup', { token: await as(who) });
      expect(res.status).toBe(200);
      expect(res.body.domains.map((d: { domain: { id: string } }) => d.domain.id).sort()).toEqual(['dom-fin', 'dom-hr', 'dom-it', 'dom-ops']);
    }
    const epmo = await call('GET', '/api/portfolio/rollup', { token: await as('Erin Epmo') });
    const it = epmo.body.domains.find((d: { domain: { id: string } }) => d.domain.id === 'dom-it');
    const page = await call('GET', '/api/domains/dom-it/portfolio', { token: await as('Erin Epmo') });
    expect(it.kpis.total).toBe(page.body.kpis.total);
    expect(it.kpis.byOverall).toEqual(page.body.kpis.byOverall);
    expect(it.cascade.recipients).toBeGreaterThanOrEqual(it.cascade.responded);
    for (const who of ['Priya Patel', 'Tara Team']) {
      const res = await call('GET', '/api/portfolio/rollup', { token: await as(who) });
      expect(res.status).toBe(403);
      expect(JSON.stringify(res.body)).not.toMatch(/Finance|dom-fin|byOverall/);
    }
  });
  it('opens an item panel with its history oldest first, its signals and the changes its team got', async () => {
    const token = await as('Priya Patel');
    const before = await call('GET', '/api/work-items/wi-002', { token });
    const edited = await call('PATCH', '/api/work-items/wi-002', { token, body: { health: { cost: 'red' }, statusNote: 'Supplier slipped' }, headers: { 'If-Match': before.body.etag } });
    expect(edited.status).toBe(200);
    const again = await call('PATCH', '/api/work-items/wi-002', { token, body: { health: { cost: 'amber' } }, headers: { 'If-Match': edited.body.etag } });
    expect(again.status).toBe(200);
    const panel = await call('GET', '/api/work-items/wi-002/panel', { token });
    expect(panel.status).toBe(200);
    const history = panel.body.history as { at: string; health: { cost: string }; note?: string; by: { displayName: string }; source: string }[];
    expect(history.map((h) => h.at)).toEqual([...history.map((h) => h.at)].sort());
    expect(history.slice(-2).map((h) => [h.health.cost, h.source, h.by.displayName])).toEqual([
      ['red', 'tab', 'Priya Patel'],
      ['amber', 'tab', 'Priya Patel'],
    ]);
    expect(history.at(-2)?.note).toBe('Supplier slipped');

    const portal = await call('GET', '/api/work-items/wi-001/panel', { token: await as('Tara Team') });
    expect(portal.status).toBe(200);
    expect(portal.body.signals.map((x: { id: string }) => x.id)).toContain('sig-demo-1');
    expect(portal.body.changes.length).toBeGreaterThanOrEqual(1);
    const open = (portal.body.signals as { state: string }[]).filter((x) => x.state !== 'closed');
    expect(portal.body.item.openSignals).toBe(open.length);
    expect([...portal.body.item.openSignalStates].sort()).toEqual([...new Set(open.map((x) => x.state))].sort());
    // The single item and the list say the same.
    const single = await call('GET', '/api/work-items/wi-001', { token: await as('Tara Team') });
    expect(single.body.openSignals).toBe(portal.body.item.openSignals);
    expect(single.body.unansweredChanges).toBe(portal.body.item.unansweredChanges);
    expect(single.body.openSignalStates).toEqual(portal.body.item.openSignalStates);
    const list = await call('GET', '/api/work-items?domainId=dom-it', { token: await as('Priya Patel') });
    expect(list.body.find((i: { id: string }) => i.id === 'wi-001').openSignals).toBe(portal.body.item.openSignals);
  });
  it('lists on a panel only the signals and changes the caller may see where they live', async () => {
    // Tara is on the portal's team, not the observability team: she may open the item, not its team's signal or answer.
    const tara = await as('Tara Team');
    const hidden = await call('GET', '/api/signals/sig-demo-2', { token: tara });
    expect(hidden.status).toBe(403);
    const taraChanges = await call('GET', '/api/changes', { token: tara });
    const taraPanel = await call('GET', '/api/work-items/wi-013/panel', { token: tara });
    expect(taraPanel.status).toBe(200);
    expect(taraPanel.body.signals.map((x: { id: string }) => x.id)).not.toContain('sig-demo-2');
    expect(JSON.stringify([taraPanel.body.signals, taraPanel.body.changes])).not.toMatch(/Reuse the observability stack|Diego/);
    const taraChangeIds = new Set((taraChanges.body.items as { change: { id: string } }[]).map((c) => c.change.id));
    for (const c of taraPanel.body.changes as { changeId: string }[]) expect(taraChangeIds.has(c.changeId)).toBe(true);

    // The domain's lead and the EPMO see all of it, and the counts are the same for everyone.
    for (const who of ['Priya Patel', 'Erin Epmo', 'Diego Delivery']) {
      const panel = await call('GET', '/api/work-items/wi-013/panel', { token: await as(who) });
      expect(panel.status).toBe(200);
      expect(panel.body.signals.map((x: { id: string }) => x.id)).toContain('sig-demo-2');
      expect(panel.body.item.openSignals).toBe(taraPanel.body.item.openSignals);
      if (who !== 'Diego Delivery') expect(panel.body.changes.length).toBeGreaterThan(taraPanel.body.changes.length);
    }
    const lead = await call('GET', '/api/work-items/wi-013/panel', { token: await as('Priya Patel') });
    expect(JSON.stringify(lead.body.changes)).toMatch(/Diego/);
  });
  it('answers an item of a domain the caller cannot see exactly as a missing one', async () => {
    const token = await as('Hannah Hughes');
    const hidden = await call('GET', '/api/work-items/wi-001/panel', { token });
    const missing = await call('GET', '/api/work-items/wi-nope/panel', { token });
    expect(hidden.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(hidden.body.error.message.replace('wi-001', 'X')).toBe(missing.body.error.message.replace('wi-nope', 'X'));
  });
});

const newItem = {
  domainId: 'dom-it',
  title: 'Passkeys for customers',
  structure: 'project',
  mode: 'agile',
  stage: 'Discovery',
  owner: { displayName: 'Chen Wei' },
  startDate: '2027-01-04',
  endDate: '2027-06-30',
  objectives: [{ objectiveId: 'obj-3', weight: 70 }, { objectiveId: 'obj-1', weight: 30 }],
  health: { schedule: 'green' },
};

describe('editing the portfolio', () => {
  it('creates, reads and updates a work item with optimistic concurrency', async () => {
    const token = await as('Priya Patel');
    const created = await call('POST', '/api/work-items', { token, body: newItem });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ title: 'Passkeys for customers', overall: 'unknown', stale: false });
    const id = created.body.id as string;

    const updated = await call('PATCH', `/api/work-items/${id}`, { token, body: { health: { cost: 'amber', scope: 'green', benefit: 'green' } }, headers: { 'If-Match': created.body.etag } });
    expect(updated.status).toBe(200);
    expect(updated.body.overall).toBe('amber');

    // The first etag is now stale: the second writer is told, and nothing is overwritten.
    const stale = await call('PATCH', `/api/work-items/${id}`, { token, body: { title: 'Overwrite' }, headers: { 'If-Match': created.body.etag } });
    expect(stale.status).toBe(412);
    expect(stale.body.error.message).toMatch(/changed this work item/);
    const read = await call('GET', `/api/work-items/${id}`, { token });
    expect(read.body.title).toBe('Passkeys for customers');

    const missingEtag = await call('PATCH', `/api/work-items/${id}`, { token, body: { title: 'x' } });
    expect(missingEtag.status).toBe(400);
    expect(missingEtag.body.error.message).toMatch(/If-Match/);
  });

  it('keeps a stale item stale when only its stage moves: that is not a status report', async () => {
    const token = await as('Priya Patel');
    const page = await call('GET', '/api/domains/dom-it/portfolio', { token });
    const stale = (page.body.items as { id: string; stale: boolean; statusReportedAt?: string; etag: string; stage: string }[]).find((i) => i.stale && i.statusReportedAt);
    if (!stale) throw new Error('the demo has a stale item in IT');
    const moved = await call('PATCH', `/api/work-items/${stale.id}`, { token, body: { stage: `${stale.stage} (next)` }, headers: { 'If-Match': stale.etag } });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ stage: `${stale.stage} (next)`, stale: true, statusReportedAt: stale.statusReportedAt });
    // Sending the stored health again reports nothing either; a new rating does.
    const same = await call('PATCH', `/api/work-items/${stale.id}`, { token, body: { health: moved.body.health }, headers: { 'If-Match': moved.body.etag } });
    expect(same.body).toMatchObject({ stale: true, statusReportedAt: stale.statusReportedAt });
    const cost = moved.body.health.cost === 'red' ? 'amber' : 'red';
    const reported = await call('PATCH', `/api/work-items/${stale.id}`, { token, body: { health: { cost } }, headers: { 'If-Match': same.body.etag } });
    expect(reported.body.stale).toBe(false);
    expect(reported.body.statusAgeDays).toBe(0);
  });

  it('forbids a team member or another domain\'s lead from creating or changing items (403; 404 for an item they cannot see)', async () => {
    expect((await call('POST', '/api/work-items', { token: await as('Tara Team'), body: newItem })).status).toBe(403);
    expect((await call('POST', '/api/work-items', { token: await as('Hannah Hughes'), body: newItem })).status).toBe(403);
    const item = await call('GET', '/api/work-items/wi-001', { token: await as('Priya Patel') });
    // Another domain's lead cannot see the item: it answers like one that does not exist.
    const res = await call('PATCH', '/api/work-items/wi-001', { token: await as('Hannah Hughes'), body: { title: 'Hijack' }, headers: { 'If-Match': item.body.etag } });
    expect(res.status).toBe(404);
    // Its team sees it but may not change it.
    const team = await call('PATCH', '/api/work-items/wi-001', { token: await as('Tara Team'), body: { title: 'Hijack' }, headers: { 'If-Match': item.body.etag } });
    expect(team.status).toBe(403);
    expect((await call('GET', '/api/work-items/wi-001', { token: await as('Priya Patel') })).body.title).toBe('Customer Portal Replatform');
  });

  it('rejects a bad body with every reason and writes nothing (400)', async () => {
    const token = await as('Priya Patel');
    const before = (await call('GET', '/api/work-items?domainId=dom-it', { token })).body.length;
    const res = await call('POST', '/api/work-items', { token, body: { ...newItem, title: '', structure: 'moonshot', colour: 'blue', endDate: '2027-02-30' } });
    expect(res.status).toBe(400);
    const at = res.body.error.details.map((d: { at: string }) => d.at);
    expect(at).toEqual(expect.arrayContaining(['title', 'structure', 'endDate', '(body)']));
    const rules = await call('POST', '/api/work-items', { token, body: { ...newItem, endDate: '2026-01-01' } });
    expect(rules.status).toBe(400);
    expect(rules.body.error.details[0].message).toMatch(/end date is before/);
    const malformed = await call('POST', '/api/work-items', { token, raw: '{"title": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toMatch(/not valid JSON/);
    expect((await call('GET', '/api/work-items?domainId=dom-it', { token })).body.length).toBe(before);
  });
});

describe('the people directory', () => {
  it('gives PMO leads and the EPMO the tenant\'s names to choose an owner from, and nobody else', async () => {
    for (const who of ['Priya Patel', 'Erin Epmo', 'Avery Admin']) {
      const res = await call('GET', '/api/directory', { token: await as(who) });
      expect(res.status).toBe(200);
      expect(res.body).toContainEqual({ userId: user('Diego Delivery').userId, displayName: 'Diego Delivery' });
      // Names and ids only: no roles or email for a lead.
      expect(JSON.stringify(res.body)).not.toMatch(/roles|email|Fay Fabrikam/);
    }
    const team = await call('GET', '/api/directory', { token: await as('Tara Team') });
    expect(team.status).toBe(403);
    expect(JSON.stringify(team.body)).not.toMatch(/Diego/);
  });
});

describe('CSV import', () => {
  const header = 'title,structure,mode,stage,owner,startDate,endDate,objectives,schedule,cost,scope,benefit,plannedBenefit,realisedBenefit,benefitUnit,parent';
  it('imports every row of a good file', async () => {
    const token = await as('Priya Patel');
    const csv = [
      header,
      'Edge Platform Programme,program,traditional,Planning,Lena Lund,2027-01-01,2028-12-31,OBJ-6:60;OBJ-2:40,green,green,amber,unknown,500,0,GBP k/yr,',
      'CDN Migration,project,agile,Alpha,Chen Wei,2027-02-01,2027-08-31,OBJ-9:100,green,amber,green,green,120,10,GBP k/yr,Edge Platform Programme',
      'Patch Tuesday Automation,capability,lightweight,In progress,Ravi Rao,2027-01-10,2027-03-31,OBJ-3:50,,,,,,,,Mainframe Exit',
    ].join('\n');
    const res = await call('POST', '/api/domains/dom-it/work-items/import', { token, raw: csv, contentType: 'text/csv' });
    expect(res.status).toBe(201);
    expect(res.body.created).toBe(3);
    const cdn = res.body.items.find((i: { title: string }) => i.title === 'CDN Migration');
    const edge = res.body.items.find((i: { title: string }) => i.title === 'Edge Platform Programme');
    expect(cdn.parentId).toBe(edge.id);
    expect(cdn.overall).toBe('amber');
  });

  it('reports every bad row by line and imports nothing (400)', async () => {
    const token = await as('Priya Patel');
    const before = (await call('GET', '/api/work-items?domainId=dom-it', { token })).body.length;
    const csv = [
      header,
      'Good Row,project,agile,Alpha,Chen Wei,2027-02-01,2027-08-31,OBJ-9:100,,,,,,,,',
      'Bad Structure,spaceship,agile,Alpha,Chen Wei,2027-02-01,2027-08-31,,,,,,,,,',
      'Bad Objective,project,agile,Alpha,Chen Wei,2027-02-01,2027-08-31,OBJ-99:50,,,,,,,,',
      'Bad Parent,project,agile,Alpha,Chen Wei,2027-02-01,2027-08-31,,,,,,,,,Mobile App 3.0',
    ].join('\n');
    const res = await call('POST', '/api/domains/dom-it/work-items/import', { token, raw: csv, contentType: 'text/csv' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('3 rows have problems; nothing was imported.');
    const where = res.body.error.details.map((d: { at: string; message: string }) => `${d.at}: ${d.message}`).join('\n');
    expect(where).toMatch(/row 3 structure/);
    expect(where).toMatch(/row 4 objectives: unknown objective code "OBJ-99"/);
    expect(where).toMatch(/row 5 parentId: Only a program can be a parent/);
    expect((await call('GET', '/api/work-items?domainId=dom-it', { token })).body.length).toBe(before);
  });

  it('names a wrong header and refuses non-CSV bodies', async () => {
    const token = await as('Priya Patel');
    const res = await call('POST', '/api/domains/dom-it/work-items/import', { token, raw: 'name,kind\nA,b', contentType: 'text/csv' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { message: string }) => d.message)).toEqual(expect.arrayContaining(['missing column "title"', expect.stringMatching(/unknown column "name"/)]));
    expect((await call('POST', '/api/domains/dom-it/work-items/import', { token, body: { rows: [] } })).status).toBe(400);
  });

  it('is forbidden to other domains\' leads (403)', async () => {
    const res = await call('POST', '/api/domains/dom-it/work-items/import', { token: await as('Felix Fischer'), raw: `${header}\n`, contentType: 'text/csv' });
    expect(res.status).toBe(403);
  });
});

describe('tenant isolation', () => {
  it('never shows one tenant\'s records to another, even with the same ids', async () => {
    const token = await tokenFor(OTHER_TENANT, OTHER_ADMIN);
    const domains = await call('GET', '/api/domains', { token });
    expect(domains.body).toEqual([expect.objectContaining({ id: 'dom-it', name: 'Fabrikam IT' })]);
    const portfolio = await call('GET', '/api/domains/dom-it/portfolio', { token });
    expect(portfolio.status).toBe(200);
    expect(portfolio.body.items).toEqual([]);
    expect((await call('GET', '/api/work-items/wi-001', { token })).status).toBe(404);
    expect((await call('GET', '/api/domains/dom-hr/portfolio', { token })).status).toBe(404);
    expect((await call('GET', '/api/objectives', { token })).body).toEqual([]);
  });
  it('ignores a tenant named in the body: records land in the caller\'s tenant', async () => {
    const token = await tokenFor(OTHER_TENANT, OTHER_ADMIN);
    const res = await call('POST', '/api/work-items', { token, body: { ...newItem, tenantId: T, objectives: [] } });
    expect(res.status).toBe(400); // tenantId is not a field people may send
    const ok = await call('POST', '/api/work-items', { token, body: { ...newItem, objectives: [] } });
    expect(ok.status).toBe(201);
    expect(ok.body.tenantId).toBe(OTHER_TENANT);
    expect((await call('GET', `/api/work-items/${ok.body.id}`, { token: await as('Erin Epmo') })).status).toBe(404);
  });
});
