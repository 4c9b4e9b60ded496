/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies of HTTP answers, checked by the assertions */
/**
 * Signals end to end over real HTTP (PRODUCT.md §4): Teams-shaped activities to /api/messages,
 * the tab's API with development tokens, the real durable delivery on Azurite, and a local
 * connector server standing in for Teams that records every card sent and updated.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunningApp } from '../../bot/composition/start-app';
import type { ConversationRef } from '../../bot/conversations/domain/conversation';
import type { Domain, WorkItem } from '../../bot/portfolio/domain/portfolio';
import { unknownHealth } from '../../bot/portfolio/domain/portfolio';
import type { User } from '../../bot/kernel/roles';
import { DECISION_CSV_COLUMNS } from '../../bot/api-contract/signals';
import { apiClient, startTestApp } from '../support/app';
import { cardText, validateAdaptiveCard } from '../support/adaptive-card';
import { type ConnectorServer, type RecordedRequest, startConnectorServer } from '../support/connector-server';
import { BOT, type Where, type Who, cardAction, execute, message, nextActivityId } from '../bot/teams-activities';
import { FAST_DELIVERY_ENV, waitUntil } from '../delivery/support';

const T = '5e1a0000-0000-4000-8000-0000000000a1';
const OTHER_T = '5e1a0000-0000-4000-8000-0000000000b2';
const NOW = new Date().toISOString();

const id = (n: number) => `5e1a0000-0000-4000-8000-00000000${String(n).padStart(4, '0')}`;
const people = {
  member: { aadObjectId: id(1), name: 'Mia Member' },
  itLead: { aadObjectId: id(2), name: 'Ivo IT Lead' },
  hrLead: { aadObjectId: id(3), name: 'Hana HR Lead' },
  owner: { aadObjectId: id(4), name: 'Sol Owner' },
  owner2: { aadObjectId: id(5), name: 'Sam Owner' },
  epmo: { aadObjectId: id(6), name: 'Eve EPMO' },
  outsider: { aadObjectId: id(7), name: 'Otto Other' },
} satisfies Record<string, Who>;

const users: User[] = [
  { tenantId: T, userId: id(1), displayName: 'Mia Member', roles: [{ role: 'team_member', workItemId: 'wi-web' }] },
  { tenantId: T, userId: id(2), displayName: 'Ivo IT Lead', roles: [{ role: 'pmo_lead', domainId: 'dom-it' }] },
  { tenantId: T, userId: id(3), displayName: 'Hana HR Lead', roles: [{ role: 'pmo_lead', domainId: 'dom-hr' }] },
  { tenantId: T, userId: id(4), displayName: 'Sol Owner', roles: [{ role: 'strategy_owner' }] },
  { tenantId: T, userId: id(5), displayName: 'Sam Owner', roles: [{ role: 'strategy_owner' }] },
  { tenantId: T, userId: id(6), displayName: 'Eve EPMO', roles: [{ role: 'epmo_member' }] },
  { tenantId: OTHER_T, userId: id(7), displayName: 'Otto Other', roles: [{ role: 'pmo_lead', domainId: 'dom-it' }, { role: 'strategy_owner' }] },
];

let app: RunningApp;
let connector: ConnectorServer;
let call: ReturnType<typeof apiClient>;

const TEAM = '19:team-web@thread.tacv2';
const PMO = '19:pmo-it@thread.tacv2';
const EPMO = '19:epmo@thread.tacv2';
const where = (conversationId: string): Where => ({ serviceUrl: connector.url, tenantId: T, kind: 'channel', conversationId, team: { id: `${conversationId}-team`, name: 'Team' } });

const tokens = new Map<string, string>();
async function token(who: Who, tenantId = T): Promise<string> {
  const key = `${tenantId}/${who.aadObjectId}`;
  const cached = tokens.get(key);
  if (cached) return cached;
  const res = await call('POST', '/api/dev/token', { body: { tenantId, userId: who.aadObjectId } });
  expect(res.status).toBe(200);
  tokens.set(key, res.body.token);
  return res.body.token as string;
}
const api = async (who: Who, method: string, path: string, body?: unknown, headers?: Record<string, string>, tenantId = T) =>
  call(method, path, { token: await token(who, tenantId), ...(body !== undefined ? { body } : {}), ...(headers ? { headers } : {}) });

async function post(activity: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(activity) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

function cardOf(request: RecordedRequest | undefined): any {
  const attachment = request?.body?.attachments?.[0];
  expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
  expect(validateAdaptiveCard(attachment.content)).toEqual([]);
  return attachment.content;
}

/** A card action; answers the card of the invoke response, validated. */
async function act(conversationId: string, who: Who, verb: string, data: Record<string, unknown>, cardMessageId?: string): Promise<{ text: string; card: any }> {
  const res = await post(cardAction(where(conversationId), who, execute(verb, data), cardMessageId));
  expect(res.status).toBe(200);
  expect(validateAdaptiveCard(res.body.value)).toEqual([]);
  return { text: cardText(res.body.value), card: res.body.value };
}

const sentTo = (conversationId: string, method: 'POST' | 'PUT') => connector.requests.filter((r) => r.conversationId === conversationId && r.method === method && r.path.includes('/activities'));
const withText = (requests: readonly RecordedRequest[], text: string) => requests.filter((r) => cardText(r.body?.attachments?.[0]?.content).includes(text));
const waitFor = (what: string, check: () => boolean) => waitUntil(check, 15_000, what);

const ref = (conversationId: string, title: string, tenantId = T): ConversationRef => ({
  tenantId,
  conversationId,
  kind: 'channel',
  serviceUrl: 'http://placeholder/',
  channelId: 'msteams',
  botId: BOT.id,
  teamId: `${conversationId}-team`,
  title,
  installedAt: NOW,
  updatedAt: NOW,
  active: true,
});

const domain = (tenantId: string, did: string, name: string): Domain => ({ tenantId, id: did, name, description: '', freshnessDays: 14, createdAt: NOW });
const item = (wid: string, domainId: string, title: string): WorkItem => ({
  tenantId: T, id: wid, domainId, title, structure: 'project', mode: 'agile', stage: 'Beta', owner: { displayName: 'Owner' },
  startDate: '2026-01-01', endDate: '2026-12-31', objectives: [], health: unknownHealth(), createdAt: NOW, updatedAt: NOW,
});

beforeAll(async () => {
  connector = await startConnectorServer();
  app = await startTestApp({ ...FAST_DELIVERY_ENV, AUTH_MODE: 'dev' });
  call = apiClient(app.url);
  for (const t of [T, OTHER_T]) await app.repos.tenants.upsert({ tenantId: t, displayName: t, createdAt: NOW });
  for (const u of users) await app.repos.users.upsert(u);
  await app.repos.domains.createMany([domain(T, 'dom-it', 'IT'), domain(T, 'dom-hr', 'HR')]);
  await app.repos.domains.createMany([domain(OTHER_T, 'dom-it', 'Other IT')]);
  await app.repos.workItems.createMany([item('wi-web', 'dom-it', 'Website rebuild')]);
  for (const [cid, title] of [[TEAM, 'Web team'], [PMO, 'IT PMO'], [EPMO, 'EPMO']] as const) {
    await app.repos.conversations.save({ ...ref(cid, title), serviceUrl: connector.url });
  }
  await app.repos.links.put({ tenantId: T, conversationId: TEAM, target: { kind: 'team', workItemId: 'wi-web' }, linkedBy: id(2), linkedAt: NOW });
  await app.repos.links.put({ tenantId: T, conversationId: PMO, target: { kind: 'pmo', domainId: 'dom-it' }, linkedBy: id(2), linkedAt: NOW });
  await app.repos.links.put({ tenantId: T, conversationId: EPMO, target: { kind: 'epmo' }, linkedBy: id(6), linkedAt: NOW });
});

afterAll(async () => {
  await app?.stop();
  await connector?.close();
});

/** Raises through the `raise` form card's invoke; answers the signal id and the form's activity id. */
async function raiseThroughForm(title: string): Promise<{ signalId: string; formId: string; label: string }> {
  const msg = message(where(TEAM), people.member, 'raise');
  const before = connector.requests.length;
  expect((await post(msg)).status).toBe(200);
  // The form is the reply in the team; cards of earlier signals may be delivered meanwhile.
  const reply = connector.requests.slice(before).find((r) => r.method === 'POST' && cardText(r.body?.attachments?.[0]?.content).includes('Raise a signal'));
  const form = cardOf(reply);
  expect(cardText(form)).toContain('Raise a signal with the PMO');
  expect(cardText(form)).toContain('Website rebuild');
  const formId = `form-${nextActivityId()}`;
  const { text } = await act(TEAM, people.member, 'signal.raise', { kind: 'risk', title, details: 'Two engineers left.', urgency: 'high', workItemId: 'wi-web' }, formId);
  const label = /S-\d+/.exec(text)?.[0] ?? '';
  expect(text).toContain(`Raised ${label} with the IT PMO`);
  const list = await api(people.member, 'GET', '/api/signals?mine=true');
  const signal = list.body.items.find((s: any) => s.title === title);
  return { signalId: signal.id, formId, label };
}

async function analyseAndEscalate(signalId: string): Promise<void> {
  expect((await api(people.itLead, 'POST', `/api/signals/${signalId}/triage`, { comment: 'On it' })).status).toBe(200);
  const started = await api(people.itLead, 'POST', `/api/signals/${signalId}/start-analysis`, {});
  expect(started.status).toBe(200);
  const saved = await api(
    people.itLead,
    'PUT',
    `/api/signals/${signalId}/analysis`,
    {
      context: { objectiveIds: [], schedule: 'high', cost: 'medium', benefit: 'low', risk: 'high', narrative: 'Slips the portal launch.' },
      options: [
        { title: 'Add a second vendor', description: 'Bring in Contoso', impact: '+£40k, keeps March' },
        { title: 'Slip to April', description: '', impact: 'No cost, one month late' },
      ],
      recommendation: { optionIndex: 0, rationale: 'March matters more than £40k' },
    },
    { 'If-Match': started.body.signal.etag },
  );
  expect(saved.status).toBe(200);
  const escalated = await api(people.itLead, 'POST', `/api/signals/${signalId}/escalate`, { decisionWorkingDays: 3 });
  expect(escalated.status).toBe(200);
  expect(escalated.body.signal.state).toBe('escalated');
}

describe('the full journey', () => {
  it('raise (form and message action) → PMO card → triage, analysis, escalation → EPMO card → decision by card → cards updated, notice, decision log and CSV', async () => {
    // 1. A team member raises through the form card.
    const first = await raiseThroughForm('Vendor may miss the March release');
    await waitFor('the PMO card in the IT PMO channel', () => withText(sentTo(PMO, 'POST'), first.label).length === 1);
    const pmoCard = withText(sentTo(PMO, 'POST'), first.label)[0];
    expect(cardText(cardOf(pmoCard))).toContain('Accept (triage)');
    // The form the raiser submitted became the receipt, for everyone (one update through delivery).
    await waitFor('the receipt replacing the form', () => connector.requests.some((r) => r.method === 'PUT' && r.activityId === first.formId));

    // 2. ...and through the message action: fetchTask pre-fills the form, submitAction raises it.
    const messagePayload = { id: '1700000000123', linkToMessage: 'https://teams.microsoft.com/l/message/19:team-web/1700000000123', body: { contentType: 'html', content: '<p>Payroll export fails every Friday</p><p>Since the upgrade.</p>' } };
    const base = message(where(TEAM), people.member, '');
    const fetched = await post({ ...base, type: 'invoke', name: 'composeExtension/fetchTask', value: { commandId: 'raiseWithPmo', commandContext: 'message', messagePayload } });
    expect(fetched.status).toBe(200);
    const dialogCard = fetched.body.task.value.card.content;
    expect(validateAdaptiveCard(dialogCard)).toEqual([]);
    expect(JSON.stringify(dialogCard)).toContain('"value":"Payroll export fails every Friday"');
    const submitted = await post({
      ...message(where(TEAM), people.member, ''),
      type: 'invoke',
      name: 'composeExtension/submitAction',
      value: { commandId: 'raiseWithPmo', commandContext: 'message', messagePayload, data: { verb: 'signal.raise', kind: 'issue', title: 'Payroll export fails every Friday', details: 'Since the upgrade.', urgency: 'normal' } },
    });
    expect(submitted.status).toBe(200);
    expect(submitted.body.task.type).toBe('message');
    const second = /S-\d+/.exec(submitted.body.task.value)?.[0] ?? '';
    expect(second).not.toBe('');
    const secondSignal = (await api(people.member, 'GET', '/api/signals?mine=true')).body.items.find((s: any) => s.label === second);
    expect(secondSignal.origin).toMatchObject({ conversationId: TEAM, messageId: '1700000000123', messageLink: messagePayload.linkToMessage, messagePreview: expect.stringContaining('Payroll export fails') });
    await waitFor('the second PMO card', () => withText(sentTo(PMO, 'POST'), second).length === 1);
    await waitFor('the second receipt in the team channel', () => withText(sentTo(TEAM, 'POST'), `Signal raised · ${second}`).length === 1);

    // 3. Triage, analysis and escalation through the API; the EPMO card arrives.
    await analyseAndEscalate(first.signalId);
    await waitFor('the EPMO card', () => withText(sentTo(EPMO, 'POST'), first.label).length === 1);
    const epmoRequest = withText(sentTo(EPMO, 'POST'), first.label)[0];
    const epmo = cardOf(epmoRequest);
    expect(cardText(epmo)).toContain('Add a second vendor');
    expect(cardText(epmo)).toContain('recommended');
    expect(cardText(epmo)).toContain('read-only');
    expect(epmo.refresh.userIds).toEqual(expect.arrayContaining([id(4), id(5)]));
    // A strategy owner's refresh shows the decision inputs; an EPMO member's does not.
    expect((await act(EPMO, people.owner, 'signal.view', { signalId: first.signalId, view: 'epmo' })).text).toContain('Record decision');
    expect((await act(EPMO, people.epmo, 'signal.view', { signalId: first.signalId, view: 'epmo' })).text).not.toContain('Record decision');

    // 4. The strategy owner decides through the card.
    await waitUntil(async () => (await app.delivery.listBatch(T, `signal:${first.signalId}:epmo`)).every((d) => d.state === 'sent'), 10_000, 'EPMO card sent');
    const epmoActivityId = (await app.delivery.listBatch(T, `signal:${first.signalId}:epmo`))[0]?.activityId as string;
    const pmoActivityId = (await app.delivery.listBatch(T, `signal:${first.signalId}:pmo`))[0]?.activityId as string;
    const mark = connector.requests.length;
    const decided = await act(EPMO, people.owner, 'signal.decide', { signalId: first.signalId, round: 1, outcome: 'approve_recommended', rationale: 'Keep the launch date', deferredUntil: '', chosenOptionId: '' }, epmoActivityId);
    expect(decided.text).toContain('Your decision is recorded');
    expect(decided.text).toContain('Approved the recommended option');

    // 5. The three cards are updated in place, one PUT each, and the team is told the decision.
    const after = () => connector.requests.slice(mark);
    await waitFor('three card updates and the notice', () => after().filter((r) => r.method === 'PUT').length >= 3 && withText(after().filter((r) => r.method === 'POST' && r.conversationId === TEAM), 'Decision on').length === 1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const puts = after().filter((r) => r.method === 'PUT');
    expect(puts.map((r) => `${r.conversationId}/${r.activityId}`).sort()).toEqual([`${EPMO}/${epmoActivityId}`, `${PMO}/${pmoActivityId}`, `${TEAM}/${first.formId}`].sort());
    for (const put of puts) expect(cardText(cardOf(put))).toContain('Keep the launch date');
    const notice = withText(after().filter((r) => r.method === 'POST' && r.conversationId === TEAM), 'Decision on')[0];
    expect(cardText(cardOf(notice))).toContain('Add a second vendor');

    // 6. The decision log and its CSV export.
    const log = await api(people.epmo, 'GET', '/api/decisions?q=vendor');
    expect(log.status).toBe(200);
    expect(log.body.items).toHaveLength(1);
    const decision = log.body.items[0];
    expect(decision).toMatchObject({
      signalId: first.signalId,
      question: expect.stringContaining('Vendor may miss the March release'),
      context: expect.objectContaining({ narrative: 'Slips the portal launch.' }),
      options: [expect.objectContaining({ title: 'Add a second vendor' }), expect.objectContaining({ title: 'Slip to April' })],
      recommendation: expect.objectContaining({ rationale: 'March matters more than £40k', authorName: 'Ivo IT Lead' }),
      outcome: 'approve_recommended',
      chosenOptionTitle: 'Add a second vendor',
      rationale: 'Keep the launch date',
      decidedBy: { userId: id(4), displayName: 'Sol Owner' },
      decidedAt: expect.any(String),
    });
    const csv = await fetch(`${app.url}/api/decisions/export.csv`, { headers: { Authorization: `Bearer ${await token(people.epmo)}` } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const body = await csv.text();
    expect(body.split('\r\n')[0]).toBe(DECISION_CSV_COLUMNS.join(','));
    expect(body).toContain('"March matters more than £40k"');
    expect(body).toContain('"1. Add a second vendor (impact: +£40k, keeps March)\n2. Slip to April (impact: No cost, one month late)"');
    // The record has no edit path.
    for (const method of ['PUT', 'PATCH', 'DELETE']) expect((await api(people.owner, method, `/api/decisions/${decision.id}`, {})).status).toBe(404);

    // The timeline holds every step, in order.
    const detail = await api(people.itLead, 'GET', `/api/signals/${first.signalId}`);
    expect(detail.body.timeline.map((e: any) => e.action)).toEqual(['raise', 'triage', 'startAnalysis', 'saveAnalysis', 'escalate', 'decide']);
    // "my signals" in Teams shows the state.
    const mine = message(where(TEAM), people.member, 'my signals');
    const m0 = connector.requests.length;
    await post(mine);
    expect(cardText(cardOf(connector.requests.slice(m0).find((r) => r.method === 'POST')))).toMatch(new RegExp(`${first.label}[\\s\\S]*Decided`));
  });
});

describe('raising twice by a double submit raises one signal', () => {
  it('the raise form submitted three times at once: one signal, one number, one PMO card, every answer its receipt', async () => {
    const msg = message(where(TEAM), people.member, 'raise');
    expect((await post(msg)).status).toBe(200);
    const formId = `form-${nextActivityId()}`;
    const data = { kind: 'issue', title: 'Build server is out of disk', details: 'Nightly builds fail.', urgency: 'high', workItemId: 'wi-web' };
    const answers = await Promise.all([1, 2, 3].map(() => act(TEAM, people.member, 'signal.raise', data, formId)));
    const labels = answers.map((a) => /S-\d+/.exec(a.text)?.[0]);
    expect(new Set(labels).size).toBe(1);
    const label = labels[0] as string;
    expect(label).toBeDefined();
    expect(answers.filter((a) => a.text.includes(`Raised ${label} with the IT PMO`))).toHaveLength(1);
    expect(answers.filter((a) => a.text.includes(`${label} was already raised from this form; nothing was raised twice.`))).toHaveLength(2);
    for (const a of answers) expect(a.text).toContain('Build server is out of disk');
    const mine = (await api(people.member, 'GET', '/api/signals?mine=true')).body.items.filter((s: any) => s.title === data.title);
    expect(mine).toHaveLength(1);
    expect((await api(people.itLead, 'GET', `/api/signals/${mine[0].id}`)).body.timeline.map((e: any) => e.action)).toEqual(['raise']);
    // Submitting the same form again later answers with the same receipt, too.
    expect((await act(TEAM, people.member, 'signal.raise', data, formId)).text).toContain(`${label} was already raised from this form`);
    // The next raise takes the next number: the repeats used none.
    const next = await raiseThroughForm('Office move delayed');
    expect(next.label).toBe(`S-${Number(label.slice(2)) + 1}`);
    await waitFor('the PMO card of the double-submitted raise', () => withText(sentTo(PMO, 'POST'), 'Build server is out of disk').length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(withText(sentTo(PMO, 'POST'), 'Build server is out of disk')).toHaveLength(1);
  });

  it('the message action\'s dialog submitted twice at once: one signal', async () => {
    const messagePayload = { id: '1700000000999', linkToMessage: 'https://teams.microsoft.com/l/message/19:team-web/1700000000999', body: { contentType: 'text', content: 'The VPN drops every hour' } };
    const submit = () =>
      post({
        ...message(where(TEAM), people.member, ''),
        type: 'invoke',
        name: 'composeExtension/submitAction',
        value: { commandId: 'raiseWithPmo', commandContext: 'message', messagePayload, data: { verb: 'signal.raise', kind: 'issue', title: 'The VPN drops every hour', details: '', urgency: 'normal' } },
      });
    const answers = await Promise.all([submit(), submit()]);
    const labels = answers.map((a) => /S-\d+/.exec(a.body.task.value)?.[0]);
    expect(labels[0]).toBeDefined();
    expect(labels[1]).toBe(labels[0]);
    expect(answers.filter((a) => String(a.body.task.value).includes('was already raised from this message'))).toHaveLength(1);
    expect((await api(people.member, 'GET', '/api/signals?mine=true')).body.items.filter((s: any) => s.title === 'The VPN drops every hour')).toHaveLength(1);
  });
});

describe('forbidden, concurrent and invalid actions change nothing and get a clear answer', () => {
  let signalId: string;
  beforeAll(async () => {
    signalId = (await raiseThroughForm('Hosting contract renewal')).signalId;
  });

  it('refuses deciding a raised signal with the reason', async () => {
    const res = await api(people.owner, 'POST', `/api/signals/${signalId}/decide`, { outcome: 'approve_recommended', rationale: 'x' });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'SIGNAL.INVALID_TRANSITION', message: 'A raised signal cannot be decided: it has to be triaged, analysed and escalated first.' });
  });

  it('a PMO lead of another domain cannot triage, by API or card; another tenant cannot see it', async () => {
    const res = await api(people.hrLead, 'POST', `/api/signals/${signalId}/triage`, {});
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('PMO lead of the dom-it domain');
    const card = await act(PMO, people.hrLead, 'signal.triage', { signalId });
    expect(card.text).toContain('Only the PMO lead');
    const other = await api(people.outsider, 'POST', `/api/signals/${signalId}/triage`, {}, undefined, OTHER_T);
    expect(other.status).toBe(404);
    expect((await api(people.outsider, 'GET', `/api/signals/${signalId}`, undefined, undefined, OTHER_T)).status).toBe(404);
    expect((await api(people.outsider, 'GET', '/api/signals', undefined, undefined, OTHER_T)).body.items).toEqual([]);
    const unchanged = await api(people.itLead, 'GET', `/api/signals/${signalId}`);
    expect(unchanged.body.signal.state).toBe('raised');
    expect(unchanged.body.timeline).toHaveLength(1);
  });

  it('a signal card is shown only to whoever may see the signal, like GET /api/signals/:id', async () => {
    expect((await api(people.hrLead, 'GET', `/api/signals/${signalId}`)).status).toBe(403);
    for (const view of ['pmo', 'epmo', 'receipt']) {
      const seen = await act(PMO, people.hrLead, 'signal.view', { signalId, view });
      expect(seen.text).toContain('Only the PMO leads of its domain, the EPMO and the person who raised it can see this signal.');
      expect(seen.text).not.toContain('Hosting contract renewal');
      expect(seen.text).not.toContain('Two engineers left');
    }
    // The view shown when the card's data cannot be read follows the same rule.
    const unreadable = await act(EPMO, people.hrLead, 'signal.decide', { signalId, round: 'x' });
    expect(unreadable.text).toContain('can see this signal');
    expect(unreadable.text).not.toContain('Hosting contract renewal');
    // Those who may see it still do.
    expect((await act(PMO, people.itLead, 'signal.view', { signalId, view: 'pmo' })).text).toContain('Hosting contract renewal');
    expect((await act(TEAM, people.member, 'signal.view', { signalId, view: 'receipt' })).text).toContain('Hosting contract renewal');
  });

  it('an analysis whose options are too long to store together is refused with the reason (400), and nothing is saved', async () => {
    const raised = await raiseThroughForm('Data centre exit');
    expect((await api(people.itLead, 'POST', `/api/signals/${raised.signalId}/triage`, {})).status).toBe(200);
    const started = await api(people.itLead, 'POST', `/api/signals/${raised.signalId}/start-analysis`, {});
    expect(started.status).toBe(200);
    // Each field is within its own limit, but quotation marks and line breaks double in the stored JSON.
    const long = '"'.repeat(1990);
    const options = Array.from({ length: 6 }, (_, i) => ({ title: `Option ${i + 1}`, description: long, impact: long }));
    const saved = await api(people.itLead, 'PUT', `/api/signals/${raised.signalId}/analysis`, { options }, { 'If-Match': started.body.signal.etag });
    expect(saved.status).toBe(400);
    expect(saved.body.error.code).toBe('VALIDATION.INVALID');
    expect(saved.body.error.message).toContain('The options are too long together');
    expect(saved.body.error.details).toEqual([expect.objectContaining({ at: 'options' })]);
    const after = await api(people.itLead, 'GET', `/api/signals/${raised.signalId}`);
    expect(after.body.signal).toMatchObject({ state: 'analysing', options: [] });
    // The same analysis, shorter, is saved.
    const fits = options.map((o) => ({ ...o, description: 'Short', impact: 'Small' }));
    expect((await api(people.itLead, 'PUT', `/api/signals/${raised.signalId}/analysis`, { options: fits }, { 'If-Match': started.body.signal.etag })).status).toBe(200);
  });

  it('a team member or an EPMO member cannot decide; a double-submitted decision records one; two owners at once: one wins, the other is told who', async () => {
    await analyseAndEscalate(signalId);
    const byMember = await api(people.member, 'POST', `/api/signals/${signalId}/decide`, { outcome: 'reject', rationale: 'no' });
    expect(byMember.status).toBe(403);
    const byEpmoCard = await act(EPMO, people.epmo, 'signal.decide', { signalId, round: 1, outcome: 'reject', rationale: 'no' });
    expect(byEpmoCard.text).toContain('Only a strategy owner can do that');
    expect(byEpmoCard.text).not.toContain('Record decision');
    expect((await api(people.itLead, 'GET', `/api/signals/${signalId}`)).body.signal.state).toBe('escalated');

    // Double submit by the same person, and a second owner at the same moment.
    const body = { outcome: 'choose_other', chosenOptionId: 'o2', rationale: 'April is fine' };
    const results = await Promise.all([
      api(people.owner, 'POST', `/api/signals/${signalId}/decide`, body),
      api(people.owner, 'POST', `/api/signals/${signalId}/decide`, body),
      api(people.owner2, 'POST', `/api/signals/${signalId}/decide`, { outcome: 'reject', rationale: 'Not now' }),
    ]);
    const decisions = (await api(people.epmo, 'GET', '/api/decisions')).body.items.filter((d: any) => d.signalId === signalId);
    expect(decisions).toHaveLength(1);
    const winner = decisions[0].decidedBy.displayName;
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    const loser = results.find((r) => r.status === 409);
    expect(loser?.body.error.code).toBe('SIGNAL.ALREADY_DECIDED');
    expect(loser?.body.error.message).toBe(`${decisions[0].signalLabel} is already decided by ${winner}.`);
    if (winner === 'Sol Owner') expect(statuses.sort()).toEqual([200, 201, 409]);
  });
});
