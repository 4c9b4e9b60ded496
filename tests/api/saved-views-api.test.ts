/**
 * Saved views over real HTTP (issue #9): each person keeps their own named portfolio views,
 * validated, at most 50, and nobody else — another person, another tenant — sees or deletes them.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunningApp } from '../../bot/composition/start-app';
import { apiClient, startTestApp } from '../support/app';

const TENANT = '56565656-3434-4565-8787-909090909090';
const OTHER_TENANT = '78787878-3434-4565-8787-909090909090';
const PRIYA = 'b0000000-0000-4000-8000-000000000001';
const OMAR = 'b0000000-0000-4000-8000-000000000002';
const MANY = 'b0000000-0000-4000-8000-000000000003';

let app: RunningApp;
let call: ReturnType<typeof apiClient>;
const token = async (tenantId: string, userId: string) => (await call('POST', '/api/dev/token', { body: { tenantId, userId } })).body.token as string;

beforeAll(async () => {
  app = await startTestApp();
  call = apiClient(app.url);
  for (const [tenantId, userId, displayName] of [
    [TENANT, PRIYA, 'Priya Patel'],
    [TENANT, OMAR, 'Omar Okafor'],
    [TENANT, MANY, 'Morgan Many'],
    // The same person (same Entra object id) in another tenant.
    [OTHER_TENANT, PRIYA, 'Priya Patel'],
  ] as const) {
    await app.repos.users.upsert({ tenantId, userId, displayName, roles: [{ role: 'epmo_member' }] });
  }
});
afterAll(async () => {
  await app?.stop();
});

const names = (body: { name: string }[]): string[] => body.map((v) => v.name);

describe('saved views', () => {
  it('saves, lists by name and deletes the caller\'s own views', async () => {
    const priya = await token(TENANT, PRIYA);
    expect((await call('GET', '/api/me/views', { token: priya })).body).toEqual([]);

    const red = await call('POST', '/api/me/views', { token: priya, body: { name: 'Red in IT', query: '?overall=red&domain=dom-it' } });
    expect(red.status).toBe(201);
    expect(red.body).toEqual({ id: expect.any(String), name: 'Red in IT', query: 'overall=red&domain=dom-it', createdAt: expect.any(String) });
    expect((await call('POST', '/api/me/views', { token: priya, body: { name: '  all stale  ', query: 'stale=1' } })).status).toBe(201);

    const listed = await call('GET', '/api/me/views', { token: priya });
    expect(names(listed.body)).toEqual(['all stale', 'Red in IT']);

    expect((await call('DELETE', `/api/me/views/${red.body.id}`, { token: priya })).status).toBe(204);
    expect(names((await call('GET', '/api/me/views', { token: priya })).body)).toEqual(['all stale']);
    expect((await call('DELETE', `/api/me/views/${red.body.id}`, { token: priya })).status).toBe(404);
  });

  it('keeps views private to the person and the tenant', async () => {
    const priya = await token(TENANT, PRIYA);
    const omar = await token(TENANT, OMAR);
    const priyaElsewhere = await token(OTHER_TENANT, PRIYA);
    const mine = await call('POST', '/api/me/views', { token: priya, body: { name: 'Only mine', query: 'group=objective' } });

    expect(names((await call('GET', '/api/me/views', { token: omar })).body)).not.toContain('Only mine');
    expect((await call('GET', '/api/me/views', { token: priyaElsewhere })).body).toEqual([]);
    // Another person cannot delete it by id, in this tenant or another.
    expect((await call('DELETE', `/api/me/views/${mine.body.id}`, { token: omar })).status).toBe(404);
    expect((await call('DELETE', `/api/me/views/${mine.body.id}`, { token: priyaElsewhere })).status).toBe(404);
    expect(names((await call('GET', '/api/me/views', { token: priya })).body)).toContain('Only mine');
    expect((await call('GET', '/api/me/views')).status).toBe(401);
  });

  it('refuses a missing or long name, a long query and unknown fields with a clear 400', async () => {
    const omar = await token(TENANT, OMAR);
    const refused = async (body: unknown) => {
      const res = await call('POST', '/api/me/views', { token: omar, body });
      expect(res.status).toBe(400);
      return res.body.error.details.map((d: { at: string; message: string }) => `${d.at}: ${d.message}`);
    };
    expect(await refused({ name: '   ', query: '' })).toEqual(['name: required']);
    expect(await refused({ name: 'x'.repeat(81), query: '' })).toEqual(['name: at most 80 characters']);
    expect(await refused({ name: 'Long', query: 'q='.padEnd(2001, 'x') })).toEqual(['query: at most 2000 characters']);
    expect(await refused({ name: 'Extra', query: '', owner: PRIYA })).toEqual(['(body): unknown field(s): owner']);
    // Exactly at the limits is fine.
    expect((await call('POST', '/api/me/views', { token: omar, body: { name: 'n'.repeat(80), query: 'q'.repeat(2000) } })).status).toBe(201);
  });

  it('refuses a second view under the same name, whatever its case, with a clear 409', async () => {
    const omar = await token(TENANT, OMAR);
    expect((await call('POST', '/api/me/views', { token: omar, body: { name: 'Red items', query: 'health=red' } })).status).toBe(201);
    const again = await call('POST', '/api/me/views', { token: omar, body: { name: '  RED ITEMS ', query: 'health=amber' } });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('You already have a view named "RED ITEMS". Choose another name, or delete that view first.');
    expect(names((await call('GET', '/api/me/views', { token: omar })).body).filter((n) => n.toLowerCase() === 'red items')).toEqual(['Red items']);
    // Someone else may use the same name for their own view.
    const priya = await token(TENANT, PRIYA);
    expect((await call('POST', '/api/me/views', { token: priya, body: { name: 'Red items', query: 'health=red' } })).status).toBe(201);
  });

  it('keeps at most 50 views per person and says what to do about the 51st', async () => {
    const many = await token(TENANT, MANY);
    const saves = await Promise.all(Array.from({ length: 50 }, (_, i) => call('POST', '/api/me/views', { token: many, body: { name: `View ${i}`, query: `page=${i}` } })));
    expect(saves.filter((s) => s.status === 201).length + saves.filter((s) => s.status === 400).length).toBe(50);
    // Fill up to the limit (concurrent saves may have been refused), then one more.
    let count = (await call('GET', '/api/me/views', { token: many })).body.length as number;
    while (count < 50) {
      expect((await call('POST', '/api/me/views', { token: many, body: { name: `Top-up ${count}`, query: '' } })).status).toBe(201);
      count += 1;
    }
    const over = await call('POST', '/api/me/views', { token: many, body: { name: 'One too many', query: '' } });
    expect(over.status).toBe(400);
    expect(over.body.error.message).toMatch(/already have 50 saved views.*Delete one/);
    expect((await call('GET', '/api/me/views', { token: many })).body).toHaveLength(50);
    // Two racing saves at the limit leave it at the limit.
    const first = (await call('GET', '/api/me/views', { token: many })).body[0];
    expect((await call('DELETE', `/api/me/views/${first.id}`, { token: many })).status).toBe(204);
    const race = await Promise.all([1, 2].map((n) => call('POST', '/api/me/views', { token: many, body: { name: `Race ${n}`, query: '' } })));
    expect(race.filter((r) => r.status === 201)).toHaveLength(1);
    expect((await call('GET', '/api/me/views', { token: many })).body).toHaveLength(50);
  });
});
