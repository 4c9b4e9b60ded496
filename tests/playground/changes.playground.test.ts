/**
 * A strategy change reaching a delivery team in the real Microsoft 365 Agents Playground: the
 * EPMO publishes, the durable delivery engine sends the card proactively to the team channel
 * the playground shows (its connector is the channel's service URL), and the team member
 * signed in there acknowledges it with the card's button.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildDemoTenant } from '../../bot/demo/demo-data';
import { DEMO_TENANT, DEMO_USERS } from '../../bot/demo/demo-identities';
import type { RunningApp } from '../../bot/composition/start-app';
import type { CascadeRecipient, CascadeResponse } from '../../bot/api-contract/changes';
import { cardText, validateAdaptiveCard } from '../support/adaptive-card';
import { apiClient, startTestApp } from '../support/app';
import { type ConnectorServer, startConnectorServer } from '../support/connector-server';
import { ADAPTIVE_CARD, type Playground, type PlaygroundMessage, startPlayground } from '../support/playground';
import { FAST_DELIVERY_ENV, settled, waitUntil } from '../delivery/support';

const T = DEMO_TENANT.tenantId;
const demo = buildDemoTenant(new Date());
const tara = DEMO_USERS.find((u) => u.displayName === 'Tara Team');
const epmo = DEMO_USERS.find((u) => u.roles.length === 1 && u.roles[0]?.role === 'epmo_member');
const TITLE = 'Playground check: pause new portal features';

let app: RunningApp;
let pg: Playground;
/** Stands in for Teams for every other recipient of the change, so nothing leaves the machine. */
let elsewhere: ConnectorServer;
let call: ReturnType<typeof apiClient>;
let epmoToken = '';
let changeId = '';

const cardOf = (m: PlaygroundMessage | undefined): unknown => m?.attachments.find((a) => a.contentType === ADAPTIVE_CARD)?.content;
const inThread = (channelId: string) => (m: PlaygroundMessage) => m.conversationId.startsWith(`${channelId};messageid=`);

async function teamRecipient(conversationId: string): Promise<CascadeRecipient | undefined> {
  const res = await call('GET', `/api/changes/${changeId}/cascade`, { token: epmoToken });
  expect(res.status).toBe(200);
  return (res.body as CascadeResponse).domains.flatMap((d) => d.teams).find((t) => t.conversationId === conversationId);
}

beforeAll(async () => {
  elsewhere = await startConnectorServer();
  app = await startTestApp({ SEED_DEMO: 'true', ...FAST_DELIVERY_ENV });
  call = apiClient(app.url);
  pg = await startPlayground({ app, as: 'tara' });
  // The seeded conversations live in a Teams that is not here; only the playground's are real.
  for (const ref of await app.repos.conversations.list(T)) await app.repos.conversations.save({ ...ref, serviceUrl: elsewhere.url });
  const token = await call('POST', '/api/dev/token', { body: { tenantId: T, userId: epmo?.userId } });
  expect(token.status).toBe(200);
  epmoToken = token.body.token as string;
});

afterAll(async () => {
  await pg?.stop();
  await app?.stop();
  await elsewhere?.close();
});

describe('a strategy change in the Agents Playground, as a delivery team member', () => {
  const portal = demo.workItems.find((w) => w.id === 'wi-001');

  it('the team channel is linked through the bot, which now reaches it through the playground', async () => {
    // Tara's team channel is the playground team's General channel.
    const [reply] = await pg.ask(pg.chats.general, `link team ${portal?.title}`);
    expect(cardText(cardOf(reply))).toMatch(/linked to the team of Customer Portal Replatform/i);
    expect(await app.repos.links.listByConversation(T, pg.chats.general)).toEqual([expect.objectContaining({ target: { kind: 'team', workItemId: 'wi-001' } })]);
    expect(await app.repos.conversations.get(T, pg.chats.general)).toMatchObject({ serviceUrl: pg.serviceUrl, active: true });
  });

  it('the change card arrives in the channel when the EPMO publishes, and Acknowledge records one response', async () => {
    const draft = await call('POST', '/api/changes', {
      token: epmoToken,
      body: {
        title: TITLE,
        summary: 'Hold new portal features until the platform review ends.',
        kind: 'reprioritisation',
        objectiveIds: [portal?.objectives[0]?.objectiveId],
        domainIds: [],
        requiredResponse: 'acknowledge',
        respondBy: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      },
    });
    expect(draft.status).toBe(201);
    changeId = draft.body.change.id as string;
    const published = await call('POST', `/api/changes/${changeId}/publish`, { token: epmoToken, headers: { 'If-Match': draft.body.etag } });
    expect(published.status).toBe(200);

    // Delivered proactively: a new thread in the channel, as Teams shows a bot's post.
    const [delivered] = await pg.waitForBotMessages((m) => inThread(pg.chats.general)(m) && cardText(cardOf(m)).includes(TITLE), {
      timeoutMs: 15_000,
      what: 'the change card',
    });
    const card = cardOf(delivered);
    expect(validateAdaptiveCard(card)).toEqual([]);
    expect(cardText(card)).toContain('Acknowledge');
    // Every recipient is sent (the others at the stand-in connector); the playground's is
    // recorded with the message id the playground gave the card.
    await waitUntil(async () => settled(await app.delivery.listBatch(T, `change:${changeId}:v1`)), 15_000, 'the fan-out to settle');
    const deliveries = await app.delivery.listBatch(T, `change:${changeId}:v1`);
    expect(deliveries.every((d) => d.state === 'sent')).toBe(true);
    expect(deliveries.find((d) => d.conversationId === pg.chats.general)?.activityId).toBe(delivered?.id);
    expect((await teamRecipient(pg.chats.general))?.delivery).toBe('sent');

    const first = await pg.execute(delivered as PlaygroundMessage, 'Acknowledge');
    expect(validateAdaptiveCard(first.card)).toEqual([]);
    expect(cardText(first.card)).toContain('Thanks — your response is recorded.');
    expect(cardText(first.card)).toContain('Your response: Acknowledged');
    // The playground now shows the answered card in place of the one clicked.
    const shown = pg.messages().find((m) => m.id === delivered?.id);
    expect(cardText(cardOf(shown))).toContain('Your response: Acknowledged');

    // A second click on the answered card is the same response, not another one.
    const second = await pg.execute(shown as PlaygroundMessage, 'change.ack');
    expect(cardText(second.card)).toContain('Your response was already recorded.');
    const recipient = await teamRecipient(pg.chats.general);
    expect(recipient?.responses).toEqual([expect.objectContaining({ userId: tara?.userId, acknowledged: true })]);
    expect(recipient?.status).toBe('acknowledged');
  });
});
