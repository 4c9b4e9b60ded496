/**
 * Issue #12's cross-domain and input holes, over real HTTP on a real Azurite with the demo tenant:
 * a parent from another domain, ids outside the caller's sight, `If-Match: *`, upper-case Entra
 * ids, control and bidi characters in text, the headers every answer carries, and the
 * development sign-in's rate limit.
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

let app: RunningApp;
let call: ReturnType<typeof apiClient>;
const tokens = new Map<string, string>();
async function as(name: string): Promise<string> {
  const cached = tokens.get(name);
  if (cached) return cached;
  const res = await call('POST', '/api/dev/token', { body: { tenantId: T, userId: user(name).userId } });
  expect(res.status).toBe(200);
  tokens.set(name, res.body.token);
  return res.body.token as string;
}

beforeAll(async () => {
  app = await startTestApp({ SEED_DEMO: 'true' });
  call = apiClient(app.url);
});
afterAll(async () => {
  await app?.stop();
});

const newItem = {
  domainId: 'dom-it',
  title: 'Passkeys for staff',
  structure: 'project',
  mode: 'agile',
  stage: 'Discovery',
  owner: { displayName: 'Chen Wei' },
  startDate: '2027-01-04',
  endDate: '2027-06-30',
  objectives: [{ objectiveId: 'obj-3', weight: 70 }],
};
const itemCount = async (domainId: string) => (await call('GET', `/api/work-items?domainId=${domainId}`, { token: await as('Erin Epmo') })).body.length as number;

describe("another domain's items", () => {
  it("cannot be a parent, and are answered like ids that do not exist (the Finance programme stays the Finance lead's)", async () => {
    const token = await as('Priya Patel');
    const before = await itemCount('dom-it');
    // wi-025 is the Finance domain's programme.
    const finance = await call('POST', '/api/work-items', { token, body: { ...newItem, parentId: 'wi-025' } });
    const nowhere = await call('POST', '/api/work-items', { token, body: { ...newItem, parentId: 'wi-999' } });
    expect(finance.status).toBe(400);
    expect(nowhere.status).toBe(400);
    const words = (res: typeof finance, id: string) => JSON.stringify(res.body.error).replaceAll(id, '<id>');
    expect(words(finance, 'wi-025')).toBe(words(nowhere, 'wi-999'));
    expect(JSON.stringify(finance.body)).not.toMatch(/S\/4HANA|Finance/);
    expect(await itemCount('dom-it')).toBe(before);

    // Nor can an existing item be moved under it.
    const item = await call('GET', '/api/work-items/wi-001', { token });
    const moved = await call('PATCH', '/api/work-items/wi-001', { token, body: { parentId: 'wi-025' }, headers: { 'If-Match': item.body.etag } });
    expect(moved.status).toBe(400);
    expect(words(moved, 'wi-025')).toBe(words(nowhere, 'wi-999'));
  });

  it("are not named by a CSV import, whether given as a parent or shared as a title", async () => {
    const token = await as('Priya Patel');
    const header = 'title,structure,mode,stage,owner,startDate,endDate,objectives,schedule,cost,scope,benefit,plannedBenefit,realisedBenefit,benefitUnit,parent';
    const csv = [
      header,
      'Ledger Bridge,project,agile,Alpha,Chen Wei,2027-02-01,2027-08-31,OBJ-3:100,,,,,,,,wi-025',
      'Ledger Bridge 2,project,agile,Alpha,Chen Wei,2027-02-01,2027-08-31,OBJ-3:100,,,,,,,,S/4HANA Finance Transformation',
    ].join('\n');
    const before = await itemCount('dom-it');
    const res = await call('POST', '/api/domains/dom-it/work-items/import', { token, raw: csv, contentType: 'text/csv' });
    expect(res.status).toBe(400);
    const messages = res.body.error.details.map((d: { at: string; message: string }) => `${d.at}: ${d.message}`);
    expect(messages).toEqual([
      'row 2 parent: no program called "wi-025" exists or comes earlier in the file',
      'row 3 parent: no program called "S/4HANA Finance Transformation" exists or comes earlier in the file',
    ]);
    expect(await itemCount('dom-it')).toBe(before);
  });
});

describe('the parent chain, read by id', () => {
  it('keeps programs a tree: no program becomes its own ancestor or stops being one while it parents items', async () => {
    const token = await as('Priya Patel');
    const create = async (title: string, parentId?: string) => {
      const res = await call('POST', '/api/work-items', { token, body: { ...newItem, title, structure: 'program', ...(parentId ? { parentId } : {}) } });
      expect(res.status).toBe(201);
      return res.body as { id: string; etag: string };
    };
    // top ← middle ← bottom, three levels of one domain.
    const top = await create('Identity programme');
    const middle = await create('Workforce identity', top.id);
    const bottom = await create('Joiner-mover-leaver', middle.id);
    const patch = (body: object) => call('PATCH', `/api/work-items/${top.id}`, { token, body, headers: { 'If-Match': top.etag } });

    for (const parentId of [middle.id, bottom.id]) {
      const cycle = await patch({ parentId });
      expect(cycle.status).toBe(400);
      expect(cycle.body.error.details[0].message).toMatch(/cannot be its own ancestor/);
    }
    const unmade = await patch({ structure: 'project' });
    expect(unmade.status).toBe(400);
    expect(unmade.body.error.details[0].message).toMatch(/still parents other items/);
    // Nothing changed; the bottom of the chain may still stop being a program, and the top may rename.
    expect((await call('GET', `/api/work-items/${top.id}`, { token })).body).toMatchObject({ structure: 'program', etag: top.etag });
    expect((await call('PATCH', `/api/work-items/${bottom.id}`, { token, body: { structure: 'project' }, headers: { 'If-Match': bottom.etag } })).status).toBe(200);
    expect((await patch({ title: 'Identity and access programme' })).status).toBe(200);
  });
});

describe('a program with items under it', () => {
  it('stays in its domain until they are out of it, so no item names a parent in another domain', async () => {
    // Someone who leads both IT and HR may move items between them.
    const userId = 'a0000000-0000-4000-8000-0000000000b1';
    await app.repos.users.upsert({ tenantId: T, userId, displayName: 'Bea Both', roles: [{ role: 'pmo_lead', domainId: 'dom-it' }, { role: 'pmo_lead', domainId: 'dom-hr' }] });
    const res = await call('POST', '/api/dev/token', { body: { tenantId: T, userId } });
    const token = res.body.token as string;
    const made = async (body: object) => {
      const r = await call('POST', '/api/work-items', { token, body: { ...newItem, ...body } });
      expect(r.status).toBe(201);
      return r.body as { id: string; etag: string };
    };
    const program = await made({ title: 'Hybrid work programme', structure: 'program' });
    const child = await made({ title: 'Desk booking', parentId: program.id });
    const move = (id: string, etag: string, body: object) => call('PATCH', `/api/work-items/${id}`, { token, body, headers: { 'If-Match': etag } });

    const refused = await move(program.id, program.etag, { domainId: 'dom-hr' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([{ at: 'domainId', message: expect.stringMatching(/still parents other items/) }]);
    expect((await call('GET', `/api/work-items/${program.id}`, { token })).body).toMatchObject({ domainId: 'dom-it', etag: program.etag });

    // The way the message gives: out of the program, move it, move the child after it and put it back.
    const detached = await move(child.id, child.etag, { parentId: null });
    expect(detached.status).toBe(200);
    expect((await move(program.id, program.etag, { domainId: 'dom-hr' })).status).toBe(200);
    const followed = await move(child.id, detached.body.etag, { domainId: 'dom-hr', parentId: program.id });
    expect(followed.status).toBe(200);
    expect(followed.body).toMatchObject({ domainId: 'dom-hr', parentId: program.id });
  });
});

describe('ids outside the caller\'s sight', () => {
  it('get the same answer as ids that do not exist, for a PMO lead asking about another domain', async () => {
    const token = await as('Priya Patel');
    const same = async (method: string, hidden: string, missing: string, hiddenId: string, missingId: string, body?: unknown) => {
      const [a, b] = [
        await call(method, hidden, { token, ...(body ? { body: typeof body === 'function' ? body(hiddenId) : body } : {}), headers: { 'If-Match': '"v"' } }),
        await call(method, missing, { token, ...(body ? { body: typeof body === 'function' ? body(missingId) : body } : {}), headers: { 'If-Match': '"v"' } }),
      ];
      expect([hidden, a.status, JSON.stringify(a.body).replaceAll(hiddenId, '<id>')]).toEqual([hidden, b.status, JSON.stringify(b.body).replaceAll(missingId, '<id>')]);
      expect(JSON.stringify(a.body)).not.toMatch(/Finance|Felix|S\/4HANA/);
    };
    await same('GET', '/api/work-items/wi-025', '/api/work-items/wi-999', 'wi-025', 'wi-999');
    await same('PATCH', '/api/work-items/wi-025', '/api/work-items/wi-999', 'wi-025', 'wi-999', { stage: 'Mine now' });
    await same('GET', '/api/work-items/wi-025/panel', '/api/work-items/wi-999/panel', 'wi-025', 'wi-999');
    await same('POST', '/api/work-items', '/api/work-items', 'dom-fin', 'dom-zzz', (d: string) => ({ ...newItem, domainId: d }));
    await same('GET', '/api/domains/dom-fin/portfolio', '/api/domains/dom-zzz/portfolio', 'dom-fin', 'dom-zzz');
    await same('GET', '/api/work-items?domainId=dom-fin', '/api/work-items?domainId=dom-zzz', 'dom-fin', 'dom-zzz');
    await same('GET', '/api/domains/dom-fin/check-ins', '/api/domains/dom-zzz/check-ins', 'dom-fin', 'dom-zzz');
    const csv = 'title,structure,mode,stage,owner,startDate,endDate\nX,project,agile,Alpha,Chen Wei,2027-02-01,2027-08-31';
    const [fin, zzz] = [
      await call('POST', '/api/domains/dom-fin/work-items/import', { token, raw: csv, contentType: 'text/csv' }),
      await call('POST', '/api/domains/dom-zzz/work-items/import', { token, raw: csv, contentType: 'text/csv' }),
    ];
    expect([fin.status, JSON.stringify(fin.body).replaceAll('dom-fin', '<id>')]).toEqual([zzz.status, JSON.stringify(zzz.body).replaceAll('dom-zzz', '<id>')]);
    expect(JSON.stringify(fin.body)).not.toMatch(/Finance/);
  });
});

describe('the caller\'s right before their input', () => {
  it('someone who may never draft changes or edit items is refused (403) before their body is checked', async () => {
    const tara = await as('Tara Team');
    const bad = { title: '', kind: 'rumour', extra: 1 };
    for (const [method, path] of [
      ['POST', '/api/changes'],
      ['POST', '/api/changes/dry-run'],
      ['PATCH', '/api/changes/chg-x'],
      ['POST', '/api/changes/chg-x/withdraw'],
      ['POST', '/api/work-items'],
    ] as const) {
      const res = await call(method, path, { token: tara, body: bad, headers: { 'If-Match': '"v"' } });
      expect([path, res.status, res.body.error.details]).toEqual([path, 403, undefined]);
    }
  });
});

describe('If-Match: * is refused wherever a version is required', () => {
  it('on work items and strategy changes (edit, publish, supersede, withdraw), and nothing changes', async () => {
    const lead = await as('Priya Patel');
    const star = { 'If-Match': '*' };
    const item = await call('PATCH', '/api/work-items/wi-001', { token: lead, body: { stage: 'Overwritten' }, headers: star });
    expect(item.status).toBe(400);
    expect(item.body.error.message).toMatch(/If-Match: \* is not accepted.*etag/);

    const epmo = await as('Erin Epmo');
    const draft = await call('POST', '/api/changes', {
      token: epmo,
      body: { title: 'Freeze hiring', summary: 'Pause new roles.', kind: 'threat', objectiveIds: ['obj-1'], domainIds: [], requiredResponse: 'acknowledge', respondBy: '2099-01-01' },
    });
    expect(draft.status).toBe(201);
    const id = draft.body.change.id as string;
    for (const [method, path, body] of [
      ['PATCH', `/api/changes/${id}`, { title: 'Blind overwrite' }],
      ['POST', `/api/changes/${id}/publish`, undefined],
      ['POST', `/api/changes/${id}/supersede`, { title: 'Blind v2' }],
      ['POST', `/api/changes/${id}/withdraw`, { reason: 'Blind withdrawal' }],
    ] as const) {
      const res = await call(method, path, { token: epmo, ...(body ? { body } : {}), headers: star });
      expect([path, res.status]).toEqual([path, 400]);
      expect(res.body.error.message).toMatch(/If-Match: \* is not accepted/);
    }
    const after = await call('GET', `/api/changes/${id}`, { token: epmo });
    expect(after.body.change).toMatchObject({ title: 'Freeze hiring', state: 'draft', version: 1 });
    expect((await call('GET', '/api/work-items/wi-001', { token: lead })).body.stage).not.toBe('Overwritten');
  });
});

describe('Entra ids', () => {
  it('in upper case name the same person as in lower case: no second person is made', async () => {
    const admin = await as('Avery Admin');
    const tara = user('Tara Team');
    const res = await call('PUT', `/api/people/${tara.userId.toUpperCase()}`, { token: admin, body: { displayName: 'Tara Team', roles: [...tara.roles, { role: 'strategy_owner' }] } });
    expect(res.status).toBe(200);
    expect(res.body.userId).toBe(tara.userId);
    const people = await call('GET', '/api/people', { token: admin });
    const taras = (people.body as { userId: string; displayName: string }[]).filter((p) => p.userId.toLowerCase() === tara.userId);
    expect(taras).toHaveLength(1);
    expect((await call('GET', `/api/people/${tara.userId}`, { token: admin })).body.roles).toContainEqual({ role: 'strategy_owner' });
  });
});

describe('control characters and bidirectional overrides', () => {
  it('are refused in titles and names, with the field and what to do; nothing is stored', async () => {
    const token = await as('Priya Patel');
    const before = await itemCount('dom-it');
    for (const title of ['Invoice \u202Egnp.exe', 'Bell\u0007', 'Isolate \u2066x\u2069', 'C1 \u0085 next line']) {
      const res = await call('POST', '/api/work-items', { token, body: { ...newItem, title } });
      expect([title, res.status]).toEqual([title, 400]);
      expect(res.body.error.details).toContainEqual({ at: 'title', message: expect.stringMatching(/control or text-direction characters/) });
    }
    const owner = await call('POST', '/api/work-items', { token, body: { ...newItem, owner: { displayName: 'Eve\u202E' } } });
    expect(owner.status).toBe(400);
    expect(await itemCount('dom-it')).toBe(before);
    const admin = await as('Avery Admin');
    const domain = await call('POST', '/api/domains', { token: admin, body: { name: 'Legal\u202E', description: '', freshnessDays: 14 } });
    expect(domain.status).toBe(400);
  });

  it('still accept line breaks and tabs where text has several lines', async () => {
    const epmo = await as('Erin Epmo');
    const draft = await call('POST', '/api/changes', {
      token: epmo,
      body: { title: 'Two lines', summary: 'First line.\n\n\t- second', kind: 'threat', objectiveIds: ['obj-1'], domainIds: [], requiredResponse: 'acknowledge', respondBy: '2099-01-01' },
    });
    expect(draft.status).toBe(201);
    const title = await call('POST', '/api/changes', {
      token: epmo,
      body: { title: 'Two\nlines', summary: 'x', kind: 'threat', objectiveIds: ['obj-1'], domainIds: [], requiredResponse: 'acknowledge', respondBy: '2099-01-01' },
    });
    expect(title.status).toBe(400);
  });
});

describe('headers', () => {
  it('API answers are not cached and not sniffed; versioned portfolio views revalidate instead', async () => {
    const token = await as('Erin Epmo');
    for (const path of ['/api/domains', '/api/me', '/api/work-items/wi-001', '/api/nowhere']) {
      const res = await call('GET', path, { token });
      expect([path, res.headers.get('cache-control'), res.headers.get('x-content-type-options')]).toEqual([path, 'no-store', 'nosniff']);
    }
    const unauthenticated = await call('GET', '/api/domains');
    expect([unauthenticated.headers.get('cache-control'), unauthenticated.headers.get('x-content-type-options')]).toEqual(['no-store', 'nosniff']);
    for (const path of ['/api/domains/dom-it/portfolio', '/api/portfolio/rollup']) {
      const res = await call('GET', path, { token });
      expect([path, res.status, res.headers.get('cache-control'), res.headers.get('x-content-type-options')]).toEqual([path, 200, 'private, no-cache', 'nosniff']);
    }
    const health = await call('GET', '/healthz');
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');
    expect(health.headers.get('cache-control')).toBe('no-store');
  });
});

// Last: it spends the development sign-in's allowance for this client.
describe('the development sign-in', () => {
  it('limits how fast one client can ask for tokens (429 with Retry-After)', async () => {
    const body = { tenantId: T, userId: user('Tara Team').userId };
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 300; i++) {
      const res = await call('POST', '/api/dev/token', { body });
      statuses.push(res.status);
      if (res.status === 429) {
        retryAfter = res.headers.get('retry-after');
        expect(res.body.error.message).toMatch(/Too many sign-in requests/);
        break;
      }
    }
    expect(statuses).toContain(200);
    expect(statuses.at(-1)).toBe(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // Calls with a token are not limited by it.
    expect((await call('GET', '/api/me', { token: await as('Erin Epmo') })).status).toBe(200);
  });
});
