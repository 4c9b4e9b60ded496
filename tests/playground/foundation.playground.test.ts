/**
 * The bot in the real Microsoft 365 Agents Playground, signed in as the IT PMO lead of the
 * seeded demo tenant: what a person sees for `help` and `link`, and that the playground's
 * tenant and people are the demo's (the bot stores the conversation under the demo tenant).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildDemoTenant } from '../../bot/demo/demo-data';
import { DEMO_TENANT, DEMO_USERS } from '../../bot/demo/demo-identities';
import type { RunningApp } from '../../bot/composition/start-app';
import { cardText, validateAdaptiveCard } from '../support/adaptive-card';
import { startTestApp } from '../support/app';
import { ADAPTIVE_CARD, type Playground, type PlaygroundMessage, startPlayground } from '../support/playground';

const demo = buildDemoTenant(new Date());
const lead = DEMO_USERS.find((u) => u.roles.some((r) => r.role === 'pmo_lead' && r.domainId === 'dom-it'));

let app: RunningApp;
let pg: Playground;

beforeAll(async () => {
  app = await startTestApp({ SEED_DEMO: 'true' });
  pg = await startPlayground({ app, as: 'pmo-it' });
});

afterAll(async () => {
  await pg?.stop();
  await app?.stop();
});

const cardOf = (m: PlaygroundMessage | undefined): unknown => m?.attachments.find((a) => a.contentType === ADAPTIVE_CARD)?.content;

/** The choices of the card's choice set, as titles. */
function choiceTitles(card: unknown): string[] {
  const titles: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const obj = node as Record<string, unknown>;
    if (obj.type === 'Input.ChoiceSet' && Array.isArray(obj.choices)) titles.push(...(obj.choices as { title: string }[]).map((c) => c.title));
    Object.values(obj).forEach(walk);
  };
  walk(card);
  return titles;
}

describe('PMO Relay in the Agents Playground, as the IT PMO lead', () => {
  it('answers help in the personal chat with the help card: its title and every command', async () => {
    const [reply] = await pg.ask(pg.chats.personal, 'help');
    const card = cardOf(reply);
    expect(validateAdaptiveCard(card)).toEqual([]);
    const text = cardText(card);
    expect(text.split('\n')[0]).toBe('PMO Relay');
    for (const command of ['help', 'link', 'raise', 'my signals', 'changes', 'announce']) expect(text).toContain(command);
  });

  it('answers link in a channel (bot mentioned) with the link form listing only what this person may link', async () => {
    const [reply] = await pg.ask(pg.chats.general, 'link');
    const card = cardOf(reply);
    expect(validateAdaptiveCard(card)).toEqual([]);
    expect(cardText(card)).toContain('Link this channel');
    // PRODUCT.md §1: a PMO lead links their own domain's PMO channel and its work items' teams; not the EPMO, not other domains.
    const it = demo.domains.find((d) => d.id === 'dom-it');
    const expected = [`${it?.name} PMO`, ...demo.workItems.filter((w) => w.domainId === 'dom-it').map((w) => `${w.title} team (${it?.name})`)];
    expect(choiceTitles(card).sort()).toEqual(expected.sort());
    expect(choiceTitles(card).join('\n')).not.toMatch(/EPMO|HR PMO|Finance PMO|Operations PMO/);
    // It is the reply in the thread the person started, with the Link button ready.
    expect(reply?.conversationId).toMatch(new RegExp(`^${pg.chats.general.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')};messageid=`));
    expect(cardText(card)).toContain('Link');
  });

  it('runs in the demo tenant as demo people, and the bot records the conversations under the demo tenant', async () => {
    const loaded = await pg.loadedConfig();
    expect(loaded.tenantId).toBe(DEMO_TENANT.tenantId);
    expect(loaded.currentUser).toMatchObject({ aadObjectId: lead?.userId, name: lead?.displayName });
    const demoIds = new Map(DEMO_USERS.map((u) => [u.userId, u.displayName]));
    for (const u of [loaded.currentUser, ...loaded.users]) expect(demoIds.get(u.aadObjectId)).toBe(u.name);

    const personal = await app.repos.conversations.get(DEMO_TENANT.tenantId, pg.chats.personal);
    expect(personal).toMatchObject({ kind: 'personal', userId: lead?.userId, serviceUrl: pg.serviceUrl, active: true });
    // The General channel is the seeded IT PMO channel; talking there refreshed its reference to the playground.
    const channel = await app.repos.conversations.get(DEMO_TENANT.tenantId, pg.chats.general);
    expect(channel).toMatchObject({ kind: 'channel', serviceUrl: pg.serviceUrl });
    expect(await app.repos.links.listByConversation(DEMO_TENANT.tenantId, pg.chats.general)).toEqual([
      expect.objectContaining({ target: { kind: 'pmo', domainId: 'dom-it' } }),
    ]);
  });
});
