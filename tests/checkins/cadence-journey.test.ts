/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies of HTTP answers, checked by the assertions */
/**
 * The weekly check-in cadence end to end, on a fake clock (PRODUCT.md §2): the real app with its
 * durable timers and delivery on Azurite, a connector standing in for Teams. A PMO lead sets the
 * cadence over HTTP (others are refused); at its time the due items' teams get their cards, items
 * reported since the last cadence time are skipped; a restart and a second run of the same
 * occurrence send nothing twice; the one reminder goes to the team that has not answered, in its
 * card's thread; the PMO digest at the due time lists the unanswered; the portfolio shows it overdue.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AppOverrides, RunningApp } from '../../bot/composition/start-app';
import type { Logger } from '../../bot/kernel/logger';
import type { WorkItem } from '../../bot/portfolio/domain/portfolio';
import { cardText, validateAdaptiveCard } from '../support/adaptive-card';
import { apiClient, startTestApp } from '../support/app';
import { type ConnectorServer, type RecordedRequest, startConnectorServer } from '../support/connector-server';
import { uniqueTablePrefix } from '../support/storage';
import { BOT, type Who, cardAction, execute } from '../bot/teams-activities';
import { FAST_DELIVERY_ENV, waitUntil } from '../delivery/support';

const T = 'cade0000-0000-4000-8000-0000000000a1';
const id = (n: number) => `cade0000-0000-4000-8000-00000000${String(n).padStart(4, '0')}`;
const people = {
  member: { aadObjectId: id(1), name: 'Mia Member' },
  itLead: { aadObjectId: id(2), name: 'Ivo IT Lead' },
  hrLead: { aadObjectId: id(3), name: 'Hana HR Lead' },
  admin: { aadObjectId: id(4), name: 'Ada Admin' },
} satisfies Record<string, Who>;
const TEAM_A = '19:team-payroll@thread.tacv2';
const TEAM_B = '19:team-laptops@thread.tacv2';
const TEAM_C = '19:team-desk@thread.tacv2';
const TEAM_D = '19:team-fleet@thread.tacv2';
const PMO = '19:pmo-it@thread.tacv2';
const LONG_AGO = '2026-11-01T00:00:00.000Z';

/** The fake clock runs on from the time a step sets (pacing and claims need time to pass). */
let offset = Date.parse('2026-12-03T12:00:00Z') - Date.now(); // a Thursday
const clock = { now: () => new Date(Date.now() + offset) };
const setNow = (iso: string): void => {
  offset = Date.parse(iso) - Date.now();
};
const env = { ...FAST_DELIVERY_ENV, AUTH_MODE: 'dev', TABLE_PREFIX: uniqueTablePrefix() };
const logs: string[] = [];
const logger: Logger = { info: (o, m) => void logs.push(typeof o === 'string' ? o : (m ?? '')), warn: () => {}, error: () => {}, debug: () => {}, child: () => logger };

let app: RunningApp;
let connector: ConnectorServer;
const start = async (overrides: AppOverrides = {}) => {
  app = await startTestApp(env, { clock, ...overrides });
};

/** A call as `who`, with a token issued at the fake clock's time. */
async function api(who: Who, method: string, path: string, body?: unknown) {
  const call = apiClient(app.url);
  const token = (await call('POST', '/api/dev/token', { body: { tenantId: T, userId: who.aadObjectId } })).body.token as string;
  return call(method, path, { token, ...(body !== undefined ? { body } : {}) });
}

const channelOf = (r: RecordedRequest): string => (r.conversationId ?? '').split(';messageid=')[0] ?? '';
const posts = (conversationId: string, text: string) =>
  connector.requests.filter((r) => r.method === 'POST' && channelOf(r) === conversationId && cardText(r.body?.attachments?.[0]?.content).includes(text));
/** New posts only (a card), not replies in a thread (a reminder). */
const cardsIn = (conversationId: string, text: string) => posts(conversationId, text).filter((r) => r.conversationId === conversationId);
const waitFor = (what: string, check: () => boolean | Promise<boolean>) => waitUntil(check, 15_000, what);
function cardOf(r: RecordedRequest | undefined): any {
  const card = r?.body?.attachments?.[0]?.content;
  expect(validateAdaptiveCard(card)).toEqual([]);
  return card;
}

const item = (wid: string, title: string, statusReportedAt: string): WorkItem => ({
  tenantId: T, id: wid, domainId: 'dom-it', title, structure: 'project', mode: 'agile', stage: 'Build', owner: { displayName: 'Owner' },
  startDate: '2026-01-01', endDate: '2027-06-30', objectives: [], health: { schedule: 'green', cost: 'green', scope: 'green', benefit: 'green' },
  statusReportedAt, createdAt: LONG_AGO, updatedAt: LONG_AGO,
});

beforeAll(async () => {
  connector = await startConnectorServer();
  await start();
  await app.repos.tenants.upsert({ tenantId: T, displayName: 'Contoso', createdAt: LONG_AGO });
  await app.repos.users.upsert({ tenantId: T, userId: id(1), displayName: 'Mia Member', roles: [{ role: 'team_member', workItemId: 'wi-a' }] });
  await app.repos.users.upsert({ tenantId: T, userId: id(2), displayName: 'Ivo IT Lead', roles: [{ role: 'pmo_lead', domainId: 'dom-it' }] });
  await app.repos.users.upsert({ tenantId: T, userId: id(3), displayName: 'Hana HR Lead', roles: [{ role: 'pmo_lead', domainId: 'dom-hr' }] });
  await app.repos.users.upsert({ tenantId: T, userId: id(4), displayName: 'Ada Admin', roles: [{ role: 'tenant_admin' }] });
  await app.repos.domains.createMany([{ tenantId: T, id: 'dom-it', name: 'IT', description: '', freshnessDays: 14, createdAt: LONG_AGO }]);
  await app.repos.workItems.createMany([
    item('wi-a', 'Payroll upgrade', '2026-11-20T10:00:00.000Z'),
    // Reported after the last cadence time (Monday 30 November, 09:00): not asked this week.
    item('wi-b', 'Laptop refresh', '2026-12-01T10:00:00.000Z'),
    item('wi-c', 'Service desk', '2026-11-10T10:00:00.000Z'),
  ]);
  for (const [conversationId, title] of [[TEAM_A, 'Payroll'], [TEAM_B, 'Laptops'], [TEAM_C, 'Desk'], [TEAM_D, 'Fleet'], [PMO, 'IT PMO']] as const) {
    await app.repos.conversations.save({ tenantId: T, conversationId, kind: 'channel', serviceUrl: connector.url, channelId: 'msteams', botId: BOT.id, teamId: `${conversationId}-team`, title, installedAt: LONG_AGO, updatedAt: LONG_AGO, active: true });
  }
  const link = (conversationId: string, target: any) => app.repos.links.put({ tenantId: T, conversationId, target, linkedBy: id(2), linkedAt: LONG_AGO });
  await link(TEAM_A, { kind: 'team', workItemId: 'wi-a' });
  await link(TEAM_B, { kind: 'team', workItemId: 'wi-b' });
  await link(TEAM_C, { kind: 'team', workItemId: 'wi-c' });
  await link(PMO, { kind: 'pmo', domainId: 'dom-it' });
});
afterAll(async () => {
  await app?.stop();
  await connector?.close();
});

const CADENCE = { enabled: true, weekday: 'monday', time: '09:00', timeZone: 'Europe/London', answerWithinHours: 48, remindHoursBefore: 24 };
const FIRST = 'cad-dom-it-20261207T0900';

describe('the weekly check-in cadence', () => {
  it('is set by the domain\'s PMO lead, refused to another domain\'s lead and to team members, and checked', async () => {
    expect((await api(people.hrLead, 'PUT', '/api/domains/dom-it/check-in-cadence', CADENCE)).status).toBe(403);
    expect((await api(people.member, 'PUT', '/api/domains/dom-it/check-in-cadence', CADENCE)).status).toBe(403);
    // Refused before the body is looked at: a malformed body tells another lead nothing either.
    expect((await api(people.hrLead, 'PUT', '/api/domains/dom-it/check-in-cadence', { time: 'x' })).status).toBe(403);
    const bad = await api(people.itLead, 'PUT', '/api/domains/dom-it/check-in-cadence', { ...CADENCE, time: '9am', timeZone: 'Europe/Atlantis' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: any) => d.at).sort()).toEqual(['time', 'timeZone']);

    const set = await api(people.itLead, 'PUT', '/api/domains/dom-it/check-in-cadence', CADENCE);
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ cadence: CADENCE, nextAt: '2026-12-07T09:00:00.000Z' });
    const page = await api(people.itLead, 'GET', '/api/domains/dom-it/check-ins');
    expect(page.body).toMatchObject({ cadence: CADENCE, nextAt: '2026-12-07T09:00:00.000Z', rounds: [] });
  });

  it('sends the due items\' cards at its time, skipping what was reported since the last cadence time', async () => {
    setNow('2026-12-07T09:00:05Z');
    await waitFor('the cadence cards', () => cardsIn(TEAM_A, 'Payroll upgrade').length === 1 && cardsIn(TEAM_C, 'Service desk').length === 1);
    const round = (await api(people.itLead, 'GET', '/api/domains/dom-it/check-ins')).body.rounds[0];
    expect(round).toMatchObject({ id: FIRST, trigger: 'cadence' });
    expect(round.requestedAt).toMatch(/^2026-12-07T09:00:/);
    expect(Date.parse(round.dueAt) - Date.parse(round.requestedAt)).toBe(48 * 3600_000);
    expect(round.items.map((i: any) => [i.title, i.state])).toEqual([['Payroll upgrade', 'open'], ['Service desk', 'open']]);
    expect(round.skipped.map((s: any) => [s.title, s.reason])).toEqual([['Laptop refresh', 'reported-recently']]);
    expect(cardsIn(TEAM_B, 'Laptop refresh')).toHaveLength(0);
  });

  it('sends nothing twice after a restart, even when the same occurrence runs again', async () => {
    await app.stop();
    await start({ logger });
    // As a second process would after a crash mid-run: the occurrence's job once more.
    await app.scheduler.schedule({ tenantId: T, id: 'checkin-cadence:dom-it', kind: 'checkin.cadence', dueAt: '2026-12-07T09:00:00.000Z', payload: { domainId: 'dom-it' } });
    await waitFor('the same occurrence run again', () => logs.includes('cadence check-in round started'));
    await waitFor('its deliveries settled', async () => (await app.delivery.listBatch(T, `checkin:${FIRST}`)).every((d) => d.state !== 'queued'));
    expect((await app.delivery.listBatch(T, `checkin:${FIRST}`)).length).toBe(2);
    expect(cardsIn(TEAM_A, 'Payroll upgrade')).toHaveLength(1);
    expect(cardsIn(TEAM_C, 'Service desk')).toHaveLength(1);
    expect((await api(people.itLead, 'GET', '/api/domains/dom-it/check-ins')).body.rounds).toHaveLength(1);
  });

  it('reminds once, in its card\'s thread, only the team that has not answered', async () => {
    setNow('2026-12-07T12:00:00Z');
    const card = (await app.delivery.listBatch(T, `checkin:${FIRST}`)).find((d) => d.conversationId === TEAM_A)?.activityId as string;
    const where = { serviceUrl: connector.url, tenantId: T, kind: 'channel' as const, conversationId: TEAM_A, team: { id: `${TEAM_A}-team`, name: 'Payroll' } };
    const data = { roundId: FIRST, workItemId: 'wi-a', domainId: 'dom-it', colour_schedule: 'green', colour_cost: 'green', colour_scope: 'green', colour_benefit: 'green', stage: 'Build', note: 'On track' };
    const res = await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(cardAction(where, people.member, execute('checkin.answer', data), card)) });
    expect(cardText((await res.json()).value)).toContain('Check-in recorded');

    setNow('2026-12-08T09:00:10Z');
    const deskCard = (await app.delivery.listBatch(T, `checkin:${FIRST}`)).find((d) => d.conversationId === TEAM_C)?.activityId as string;
    await waitFor('the reminder', () => posts(TEAM_C, 'Reminder: status check-in due').length === 1);
    const reminder = posts(TEAM_C, 'Reminder: status check-in due')[0];
    expect(reminder?.conversationId).toBe(`${TEAM_C};messageid=${deskCard}`);
    expect(cardText(cardOf(reminder))).toContain('Service desk');
    await waitFor('the reminder recorded', async () => /^2026-12-08T09:00:/.test((await api(people.itLead, 'GET', '/api/domains/dom-it/check-ins')).body.rounds[0].remindedAt ?? ''));
    expect(posts(TEAM_A, 'Reminder')).toHaveLength(0);
  });

  it('sends the PMO digest at the due time, listing the unanswered; the portfolio shows the item overdue', async () => {
    setNow('2026-12-09T09:00:10Z');
    await waitFor('the digest', () => posts(PMO, 'status check-ins').length === 1);
    const text = cardText(cardOf(posts(PMO, 'status check-ins')[0]));
    expect(text).toContain('Overdue: 1 of 2 check-ins unanswered');
    expect(text).toMatch(/Still unanswered[\s\S]*Service desk/);
    expect(text).toMatch(/Answered[\s\S]*Payroll upgrade — Mia Member/);

    const page = (await api(people.itLead, 'GET', '/api/domains/dom-it/check-ins')).body;
    expect(page.overdue).toBe(1);
    expect(page.rounds[0].items.map((i: any) => [i.title, i.state])).toEqual([['Payroll upgrade', 'answered'], ['Service desk', 'overdue']]);
    const portfolio = (await api(people.itLead, 'GET', '/api/domains/dom-it/portfolio')).body;
    expect(portfolio.kpis.overdueCheckIns).toBe(1);
    expect(portfolio.items.filter((i: any) => i.checkInOverdue).map((i: any) => i.title)).toEqual(['Service desk']);
  });

  it('a week later asks again what is due: the item answered since the last cadence time is skipped; a domain created meanwhile has its cadence too', async () => {
    // Created through the API after the restart: only the domain's creation sets its (default) cadence timer.
    expect((await api(people.admin, 'POST', '/api/domains', { id: 'dom-ops', name: 'Operations', description: '', freshnessDays: 14 })).status).toBe(201);
    await app.repos.workItems.createMany([{ ...item('wi-d', 'Fleet renewal', '2026-11-01T10:00:00.000Z'), domainId: 'dom-ops' }]);
    await app.repos.links.put({ tenantId: T, conversationId: TEAM_D, target: { kind: 'team', workItemId: 'wi-d' }, linkedBy: id(4), linkedAt: LONG_AGO });

    setNow('2026-12-14T09:00:05Z');
    await waitFor('the second week\'s cards', () => cardsIn(TEAM_B, 'Laptop refresh').length === 1 && cardsIn(TEAM_C, 'Service desk').length === 2);
    const round = (await api(people.itLead, 'GET', '/api/domains/dom-it/check-ins')).body.rounds[0];
    expect(round.id).toBe('cad-dom-it-20261214T0900');
    expect(round.items.map((i: any) => i.title)).toEqual(['Laptop refresh', 'Service desk']);
    expect(round.skipped.map((s: any) => [s.title, s.reason])).toEqual([['Payroll upgrade', 'reported-recently']]);
    expect(cardsIn(TEAM_A, 'Payroll upgrade')).toHaveLength(1);
    await waitFor('the new domain\'s card', () => cardsIn(TEAM_D, 'Fleet renewal').length === 1);
  });
});
