/**
 * Strategy changes end to end: the real app (HTTP API, bot endpoint, Azurite tables and queue,
 * the delivery worker) sending to a local connector server that records every call.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunningApp } from '../../bot/composition/start-app';
import type { ConversationLink } from '../../bot/conversations/domain/conversation';
import type { WorkItem } from '../../bot/portfolio/domain/portfolio';
import type { CascadeResponse, ChangeDetailResponse, DryRunResponse } from '../../bot/api-contract/changes';
import { apiClient, startTestApp } from '../support/app';
import { cardText, validateAdaptiveCard } from '../support/adaptive-card';
import { type ConnectorServer, type RecordedRequest, startConnectorServer } from '../support/connector-server';
import { cardAction, execute, message } from '../bot/teams-activities';
import type { Where, Who } from '../bot/teams-activities';
import { FAST_DELIVERY_ENV, conversationRef, waitUntil } from '../delivery/support';

const T = '7f3c2a10-0000-4000-8000-0000000000c3';
const OTHER_T = '7f3c2a10-0000-4000-8000-0000000000c4';
const U = {
  epmo: { userId: 'c3000000-0000-4000-8000-000000000001', displayName: 'Erin EPMO', roles: [{ role: 'epmo_member' as const }] },
  leadIt: { userId: 'c3000000-0000-4000-8000-000000000002', displayName: 'Ian IT lead', roles: [{ role: 'pmo_lead' as const, domainId: 'dom-it' }] },
  teamA: { userId: 'c3000000-0000-4000-8000-000000000003', displayName: 'Tara Team', roles: [{ role: 'team_member' as const, workItemId: 'wi-a' }] },
  nobody: { userId: 'c3000000-0000-4000-8000-000000000004', displayName: 'Nora Noone', roles: [] },
};
const C = {
  epmo: '19:epmo@thread.tacv2',
  pmoIt: '19:pmo-it@thread.tacv2',
  pmoHr: '19:pmo-hr@thread.tacv2',
  pmoFin: '19:pmo-fin@thread.tacv2',
  teamA: '19:team-a@thread.tacv2',
  teamB: '19:team-b@thread.tacv2',
  teamC: '19:team-c@thread.tacv2',
  teamE: '19:team-e@thread.tacv2',
};
/** obj-1 reaches IT and HR: their PMO channels, teams A and C, and the EPMO copy. */
const TARGETED = [C.epmo, C.pmoIt, C.pmoHr, C.teamA, C.teamC].sort();

let app: RunningApp;
let connector: ConnectorServer;
let call: ReturnType<typeof apiClient>;
const tokens = new Map<string, string>();

async function token(user: { userId: string }, tenantId = T): Promise<string> {
  const key = `${tenantId}/${user.userId}`;
  const cached = tokens.get(key);
  if (cached) return cached;
  const res = await call('POST', '/api/dev/token', { body: { tenantId, userId: user.userId } });
  expect(res.status).toBe(200);
  tokens.set(key, res.body.token);
  return res.body.token as string;
}

async function post(activity: unknown): Promise<{ status: number; body: { value?: unknown } }> {
  const res = await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(activity) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : {} };
}

const where = (conversationId: string, tenantId = T): Where => ({ serviceUrl: connector.url, tenantId, kind: 'channel', conversationId, team: { id: `team-${conversationId}` } });
const who = (u: { userId: string; displayName: string }): Who => ({ aadObjectId: u.userId, name: u.displayName });

const sendsTo = (requests: readonly RecordedRequest[]) => requests.filter((r) => r.method === 'POST' && r.conversationId && !r.activityId);
const cardOf = (r: RecordedRequest) => (r.body as { attachments: { content: unknown }[] }).attachments[0]?.content;

async function sendsForBatch(batch: string, count: number): Promise<void> {
  await waitUntil(async () => {
    const d = await app.delivery.listBatch(T, batch);
    return d.length === count && d.every((x) => x.state !== 'queued');
  }, 15_000, `batch ${batch} settled`);
}

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

beforeAll(async () => {
  connector = await startConnectorServer();
  app = await startTestApp({ ...FAST_DELIVERY_ENV, CHANGE_REMINDER_LEAD_HOURS: '1' });
  call = apiClient(app.url);
  const now = new Date().toISOString();
  await app.repos.tenants.upsert({ tenantId: T, displayName: 'Contoso changes', createdAt: now });
  for (const u of Object.values(U)) await app.repos.users.upsert({ tenantId: T, ...u });
  await app.repos.domains.createMany(
    ['dom-it', 'dom-hr', 'dom-fin'].map((id) => ({ tenantId: T, id, name: id.slice(4).toUpperCase(), description: '', freshnessDays: 14, createdAt: now })),
  );
  await app.repos.objectives.createMany(
    ['obj-1', 'obj-2'].map((id, i) => ({ tenantId: T, id, code: `OBJ-${i + 1}`, title: `Objective ${i + 1}`, description: '', ownerId: U.epmo.userId, ownerName: 'Erin', priority: i + 1, createdAt: now })),
  );
  await app.repos.workItems.createMany([
    workItem('wi-a', 'dom-it', 'obj-1'),
    workItem('wi-b', 'dom-it', 'obj-2'),
    workItem('wi-c', 'dom-hr', 'obj-1'),
    workItem('wi-d', 'dom-fin', 'obj-2'),
    workItem('wi-e', 'dom-hr', 'obj-1'),
  ]);
  for (const id of Object.values(C)) await app.repos.conversations.save({ ...conversationRef(connector.url, id), tenantId: T, active: id !== C.teamE, title: `Channel ${id}` });
  const link = (conversationId: string, target: ConversationLink['target']): ConversationLink => ({ tenantId: T, conversationId, target, linkedBy: U.epmo.userId, linkedAt: now });
  for (const l of [
    link(C.epmo, { kind: 'epmo' }),
    link(C.pmoIt, { kind: 'pmo', domainId: 'dom-it' }),
    link(C.pmoHr, { kind: 'pmo', domainId: 'dom-hr' }),
    link(C.pmoFin, { kind: 'pmo', domainId: 'dom-fin' }),
    link(C.teamA, { kind: 'team', workItemId: 'wi-a' }),
    link(C.teamB, { kind: 'team', workItemId: 'wi-b' }),
    link(C.teamC, { kind: 'team', workItemId: 'wi-c' }),
    link(C.teamE, { kind: 'team', workItemId: 'wi-e' }),
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
  title: 'Supplier insolvency risk',
  summary: 'Our main supplier **may fail**.\n\n- Pause new orders',
  kind: 'threat',
  objectiveIds: ['obj-1'],
  domainIds: [],
  requiredResponse: 'acknowledge',
  respondBy: inDays(7),
  ...over,
});

let changeId = '';
let etag = '';

describe('drafting and the API guards', () => {
  it('refuses without a token, without the EPMO role, and with a bad body, writing nothing', async () => {
    expect((await call('POST', '/api/changes', { body: draftBody() })).status).toBe(401);
    expect((await call('GET', '/api/changes')).status).toBe(401);
    const lead = await call('POST', '/api/changes', { token: await token(U.leadIt), body: draftBody() });
    expect(lead.status).toBe(403);
    const bad = await call('POST', '/api/changes', { token: await token(U.epmo), body: { ...draftBody(), kind: 'rumour', respondBy: 'soon', extra: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { at: string }) => d.at)).toEqual(expect.arrayContaining(['kind', 'respondBy']));
    const unknown = await call('POST', '/api/changes', { token: await token(U.epmo), body: draftBody({ objectiveIds: ['obj-404'] }) });
    expect(unknown.status).toBe(400);
    const list = await call('GET', '/api/changes', { token: await token(U.epmo) });
    expect(list.body.items).toEqual([]);
  });

  it('creates and edits a draft with If-Match; a stale etag is 412', async () => {
    const created = await call('POST', '/api/changes', { token: await token(U.epmo), body: draftBody({ title: 'Draft title' }) });
    expect(created.status).toBe(201);
    const detail = created.body as ChangeDetailResponse;
    changeId = detail.change.id;
    expect(detail.change).toMatchObject({ state: 'draft', version: 1, authorName: 'Erin EPMO' });
    const noMatch = await call('PATCH', `/api/changes/${changeId}`, { token: await token(U.epmo), body: { title: 'x' } });
    expect(noMatch.status).toBe(400);
    const edited = await call('PATCH', `/api/changes/${changeId}`, { token: await token(U.epmo), body: { title: 'Supplier insolvency risk' }, headers: { 'If-Match': detail.etag } });
    expect(edited.status).toBe(200);
    expect(edited.body.change.title).toBe('Supplier insolvency risk');
    const stale = await call('PATCH', `/api/changes/${changeId}`, { token: await token(U.epmo), body: { title: 'Lost update' }, headers: { 'If-Match': detail.etag } });
    expect(stale.status).toBe(412);
    etag = edited.body.etag;
    // Team members do not see drafts: to them a draft does not exist.
    expect((await call('GET', `/api/changes/${changeId}`, { token: await token(U.teamA) })).status).toBe(404);
  });

  it('dry run counts PMO channels and team conversations and names the unreachable team', async () => {
    const res = await call('POST', `/api/changes/${changeId}/dry-run`, { token: await token(U.epmo) });
    expect(res.status).toBe(200);
    const dry = res.body as DryRunResponse;
    expect(dry).toMatchObject({ pmoChannels: 2, teamConversations: 2, epmoCopy: true, total: 5 });
    expect(dry.unreachable.map((u) => u.conversationId)).toEqual([C.teamE]);
    expect(dry.unreachable[0]?.reason).toBe('not-installed');
    expect((await call('POST', `/api/changes/${changeId}/dry-run`, { token: await token(U.leadIt) })).status).toBe(403);
  });
});

describe('publishing and responding', () => {
  it('reaches exactly the targeted conversations and no others', async () => {
    connector.reset();
    const res = await call('POST', `/api/changes/${changeId}/publish`, { token: await token(U.epmo), headers: { 'If-Match': etag } });
    expect(res.status).toBe(200);
    expect(res.body.change).toMatchObject({ state: 'published', version: 1 });
    etag = res.body.etag;
    await sendsForBatch(`change:${changeId}:v1`, 5);
    const sends = sendsTo(connector.requests);
    expect(sends.map((r) => r.conversationId).sort()).toEqual(TARGETED);
    for (const s of sends) {
      const card = cardOf(s);
      expect(validateAdaptiveCard(card)).toEqual([]);
      expect(cardText(card)).toContain('Supplier insolvency risk');
      expect(cardText(card)).toContain('Acknowledge');
    }
    // Publishing again is a conflict, not a second fan-out.
    const again = await call('POST', `/api/changes/${changeId}/publish`, { token: await token(U.epmo), headers: { 'If-Match': etag } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CHANGE.NOT_DRAFT');
  });

  it('stores an acknowledgement once when the invoke is sent twice, and the reply card shows it and the count', async () => {
    const act = () => post(cardAction(where(C.teamA), who(U.teamA), execute('change.ack', { changeId, version: 1, conversationId: C.teamA })));
    const first = await act();
    const second = await act();
    for (const r of [first, second]) {
      expect(r.status).toBe(200);
      expect(validateAdaptiveCard(r.body.value)).toEqual([]);
      expect(cardText(r.body.value)).toContain('Your response: Acknowledged');
      expect(cardText(r.body.value)).toContain('1 of 4 teams acknowledged');
    }
    expect(cardText(second.body.value)).toContain('already recorded');
    const cascade = (await call('GET', `/api/changes/${changeId}/cascade`, { token: await token(U.epmo) })).body as CascadeResponse;
    const teamA = cascade.domains.find((d) => d.domainId === 'dom-it')?.teams.find((t) => t.conversationId === C.teamA);
    expect(teamA?.responses).toHaveLength(1);
    expect(teamA?.status).toBe('acknowledged');
    expect(cascade.rollup).toMatchObject({ recipients: 5, responded: 1, pending: 3, unreachable: 1 });
  });

  it('records an impact assessment from a PMO lead and rolls it up', async () => {
    const r = await post(cardAction(where(C.pmoIt), who(U.leadIt), execute('change.assess', { changeId, version: 1, conversationId: C.pmoIt, impact: 'high', comment: 'Two projects blocked' })));
    expect(cardText(r.body.value)).toContain('Impact assessed: **High**');
    const cascade = (await call('GET', `/api/changes/${changeId}/cascade`, { token: await token(U.leadIt) })).body as CascadeResponse;
    // A PMO lead sees their own domain only.
    expect(cascade.domains.map((d) => d.domainId)).toEqual(['dom-it']);
    expect(cascade.domains[0]?.rollup).toMatchObject({ maxImpact: 'high', responded: 2 });
    expect(cascade.domains[0]?.pmo?.comment).toBe('Two projects blocked');
    expect(cascade.objectives.map((o) => o.code)).toEqual(['OBJ-1']);
    expect((await call('GET', `/api/changes/${changeId}/cascade`, { token: await token(U.teamA) })).status).toBe(403);
  });

  it('an invoke without the role, or from another tenant, changes nothing and gets a clear card', async () => {
    const forbidden = await post(cardAction(where(C.teamC), who(U.nobody), execute('change.ack', { changeId, version: 1 })));
    expect(validateAdaptiveCard(forbidden.body.value)).toEqual([]);
    expect(cardText(forbidden.body.value)).toContain('Not allowed');
    const foreign = await post(cardAction(where(C.teamC, OTHER_T), who(U.epmo), execute('change.ack', { changeId, version: 1 })));
    expect(cardText(foreign.body.value)).toMatch(/not (know|found)/i);
    const cascade = (await call('GET', `/api/changes/${changeId}/cascade`, { token: await token(U.epmo) })).body as CascadeResponse;
    const teamC = cascade.domains.find((d) => d.domainId === 'dom-hr')?.teams.find((t) => t.conversationId === C.teamC);
    expect(teamC?.responses).toEqual([]);
    expect(teamC?.status).toBe('pending');
  });

  it('lists the change for a team member with their status, and in the bot', async () => {
    const list = await call('GET', '/api/changes', { token: await token(U.teamA) });
    expect(list.body.items.map((i: { change: { id: string } }) => i.change.id)).toEqual([changeId]);
    expect(list.body.items[0].mine.status).toBe('acknowledged');
    connector.reset();
    await post(message(where(C.teamA), who(U.teamA), 'changes'));
    const [reply] = await connector.waitForRequests(1);
    const card = cardOf(reply as RecordedRequest);
    expect(validateAdaptiveCard(card)).toEqual([]);
    expect(cardText(card)).toContain('Supplier insolvency risk');
    expect(cardText(card)).toContain('Acknowledged');
  });
});

describe('announce', () => {
  it('gives EPMO members a draft form in the EPMO channel and a clear answer elsewhere', async () => {
    connector.reset();
    await post(message(where(C.teamA), who(U.teamA), 'announce'));
    await post(message(where(C.teamA), who(U.epmo), 'announce'));
    await post(message(where(C.epmo), who(U.epmo), 'announce'));
    const replies = await connector.waitForRequests(3);
    const texts = replies.map((r) => cardText(cardOf(r)));
    expect(texts.find((t) => t.includes('Only the EPMO announces changes'))).toBeDefined();
    expect(texts.find((t) => t.includes('Announce from the EPMO channel'))).toBeDefined();
    const form = replies.map(cardOf).find((c) => cardText(c).includes('Announce a strategy change'));
    expect(validateAdaptiveCard(form)).toEqual([]);

    const submit = await post(
      cardAction(where(C.epmo), who(U.epmo), execute('change.announce', { title: 'Hiring freeze', kind: 'funding', summary: 'No new hires', respondBy: inDays(5).slice(0, 10), requiredResponse: 'assess' })),
    );
    expect(cardText(submit.body.value)).toContain('Draft created');
    expect(JSON.stringify(submit.body.value)).toMatch(/#\/compose\?change=/);
    const drafts = await call('GET', '/api/changes?state=draft', { token: await token(U.epmo) });
    expect(drafts.body.items.map((i: { change: { title: string } }) => i.change.title)).toContain('Hiring freeze');
  });
});

describe('reminders', () => {
  it('reminds non-responders once, shortly before respond-by', async () => {
    const created = await call('POST', '/api/changes', { token: await token(U.epmo), body: draftBody({ title: 'Quick reprioritisation', kind: 'reprioritisation', respondBy: new Date(Date.now() + 8_000).toISOString() }) });
    const id = created.body.change.id as string;
    const published = await call('POST', `/api/changes/${id}/publish`, { token: await token(U.epmo), headers: { 'If-Match': created.body.etag } });
    expect(published.status).toBe(200);
    // Team A answers before the reminder (due half-way to respond-by: ~4 s).
    await post(cardAction(where(C.teamA), who(U.teamA), execute('change.ack', { changeId: id, version: 1 })));
    await sendsForBatch(`change:${id}:v1:reminder`, 3);
    const reminders = await app.delivery.listBatch(T, `change:${id}:v1:reminder`);
    expect(reminders.map((d) => d.conversationId).sort()).toEqual([C.pmoHr, C.pmoIt, C.teamC].sort());
    const posted = sendsTo(connector.requests).filter((r) => reminders.some((d) => d.activityId && r.conversationId === d.conversationId) && cardText(cardOf(r)).includes('Reminder'));
    expect(posted.length).toBeGreaterThanOrEqual(3);
    // The job does not fire again.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await app.delivery.listBatch(T, `change:${id}:v1:reminder`)).toHaveLength(3);
  });
});

describe('superseding and withdrawing', () => {
  it('supersede updates every delivered v1 card in place once and sends v2', async () => {
    connector.reset();
    const v1 = await app.delivery.listBatch(T, `change:${changeId}:v1`);
    const res = await call('POST', `/api/changes/${changeId}/supersede`, { token: await token(U.epmo), headers: { 'If-Match': etag }, body: { title: 'Supplier insolvency: act now' } });
    expect(res.status).toBe(200);
    expect(res.body.change).toMatchObject({ version: 2, state: 'published', title: 'Supplier insolvency: act now' });
    expect(res.body.versions.map((v: { state: string }) => v.state)).toEqual(['published', 'superseded']);
    etag = res.body.etag;
    await sendsForBatch(`change:${changeId}:v1:superseded`, 5);
    await sendsForBatch(`change:${changeId}:v2`, 5);
    const puts = connector.requests.filter((r) => r.method === 'PUT');
    expect(puts.map((p) => `${p.conversationId}/${p.activityId}`).sort()).toEqual(v1.map((d) => `${d.conversationId}/${d.activityId}`).sort());
    for (const p of puts) expect(cardText(cardOf(p))).toContain('Superseded by v2');
    expect(sendsTo(connector.requests).map((r) => r.conversationId).sort()).toEqual(TARGETED);
  });

  it('a stale v1 card gets a clear message and nothing is recorded', async () => {
    const r = await post(cardAction(where(C.teamC), who({ userId: U.epmo.userId, displayName: U.epmo.displayName }), execute('change.ack', { changeId, version: 1 })));
    expect(cardText(r.body.value)).toContain('This change was superseded by v2 — open the latest');
    expect(validateAdaptiveCard(r.body.value)).toEqual([]);
  });

  it('withdraw updates every delivered v2 card to Withdrawn', async () => {
    connector.reset();
    const v2 = await app.delivery.listBatch(T, `change:${changeId}:v2`);
    const bad = await call('POST', `/api/changes/${changeId}/withdraw`, { token: await token(U.epmo), headers: { 'If-Match': etag }, body: {} });
    expect(bad.status).toBe(400);
    const res = await call('POST', `/api/changes/${changeId}/withdraw`, { token: await token(U.epmo), headers: { 'If-Match': etag }, body: { reason: 'Supplier recovered' } });
    expect(res.status).toBe(200);
    await sendsForBatch(`change:${changeId}:v2:withdrawn`, 5);
    const puts = connector.requests.filter((r) => r.method === 'PUT');
    expect(puts.map((p) => p.activityId).sort()).toEqual(v2.map((d) => d.activityId).sort());
    for (const p of puts) expect(cardText(cardOf(p))).toContain('Supplier recovered');
  });
});

describe('changes outside the caller\'s sight', () => {
  it('a draft, or a change not addressed to the caller, answers like one that does not exist — by API and by card — and its title stays hidden', async () => {
    const draft = await call('POST', '/api/changes', { token: await token(U.epmo), body: draftBody({ title: 'Secret reorganisation' }) });
    expect(draft.status).toBe(201);
    const draftId = draft.body.change.id as string;
    const same = async (path: (id: string) => string) => {
      const [hidden, missing] = [await call('GET', path(draftId), { token: await token(U.teamA) }), await call('GET', path('chg-nope'), { token: await token(U.teamA) })];
      expect([hidden.status, JSON.stringify(hidden.body).replaceAll(draftId, '<id>')]).toEqual([missing.status, JSON.stringify(missing.body).replaceAll('chg-nope', '<id>')]);
    };
    await same((id) => `/api/changes/${id}`);
    const card = async (id: string) => cardText((await post(cardAction(where(C.teamA), who(U.teamA), execute('change.ack', { changeId: id, version: 1, conversationId: C.teamA })))).body.value);
    const [hiddenCard, missingCard] = [await card(draftId), await card('chg-nope')];
    expect(hiddenCard).not.toContain('Secret reorganisation');
    expect(hiddenCard.replaceAll(draftId, '<id>')).toBe(missingCard.replaceAll('chg-nope', '<id>'));
    const assess = await post(cardAction(where(C.teamA), who(U.nobody), execute('change.assess', { changeId: draftId, version: 1, impact: 'high' })));
    expect(cardText(assess.body.value)).not.toContain('Secret reorganisation');
  });
});
