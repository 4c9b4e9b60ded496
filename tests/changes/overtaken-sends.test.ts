/**
 * A supersede that overtakes v1 cards not sent yet (in back-off after 429s): those v1 sends
 * are skipped — recorded failed with a clear reason — so each recipient gets the v2 card only,
 * not a "Superseded" v1 card as well. Real HTTP, Azurite, the delivery worker, a local connector.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunningApp } from '../../bot/composition/start-app';
import type { ConversationLink } from '../../bot/conversations/domain/conversation';
import { apiClient, startTestApp } from '../support/app';
import { cardText } from '../support/adaptive-card';
import { type ConnectorServer, startConnectorServer, throttled } from '../support/connector-server';
import { FAST_DELIVERY_ENV, conversationRef, waitUntil } from '../delivery/support';

const T = '7f3c2a10-0000-4000-8000-0000000000e6';
const EPMO = { userId: 'e6000000-0000-4000-8000-000000000001', displayName: 'Erin EPMO', roles: [{ role: 'epmo_member' as const }] };
const C = { epmo: '19:epmo@thread.tacv2', pmoIt: '19:pmo-it@thread.tacv2' };

let app: RunningApp;
let connector: ConnectorServer;
let call: ReturnType<typeof apiClient>;

beforeAll(async () => {
  connector = await startConnectorServer();
  app = await startTestApp({ ...FAST_DELIVERY_ENV });
  call = apiClient(app.url);
  const now = new Date().toISOString();
  await app.repos.tenants.upsert({ tenantId: T, displayName: 'Contoso overtaken', createdAt: now });
  await app.repos.users.upsert({ tenantId: T, ...EPMO });
  await app.repos.domains.createMany([{ tenantId: T, id: 'dom-it', name: 'IT', description: '', freshnessDays: 14, createdAt: now }]);
  for (const id of Object.values(C)) await app.repos.conversations.save({ ...conversationRef(connector.url, id), tenantId: T, title: `Channel ${id}` });
  const link = (conversationId: string, target: ConversationLink['target']): ConversationLink => ({ tenantId: T, conversationId, target, linkedBy: EPMO.userId, linkedAt: now });
  await app.repos.links.put(link(C.epmo, { kind: 'epmo' }));
  await app.repos.links.put(link(C.pmoIt, { kind: 'pmo', domainId: 'dom-it' }));
});

afterAll(async () => {
  await app?.stop();
  await connector?.close();
});

async function settledBatch(batch: string, count: number): Promise<void> {
  await waitUntil(async () => {
    const d = await app.delivery.listBatch(T, batch);
    return d.length === count && d.every((x) => x.state !== 'queued');
  }, 15_000, `batch ${batch} settled`);
}

describe('a supersede overtaking unsent v1 cards', () => {
  it('skips the v1 sends still queued, so each recipient gets the v2 card only', async () => {
    const token = (await call('POST', '/api/dev/token', { body: { tenantId: T, userId: EPMO.userId } })).body.token as string;
    const body = { title: 'Overtaken', summary: 'Something changes.', kind: 'policy', objectiveIds: [], domainIds: ['dom-it'], requiredResponse: 'acknowledge', respondBy: new Date(Date.now() + 7 * 86_400_000).toISOString() };
    const drafted = await call('POST', '/api/changes', { token, body });
    expect(drafted.status).toBe(201);
    const id = drafted.body.change.id as string;
    // Every send is throttled for now: the v1 cards wait in back-off, still queued.
    connector.respond({ method: 'POST', times: 1000, response: throttled(3) });
    const published = await call('POST', `/api/changes/${id}/publish`, { token, headers: { 'If-Match': drafted.body.etag } });
    expect(published.status).toBe(200);
    await waitUntil(() => connector.requests.filter((r) => r.method === 'POST').length >= 2, 10_000, 'the v1 sends to be tried');
    const res = await call('POST', `/api/changes/${id}/supersede`, { token, headers: { 'If-Match': published.body.etag }, body: { title: 'Overtaken, v2' } });
    expect(res.status).toBe(200);
    connector.reset();
    await settledBatch(`change:${id}:v1`, 2);
    await settledBatch(`change:${id}:v2`, 2);

    const v1 = await app.delivery.listBatch(T, `change:${id}:v1`);
    expect(v1.map((d) => d.state)).toEqual(['failed', 'failed']);
    for (const d of v1) expect(d.lastError).toBe('skipped: superseded before it was sent');
    const sent = connector.requests.filter((r) => r.method === 'POST' && r.status === 201);
    expect(sent.map((r) => r.conversationId).sort()).toEqual([C.epmo, C.pmoIt].sort());
    for (const r of sent) expect(cardText((r.body as { attachments: { content: unknown }[] }).attachments[0]?.content)).toContain('Overtaken, v2');
  });
});
