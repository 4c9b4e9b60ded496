/**
 * Raising a signal in the real Microsoft 365 Agents Playground: a delivery team member types
 * `raise` in their team channel, fills in the form card and presses Raise (an `Action.Execute`
 * through the playground); the signal is stored in the demo tenant for the work item's domain,
 * the form becomes the receipt, and the domain's PMO channel gets the PMO card. In the personal
 * chat the form offers her own work items instead.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildDemoTenant } from '../../bot/demo/demo-data';
import { DEMO_TENANT, DEMO_USERS } from '../../bot/demo/demo-identities';
import type { RunningApp } from '../../bot/composition/start-app';
import type { SignalInboxResponse } from '../../bot/api-contract/signals';
import { cardText, validateAdaptiveCard } from '../support/adaptive-card';
import { apiClient, startTestApp } from '../support/app';
import { type ConnectorServer, startConnectorServer } from '../support/connector-server';
import { ADAPTIVE_CARD, type Playground, type PlaygroundMessage, startPlayground } from '../support/playground';
import { FAST_DELIVERY_ENV } from '../delivery/support';

const T = DEMO_TENANT.tenantId;
const demo = buildDemoTenant(new Date());
const tara = DEMO_USERS.find((u) => u.displayName === 'Tara Team');
const itLead = DEMO_USERS.find((u) => u.roles.some((r) => r.role === 'pmo_lead' && r.domainId === 'dom-it'));
const portal = demo.workItems.find((w) => w.id === 'wi-001');
const TITLE = 'Playground check: test environment booked twice';

let app: RunningApp;
let pg: Playground;
/** Stands in for Teams for conversations the playground does not show, so nothing leaves the machine. */
let elsewhere: ConnectorServer;
let call: ReturnType<typeof apiClient>;

const cardOf = (m: PlaygroundMessage | undefined): unknown => m?.attachments.find((a) => a.contentType === ADAPTIVE_CARD)?.content;

/** The labels of the card's inputs, as the form shows them. */
function inputLabels(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => inputLabels(n, out));
  else if (node && typeof node === 'object') {
    const obj = node as Record<string, unknown>;
    if (String(obj.type).startsWith('Input.') && typeof obj.label === 'string') out.push(obj.label);
    Object.values(obj).forEach((v) => inputLabels(v, out));
  }
  return out;
}

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

describe('raising a signal in the Agents Playground, as a delivery team member', () => {
  let form: PlaygroundMessage;

  it('raise in the team channel answers with the form card, offering the channel’s work item', async () => {
    // Tara's team channel (General) is linked to her work item; the playground's other channel is her domain's PMO channel.
    // Saying hello there first lets PMO Relay reach that channel through the playground too.
    await pg.ask(pg.chats.channel, 'help');
    [form] = (await pg.ask(pg.chats.general, 'raise')) as [PlaygroundMessage];
    const card = cardOf(form);
    expect(validateAdaptiveCard(card)).toEqual([]);
    const text = cardText(card);
    expect(text).toContain('Raise a signal with the PMO');
    expect(inputLabels(card)).toEqual(['Kind', 'Title', 'Details', 'Urgency', 'Work item (optional)']);
    expect(text).toContain(portal?.title);
    expect(text.split('\n').at(-1)).toBe('Raise');
  });

  it('submitting the form through the playground stores the signal for the work item’s domain and shows the receipt', async () => {
    const result = await pg.execute(form, 'Raise', { kind: 'risk', title: TITLE, details: 'Both squads booked the same test environment for sprint 14.', urgency: 'high', workItemId: 'wi-001' });
    expect(validateAdaptiveCard(result.card)).toEqual([]);
    const receipt = cardText(result.card);
    expect(receipt).toContain(TITLE);
    expect(receipt).toMatch(/Raised S-\d+ with the IT PMO/);
    expect(receipt).toContain('Raised'); // the state tracker's first step
    // The playground shows the receipt where the form was.
    expect(cardText(cardOf(pg.messages().find((m) => m.id === form.id)))).toContain(TITLE);

    // Stored in the demo tenant, routed to IT (the work item's domain): it is in the IT PMO lead's inbox.
    const token = await call('POST', '/api/dev/token', { body: { tenantId: T, userId: itLead?.userId } });
    const inbox = await call('GET', `/api/signals?q=${encodeURIComponent(TITLE)}`, { token: token.body.token });
    expect(inbox.status).toBe(200);
    const items = (inbox.body as SignalInboxResponse).items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      tenantId: T,
      domainId: 'dom-it',
      workItemId: 'wi-001',
      kind: 'risk',
      urgency: 'high',
      state: 'raised',
      raisedBy: { userId: tara?.userId },
      origin: { conversationId: pg.chats.general },
      receiptActivityId: form.id,
    });

    // The IT PMO channel gets the PMO card, through the playground as well.
    const [pmoCard] = await pg.waitForBotMessages((m) => m.conversationId.startsWith(`${pg.chats.channel};messageid=`) && cardText(cardOf(m)).includes(TITLE), {
      timeoutMs: 15_000,
      what: 'the PMO card in the IT PMO channel',
    });
    expect(validateAdaptiveCard(cardOf(pmoCard))).toEqual([]);
    expect(cardText(cardOf(pmoCard))).toContain(portal?.title);

    // The bot then updates the receipt in place (the card that stays true), through the playground too.
    const updated = await pg.waitForMessage(form.id, (m) => m.updates >= 2, { what: 'the receipt updated in place by the bot' });
    expect(validateAdaptiveCard(cardOf(updated))).toEqual([]);
    expect(cardText(cardOf(updated))).toContain(TITLE);
  });

  it('raise in the personal chat offers Tara’s own work items and the domains; choosing her item raises it and the form becomes the receipt', async () => {
    const [personalForm] = (await pg.ask(pg.chats.personal, 'raise')) as [PlaygroundMessage];
    const card = cardOf(personalForm);
    expect(validateAdaptiveCard(card)).toEqual([]);
    expect(inputLabels(card)).toEqual(['Kind', 'Title', 'Details', 'Urgency', 'Your work item', "Or another domain's PMO"]);
    expect(cardText(card)).toContain(portal?.title);
    const title = 'Playground check: raised from the personal chat';
    const result = await pg.execute(personalForm, 'Raise', { kind: 'issue', title, details: '', urgency: 'normal', workItemId: 'wi-001' });
    expect(validateAdaptiveCard(result.card)).toEqual([]);
    expect(cardText(result.card)).toMatch(/Raised S-\d+ with the IT PMO/);
    expect(cardText(cardOf(pg.messages().find((m) => m.id === personalForm.id)))).toContain(title);
  });
});
