/**
 * The local demo end to end: a change published in the seeded demo tenant is delivered to
 * the demo conversations through the app's own demo connector, so the cascade fills in
 * without anything leaving the machine.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunningApp } from '../../bot/composition/start-app';
import { DEMO_TENANT, DEMO_USERS } from '../../bot/demo/demo-identities';
import { DEMO_SERVICE_URL } from '../../bot/demo/demo-conversations';
import { apiClient, startTestApp } from '../support/app';
import { FAST_DELIVERY_ENV, waitUntil } from '../delivery/support';

let app: RunningApp;
let call: ReturnType<typeof apiClient>;

beforeAll(async () => {
  app = await startTestApp({ SEED_DEMO: 'true', ...FAST_DELIVERY_ENV });
  call = apiClient(app.url);
});
afterAll(async () => {
  await app?.stop();
});

describe('publishing in the local demo', () => {
  it('delivers to every seeded conversation through the demo connector', async () => {
    const conversations = await app.repos.conversations.list(DEMO_TENANT.tenantId);
    expect(conversations.every((c) => c.serviceUrl === DEMO_SERVICE_URL)).toBe(true);

    const sam = DEMO_USERS.find((u) => u.displayName === 'Sam Strategy');
    if (!sam) throw new Error('fixture');
    const token = (await call('POST', '/api/dev/token', { body: { tenantId: DEMO_TENANT.tenantId, userId: sam.userId } })).body.token as string;
    const draft = await call('POST', '/api/changes', {
      token,
      body: {
        title: 'Pause new mainframe spend',
        summary: 'All **new** mainframe spend stops now.',
        kind: 'funding',
        objectiveIds: ['obj-6'],
        domainIds: ['dom-it'],
        requiredResponse: 'acknowledge',
        respondBy: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      },
    });
    expect(draft.status).toBe(201);
    const id = draft.body.change.id as string;
    const published = await call('POST', `/api/changes/${id}/publish`, { token, headers: { 'If-Match': draft.body.etag } });
    expect(published.status).toBe(200);

    let delivered = { total: 0, queued: 0, sent: 0, failed: 0, unreachable: 0 };
    await waitUntil(async () => {
      delivered = (await call('GET', `/api/changes/${id}/cascade`, { token })).body.delivery;
      return delivered.total > 0 && delivered.queued === 0;
    }, 20_000, 'the fan-out to finish');
    expect(delivered.total).toBeGreaterThanOrEqual(3); // IT PMO, the EPMO copy and the aligned teams
    expect(delivered).toMatchObject({ sent: delivered.total, failed: 0, unreachable: 0 });
  });
});
