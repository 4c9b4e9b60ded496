/** The demo tenant's strategy changes: seeded once, in every state, with a live cascade. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunningApp } from '../../bot/composition/start-app';
import { DEMO_TENANT, DEMO_USERS } from '../../bot/demo/demo-identities';
import type { CascadeResponse, ChangeDetailResponse, ChangesListResponse } from '../../bot/api-contract/changes';
import { apiClient, startTestApp } from '../support/app';

let app: RunningApp;
let call: ReturnType<typeof apiClient>;
const tokenOf = async (name: string) => {
  const u = DEMO_USERS.find((d) => d.displayName === name);
  const res = await call('POST', '/api/dev/token', { body: { tenantId: DEMO_TENANT.tenantId, userId: u?.userId } });
  return res.body.token as string;
};

beforeAll(async () => {
  app = await startTestApp({ SEED_DEMO: 'true' });
  call = apiClient(app.url);
});
afterAll(async () => {
  await app?.stop();
});

describe('demo strategy changes', () => {
  it('has a draft, a published change with responses, a v2 that superseded v1 and a withdrawn one', async () => {
    const list = (await call('GET', '/api/changes', { token: await tokenOf('Erin Epmo') })).body as ChangesListResponse;
    const byId = new Map(list.items.map((i) => [i.change.id, i]));
    expect(byId.get('chg-demo-data')?.change.state).toBe('draft');
    expect(byId.get('chg-demo-digital')?.change.state).toBe('published');
    expect(byId.get('chg-demo-digital')?.progress?.rollup.responded).toBeGreaterThan(0);
    expect(byId.get('chg-demo-security')?.change).toMatchObject({ state: 'published', version: 2 });
    expect(byId.get('chg-demo-fleet')?.change.state).toBe('withdrawn');
    const detail = await call('GET', '/api/changes/chg-demo-security', { token: await tokenOf('Erin Epmo') });
    expect(detail.body.versions.map((v: { state: string }) => v.state)).toEqual(['published', 'superseded']);
  });

  it('gives every demo change a history that agrees with its versions', async () => {
    const token = await tokenOf('Erin Epmo');
    for (const id of ['chg-demo-data', 'chg-demo-digital', 'chg-demo-security', 'chg-demo-fleet']) {
      const detail = (await call('GET', `/api/changes/${id}`, { token })).body as ChangeDetailResponse;
      const times = detail.history.map((e) => Date.parse(e.at));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      for (const v of detail.versions) {
        const events = detail.history.filter((e) => e.version === v.version);
        // Numbered 1, 2, 3…; each starts where the previous ended; the last ends in the version's state.
        expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
        expect(events.slice(1).map((e) => e.from)).toEqual(events.slice(0, -1).map((e) => e.to));
        expect(events.at(-1)?.to).toBe(v.state);
      }
    }
    const security = (await call('GET', '/api/changes/chg-demo-security', { token })).body as ChangeDetailResponse;
    expect(security.history.map((e) => `v${e.version} ${e.action}`)).toEqual(['v1 draft', 'v1 publish', 'v1 supersede', 'v2 publish']);
    const fleet = (await call('GET', '/api/changes/chg-demo-fleet', { token })).body as ChangeDetailResponse;
    expect(fleet.history.at(-1)).toMatchObject({ action: 'withdraw', actorName: 'Sam Strategy', comment: fleet.change.withdrawReason });
  });

  it('shows the cascade with delivered cards and impacts, and nothing was dispatched', async () => {
    const cascade = (await call('GET', '/api/changes/chg-demo-digital/cascade', { token: await tokenOf('Erin Epmo') })).body as CascadeResponse;
    expect(cascade.delivery.total).toBeGreaterThan(0);
    expect(cascade.delivery.sent).toBe(cascade.delivery.total);
    expect(cascade.rollup.assessed).toBeGreaterThan(0);
    expect(cascade.objectives.map((o) => o.code)).toEqual(['OBJ-1']);
  });
});
