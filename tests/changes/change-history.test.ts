/**
 * The history of a strategy change through the API: every transition made over HTTP shows in
 * `GET /api/changes/:id`, to whoever may see the change and to no one else. Runs the real app
 * on the seeded demo tenant (its people, portfolio and channels; sends go to the demo connector).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunningApp } from '../../bot/composition/start-app';
import { DEMO_TENANT, DEMO_USERS } from '../../bot/demo/demo-identities';
import type { ChangeDetailResponse } from '../../bot/api-contract/changes';
import { apiClient, startTestApp } from '../support/app';

let app: RunningApp;
let call: ReturnType<typeof apiClient>;
const tokens = new Map<string, string>();

async function tokenOf(name: string): Promise<string> {
  const cached = tokens.get(name);
  if (cached) return cached;
  const user = DEMO_USERS.find((u) => u.displayName === name);
  const res = await call('POST', '/api/dev/token', { body: { tenantId: DEMO_TENANT.tenantId, userId: user?.userId } });
  tokens.set(name, res.body.token as string);
  return res.body.token as string;
}

/** The caller's view of a change: its status and, when allowed, the detail. */
async function detailAs(name: string, id: string): Promise<{ status: number; body: ChangeDetailResponse }> {
  const res = await call('GET', `/api/changes/${id}`, { token: await tokenOf(name) });
  return { status: res.status, body: res.body as ChangeDetailResponse };
}

const line = (e: ChangeDetailResponse['history'][number]) => `v${e.version}#${e.seq} ${e.actorName}: ${e.action} ${e.from ?? '-'}→${e.to}${e.comment ? ` (${e.comment})` : ''}`;

beforeAll(async () => {
  app = await startTestApp({ SEED_DEMO: 'true' });
  call = apiClient(app.url);
});

afterAll(async () => {
  await app?.stop();
});

describe('the history of a strategy change in the API', () => {
  let id = '';
  let etag = '';

  async function act(name: string, method: string, path: string, body: unknown = {}): Promise<ChangeDetailResponse> {
    const res = await call(method, `/api/changes/${id}${path}`, { token: await tokenOf(name), body, headers: { 'If-Match': etag } });
    expect(res.status).toBe(200);
    etag = res.body.etag as string;
    return res.body as ChangeDetailResponse;
  }

  it('shows a draft its drafting and edits, to the EPMO only', async () => {
    const created = await call('POST', '/api/changes', {
      token: await tokenOf('Sam Strategy'),
      body: { title: 'IT spend review', summary: 'All IT spend above £50k is reviewed.', kind: 'funding', objectiveIds: [], domainIds: ['dom-it'], requiredResponse: 'acknowledge', respondBy: new Date(Date.now() + 7 * 86_400_000).toISOString() },
    });
    expect(created.status).toBe(201);
    id = created.body.change.id as string;
    etag = created.body.etag as string;
    expect((created.body as ChangeDetailResponse).history.map(line)).toEqual(['v1#1 Sam Strategy: draft -→draft']);

    const edited = await act('Erin Epmo', 'PATCH', '', { title: 'IT spend review: above £25k' });
    expect(edited.history.map(line)).toEqual(['v1#1 Sam Strategy: draft -→draft', 'v1#2 Erin Epmo: edit draft→draft (Changed the title.)']);
    expect((await detailAs('Erin Epmo', id)).body.history).toEqual(edited.history);
    // Drafts are the EPMO's alone, and so is their history: to others they do not exist.
    expect((await detailAs('Priya Patel', id)).status).toBe(404);
  });

  it('records publishing, superseding and withdrawing, with who, when and why, for everyone who sees the change', async () => {
    await act('Sam Strategy', 'POST', '/publish');
    await act('Sam Strategy', 'POST', '/supersede', { summary: 'All IT spend above £25k is reviewed by the EPMO.' });
    const withdrawn = await act('Erin Epmo', 'POST', '/withdraw', { reason: 'The spending freeze covers it.' });

    expect(withdrawn.history.map(line)).toEqual([
      'v1#1 Sam Strategy: draft -→draft',
      'v1#2 Erin Epmo: edit draft→draft (Changed the title.)',
      'v1#3 Sam Strategy: publish draft→published',
      'v1#4 Sam Strategy: supersede published→superseded (Superseded by version 2.)',
      'v2#1 Sam Strategy: publish -→published (Supersedes version 1; changed the summary.)',
      'v2#2 Erin Epmo: withdraw published→withdrawn (The spending freeze covers it.)',
    ]);
    const times = withdrawn.history.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(withdrawn.history.map((e) => e.actorId)).toEqual(
      ['Sam Strategy', 'Erin Epmo', 'Sam Strategy', 'Sam Strategy', 'Sam Strategy', 'Erin Epmo'].map((n) => DEMO_USERS.find((u) => u.displayName === n)?.userId),
    );

    // The IT PMO lead, to whose domain it was addressed, sees the same history.
    const lead = await detailAs('Priya Patel', id);
    expect(lead.status).toBe(200);
    expect(lead.body.history).toEqual(withdrawn.history);
  });

  it('refuses the history to whoever may not see the change', async () => {
    for (const name of ['Hannah Hughes', 'Tara Team', 'Avery Admin']) {
      const res = await detailAs(name, id);
      expect(res.status).toBe(404);
      expect(res.body).not.toHaveProperty('history');
    }
  });
});
