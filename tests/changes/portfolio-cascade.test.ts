/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies of HTTP answers, checked by the assertions */
/**
 * Strategy changes as the portfolio shows them, end to end (real app, Azurite, a connector
 * server standing in for Teams): publishing, a team's response and withdrawing each change the
 * next read of the domain's page (unanswered changes per item) and of the roll-up (cascade
 * coverage), since every change write marks the portfolio activity it changes.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunningApp } from '../../bot/composition/start-app';
import type { ConversationLink } from '../../bot/conversations/domain/conversation';
import type { WorkItem } from '../../bot/portfolio/domain/portfolio';
import { apiClient, startTestApp } from '../support/app';
import { type ConnectorServer, startConnectorServer } from '../support/connector-server';
import { cardAction, execute } from '../bot/teams-activities';
import { FAST_DELIVERY_ENV, conversationRef } from '../delivery/support';

const T = '7f3c2a10-0000-4000-8000-0000000000d5';
const U = {
  epmo: { userId: 'd5000000-0000-4000-8000-000000000001', displayName: 'Erin EPMO', roles: [{ role: 'epmo_member' as const }] },
  leadIt: { userId: 'd5000000-0000-4000-8000-000000000002', displayName: 'Ian IT lead', roles: [{ role: 'pmo_lead' as const, domainId: 'dom-it' }] },
  teamA: { userId: 'd5000000-0000-4000-8000-000000000003', displayName: 'Tara Team', roles: [{ role: 'team_member' as const, workItemId: 'wi-a' }] },
};
const C = { epmo: '19:epmo@thread.tacv2', pmoIt: '19:pmo-it@thread.tacv2', teamA: '19:team-a@thread.tacv2', teamC: '19:team-c@thread.tacv2' };

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

function workItem(id: string, domainId: string): WorkItem {
  const now = new Date().toISOString();
  return {
    tenantId: T, id, domainId, title: `Item ${id}`, structure: 'project', mode: 'agile', stage: 'Beta', owner: { displayName: 'Owner' },
    startDate: '2026-01-01', endDate: '2026-12-31', objectives: [{ objectiveId: 'obj-1', weight: 100 }],
    health: { schedule: 'green', cost: 'green', scope: 'green', benefit: 'green' }, createdAt: now, updatedAt: now,
  };
}

beforeAll(async () => {
  connector = await startConnectorServer();
  app = await startTestApp({ ...FAST_DELIVERY_ENV });
  call = apiClient(app.url);
  const now = new Date().toISOString();
  await app.repos.tenants.upsert({ tenantId: T, displayName: 'Contoso cascade', createdAt: now });
  for (const u of Object.values(U)) await app.repos.users.upsert({ tenantId: T, ...u });
  await app.repos.domains.createMany(['dom-it', 'dom-hr'].map((id) => ({ tenantId: T, id, name: id.slice(4).toUpperCase(), description: '', freshnessDays: 14, createdAt: now })));
  await app.repos.objectives.createMany([{ tenantId: T, id: 'obj-1', code: 'OBJ-1', title: 'Objective 1', description: '', ownerId: U.epmo.userId, ownerName: 'Erin', priority: 1, createdAt: now }]);
  await app.repos.workItems.createMany([workItem('wi-a', 'dom-it'), workItem('wi-c', 'dom-hr')]);
  for (const id of Object.values(C)) await app.repos.conversations.save({ ...conversationRef(connector.url, id), tenantId: T, active: true, title: `Channel ${id}` });
  const link = (conversationId: string, target: ConversationLink['target']): ConversationLink => ({ tenantId: T, conversationId, target, linkedBy: U.epmo.userId, linkedAt: now });
  for (const l of [link(C.epmo, { kind: 'epmo' }), link(C.pmoIt, { kind: 'pmo', domainId: 'dom-it' }), link(C.teamA, { kind: 'team', workItemId: 'wi-a' }), link(C.teamC, { kind: 'team', workItemId: 'wi-c' })]) {
    await app.repos.links.put(l);
  }
});

afterAll(async () => {
  await app?.stop();
  await connector?.close();
});

/** What the IT lead's page shows of wi-a and the EPMO's roll-up of each domain, now. */
async function shown(): Promise<{ itemA: any; it: any; hr: any }> {
  const page = await call('GET', '/api/domains/dom-it/portfolio', { token: await token(U.leadIt) });
  expect(page.status).toBe(200);
  const rollup = await call('GET', '/api/portfolio/rollup', { token: await token(U.epmo) });
  expect(rollup.status).toBe(200);
  const domain = (id: string) => rollup.body.domains.find((d: any) => d.domain.id === id);
  return { itemA: page.body.items.find((i: any) => i.id === 'wi-a'), it: domain('dom-it'), hr: domain('dom-hr') };
}

describe('the portfolio follows the strategy changes', () => {
  it('publishing, a team\'s acknowledgement and withdrawing each show on the next page and roll-up', async () => {
    const none = await shown();
    expect(none.itemA.unansweredChanges).toBe(0);
    expect(none.it.cascade).toEqual({ activeChanges: 0, recipients: 0, responded: 0 });

    const draft = await call('POST', '/api/changes', {
      token: await token(U.epmo),
      body: { title: 'Supplier insolvency risk', summary: 'Our main supplier may fail.', kind: 'threat', objectiveIds: ['obj-1'], domainIds: [], requiredResponse: 'acknowledge', respondBy: new Date(Date.now() + 7 * 86_400_000).toISOString() },
    });
    expect(draft.status).toBe(201);
    const changeId = draft.body.change.id as string;
    // A draft reaches no one: nothing to show yet.
    expect((await shown()).it.cascade.activeChanges).toBe(0);

    const published = await call('POST', `/api/changes/${changeId}/publish`, { token: await token(U.epmo), headers: { 'If-Match': draft.body.etag } });
    expect(published.status).toBe(200);
    const live = await shown();
    expect(live.itemA.unansweredChanges).toBe(1);
    // IT: its PMO channel and team A; HR: team C. The EPMO copy counts for no domain.
    expect(live.it.cascade).toEqual({ activeChanges: 1, recipients: 2, responded: 0 });
    expect(live.hr.cascade).toEqual({ activeChanges: 1, recipients: 1, responded: 0 });

    const ack = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(cardAction({ serviceUrl: connector.url, tenantId: T, kind: 'channel', conversationId: C.teamA, team: { id: `team-${C.teamA}` } }, { aadObjectId: U.teamA.userId, name: U.teamA.displayName }, execute('change.ack', { changeId, version: 1, conversationId: C.teamA }))),
    });
    expect(ack.status).toBe(200);
    const answered = await shown();
    expect(answered.itemA.unansweredChanges).toBe(0);
    expect(answered.it.cascade).toEqual({ activeChanges: 1, recipients: 2, responded: 1 });
    expect(answered.hr.cascade).toEqual({ activeChanges: 1, recipients: 1, responded: 0 });

    const withdrawn = await call('POST', `/api/changes/${changeId}/withdraw`, { token: await token(U.epmo), headers: { 'If-Match': published.body.etag }, body: { reason: 'Supplier recovered' } });
    expect(withdrawn.status).toBe(200);
    const gone = await shown();
    expect(gone.it.cascade).toEqual({ activeChanges: 0, recipients: 0, responded: 0 });
    expect(gone.hr.cascade).toEqual({ activeChanges: 0, recipients: 0, responded: 0 });
  });
});
