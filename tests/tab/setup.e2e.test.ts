/**
 * Setting a tenant up, in the browser: the admin's "not set up yet" list shrinks as channels are
 * linked (one through the bot's real `link` command, one through the link store), and the channel
 * tab's configuration page, framed by a stand-in Teams host, saves its binding — a domain or the
 * EPMO roll-up — and the bound tab then shows that portfolio.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext, FrameLocator, Page } from 'playwright-core';
import type { RunningApp } from '../../bot/composition/start-app';
import { DEMO_TENANT, DEMO_USERS } from '../../bot/demo/demo-identities';
import { message } from '../bot/teams-activities';
import { until } from '../support/browser';
import { type ConnectorServer, startConnectorServer } from '../support/connector-server';
import { conversation, domain, link } from '../support/directory-records';
import { useTabSession } from '../support/tab-session';
import { openInTeamsHost, pressSave, teamsHostState } from '../support/teams-host';

let app: RunningApp;
let context: BrowserContext;
let page: Page;
let connector: ConnectorServer;
useTabSession((s) => ({ app, context, page } = s));

beforeAll(async () => {
  connector = await startConnectorServer();
});
afterAll(async () => {
  await connector?.close();
});

const T = DEMO_TENANT.tenantId;
const person = (name: string) => {
  const user = DEMO_USERS.find((u) => u.displayName === name);
  if (!user) throw new Error(`No demo user ${name}`);
  return user;
};
const tokenOf = async (name: string): Promise<string> => {
  const res = await fetch(`${app.url}/api/dev/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ tenantId: T, userId: person(name).userId }) });
  return ((await res.json()) as { token: string }).token;
};

/** Opens the tab in a plain browser as `name`, as a returning user would. */
async function openAs(name: string, hash: string): Promise<void> {
  await context.addInitScript({ content: `window.localStorage.setItem('pmoRelay.devUser', ${JSON.stringify(`${T}/${person(name).userId}`)});` });
  await page.goto(`${app.url}/${hash}`);
}

/** The names listed under one kind of gap (none when the kind is gone). */
async function listed(title: string): Promise<string[]> {
  const list = page.getByRole('list', { name: title });
  if ((await list.count()) === 0) return [];
  return list.locator('li > span:first-child > span:first-child').allInnerTexts();
}

/** Presses Refresh; the list then shows what the server answers now (waited for, not assumed). */
async function refresh(): Promise<void> {
  await page.getByRole('button', { name: 'Refresh' }).click();
}

describe('what is not set up yet', () => {
  it('shrinks as channels are linked', async () => {
    await app.repos.domains.createMany([{ ...domain(T, 'dom-legal', 'Legal') }, { ...domain(T, 'dom-mkt', 'Marketing') }]);
    await openAs('Avery Admin', '#/admin?section=setup');
    await page.getByRole('heading', { level: 2, name: 'What is not set up yet' }).waitFor();
    await page.getByRole('list', { name: 'Domains without a PMO channel' }).waitFor();
    expect(await listed('Domains without a PMO channel')).toEqual(['Legal', 'Marketing']);
    await page.getByText('@PMO Relay link pmo Legal', { exact: true }).waitFor();
    // The work items whose team cannot be reached come folded per domain, with how many each has.
    const teams = page.getByRole('region', { name: /Work items whose team cannot be reached/ });
    const groups = await teams.locator('summary').allInnerTexts();
    expect(groups.length).toBeGreaterThan(1);
    for (const g of groups) expect(g).toMatch(/^\S.* \(\d+\)$/);
    const [firstName, firstCount] = (groups[0] as string).match(/^(.*) \((\d+)\)$/)?.slice(1) ?? [];
    const firstList = teams.getByRole('list', { name: `Work items whose team cannot be reached: ${firstName}` });
    expect(await firstList.isVisible()).toBe(false);
    await teams.locator('summary').first().click();
    await firstList.waitFor();
    expect(await firstList.getByRole('listitem').count()).toBe(Number(firstCount));
    // A new domain needs its lead first; the fix is in People and roles.
    expect(await listed('Domains without a PMO lead')).toEqual(['Legal', 'Marketing']);
    await page.getByRole('region', { name: /Domains without a PMO lead/ }).getByRole('link', { name: 'Assign roles' }).waitFor();

    // Legal's PMO channel is linked the way the list says: the command, typed in the channel.
    const legal = { serviceUrl: connector.url, tenantId: T, kind: 'channel' as const, conversationId: '19:legal-pmo@thread.tacv2', team: { id: '19:legal-team@thread.tacv2', name: 'Legal PMO' } };
    const admin = { aadObjectId: person('Avery Admin').userId, name: 'Avery Admin' };
    const sent = await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(message(legal, admin, 'link pmo Legal')) });
    expect(sent.status).toBe(200);
    await until(() => expect(connector.requests.some((r) => r.conversationId?.startsWith('19:legal-pmo@thread.tacv2'))).toBe(true));
    await refresh();
    await until(async () => expect(await listed('Domains without a PMO channel')).toEqual(['Marketing']));

    // Marketing's, straight into the link store (as any other way of linking would leave it).
    await app.repos.conversations.save(conversation(T, '19:mkt-pmo@thread.tacv2', { title: 'Marketing PMO › General' }));
    await app.repos.links.put(link(T, '19:mkt-pmo@thread.tacv2', { kind: 'pmo', domainId: 'dom-mkt' }));
    await refresh();
    await page.getByRole('heading', { name: /Domains without a PMO channel/ }).waitFor({ state: 'detached' });
    await page.getByText(/to set up, in/).waitFor();
    expect(await listed('Domains without a PMO channel')).toEqual([]);
  });

  it('is for tenant admins only', async () => {
    await openAs('Priya Patel', '#/admin?section=setup');
    await page.getByText('Only tenant admins can set up domains, objectives and roles.').waitFor();
    expect(await page.getByRole('heading', { name: 'What is not set up yet' }).count()).toBe(0);
  });
});

describe('the channel tab', () => {
  const tab = (): FrameLocator => page.frameLocator('iframe[title="PMO Relay"]');
  const chosen = () => tab().getByRole('combobox', { name: 'Portfolio for this tab' });
  /** What the dropdown shows: the chosen portfolio, or its placeholder. */
  const shown = async () => (await chosen().innerText()).trim();

  it("suggests the linked PMO's domain, saves the EPMO roll-up, and the bound tab shows it", async () => {
    const token = await tokenOf('Sam Strategy');
    const who = { token, tenantId: T, userId: person('Sam Strategy').userId };
    // Added to the IT PMO channel, which the demo links to IT's PMO.
    await openInTeamsHost(page, app.url, { ...who, frameContext: 'settings', tabUrl: `${app.url}/index.html#/config`, channelId: '19:it-pmo@thread.tacv2' });
    await tab().getByRole('heading', { name: 'Set up the portfolio tab' }).waitFor();
    await until(async () => expect(await shown()).toBe('IT portfolio'));
    await tab().getByText('Suggested: this channel is linked to it in PMO Relay.').waitFor();
    await until(async () => expect((await teamsHostState(page)).valid).toBe(true));
    expect((await teamsHostState(page)).config?.contentUrl).toBe(`${app.url}/index.html#/portfolio?domain=dom-it`);

    await chosen().click();
    await tab().getByRole('option', { name: 'EPMO roll-up: every domain' }).click();
    await until(async () => expect((await teamsHostState(page)).config?.contentUrl).toBe(`${app.url}/index.html#/rollup`));
    expect(await pressSave(page)).toEqual({ ok: true });
    const saved = (await teamsHostState(page)).config;
    expect(saved).toMatchObject({ entityId: 'portfolio-rollup', contentUrl: `${app.url}/index.html#/rollup`, suggestedDisplayName: 'EPMO roll-up: every domain' });

    // Reconfigured later: the page starts from what the tab shows.
    await openInTeamsHost(page, app.url, { ...who, frameContext: 'settings', tabUrl: `${app.url}/index.html#/config`, channelId: '19:it-pmo@thread.tacv2', savedConfig: saved ?? {} });
    await until(async () => expect(await shown()).toBe('EPMO roll-up: every domain'));
    await tab().getByText('This is what the tab shows now.').waitFor();

    // The bound channel tab opens the roll-up.
    await openInTeamsHost(page, app.url, { ...who, frameContext: 'content', tabUrl: saved?.contentUrl ?? '', channelId: '19:it-pmo@thread.tacv2', savedConfig: saved ?? {} });
    await tab().getByRole('heading', { level: 1, name: 'Portfolio roll-up' }).waitFor();
    // Inside the host, signed in through it: no development mode.
    expect((await teamsHostState(page)).calls).toContain('authentication.getAuthToken');
    expect(await tab().getByText('Development mode').count()).toBe(0);
  });

  it("binds a PMO lead's tab to their domain, offering no roll-up, and the tab shows that domain", async () => {
    const who = { token: await tokenOf('Priya Patel'), tenantId: T, userId: person('Priya Patel').userId };
    await openInTeamsHost(page, app.url, { ...who, frameContext: 'settings', tabUrl: `${app.url}/index.html#/config`, channelId: '19:somewhere-else@thread.tacv2' });
    await tab().getByRole('heading', { name: 'Set up the portfolio tab' }).waitFor();
    expect(await shown()).toBe('Choose a portfolio');
    expect((await teamsHostState(page)).valid).toBe(false);
    await chosen().click();
    expect(await tab().getByRole('option').allInnerTexts()).toEqual(['IT portfolio']);
    await tab().getByRole('option', { name: 'IT portfolio' }).click();
    await until(async () => expect((await teamsHostState(page)).valid).toBe(true));
    expect(await pressSave(page)).toEqual({ ok: true });
    const saved = (await teamsHostState(page)).config;
    expect(saved?.contentUrl).toBe(`${app.url}/index.html#/portfolio?domain=dom-it`);

    await openInTeamsHost(page, app.url, { ...who, frameContext: 'content', tabUrl: saved?.contentUrl ?? '', savedConfig: saved ?? {} });
    await tab().getByRole('heading', { level: 1, name: 'IT portfolio' }).waitFor();
  });
});
