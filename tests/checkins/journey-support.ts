/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies of HTTP answers, checked by the assertions */
/**
 * The check-ins journey's world: a real app (durable delivery on Azurite, development tokens), a
 * connector server standing in for Teams, one tenant with an IT domain, its PMO channel, two team
 * channels and their items, the people, and helpers that act as Teams and the tab do.
 */
import { afterAll, beforeAll, expect } from '@jest/globals';
import type { RunningApp } from '../../bot/composition/start-app';
import type { ConversationRef } from '../../bot/conversations/domain/conversation';
import type { WorkItem } from '../../bot/portfolio/domain/portfolio';
import type { User } from '../../bot/kernel/roles';
import { apiClient, startTestApp } from '../support/app';
import { cardText, validateAdaptiveCard } from '../support/adaptive-card';
import { type ConnectorServer, type RecordedRequest, startConnectorServer } from '../support/connector-server';
import { BOT, type Where, type Who, cardAction, execute } from '../bot/teams-activities';
import { FAST_DELIVERY_ENV, waitUntil } from '../delivery/support';

export const T = 'c4ec0000-0000-4000-8000-0000000000a1';
const NOW = new Date();
const DAY_MS = 24 * 60 * 60 * 1000;
const isoDay = (offsetDays: number): string => new Date(NOW.getTime() + offsetDays * DAY_MS).toISOString().slice(0, 10);

export const id = (n: number) => `c4ec0000-0000-4000-8000-00000000${String(n).padStart(4, '0')}`;
export const people = {
  member: { aadObjectId: id(1), name: 'Mia Member' },
  appMember: { aadObjectId: id(2), name: 'Abe App' },
  itLead: { aadObjectId: id(3), name: 'Ivo IT Lead' },
  hrLead: { aadObjectId: id(4), name: 'Hana HR Lead' },
} satisfies Record<string, Who>;

const users: User[] = [
  { tenantId: T, userId: id(1), displayName: 'Mia Member', roles: [{ role: 'team_member', workItemId: 'wi-web' }] },
  { tenantId: T, userId: id(2), displayName: 'Abe App', roles: [{ role: 'team_member', workItemId: 'wi-app' }] },
  { tenantId: T, userId: id(3), displayName: 'Ivo IT Lead', roles: [{ role: 'pmo_lead', domainId: 'dom-it' }] },
  { tenantId: T, userId: id(4), displayName: 'Hana HR Lead', roles: [{ role: 'pmo_lead', domainId: 'dom-hr' }] },
];

export let app: RunningApp;
export let connector: ConnectorServer;
let call: ReturnType<typeof apiClient>;

export const WEB_TEAM = '19:team-web@thread.tacv2';
export const APP_TEAM = '19:team-app@thread.tacv2';
export const PMO = '19:pmo-it@thread.tacv2';
export const where = (conversationId: string): Where => ({ serviceUrl: connector.url, tenantId: T, kind: 'channel', conversationId, team: { id: `${conversationId}-team`, name: 'Team' } });

const tokens = new Map<string, string>();
async function token(who: Who): Promise<string> {
  const cached = tokens.get(who.aadObjectId ?? '');
  if (cached) return cached;
  const res = await call('POST', '/api/dev/token', { body: { tenantId: T, userId: who.aadObjectId } });
  expect(res.status).toBe(200);
  tokens.set(who.aadObjectId ?? '', res.body.token);
  return res.body.token as string;
}
export const api = async (who: Who, method: string, path: string, body?: unknown) => call(method, path, { token: await token(who), ...(body !== undefined ? { body } : {}) });

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

/** A card action on message `cardMessageId` in a channel; answers the invoke's card, validated. */
export async function act(conversationId: string, who: Who, verb: string, data: Record<string, unknown>, cardMessageId?: string): Promise<{ text: string; card: any }> {
  const res = await post(cardAction(where(conversationId), who, execute(verb, data), cardMessageId));
  expect(res.status).toBe(200);
  expect(validateAdaptiveCard(res.body.value)).toEqual([]);
  return { text: cardText(res.body.value), card: res.body.value };
}

/** The inputs of a card, by id. */
export function inputsOf(card: any): Map<string, any> {
  const found = new Map<string, any>();
  const walk = (node: any): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if (typeof node.type === 'string' && node.type.startsWith('Input.')) found.set(node.id, node);
      Object.values(node).forEach(walk);
    }
  };
  walk(card.body);
  return found;
}

export const channelOf = (r: RecordedRequest): string => (r.conversationId ?? '').split(';messageid=')[0] ?? '';
export const sentTo = (conversationId: string, method: 'POST' | 'PUT') => connector.requests.filter((r) => channelOf(r) === conversationId && r.method === method && r.path.includes('/activities'));
export const withText = (requests: readonly RecordedRequest[], text: string) => requests.filter((r) => cardText(r.body?.attachments?.[0]?.content).includes(text));
export const waitFor = (what: string, check: () => boolean | Promise<boolean>) => waitUntil(check, 15_000, what);

const ref = (conversationId: string, title: string): ConversationRef => ({
  tenantId: T, conversationId, kind: 'channel', serviceUrl: connector.url, channelId: 'msteams', botId: BOT.id, teamId: `${conversationId}-team`, title,
  installedAt: NOW.toISOString(), updatedAt: NOW.toISOString(), active: true,
});

const item = (wid: string, title: string, extra: Partial<WorkItem> = {}): WorkItem => ({
  tenantId: T, id: wid, domainId: 'dom-it', title, structure: 'project', mode: 'agile', stage: 'Build', owner: { displayName: 'Owner' },
  // Half of the item's time has passed: the benefit the rules expect is half the plan.
  startDate: isoDay(-100), endDate: isoDay(100), objectives: [],
  health: { schedule: 'green', cost: 'green', scope: 'amber', benefit: 'green' },
  statusReportedAt: new Date(NOW.getTime() - 20 * DAY_MS).toISOString(), statusNote: 'Design signed off',
  createdAt: NOW.toISOString(), updatedAt: NOW.toISOString(), ...extra,
});

export function startCheckInsJourney(): void {
  beforeAll(async () => {
    connector = await startConnectorServer();
    app = await startTestApp({ ...FAST_DELIVERY_ENV, AUTH_MODE: 'dev' });
    call = apiClient(app.url);
    await app.repos.tenants.upsert({ tenantId: T, displayName: 'Contoso', createdAt: NOW.toISOString() });
    for (const u of users) await app.repos.users.upsert(u);
    const now = NOW.toISOString();
    await app.repos.domains.createMany([
      { tenantId: T, id: 'dom-it', name: 'IT', description: '', freshnessDays: 14, createdAt: now },
      { tenantId: T, id: 'dom-hr', name: 'HR', description: '', freshnessDays: 14, createdAt: now },
    ]);
    await app.repos.workItems.createMany([
      item('wi-web', 'Website rebuild', { benefits: { planned: { value: 200, unit: 'GBP k' }, realised: { value: 60, unit: 'GBP k' } } }),
      item('wi-app', 'Mobile app'),
      item('wi-old', 'Old intranet', { stage: 'Done' }),
      item('wi-lonely', 'Printer fleet'),
    ]);
    for (const [cid, title] of [[WEB_TEAM, 'Web team'], [APP_TEAM, 'App team'], [PMO, 'IT PMO']] as const) await app.repos.conversations.save(ref(cid, title));
    const link = (conversationId: string, target: any) => app.repos.links.put({ tenantId: T, conversationId, target, linkedBy: id(3), linkedAt: now });
    await link(WEB_TEAM, { kind: 'team', workItemId: 'wi-web' });
    await link(APP_TEAM, { kind: 'team', workItemId: 'wi-app' });
    await link(PMO, { kind: 'pmo', domainId: 'dom-it' });
  });

  afterAll(async () => {
    await app?.stop();
    await connector?.close();
  });
}
