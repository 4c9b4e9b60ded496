/**
 * The bot over real HTTP: Teams-shaped activities POSTed to the real app's /api/messages,
 * replies captured by a local connector server standing in for Teams.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../bot/config';
import { type RunningApp, startApp } from '../../bot/composition/start-app';
import type { Domain, WorkItem } from '../../bot/portfolio/domain/portfolio';
import { unknownHealth } from '../../bot/portfolio/domain/portfolio';
import type { User } from '../../bot/kernel/roles';
import { cardText, validateAdaptiveCard } from '../support/adaptive-card';
import { type ConnectorServer, type RecordedRequest, startConnectorServer } from '../support/connector-server';
import { testConnectionString, uniqueTablePrefix } from '../support/storage';
import { type Where, type Who, botAdded, cardAction, channelEvent, execute, installationUpdate, message, teamRenamed } from './teams-activities';

const T = '7f3c2a10-0000-4000-8000-000000000001';
const OTHER_T = '7f3c2a10-0000-4000-8000-000000000002';
const NOW = new Date().toISOString();

const people = {
  admin: { aadObjectId: 'a0000000-0000-4000-8000-000000000001', name: 'Ada Admin' },
  itLead: { aadObjectId: 'a0000000-0000-4000-8000-000000000002', name: 'Ivo IT Lead' },
  epmo: { aadObjectId: 'a0000000-0000-4000-8000-000000000003', name: 'Eve EPMO' },
  webMember: { aadObjectId: 'a0000000-0000-4000-8000-000000000004', name: 'Wes Web' },
  stranger: { aadObjectId: 'a0000000-0000-4000-8000-000000000005', name: 'Sam Stranger' },
} satisfies Record<string, Who>;

const users: User[] = [
  { tenantId: T, userId: people.admin.aadObjectId, displayName: 'Ada Admin', roles: [{ role: 'tenant_admin' }] },
  { tenantId: T, userId: people.itLead.aadObjectId, displayName: 'Ivo IT Lead', roles: [{ role: 'pmo_lead', domainId: 'dom_it' }] },
  { tenantId: T, userId: people.epmo.aadObjectId, displayName: 'Eve EPMO', roles: [{ role: 'epmo_member' }] },
  { tenantId: T, userId: people.webMember.aadObjectId, displayName: 'Wes Web', roles: [{ role: 'team_member', workItemId: 'wi_web' }] },
];

const domain = (id: string, name: string): Domain => ({ tenantId: T, id, name, description: '', freshnessDays: 14, createdAt: NOW });
const item = (id: string, domainId: string, title: string): WorkItem => ({
  tenantId: T,
  id,
  domainId,
  title,
  structure: 'project',
  mode: 'agile',
  stage: 'Beta',
  owner: { displayName: 'Owner' },
  startDate: '2026-01-01',
  endDate: '2026-12-31',
  objectives: [],
  health: unknownHealth(),
  createdAt: NOW,
  updatedAt: NOW,
});

let app: RunningApp;
let connector: ConnectorServer;
let n = 0;

/** A fresh conversation per test, so tests never see each other's links. */
const channel = (): Where => {
  n += 1;
  return { serviceUrl: connector.url, tenantId: T, kind: 'channel', conversationId: `19:chan${n}@thread.tacv2`, team: { id: `19:team${n}@thread.tacv2`, name: `Team ${n}` } };
};
const personal = (who: Who): Where => {
  n += 1;
  return { serviceUrl: connector.url, tenantId: T, kind: 'personal', conversationId: `a:personal-${n}-${who.name.replace(/\W/g, '')}` };
};

async function post(activity: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: typeof activity === 'string' ? activity : JSON.stringify(activity) });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON
  }
  return { status: res.status, body };
}

/** The Adaptive Card in a recorded connector call, validated as Teams would read it. */
function cardOf(request: RecordedRequest | undefined): unknown {
  expect(request).toBeDefined();
  const attachment = request?.body?.attachments?.[0];
  expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
  expect(validateAdaptiveCard(attachment.content)).toEqual([]);
  return attachment.content;
}

/** Sends a message and returns the text of the card the bot replied with. */
async function say(where: Where, who: Who, text: string): Promise<{ text: string; card: unknown; request: RecordedRequest }> {
  const before = connector.requests.length;
  const activity = message(where, who, text);
  const res = await post(activity);
  expect(res.status).toBe(200);
  // Linking also reads the conversation's roster (teams-people.test.ts); only the reply counts here.
  const sent = connector.requests.slice(before).filter((r) => !r.path.endsWith('/pagedmembers'));
  expect(sent).toHaveLength(1);
  const request = sent[0] as RecordedRequest;
  // A reply to the user's message, in its thread.
  expect(request.method).toBe('POST');
  expect(request.conversationId).toBe(activity.conversation.id);
  expect(request.activityId).toBe(activity.id);
  const card = cardOf(request);
  return { text: cardText(card), card, request };
}

/** Sends a card action and returns the card of the invoke response. */
async function act(where: Where, who: Who, value: unknown, cardMessageId?: string): Promise<{ text: string; card: unknown }> {
  const res = await post(cardAction(where, who, value, cardMessageId));
  expect(res.status).toBe(200);
  const body = res.body as { statusCode: number; type: string; value: unknown };
  expect(body.statusCode).toBe(200);
  expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
  expect(validateAdaptiveCard(body.value)).toEqual([]);
  return { text: cardText(body.value), card: body.value };
}

function choicesOf(card: unknown): string[] {
  const body = (card as { body: { type: string; choices?: { title: string }[] }[] }).body;
  return body.find((e) => e.type === 'Input.ChoiceSet')?.choices?.map((c) => c.title) ?? [];
}

beforeAll(async () => {
  connector = await startConnectorServer();
  app = await startApp(
    loadConfig({ APP_ENV: 'test', PORT: '0', AZURE_STORAGE_CONNECTION_STRING: testConnectionString(), TABLE_PREFIX: uniqueTablePrefix(), SEED_DEMO: 'false', LOG_LEVEL: 'silent' }),
  );
  await app.repos.domains.createMany([domain('dom_it', 'IT'), domain('dom_hr', 'HR')]);
  await app.repos.workItems.createMany([item('wi_web', 'dom_it', 'Website rebuild'), item('wi_erp', 'dom_it', 'ERP upgrade'), item('wi_pay', 'dom_hr', 'Payroll move'), item('wi_iam', 'dom_it', 'Identity & Access Modernisation')]);
  for (const u of users) await app.repos.users.upsert(u);
});

afterAll(async () => {
  await app?.stop();
  await connector?.close();
});

beforeEach(() => connector.reset());

describe('help', () => {
  it('answers "help" in a personal chat with the help card', async () => {
    const { text, card } = await say(personal(people.stranger), people.stranger, 'help');
    expect(text).toContain('PMO Relay');
    for (const command of ['help', 'link', 'raise', 'my signals', 'changes', 'announce']) expect(text).toContain(command);
    expect(text).toMatch(/raise\nRaise an opportunity/);
    expect(text).toMatch(/link\nLink this channel or chat/);
    expect(text).not.toMatch(/link\n[^\n]*coming soon/);
    expect(text).toContain('Open PMO Relay');
    const open = (card as { actions: { type: string; url?: string }[] }).actions.find((a) => a.type === 'Action.OpenUrl');
    expect(open?.url).toBe(`${app.url}/`);
  });

  it('strips the @mention in channels and offers to link the channel', async () => {
    const { text } = await say(channel(), people.stranger, 'help');
    expect(text).not.toContain("I don't know");
    expect(text).toContain('Link this conversation');
    expect(text).toContain('mention me first');
  });

  it('answers unknown text with the help card, never silence', async () => {
    const { text } = await say(personal(people.stranger), people.stranger, 'what can you do for the budget');
    expect(text).toContain('I don\'t know "what can you do for the budget"');
    expect(text).toContain('raise');
  });

  it('answers "raise" with the raise form, pre-filled with the text after it', async () => {
    const { text, card } = await say(personal(people.stranger), people.stranger, 'raise the vendor is late');
    expect(text).toContain('Raise a signal with the PMO');
    expect(JSON.stringify(card)).toContain('"value":"the vendor is late"');
  });

  it('records the conversation from a message, even when the install event was missed', async () => {
    const where = channel();
    await say(where, people.stranger, 'help');
    const ref = await app.repos.conversations.get(T, where.conversationId);
    expect(ref).toMatchObject({ tenantId: T, kind: 'channel', serviceUrl: connector.url, botId: '28:00000000-0000-4000-8000-00000000b0b0', teamId: where.team?.id, active: true });
  });

  it('follows a known conversation to the service URL a later card action comes through, and records no unknown one', async () => {
    const where = channel();
    await say(where, people.webMember, 'help');
    const moved = { ...where, serviceUrl: `${connector.url}moved/` };
    await act(moved, people.webMember, execute('link.start'));
    expect((await app.repos.conversations.get(T, where.conversationId))?.serviceUrl).toBe(moved.serviceUrl);

    const unknown = { ...channel(), serviceUrl: `${connector.url}moved/` };
    await act(unknown, people.webMember, execute('link.start'));
    expect(await app.repos.conversations.get(T, unknown.conversationId)).toBeUndefined();
  });
});

describe('install and conversation updates', () => {
  it('stores the conversation reference when the bot is added to a team, and welcomes', async () => {
    const where: Where = { ...channel(), team: { id: `19:teamX${n}@thread.tacv2`, name: 'IT Department' } };
    const general: Where = { ...where, conversationId: where.team?.id as string };
    const res = await post(botAdded(general, people.admin));
    expect(res.status).toBe(200);
    expect(await app.repos.conversations.get(T, general.conversationId)).toMatchObject({
      tenantId: T,
      conversationId: general.conversationId,
      kind: 'channel',
      serviceUrl: connector.url,
      channelId: 'msteams',
      teamId: general.conversationId,
      teamName: 'IT Department',
      title: 'IT Department › General',
      active: true,
    });
    const welcome = cardText(cardOf(connector.sentActivities()[0]));
    expect(welcome).toContain('Thanks for adding PMO Relay');

    await post(channelEvent(general, people.admin, 'channelCreated', { id: '19:design@thread.tacv2', name: 'Design' }));
    expect((await app.repos.conversations.get(T, '19:design@thread.tacv2'))?.title).toBe('IT Department › Design');
    await post(teamRenamed(general, people.admin, 'Technology'));
    expect((await app.repos.conversations.get(T, '19:design@thread.tacv2'))?.title).toBe('Technology › Design');

    await post(installationUpdate(general, people.admin, 'remove'));
    expect((await app.repos.conversations.get(T, general.conversationId))?.active).toBe(false);
    expect((await app.repos.conversations.get(T, '19:design@thread.tacv2'))?.active).toBe(false);
  });

  it('stores a personal chat on installationUpdate add', async () => {
    const where = personal(people.itLead);
    expect((await post(installationUpdate(where, people.itLead, 'add'))).status).toBe(200);
    expect(await app.repos.conversations.get(T, where.conversationId)).toMatchObject({ kind: 'personal', userId: people.itLead.aadObjectId, active: true });
  });
});

describe('link', () => {
  it('offers each person only the targets they may link', async () => {
    const where = channel();
    const form = async (who: Who) => choicesOf((await say(where, who, 'link')).card);
    expect(await form(people.admin)).toEqual(['EPMO', 'HR PMO', 'IT PMO', 'ERP upgrade team (IT)', 'Identity & Access Modernisation team (IT)', 'Payroll move team (HR)', 'Website rebuild team (IT)']);
    expect(await form(people.itLead)).toEqual(['IT PMO', 'ERP upgrade team (IT)', 'Identity & Access Modernisation team (IT)', 'Website rebuild team (IT)']);
    expect(await form(people.epmo)).toEqual(['EPMO']);
    expect(await form(people.webMember)).toEqual(['Website rebuild team (IT)']);
    const none = await say(where, people.stranger, 'link');
    expect(none.text).toContain('Nothing you can link');
    expect(choicesOf(none.card)).toEqual([]);
  });

  it('opens the form from the help card\'s "Link this conversation" button', async () => {
    const where = channel();
    await say(where, people.webMember, 'help');
    const { card } = await act(where, people.webMember, execute('link.start'));
    expect(choicesOf(card)).toEqual(['Website rebuild team (IT)']);
  });

  it('links the channel on submit, confirms, and shows the result to everyone', async () => {
    const where = channel();
    const form = await say(where, people.itLead, 'link');
    expect(form.text).toContain('Link this channel');
    const formMessageId = 'activity-of-the-form';
    const { text } = await act(where, people.itLead, execute('link.submit', { target: 'pmo:dom_it' }), formMessageId);
    expect(text).toContain('This channel is now linked to the IT PMO.');
    expect(text).toContain('Ivo IT Lead');
    expect(await app.repos.links.listByConversation(T, where.conversationId)).toMatchObject([
      { tenantId: T, conversationId: where.conversationId, target: { kind: 'pmo', domainId: 'dom_it' }, linkedBy: people.itLead.aadObjectId },
    ]);
    const update = connector.requests.find((r) => r.method === 'PUT');
    expect(update?.activityId).toBe(formMessageId);
    expect(cardText(cardOf(update))).toContain('now linked to the IT PMO');
  });

  it('keeps one PMO channel per domain: linking a new channel replaces the old one', async () => {
    const first = channel();
    const second = channel();
    await say(first, people.admin, 'help');
    await say(second, people.admin, 'help');
    await act(first, people.admin, execute('link.submit', { target: 'pmo:dom_hr' }));
    const { text } = await act(second, people.admin, execute('link.submit', { target: 'pmo:dom_hr' }));
    expect(text).toContain('It replaces');
    expect((await app.repos.links.listByTarget(T, { kind: 'pmo', domainId: 'dom_hr' })).map((l) => l.conversationId)).toEqual([second.conversationId]);
  });

  it('links with the text forms too', async () => {
    const where = channel();
    expect((await say(where, people.epmo, 'link epmo')).text).toContain('This channel is now linked to the EPMO.');
    expect((await say(where, people.webMember, 'link team website')).text).toContain('now linked to the team of Website rebuild');
    expect((await say(where, people.itLead, 'link pmo Marketing')).text).toContain('There is no domain called "Marketing"');
    const links = await app.repos.links.listByConversation(T, where.conversationId);
    expect(links.map((l) => l.target.kind).sort()).toEqual(['epmo', 'team']);
  });

  it('reads the text as Teams sends it: HTML entities and tags decoded, so "&amp;" in a title matches "&"', async () => {
    const where = channel();
    const { text } = await say(where, people.itLead, '<p>link team Identity &amp; Access&nbsp;Modernisation</p>');
    expect(text).toContain('now linked to the team of Identity & Access Modernisation');
    expect((await app.repos.links.listByConversation(T, where.conversationId)).map((l) => l.target)).toEqual([{ kind: 'team', workItemId: 'wi_iam' }]);
  });

  it('refuses a team member linking a PMO channel, and changes nothing', async () => {
    const where = channel();
    await say(where, people.webMember, 'help');
    const { text } = await act(where, people.webMember, execute('link.submit', { target: 'pmo:dom_it' }));
    expect(text).toContain('Not allowed');
    expect(text).toContain("Only IT's PMO leads and tenant admins can link the IT PMO channel.");
    expect((await say(where, people.webMember, 'link pmo IT')).text).toContain('Not allowed');
    expect(await app.repos.links.listByConversation(T, where.conversationId)).toEqual([]);
    expect(connector.requests.filter((r) => r.method === 'PUT')).toEqual([]);
  });

  it('refuses a user from another tenant, and changes nothing in either tenant', async () => {
    const where = channel();
    await say(where, people.admin, 'help');
    const foreign: Where = { ...where, tenantId: OTHER_T };
    // The admin's id, but the activity comes from another tenant: roles never cross tenants.
    const { text } = await act(foreign, people.admin, execute('link.submit', { target: 'pmo:dom_it' }));
    expect(text).toContain('PMO Relay does not know this conversation in your organisation.');
    expect(await app.repos.links.list(T)).not.toContainEqual(expect.objectContaining({ conversationId: where.conversationId }));
    expect(await app.repos.links.list(OTHER_T)).toEqual([]);
    expect(await app.repos.conversations.list(OTHER_T)).toEqual([]);
    // Someone the tenant's directory does not know has no roles.
    const stranger = await act(where, people.stranger, execute('link.submit', { target: 'epmo' }));
    expect(stranger.text).toContain('Not allowed');
    expect(await app.repos.links.listByConversation(T, where.conversationId)).toEqual([]);
  });

  it('refuses to link a personal chat', async () => {
    const where = personal(people.admin);
    expect((await say(where, people.admin, 'link')).text).toContain('A personal chat cannot be linked');
  });
});

describe('bad input', () => {
  it.each([
    ['an unknown verb', execute('signal.nuke', { everything: true }), /does not know/],
    ['a malformed target', execute('link.submit', { target: 'admin:all' }), /missing information or has a wrong value/],
    ['no target', execute('link.submit', {}), /missing information/],
    ['no action at all', { trigger: 'manual' }, /could not be read/],
    ['a non-object value', 'link.submit', /could not be read/],
  ])('answers %s with a clear error card, writes nothing, and keeps serving', async (_name, value, message) => {
    const where = channel();
    await say(where, people.admin, 'help');
    const { text } = await act(where, people.admin, value);
    expect(text).toMatch(message);
    expect(await app.repos.links.listByConversation(T, where.conversationId)).toEqual([]);
    expect((await say(where, people.admin, 'help')).text).toContain('PMO Relay');
  });

  it('refuses an activity without a tenant id: an error card, nothing stored', async () => {
    const where: Where = { ...channel(), tenantId: undefined };
    const { text } = await say(where, people.admin, 'link epmo');
    expect(text).toContain('Unknown organisation');
    expect(await app.repos.conversations.get(T, where.conversationId)).toBeUndefined();
    const invoke = await act(where, people.admin, execute('link.submit', { target: 'epmo' }));
    expect(invoke.text).toContain('Unknown organisation');
    const update = await post(botAdded(where, people.admin));
    expect(update.status).toBe(200);
    expect(connector.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it.each([
    ['a body without a type', { text: 'help' }],
    ['a message without a conversation', { type: 'message', text: 'help', serviceUrl: 'http://127.0.0.1:1/', recipient: { id: 'x' } }],
    ['an array', [1, 2, 3]],
  ])('answers %s with 400 and keeps serving', async (_name, body) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(/activity/);
    expect((await say(personal(people.admin), people.admin, 'help')).text).toContain('PMO Relay');
  });

  it('answers malformed JSON with 400 and keeps serving', async () => {
    const res = await post('{"type": "message",');
    expect(res.status).toBe(400);
    expect((await say(personal(people.admin), people.admin, 'help')).text).toContain('PMO Relay');
  });
});
