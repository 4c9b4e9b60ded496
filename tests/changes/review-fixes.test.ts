/**
 * Defects found in review of strategy changes, each reproduced end to end (real HTTP, bot
 * endpoint, Azurite tables and queue, the delivery worker, a local connector server):
 * `change.show` visibility, publish/supersede/withdraw retried after a failed dispatch,
 * concurrent supersedes and impossible respond-by dates (v1 sends overtaken by a supersede:
 * overtaken-sends.test.ts).
 */
import { QueueServiceClient } from '@azure/storage-queue';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunningApp } from '../../bot/composition/start-app';
import type { ConversationLink } from '../../bot/conversations/domain/conversation';
import type { WorkItem } from '../../bot/portfolio/domain/portfolio';
import type { CascadeResponse } from '../../bot/api-contract/changes';
import { deliveryQueueName } from '../../bot/platform/storage/storage-queue';
import { apiClient, startTestApp } from '../support/app';
import { cardText } from '../support/adaptive-card';
import { type ConnectorServer, startConnectorServer } from '../support/connector-server';
import { testConnectionString, uniqueTablePrefix } from '../support/storage';
import { cardAction, execute } from '../bot/teams-activities';
import type { Where, Who } from '../bot/teams-activities';
import { FAST_DELIVERY_ENV, conversationRef, waitUntil } from '../delivery/support';

const T = '7f3c2a10-0000-4000-8000-0000000000e5';
const U = {
  epmo: { userId: 'e5000000-0000-4000-8000-000000000001', displayName: 'Erin EPMO', roles: [{ role: 'epmo_member' as const }] },
  leadHr: { userId: 'e5000000-0000-4000-8000-000000000002', displayName: 'Hana HR lead', roles: [{ role: 'pmo_lead' as const, domainId: 'dom-hr' }] },
  teamA: { userId: 'e5000000-0000-4000-8000-000000000003', displayName: 'Tara IT team', roles: [{ role: 'team_member' as const, workItemId: 'wi-a' }] },
};
const C = {
  epmo: '19:epmo@thread.tacv2',
  pmoIt: '19:pmo-it@thread.tacv2',
  pmoHr: '19:pmo-hr@thread.tacv2',
  teamA: '19:team-a@thread.tacv2',
  teamC: '19:team-c@thread.tacv2',
};

const PREFIX = uniqueTablePrefix();
let app: RunningApp;
let connector: ConnectorServer;
let call: ReturnType<typeof apiClient>;
const tokens = new Map<string, string>();

async function token(user: { userId: string }): Promise<string> {
  const cached = tokens.get(user.userId);
  if (cached) return cached;
  const res = await call('POST', '/api/dev/token', { body: { tenantId: T, userId: user.userId } });
  expect(res.status).toBe(200);
  tokens.set(user.userId, res.body.token);
  return res.body.token as string;
}

async function post(activity: unknown): Promise<{ status: number; body: { value?: unknown } }> {
  const res = await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(activity) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : {} };
}

const where = (conversationId: string): Where => ({ serviceUrl: connector.url, tenantId: T, kind: 'channel', conversationId, team: { id: `team-${conversationId}` } });
const who = (u: { userId: string; displayName: string }): Who => ({ aadObjectId: u.userId, name: u.displayName });

function workItem(id: string, domainId: string, objectiveId: string): WorkItem {
  const now = new Date().toISOString();
  return {
    tenantId: T,
    id,
    domainId,
    title: `Item ${id}`,
    structure: 'project',
    mode: 'agile',
    stage: 'Beta',
    owner: { displayName: 'Owner' },
    startDate: '2026-01-01',
    endDate: '2026-12-31',
    objectives: [{ objectiveId, weight: 100 }],
    health: { schedule: 'green', cost: 'green', scope: 'green', benefit: 'green' },
    createdAt: now,
    updatedAt: now,
  };
}

const queue = () => QueueServiceClient.fromConnectionString(testConnectionString()).getQueueClient(deliveryQueueName(PREFIX));

/** Runs `work` while the delivery queue does not exist, so every enqueue fails. */
async function withQueueDown<T>(work: () => Promise<T>): Promise<T> {
  await queue().delete();
  try {
    return await work();
  } finally {
    await queue().createIfNotExists();
  }
}

async function settledBatch(batch: string, count: number): Promise<void> {
  await waitUntil(async () => {
    const d = await app.delivery.listBatch(T, batch);
    return d.length === count && d.every((x) => x.state !== 'queued');
  }, 15_000, `batch ${batch} settled`);
}

beforeAll(async () => {
  connector = await startConnectorServer();
  app = await startTestApp({ ...FAST_DELIVERY_ENV, TABLE_PREFIX: PREFIX });
  call = apiClient(app.url);
  const now = new Date().toISOString();
  await app.repos.tenants.upsert({ tenantId: T, displayName: 'Contoso review', createdAt: now });
  for (const u of Object.values(U)) await app.repos.users.upsert({ tenantId: T, ...u });
  await app.repos.domains.createMany(['dom-it', 'dom-hr'].map((id) => ({ tenantId: T, id, name: id.slice(4).toUpperCase(), description: '', freshnessDays: 14, createdAt: now })));
  await app.repos.objectives.createMany([{ tenantId: T, id: 'obj-1', code: 'OBJ-1', title: 'Objective 1', description: '', ownerId: U.epmo.userId, ownerName: 'Erin', priority: 1, createdAt: now }]);
  await app.repos.workItems.createMany([workItem('wi-a', 'dom-it', 'obj-1'), workItem('wi-c', 'dom-hr', 'obj-1')]);
  for (const id of Object.values(C)) await app.repos.conversations.save({ ...conversationRef(connector.url, id), tenantId: T, title: `Channel ${id}` });
  const link = (conversationId: string, target: ConversationLink['target']): ConversationLink => ({ tenantId: T, conversationId, target, linkedBy: U.epmo.userId, linkedAt: now });
  for (const l of [
    link(C.epmo, { kind: 'epmo' }),
    link(C.pmoIt, { kind: 'pmo', domainId: 'dom-it' }),
    link(C.pmoHr, { kind: 'pmo', domainId: 'dom-hr' }),
    link(C.teamA, { kind: 'team', workItemId: 'wi-a' }),
    link(C.teamC, { kind: 'team', workItemId: 'wi-c' }),
  ]) {
    await app.repos.links.put(l);
  }
});

afterAll(async () => {
  await app?.stop();
  await connector?.close();
});

const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();
const draftBody = (over: Record<string, unknown> = {}) => ({
  title: 'Review change',
  summary: 'Something changes.',
  kind: 'policy',
  objectiveIds: [],
  domainIds: ['dom-hr'],
  requiredResponse: 'assess',
  respondBy: inDays(7),
  ...over,
});

async function draft(over: Record<string, unknown> = {}): Promise<{ id: string; etag: string }> {
  const res = await call('POST', '/api/changes', { token: await token(U.epmo), body: draftBody(over) });
  expect(res.status).toBe(201);
  return { id: res.body.change.id, etag: res.body.etag };
}

async function published(over: Record<string, unknown> = {}): Promise<{ id: string; etag: string }> {
  const d = await draft(over);
  const res = await call('POST', `/api/changes/${d.id}/publish`, { token: await token(U.epmo), headers: { 'If-Match': d.etag } });
  expect(res.status).toBe(200);
  return { id: d.id, etag: res.body.etag };
}

describe('change.show', () => {
  it('refuses a change not addressed to the caller, whatever conversation the card names', async () => {
    const { id } = await published({ title: 'HR only' });
    const assessed = await post(cardAction(where(C.pmoHr), who(U.leadHr), execute('change.assess', { changeId: id, version: 1, conversationId: C.pmoHr, impact: 'high', comment: 'Secret HR comment' })));
    expect(cardText(assessed.body.value)).toContain('Secret HR comment');

    expect((await call('GET', `/api/changes/${id}`, { token: await token(U.teamA) })).status).toBe(404);
    const shown = await post(cardAction(where(C.teamA), who(U.teamA), execute('change.show', { changeId: id, version: 1, conversationId: C.pmoHr })));
    expect(shown.status).toBe(200);
    const text = cardText(shown.body.value);
    expect(text).not.toContain('Secret HR comment');
    expect(text).not.toContain('HR only');
    // Not addressed to them: the same card as a change that does not exist.
    expect(text).toContain('This strategy change was not found in your organisation.');
  });

  it('shows a visible change, but only the responses of a conversation the caller may see', async () => {
    const { id } = await published({ title: 'IT and HR', objectiveIds: ['obj-1'], domainIds: [] });
    await post(cardAction(where(C.pmoHr), who(U.leadHr), execute('change.assess', { changeId: id, version: 1, conversationId: C.pmoHr, impact: 'medium', comment: 'HR-internal remark' })));
    // The HR lead sees it for their own channel.
    const own = await post(cardAction(where(C.pmoHr), who(U.leadHr), execute('change.show', { changeId: id, version: 1, conversationId: C.pmoHr })));
    expect(cardText(own.body.value)).toContain('HR-internal remark');
    // The IT team member sees the change, not the HR channel's response.
    const shown = await post(cardAction(where(C.teamA), who(U.teamA), execute('change.show', { changeId: id, version: 1, conversationId: C.pmoHr })));
    const text = cardText(shown.body.value);
    expect(text).toContain('IT and HR');
    expect(text).not.toContain('HR-internal remark');
  });
});

describe('respond-by', () => {
  it('refuses an impossible date instead of rolling it over', async () => {
    for (const respondBy of ['2026-02-31', '2026-02-30T10:00:00Z', '2027-04-31T00:00:00.000Z']) {
      const res = await call('POST', '/api/changes', { token: await token(U.epmo), body: draftBody({ respondBy }) });
      expect(res.status).toBe(400);
      expect(res.body.error.details.map((d: { at: string }) => d.at)).toContain('respondBy');
    }
    const ok = await call('POST', '/api/changes', { token: await token(U.epmo), body: draftBody({ respondBy: '2030-02-28' }) });
    expect(ok.status).toBe(201);
    expect(ok.body.change.respondBy).toBe('2030-02-28T23:59:00.000Z');
  });
});

describe('a dispatch that fails', () => {
  it('publish: a retry with the same If-Match completes the fan-out instead of 409', async () => {
    const d = await draft({ title: 'Publish retried' });
    const failed = await withQueueDown(async () => call('POST', `/api/changes/${d.id}/publish`, { token: await token(U.epmo), headers: { 'If-Match': d.etag } }));
    expect(failed.status).toBe(500);

    const retried = await call('POST', `/api/changes/${d.id}/publish`, { token: await token(U.epmo), headers: { 'If-Match': d.etag } });
    expect(retried.status).toBe(200);
    expect(retried.body.change).toMatchObject({ state: 'published', version: 1 });
    await settledBatch(`change:${d.id}:v1`, 2);
    expect((await app.delivery.listBatch(T, `change:${d.id}:v1`)).map((x) => x.state)).toEqual(['sent', 'sent']);
    // Once the caller has seen it published, publishing again is still a conflict.
    const again = await call('POST', `/api/changes/${d.id}/publish`, { token: await token(U.epmo), headers: { 'If-Match': retried.body.etag } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CHANGE.NOT_DRAFT');
  });

  it('supersede and withdraw: a retry with the same request completes what the failed one began', async () => {
    const p = await published({ title: 'Supersede retried' });
    await settledBatch(`change:${p.id}:v1`, 2);
    const body = { title: 'Supersede retried, v2' };
    const failed = await withQueueDown(async () => call('POST', `/api/changes/${p.id}/supersede`, { token: await token(U.epmo), headers: { 'If-Match': p.etag }, body }));
    expect(failed.status).toBe(500);
    const retried = await call('POST', `/api/changes/${p.id}/supersede`, { token: await token(U.epmo), headers: { 'If-Match': p.etag }, body });
    expect(retried.status).toBe(200);
    expect(retried.body.change).toMatchObject({ version: 2, state: 'published', title: 'Supersede retried, v2' });
    expect(retried.body.versions).toHaveLength(2);
    await settledBatch(`change:${p.id}:v1:superseded`, 2);
    await settledBatch(`change:${p.id}:v2`, 2);
    // A different supersede with the old etag is still refused.
    const other = await call('POST', `/api/changes/${p.id}/supersede`, { token: await token(U.epmo), headers: { 'If-Match': p.etag }, body: { title: 'Something else' } });
    expect(other.status).toBe(412);

    const reason = { reason: 'No longer needed' };
    const wFailed = await withQueueDown(async () => call('POST', `/api/changes/${p.id}/withdraw`, { token: await token(U.epmo), headers: { 'If-Match': retried.body.etag }, body: reason }));
    expect(wFailed.status).toBe(500);
    const wRetried = await call('POST', `/api/changes/${p.id}/withdraw`, { token: await token(U.epmo), headers: { 'If-Match': retried.body.etag }, body: reason });
    expect(wRetried.status).toBe(200);
    expect(wRetried.body.change.state).toBe('withdrawn');
    await settledBatch(`change:${p.id}:v2:withdrawn`, 2);
  });
});

describe('concurrent supersedes', () => {
  it('the loser leaves no recipients behind', async () => {
    const p = await published({ title: 'Raced', domainIds: ['dom-it'] });
    await settledBatch(`change:${p.id}:v1`, 2);
    const attempt = (domainIds: string[]) =>
      call('POST', `/api/changes/${p.id}/supersede`, { token: tokens.get(U.epmo.userId) as string, headers: { 'If-Match': p.etag }, body: { domainIds } });
    await token(U.epmo);
    const [toIt, toHr] = await Promise.all([attempt(['dom-it']), attempt(['dom-hr'])]);
    expect([toIt.status, toHr.status].sort()).toEqual([200, 412]);
    const winner = toIt.status === 200 ? C.pmoIt : C.pmoHr;
    const cascade = (await call('GET', `/api/changes/${p.id}/cascade`, { token: await token(U.epmo) })).body as CascadeResponse;
    expect(cascade.change.version).toBe(2);
    const listed = [...cascade.domains.flatMap((d) => [...(d.pmo ? [d.pmo] : []), ...d.teams]), ...(cascade.epmo ? [cascade.epmo] : [])].map((r) => r.conversationId).sort();
    expect(listed).toEqual([C.epmo, winner].sort());
    expect(cascade.rollup.recipients).toBe(1);
    await settledBatch(`change:${p.id}:v2`, 2);
    await settledBatch(`change:${p.id}:v1:superseded`, 2);
  });
});
