/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies of HTTP answers and cards, checked by the assertions */
/**
 * Raising from any conversation (PRODUCT.md §4, §5), over real HTTP with Teams' activity shapes:
 * a personal chat (`a:…`), a group chat (`19:…@thread.v2`) and channels (`19:…@thread.tacv2`).
 * Where the conversation is no team's, the form offers the raiser's own work items (most recently
 * updated first) and the domains' PMOs; in a linked channel it defaults to the channel's item.
 * The *Raise with PMO* message action does the same and links the signal back to the message.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { unknownHealth } from '../../bot/portfolio/domain/portfolio';
import type { WorkItem } from '../../bot/portfolio/domain/portfolio';
import { cardText, validateAdaptiveCard } from '../support/adaptive-card';
import { type Where, type Who, cardAction, execute, membersChanged, message, mriOf, nextActivityId } from '../bot/teams-activities';
import { PMO, T, TEAM, api, app, cardOf, connector, id, people, post, sentTo, startSignalsJourney, waitFor, where as channelWhere, withText } from './journey-support';

startSignalsJourney();

const pia = { aadObjectId: id(21), name: 'Pia Multi' } satisfies Who;
const nico = { aadObjectId: id(22), name: 'Nico Nobody' } satisfies Who;

const workItem = (wid: string, domainId: string, title: string, updatedAt: string): WorkItem => ({
  tenantId: T, id: wid, domainId, title, structure: 'project', mode: 'agile', stage: 'Build', owner: { displayName: 'Owner' },
  startDate: '2026-01-01', endDate: '2026-12-31', objectives: [], health: unknownHealth(), createdAt: '2026-01-01T00:00:00.000Z', updatedAt,
});

beforeAll(async () => {
  // Pia is on three teams: two IT items (one updated long ago) and the HR payroll item Mia is not on.
  await app.repos.workItems.createMany([
    workItem('wi-pay', 'dom-hr', 'Payroll system', new Date(Date.now() - 7 * 86_400_000).toISOString()),
    workItem('wi-old', 'dom-it', 'Legacy archive', '2025-03-01T09:00:00.000Z'),
  ]);
  await app.repos.users.upsert({ tenantId: T, userId: pia.aadObjectId, displayName: pia.name, roles: [{ role: 'team_member', workItemId: 'wi-old' }, { role: 'team_member', workItemId: 'wi-web' }, { role: 'team_member', workItemId: 'wi-pay' }] });
  await app.repos.users.upsert({ tenantId: T, userId: nico.aadObjectId, displayName: nico.name, roles: [] });
});

let n = 0;
const personal = (who: Who): Where => ({ serviceUrl: connector.url, tenantId: T, kind: 'personal', conversationId: `a:1${who.aadObjectId}-${(n += 1)}` });
const groupChat = (): Where => ({ serviceUrl: connector.url, tenantId: T, kind: 'groupChat', conversationId: `19:group-${(n += 1)}@thread.v2`, chatName: 'Launch crew' });
const unlinkedChannel = (): Where => ({ serviceUrl: connector.url, tenantId: T, kind: 'channel', conversationId: `19:unlinked-${(n += 1)}@thread.tacv2`, team: { id: `19:unlinked-team-${n}@thread.tacv2`, name: 'Ops' } });

/** Every input of a card by id. */
function inputs(card: any): Map<string, any> {
  const found = new Map<string, any>();
  const walk = (el: any) => {
    if (!el || typeof el !== 'object') return;
    if (typeof el.type === 'string' && el.type.startsWith('Input.')) found.set(el.id, el);
    for (const key of ['body', 'items', 'columns']) if (Array.isArray(el[key])) el[key].forEach(walk);
  };
  walk(card);
  return found;
}
const choiceTitles = (input: any): string[] => input.choices.map((c: any) => c.title);

/** Says `raise` there; answers the form card the bot replied with (in a channel, in the message's thread). */
async function raiseForm(where: Where, who: Who): Promise<any> {
  const before = connector.requests.length;
  expect((await post(message(where, who, 'raise'))).status).toBe(200);
  const reply = connector.requests.slice(before).find((r) => r.method === 'POST' && r.conversationId?.split(';')[0] === where.conversationId && cardText(r.body?.attachments?.[0]?.content).includes('Raise a signal'));
  return cardOf(reply);
}

/** Submits the raise form (a Universal Action on form message `formId`); answers the card Teams shows instead. */
async function submit(where: Where, who: Who, data: Record<string, unknown>, formId = `form-${nextActivityId()}`): Promise<{ text: string; card: any; formId: string }> {
  const res = await post(cardAction(where, who, execute('signal.raise', data), formId));
  expect(res.status).toBe(200);
  expect(validateAdaptiveCard(res.body.value)).toEqual([]);
  return { text: cardText(res.body.value), card: res.body.value, formId };
}

const labelOf = (text: string): string => /S-\d+/.exec(text)?.[0] ?? '';
const mySignal = async (who: Who, label: string) => (await api(who, 'GET', '/api/signals?mine=true')).body.items.find((s: any) => s.label === label);
const myCount = async (who: Who): Promise<number> => (await api(who, 'GET', '/api/signals?mine=true')).body.items.length;

async function messageAction(where: Where, who: Who, name: 'fetchTask' | 'submitAction', messagePayload: unknown, data?: Record<string, unknown>): Promise<any> {
  const res = await post({ ...message(where, who, ''), type: 'invoke', name: `composeExtension/${name}`, value: { commandId: 'raiseWithPmo', commandContext: 'message', messagePayload, ...(data ? { data } : {}) } });
  expect(res.status).toBe(200);
  return res.body.task;
}

describe('raise in a personal chat', () => {
  it('offers the raiser’s own work items, most recently updated first, and the domains’ PMOs', async () => {
    const form = await raiseForm(personal(pia), pia);
    const fields = inputs(form);
    expect(fields.get('workItemId').label).toBe('Your work item');
    // Website rebuild was written when the journey started; Payroll a week before; the archive long ago.
    expect(choiceTitles(fields.get('workItemId'))).toEqual(['Website rebuild', 'Payroll system', 'Legacy archive']);
    expect(fields.get('workItemId').value).toBeUndefined();
    expect(choiceTitles(fields.get('domainId'))).toEqual(['HR PMO', 'IT PMO']);
    expect(cardText(form)).toContain('or of the domain you choose');
  });

  it('raises to the chosen item’s domain: the PMO card reaches that PMO channel, the form becomes the receipt', async () => {
    const chat = personal(pia);
    await raiseForm(chat, pia);
    const { text, formId } = await submit(chat, pia, { kind: 'risk', title: 'Archive licence lapses in January', details: 'Renewal not budgeted.', urgency: 'high', workItemId: 'wi-old' });
    const label = labelOf(text);
    expect(text).toContain(`Raised ${label} with the IT PMO`);
    expect(await mySignal(pia, label)).toMatchObject({ workItemId: 'wi-old', domainId: 'dom-it' });
    await waitFor('the PMO card in the IT PMO channel', () => withText(sentTo(PMO, 'POST'), label).length === 1);
    await waitFor('the receipt replacing the form in the personal chat', () => connector.requests.some((r) => r.method === 'PUT' && r.conversationId === chat.conversationId && r.activityId === formId));
  });

  it('raises to the chosen domain’s PMO when it is about none of the raiser’s items', async () => {
    const chat = personal(pia);
    await raiseForm(chat, pia);
    const { text } = await submit(chat, pia, { kind: 'opportunity', title: 'Shared onboarding checklist', details: '', urgency: 'low', domainId: 'dom-hr' });
    const label = labelOf(text);
    expect(text).toContain(`Raised ${label} with the HR PMO`);
    const signal = await mySignal(pia, label);
    expect(signal).toMatchObject({ domainId: 'dom-hr' });
    expect(signal.workItemId).toBeUndefined();
  });

  it('asks which one was meant when both a work item and another domain\'s PMO are chosen, raising nothing', async () => {
    const chat = personal(pia);
    await raiseForm(chat, pia);
    const before = await myCount(pia);
    const { text, card } = await submit(chat, pia, { kind: 'risk', title: 'Archive licence lapses', details: '', urgency: 'high', workItemId: 'wi-old', domainId: 'dom-hr' });
    expect(text.split('\n')[0]).toBe('Choose where it goes');
    expect(text).toContain('keep one of the two');
    const fields = inputs(card);
    expect(fields.get('title').value).toBe('Archive licence lapses');
    expect(await myCount(pia)).toBe(before);
  });

  it('gives the form back, titled for what is missing and with everything typed kept, when neither an item nor a domain is chosen', async () => {
    const chat = personal(pia);
    await raiseForm(chat, pia);
    const before = await myCount(pia);
    const { text, card } = await submit(chat, pia, { kind: 'risk', title: 'Vendor insolvency rumours', details: 'Heard at the supplier day.', urgency: 'critical' });
    expect(text.split('\n')[0]).toBe('Choose where it goes');
    expect(text).not.toContain('Something went wrong');
    expect(text).toContain('Choose one of your work items, or the domain whose PMO should have it');
    const fields = inputs(card);
    expect(fields.get('kind').value).toBe('risk');
    expect(fields.get('title').value).toBe('Vendor insolvency rumours');
    expect(fields.get('details').value).toBe('Heard at the supplier day.');
    expect(fields.get('urgency').value).toBe('critical');
    expect(choiceTitles(fields.get('domainId'))).toEqual(['HR PMO', 'IT PMO']);
    expect(await myCount(pia)).toBe(before);
  });

  it('gives the form back with the choices kept when the title is missing', async () => {
    const chat = personal(pia);
    await raiseForm(chat, pia);
    const { text, card } = await submit(chat, pia, { kind: 'opportunity', title: '  ', details: 'Half typed', urgency: 'high', workItemId: 'wi-pay' });
    expect(text.split('\n')[0]).toBe('Give the signal a title');
    const fields = inputs(card);
    expect(fields.get('kind').value).toBe('opportunity');
    expect(fields.get('details').value).toBe('Half typed');
    expect(fields.get('urgency').value).toBe('high');
    expect(fields.get('workItemId').value).toBe('wi-pay');
  });

  it('offers only the domains to someone on no team (a PMO lead), and raises to the one chosen', async () => {
    const chat = personal(people.itLead);
    const form = await raiseForm(chat, people.itLead);
    const fields = inputs(form);
    expect(fields.has('workItemId')).toBe(false);
    expect(fields.get('domainId').label).toBe('Domain\'s PMO');
    expect(choiceTitles(fields.get('domainId'))).toEqual(['HR PMO', 'IT PMO']);
    expect(cardText(form)).toContain('choose the domain whose PMO should have it');
    const { text } = await submit(chat, people.itLead, { kind: 'information', title: 'New hire wave in March', details: '', urgency: 'normal', domainId: 'dom-hr' });
    expect(text).toContain(`Raised ${labelOf(text)} with the HR PMO`);
  });

  it('refuses an item the raiser is not on exactly as one that does not exist, naming neither', async () => {
    const chat = personal(people.member);
    const form = await raiseForm(chat, people.member);
    expect(choiceTitles(inputs(form).get('workItemId'))).toEqual(['Website rebuild']);
    const before = await myCount(people.member);
    const forged = await submit(chat, people.member, { kind: 'issue', title: 'Payroll export broken', details: '', urgency: 'normal', workItemId: 'wi-pay' });
    const missing = await submit(chat, people.member, { kind: 'issue', title: 'Payroll export broken', details: '', urgency: 'normal', workItemId: 'wi-nope' });
    expect(forged.text.split('\n')[0]).toBe('Choose a work item from the list');
    expect(forged.text).toBe(missing.text);
    expect(forged.text).not.toContain('Payroll system');
    expect(inputs(forged.card).get('workItemId').value).toBeUndefined();
    expect(inputs(forged.card).get('title').value).toBe('Payroll export broken');
    expect(await myCount(people.member)).toBe(before);
  });

  it('tells someone who holds no role what to do, under a title saying so', async () => {
    const chat = personal(nico);
    await raiseForm(chat, nico);
    const { text } = await submit(chat, nico, { kind: 'issue', title: 'Printer on fire', details: '', urgency: 'normal', domainId: 'dom-it' });
    expect(text.split('\n')[0]).toBe('You cannot raise signals yet');
    expect(text).toContain('Ask your PMO lead to add you');
  });
});

describe('raise in a group chat and in a linked channel', () => {
  it('in a group chat, offers the raiser’s items and raises to the chosen item’s PMO, the form becoming the receipt', async () => {
    const chat = groupChat();
    const form = await raiseForm(chat, pia);
    expect(choiceTitles(inputs(form).get('workItemId'))).toContain('Website rebuild');
    const { text, formId } = await submit(chat, pia, { kind: 'issue', title: 'Design review keeps slipping', details: '', urgency: 'normal', workItemId: 'wi-web' });
    const label = labelOf(text);
    expect(text).toContain(`Raised ${label} with the IT PMO`);
    await waitFor('the PMO card', () => withText(sentTo(PMO, 'POST'), label).length === 1);
    await waitFor('the receipt in the group chat', () => connector.requests.some((r) => r.method === 'PUT' && r.conversationId === chat.conversationId && r.activityId === formId));
  });

  it('in the team’s linked channel, defaults to the channel’s item, offers no domain, and routes to its PMO without a choice', async () => {
    const channel = channelWhere(TEAM);
    const form = await raiseForm(channel, people.member);
    const fields = inputs(form);
    expect(fields.get('workItemId').value).toBe('wi-web');
    expect(fields.has('domainId')).toBe(false);
    expect(cardText(form)).toContain('It goes to the IT PMO');
    const { text } = await submit(channel, people.member, { kind: 'issue', title: 'Staging is down again', details: '', urgency: 'high' });
    expect(text).toContain(`Raised ${labelOf(text)} with the IT PMO`);
  });
});

describe('Raise with PMO on a message', () => {
  it('from a personal chat: the dialog offers the raiser’s items pre-filled from the message; the signal links back to it', async () => {
    const chat = personal(pia);
    // Teams names the message; here without its link, so PMO Relay builds Teams' deep link to it.
    const messagePayload = { id: '1701000000001', body: { contentType: 'html', content: '<p>Payroll cut-off moved to the 25th</p><p>Affects the HR release.</p>' } };
    const task = await messageAction(chat, pia, 'fetchTask', messagePayload);
    const dialog = task.value.card.content;
    expect(validateAdaptiveCard(dialog)).toEqual([]);
    const fields = inputs(dialog);
    expect(fields.get('title').value).toBe('Payroll cut-off moved to the 25th');
    expect(choiceTitles(fields.get('workItemId'))).toEqual(['Website rebuild', 'Payroll system', 'Legacy archive']);
    expect(choiceTitles(fields.get('domainId'))).toEqual(['HR PMO', 'IT PMO']);

    // Missing choice: the dialog comes back with what was typed.
    const again = await messageAction(chat, pia, 'submitAction', messagePayload, { verb: 'signal.raise', kind: 'information', title: 'Payroll cut-off moved', details: 'Affects the HR release.', urgency: 'normal' });
    expect(again.type).toBe('continue');
    expect(cardText(again.value.card.content).split('\n')[0]).toBe('Choose where it goes');
    expect(inputs(again.value.card.content).get('title').value).toBe('Payroll cut-off moved');
    expect(inputs(again.value.card.content).get('kind').value).toBe('information');

    const done = await messageAction(chat, pia, 'submitAction', messagePayload, { verb: 'signal.raise', kind: 'information', title: 'Payroll cut-off moved', details: 'Affects the HR release.', urgency: 'normal', workItemId: 'wi-web' });
    expect(done.type).toBe('message');
    const label = labelOf(done.value);
    expect(done.value).toContain(`Raised ${label} with the IT PMO`);
    const link = `https://teams.microsoft.com/l/message/${encodeURIComponent(chat.conversationId)}/1701000000001`;
    expect((await mySignal(pia, label)).origin).toMatchObject({ conversationId: chat.conversationId, messageId: '1701000000001', messageLink: link });
    await waitFor('the PMO card', () => withText(sentTo(PMO, 'POST'), label).length === 1);
    await waitFor('the receipt in the personal chat', () => withText(sentTo(chat.conversationId, 'POST'), `Signal raised · ${label}`).length === 1);
    const receipt = cardOf(withText(sentTo(chat.conversationId, 'POST'), `Signal raised · ${label}`)[0]);
    expect(cardText(receipt)).toContain(`Raised from [a Teams message](${link})`);
  });

  it('from an unlinked channel: raises to the chosen domain, linked to the message Teams named', async () => {
    const channel = unlinkedChannel();
    const messagePayload = { id: '1701000000002', linkToMessage: `https://teams.microsoft.com/l/message/${channel.conversationId}/1701000000002`, body: { contentType: 'text', content: 'Budget freeze announced for Q1' } };
    const task = await messageAction(channel, pia, 'fetchTask', messagePayload);
    expect(choiceTitles(inputs(task.value.card.content).get('domainId'))).toEqual(['HR PMO', 'IT PMO']);
    const done = await messageAction(channel, pia, 'submitAction', messagePayload, { verb: 'signal.raise', kind: 'risk', title: 'Budget freeze announced for Q1', details: '', urgency: 'high', domainId: 'dom-it' });
    expect(done.type).toBe('message');
    const label = labelOf(done.value);
    expect(done.value).toContain(`Raised ${label} with the IT PMO`);
    expect((await mySignal(pia, label)).origin).toMatchObject({ conversationId: channel.conversationId, messageLink: messagePayload.linkToMessage });
    await waitFor('the receipt in the channel', () => withText(sentTo(channel.conversationId, 'POST'), `Signal raised · ${label}`).length === 1);
  });

  it('refuses an item the raiser is not on without naming it, and gives the dialog back', async () => {
    const chat = personal(people.member);
    const messagePayload = { id: '1701000000003', body: { contentType: 'text', content: 'Payroll is wrong' } };
    const before = await myCount(people.member);
    const again = await messageAction(chat, people.member, 'submitAction', messagePayload, { verb: 'signal.raise', kind: 'issue', title: 'Payroll is wrong', details: '', urgency: 'normal', workItemId: 'wi-pay' });
    expect(again.type).toBe('continue');
    const text = cardText(again.value.card.content);
    expect(text.split('\n')[0]).toBe('Choose a work item from the list');
    expect(text).not.toContain('Payroll system');
    expect(await myCount(people.member)).toBe(before);
  });
});

describe('raise as a member of a linked team’s roster', () => {
  const rory = { aadObjectId: id(23), name: 'Rory Roster', mri: '29:1RoryRoster-mri' } satisfies Who;
  const entry = (who: Who) => ({ id: mriOf(who), name: who.name, aadObjectId: who.aadObjectId as string });

  beforeAll(async () => {
    await app.repos.workItems.createMany([workItem('wi-rost', 'dom-it', 'Roster portal', new Date().toISOString())]);
    // Rory holds no role in PMO Relay: only Teams knows them, as a member of the team.
    await app.repos.users.upsert({ tenantId: T, userId: rory.aadObjectId, displayName: rory.name, roles: [] });
  });

  it('offers the item a team channel is linked to, raises to its PMO, and no longer once they left the team', async () => {
    // A channel other than the team's first: its team's roster is what Teams lists.
    const channel: Where = { serviceUrl: connector.url, tenantId: T, kind: 'channel', conversationId: `19:rost-${(n += 1)}@thread.tacv2`, team: { id: `19:rost-team-${n}@thread.tacv2`, name: 'Portal' } };
    const teamId = channel.team?.id as string;
    connector.setRoster(teamId, [people.itLead, rory].map(entry));
    expect((await post(message(channel, people.itLead, 'link team Roster portal'))).status).toBe(200);

    const chat = personal(rory);
    const fields = inputs(await raiseForm(chat, rory));
    expect(choiceTitles(fields.get('workItemId'))).toEqual(['Roster portal']);
    const { text } = await submit(chat, rory, { kind: 'issue', title: 'Portal login loops', details: '', urgency: 'high', workItemId: 'wi-rost' });
    const label = labelOf(text);
    expect(text).toContain(`Raised ${label} with the IT PMO`);
    expect(await mySignal(rory, label)).toMatchObject({ workItemId: 'wi-rost', domainId: 'dom-it' });
    await waitFor('the PMO card in the IT PMO channel', () => withText(sentTo(PMO, 'POST'), label).length === 1);

    connector.setRoster(teamId, [people.itLead].map(entry));
    expect((await post(membersChanged(channel, people.itLead, { removed: [rory] }))).status).toBe(200);
    const later = personal(rory);
    const after = inputs(await raiseForm(later, rory));
    expect(after.get('workItemId')).toBeUndefined();
    const refused = await submit(later, rory, { kind: 'issue', title: 'Portal login loops again', details: '', urgency: 'high', workItemId: 'wi-rost' });
    expect(refused.text.split('\n')[0]).toBe('You cannot raise signals yet');
  });

  it('offers the items of their roles and of a linked group chat’s roster together, each once, most recently updated first', async () => {
    // Gus is on the Website rebuild team by role, and in a chat linked to it and to the Kiosk refresh.
    const gus = { aadObjectId: id(24), name: 'Gus Group', mri: '29:1GusGroup-mri' } satisfies Who;
    await app.repos.workItems.createMany([workItem('wi-kiosk', 'dom-hr', 'Kiosk refresh', '2025-06-01T09:00:00.000Z')]);
    await app.repos.users.upsert({ tenantId: T, userId: gus.aadObjectId, displayName: gus.name, roles: [{ role: 'team_member', workItemId: 'wi-web' }] });
    const chat = groupChat();
    connector.setRoster(chat.conversationId, [people.itLead, people.hrLead, gus].map(entry));
    expect((await post(message(chat, people.itLead, 'link team Website rebuild'))).status).toBe(200);
    expect((await post(message(chat, people.hrLead, 'link team Kiosk refresh'))).status).toBe(200);

    const fields = inputs(await raiseForm(personal(gus), gus));
    expect(choiceTitles(fields.get('workItemId'))).toEqual(['Website rebuild', 'Kiosk refresh']);
  });
});
