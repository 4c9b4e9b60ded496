/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies of HTTP answers, checked by the assertions */
/**
 * The signals journey's world, shared by its test files: a real app (durable delivery on
 * Azurite, development tokens), a connector server standing in for Teams, two tenants, their
 * people, portfolio, channels and links, and helpers that act as Teams and the tab do.
 */
import { afterAll, beforeAll, expect } from '@jest/globals';
import type { AppOverrides, RunningApp } from '../../bot/composition/start-app';
import type { ConversationRef } from '../../bot/conversations/domain/conversation';
import type { Domain, WorkItem } from '../../bot/portfolio/domain/portfolio';
import { unknownHealth } from '../../bot/portfolio/domain/portfolio';
import type { User } from '../../bot/kernel/roles';
import { apiClient, startTestApp } from '../support/app';
import { cardText, validateAdaptiveCard } from '../support/adaptive-card';
import { type ConnectorServer, type RecordedRequest, startConnectorServer } from '../support/connector-server';
import { BOT, type Where, type Who, cardAction, execute, message, nextActivityId } from '../bot/teams-activities';
import { FAST_DELIVERY_ENV, waitUntil } from '../delivery/support';

export const T = '5e1a0000-0000-4000-8000-0000000000a1';
export const OTHER_T = '5e1a0000-0000-4000-8000-0000000000b2';
const NOW = new Date().toISOString();

export const id = (n: number) => `5e1a0000-0000-4000-8000-00000000${String(n).padStart(4, '0')}`;
export const people = {
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

// Live bindings: set when the journey's app starts (startSignalsJourney), read by the tests.
export let app: RunningApp;
export let connector: ConnectorServer;
let call: ReturnType<typeof apiClient>;

export const TEAM = '19:team-web@thread.tacv2';
export const PMO = '19:pmo-it@thread.tacv2';
export const EPMO = '19:epmo@thread.tacv2';
export const where = (conversationId: string): Where => ({ serviceUrl: connector.url, tenantId: T, kind: 'channel', conversationId, team: { id: `${conversationId}-team`, name: 'Team' } });

const tokens = new Map<string, string>();
export async function token(who: Who, tenantId = T): Promise<string> {
  const key = `${tenantId}/${who.aadObjectId}`;
  const cached = tokens.get(key);
  if (cached) return cached;
  const res = await call('POST', '/api/dev/token', { body: { tenantId, userId: who.aadObjectId } });
  expect(res.status).toBe(200);
  tokens.set(key, res.body.token);
  return res.body.token as string;
}
export const api = async (who: Who, method: string, path: string, body?: unknown, headers?: Record<string, string>, tenantId = T) =>
  call(method, path, { token: await token(who, tenantId), ...(body !== undefined ? { body } : {}), ...(headers ? { headers } : {}) });

export async function post(activity: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(activity) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

export function cardOf(request: RecordedRequest | undefined): any {
  const attachment = request?.body?.attachments?.[0];
  expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
  expect(validateAdaptiveCard(attachment.content)).toEqual([]);
  return attachment.content;
}

/** A card action (in a channel, in the thread of `threadRoot`, by default the card's own); answers the card of the invoke response, validated. */
export async function act(conversationId: string, who: Who, verb: string, data: Record<string, unknown>, cardMessageId?: string, threadRoot?: string): Promise<{ text: string; card: any }> {
  const res = await post(cardAction(where(conversationId), who, execute(verb, data), cardMessageId, threadRoot ?? cardMessageId));
  expect(res.status).toBe(200);
  expect(validateAdaptiveCard(res.body.value)).toEqual([]);
  return { text: cardText(res.body.value), card: res.body.value };
}

/** The channel (or chat) a request went to: a reply in a channel thread is addressed `<channel>;messageid=<root id>`. */
export const channelOf = (r: RecordedRequest): string => (r.conversationId ?? '').split(';messageid=')[0] ?? '';
/** Posts and updates in a conversation, in channels whether new posts or replies in a thread. */
export const sentTo = (conversationId: string, method: 'POST' | 'PUT') => connector.requests.filter((r) => channelOf(r) === conversationId && r.method === method && r.path.includes('/activities'));
/** The conversation id that addresses the thread of `rootId` in a channel. */
export const inThread = (channel: string, rootId: string): string => `${channel};messageid=${rootId}`;

/** Waits until every card update dispatched for the signal so far has been sent or dropped (updates wait to coalesce). */
export async function cardUpdatesSettled(signalId: string): Promise<void> {
  const detail = await api(people.itLead, 'GET', `/api/signals/${signalId}`);
  expect(detail.status).toBe(200);
  const revisions: number = detail.body.timeline.length;
  await waitUntil(
    async () => {
      for (let r = 1; r <= revisions; r++) if ((await app.delivery.listBatch(T, `signal:${signalId}:r${r}`)).some((d) => d.state === 'queued')) return false;
      return true;
    },
    15_000,
    `the card updates of ${signalId}`,
  );
}
export const withText = (requests: readonly RecordedRequest[], text: string) => requests.filter((r) => cardText(r.body?.attachments?.[0]?.content).includes(text));
export const waitFor = (what: string, check: () => boolean) => waitUntil(check, 15_000, what);

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

/**
 * Starts the journey's app, tenants, people, portfolio, channels and links for the test file (and
 * stops them after it). `setup` gives extra environment and overrides (activity-feed tests point
 * the app at their Graph stand-ins).
 */
export function startSignalsJourney(setup: () => { env?: Record<string, string>; overrides?: AppOverrides } = () => ({})): void {
  beforeAll(async () => {
    connector = await startConnectorServer();
    const { env = {}, overrides = {} } = setup();
    app = await startTestApp({ ...FAST_DELIVERY_ENV, AUTH_MODE: 'dev', ...env }, overrides);
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
}

/**
 * Raises through the `raise` form card's invoke; answers the signal id, the form's activity id and
 * the thread it is in (the "raise" post's: the form is the bot's reply to it).
 */
export async function raiseThroughForm(title: string): Promise<{ signalId: string; formId: string; label: string; threadId: string }> {
  const msg = message(where(TEAM), people.member, 'raise');
  const before = connector.requests.length;
  expect((await post(msg)).status).toBe(200);
  // The form is the reply in the team; cards of earlier signals may be delivered meanwhile.
  const reply = connector.requests.slice(before).find((r) => r.method === 'POST' && cardText(r.body?.attachments?.[0]?.content).includes('Raise a signal'));
  const form = cardOf(reply);
  expect(cardText(form)).toContain('Raise a signal with the PMO');
  expect(cardText(form)).toContain('Website rebuild');
  const formId = `form-${nextActivityId()}`;
  const { text } = await act(TEAM, people.member, 'signal.raise', { kind: 'risk', title, details: 'Two engineers left.', urgency: 'high', workItemId: 'wi-web' }, formId, msg.id);
  const label = /S-\d+/.exec(text)?.[0] ?? '';
  expect(text).toContain(`Raised ${label} with the IT PMO`);
  const list = await api(people.member, 'GET', '/api/signals?mine=true');
  const signal = list.body.items.find((s: any) => s.title === title);
  return { signalId: signal.id, formId, label, threadId: msg.id };
}

export async function analyseAndEscalate(signalId: string): Promise<void> {
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
