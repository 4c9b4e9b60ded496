/**
 * Answering a check-in in the real Microsoft 365 Agents Playground: the IT PMO lead requests a
 * check-in for Tara's work item (through the tab's API); the card arrives in her team channel
 * (General) through the playground; a red cost without a reason comes back refused with what she
 * typed kept; with the reason it is recorded on the item and the card shows the answer.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_TENANT, DEMO_USERS } from '../../bot/demo/demo-identities';
import type { RunningApp } from '../../bot/composition/start-app';
import { cardText, validateAdaptiveCard } from '../support/adaptive-card';
import { apiClient, startTestApp } from '../support/app';
import { type ConnectorServer, startConnectorServer } from '../support/connector-server';
import { ADAPTIVE_CARD, type Playground, type PlaygroundMessage, startPlayground } from '../support/playground';
import { cardInputs } from '../support/playground-parts';
import { FAST_DELIVERY_ENV } from '../delivery/support';

const T = DEMO_TENANT.tenantId;
const tara = DEMO_USERS.find((u) => u.displayName === 'Tara Team');
const itLead = DEMO_USERS.find((u) => u.roles.some((r) => r.role === 'pmo_lead' && r.domainId === 'dom-it'));

let app: RunningApp;
let pg: Playground;
/** Stands in for Teams for conversations the playground does not show, so nothing leaves the machine. */
let elsewhere: ConnectorServer;
let call: ReturnType<typeof apiClient>;

const cardOf = (m: PlaygroundMessage | undefined): unknown => m?.attachments.find((a) => a.contentType === ADAPTIVE_CARD)?.content;
const tokenOf = async (userId: string | undefined): Promise<string> => (await call('POST', '/api/dev/token', { body: { tenantId: T, userId } })).body.token as string;

beforeAll(async () => {
  elsewhere = await startConnectorServer();
  app = await startTestApp({ SEED_DEMO: 'true', ...FAST_DELIVERY_ENV });
  call = apiClient(app.url);
  pg = await startPlayground({ app, as: 'tara' });
  for (const ref of await app.repos.conversations.list(T)) await app.repos.conversations.save({ ...ref, serviceUrl: elsewhere.url });
});

afterAll(async () => {
  await pg?.stop();
  await app?.stop();
  await elsewhere?.close();
});

describe('answering a check-in in the Agents Playground, as a delivery team member', () => {
  let card: PlaygroundMessage;
  let roundId = '';
  /** The card's colours as pre-filled (green where it starts empty), so only the cost changes. */
  let colours: Record<string, string> = {};

  it('a check-in the IT PMO lead requests arrives in Tara’s team channel as a valid card', async () => {
    // Saying hello in General first lets PMO Relay reach that channel through the playground.
    await pg.ask(pg.chats.general, 'help');
    const requested = await call('POST', '/api/domains/dom-it/check-ins', { token: await tokenOf(itLead?.userId), body: { itemIds: ['wi-001'] } });
    expect(requested.status).toBe(201);
    roundId = requested.body.id as string;
    [card] = (await pg.waitForBotMessages((m) => m.conversationId.startsWith(pg.chats.general) && cardText(cardOf(m)).includes('Check-in:'), {
      timeoutMs: 15_000,
      what: 'the check-in card in General',
    })) as [PlaygroundMessage];
    expect(validateAdaptiveCard(cardOf(card))).toEqual([]);
    expect(cardText(cardOf(card))).toContain('asks for this item');
    const inputs = cardInputs(cardOf(card));
    colours = Object.fromEntries(['schedule', 'cost', 'scope', 'benefit'].map((d) => [`colour_${d}`, inputs.get(`colour_${d}`)?.value ?? 'green']));
    expect(inputs.get('stage')?.value).toBeDefined();
  });

  it('a red cost without a reason comes back refused with the typed note kept; with the reason it is recorded on the item', async () => {
    const note = 'Playground check: licences cost more than planned';
    const refused = await pg.execute(card, 'Send check-in', { ...colours, colour_cost: 'red', reason_cost: '', note });
    expect(validateAdaptiveCard(refused.card)).toEqual([]);
    const text = cardText(refused.card);
    // The demo's portal reports cost amber: turning it red needs a reason.
    expect(colours['colour_cost']).toBe('amber');
    expect(text).toContain('cost (it turns red)');
    expect(cardInputs(refused.card).get('note')?.value).toBe(note);

    // Keeping a colour other than the one the rules suggest (the portal's end date may have passed
    // by today) needs its reason too; a reason where none is needed is simply kept.
    const kept = { reason_schedule: 'Go-live moved, agreed with the sponsor', reason_scope: 'As agreed', reason_benefit: 'Benefits start after go-live' };
    const done = await pg.execute(card, 'Send check-in', { ...colours, ...kept, colour_cost: 'red', reason_cost: 'Licence prices rose 20%', note });
    expect(validateAdaptiveCard(done.card)).toEqual([]);
    expect(cardText(done.card)).toContain('Answered by Tara Team');
    expect(cardText(done.card)).toContain('Licence prices rose 20%');

    const panel = await call('GET', '/api/work-items/wi-001/panel', { token: await tokenOf(tara?.userId) });
    expect(panel.status).toBe(200);
    expect(panel.body.item.health.cost).toBe('red');
    expect(panel.body.item.statusNote).toBe(note);
    expect(panel.body.history.at(-1)).toMatchObject({ source: 'check-in', checkInId: roundId, by: { displayName: 'Tara Team' }, note });
  });
});
