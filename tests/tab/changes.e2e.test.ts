/**
 * Strategy changes in the tab, end to end: the built tab served by the real app (seeded demo
 * tenant with its strategy changes, Azurite, the delivery worker), in headless Chromium,
 * in development mode with demo identities. Needs `npm run build:tab` first.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { DEMO_TENANT, DEMO_USERS } from '../../bot/demo/demo-identities';
import type { RunningApp } from '../../bot/composition/start-app';
import { startTabApp } from '../support/app';
import { launchBrowser, until } from '../support/browser';

const UI_TIMEOUT = 15_000;

let app: RunningApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  app = await startTabApp();
  browser = await launchBrowser();
  await seedChanges();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  context.setDefaultTimeout(UI_TIMEOUT);
  page = await context.newPage();
});

afterEach(async () => {
  await context?.close();
});

const user = (name: string) => {
  const found = DEMO_USERS.find((u) => u.displayName === name);
  if (!found) throw new Error(`No demo user ${name}`);
  return found;
};

/** Signs in as a demo identity before the tab loads, as a returning user would be. */
async function as(name: string): Promise<void> {
  const key = `${DEMO_TENANT.tenantId}/${user(name).userId}`;
  await context.addInitScript({ content: `window.localStorage.setItem('pmoRelay.devUser', ${JSON.stringify(key)});` });
}

async function open(hash: string): Promise<void> {
  await page.goto(`${app.url}/${hash}`);
}

/** Titles of the changes these tests create through the API, whatever the demo seed holds. */
const SEEDED = { draft: 'E2E draft: shared services review', published: 'E2E published: digital revenue push', withdrawn: 'E2E withdrawn: travel freeze' } as const;

async function apiAs(name: string) {
  const tokenResponse = await fetch(`${app.url}/api/dev/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ tenantId: DEMO_TENANT.tenantId, userId: user(name).userId }),
  });
  const { token } = (await tokenResponse.json()) as { token: string };
  return async <T>(method: string, url: string, body?: unknown, etag?: string): Promise<T> => {
    const response = await fetch(`${app.url}${url}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...(etag ? { 'If-Match': etag } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
}

/** A draft, a published and a withdrawn change, made the way the composer makes them. */
async function seedChanges(): Promise<void> {
  const call = await apiAs('Sam Strategy');
  type Detail = { change: { id: string }; etag: string };
  const draft = (title: string) =>
    call<Detail>('POST', '/api/changes', { title, summary: 'Made by the end-to-end tests.', kind: 'reprioritisation', objectiveIds: ['obj-1'], domainIds: [], requiredResponse: 'assess', respondBy: new Date(Date.now() + 7 * 86_400_000).toISOString() });
  await draft(SEEDED.draft);
  const published = await draft(SEEDED.published);
  await call('POST', `/api/changes/${published.change.id}/publish`, {}, published.etag);
  const withdrawn = await draft(SEEDED.withdrawn);
  const live = await call<Detail>('POST', `/api/changes/${withdrawn.change.id}/publish`, {}, withdrawn.etag);
  await call('POST', `/api/changes/${live.change.id}/withdraw`, { reason: 'No longer needed.' }, live.etag);
}

const changesTable = (): Locator => page.getByRole('table', { name: 'Strategy changes' });
const preview = (): Locator => page.getByRole('region', { name: 'Card preview' });
const reach = (): Locator => page.getByRole('list', { name: 'Reach' });

/** Ticks options of a Fluent multi-select dropdown, then closes it. */
async function chooseMany(label: string, ...options: RegExp[]): Promise<void> {
  await page.getByRole('combobox', { name: label }).click();
  for (const option of options) await page.getByRole('menuitemcheckbox', { name: option }).click();
  await page.keyboard.press('Escape');
}

/** The number on a labelled figure tile, e.g. `PMO channels: 2`. */
async function figure(list: Locator, label: string): Promise<number> {
  const item = list.getByRole('listitem', { name: new RegExp(`^${label}: `) });
  const name = (await item.getAttribute('aria-label')) ?? '';
  return Number(name.slice(label.length + 2));
}

async function fillComposer(title: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Title' }).fill(title);
  await page.getByRole('textbox', { name: 'Summary' }).fill('All **new** data-centre spend stops.\n\n- Move new workloads to the cloud\n- Tell your PMO what this delays');
  await chooseMany('Affected objectives', /^OBJ-6 /);
}

describe('strategy changes in the tab', () => {
  it('lists the seeded changes with their state, kind and version, and response progress for published ones', async () => {
    await as('Sam Strategy');
    await open('#/changes');
    await page.getByRole('heading', { level: 1, name: 'Strategy changes' }).waitFor();
    await page.getByRole('tab', { name: 'Strategy changes', selected: true }).waitFor();
    await changesTable().locator('tbody tr').first().waitFor();

    await page.getByRole('combobox', { name: 'Show' }).click();
    await page.getByRole('option', { name: 'All changes' }).click();
    const states = await changesTable().locator('tbody tr td:nth-child(2)').allInnerTexts();
    expect(states.map((s) => s.trim())).toEqual(expect.arrayContaining(['Draft', 'Published', 'Withdrawn']));
    for (const title of Object.values(SEEDED)) await changesTable().getByRole('link', { name: title }).waitFor();
    // Every change that went out has a labelled progress bar; drafts say they are not published.
    const drafts = states.filter((s) => s.trim() === 'Draft').length;
    expect(await changesTable().getByRole('progressbar').count()).toBe(states.length - drafts);
    expect(await changesTable().getByText('Not published').count()).toBe(drafts);
    expect(await changesTable().getByText(/^v\d+ · /).count()).toBeGreaterThan(0);
  });

  it('previews the exact card in the composer, rendered by the Adaptive Cards renderer, updating as the title is typed', async () => {
    await as('Sam Strategy');
    await open('#/compose');
    await page.getByRole('heading', { level: 1, name: 'New strategy change' }).waitFor();
    await preview().getByText('Untitled strategy change').waitFor();
    // The renderer's own DOM: an Adaptive Card with the bot's Action.Execute buttons.
    await preview().locator('.ac-adaptiveCard').waitFor();
    await preview().getByRole('button', { name: 'Acknowledge' }).waitFor();
    await preview().getByRole('button', { name: 'Assess impact' }).waitFor();
    await preview().getByText('Preview — this draft has not been sent').waitFor();

    const title = page.getByRole('textbox', { name: 'Title' });
    await title.pressSequentially('Cloud-first');
    await preview().getByText('Cloud-first', { exact: true }).waitFor();
    await title.pressSequentially(': freeze new data-centre spend');
    await preview().getByText('Cloud-first: freeze new data-centre spend', { exact: true }).waitFor();
    expect(await preview().getByText('Untitled strategy change').count()).toBe(0);

    // Other fields flow into the card too: kind badge, markdown summary, objectives.
    await page.getByRole('combobox', { name: 'Kind' }).click();
    await page.getByRole('option', { name: 'Threat' }).click();
    await preview().getByText('THREAT').waitFor();
    await page.getByRole('textbox', { name: 'Summary' }).fill('Spend **stops** now.');
    await until(async () => expect(await preview().locator('strong', { hasText: 'stops' }).count()).toBe(1));
    await chooseMany('Affected objectives', /^OBJ-6 /);
    await preview().getByText(/OBJ-6 Retire legacy core platforms/).waitFor();
  });

  it('shows the dry run: PMO channels and team conversations reached, and linked teams that cannot be reached', async () => {
    await as('Sam Strategy');
    await open('#/compose');
    await page.getByText('Choose affected objectives or domains').waitFor();
    await chooseMany('Affected objectives', /^OBJ-6 /);
    await reach().waitFor();
    await until(async () => expect(await figure(reach(), 'PMO channels')).toBeGreaterThan(0));
    const pmo = await figure(reach(), 'PMO channels');
    const teams = await figure(reach(), 'Team conversations');
    const total = await figure(reach(), 'Conversations in all');
    expect(teams).toBeGreaterThan(0);
    expect(total).toBeGreaterThanOrEqual(pmo + teams);

    // A domain named explicitly joins the reach (it may already be implied by the objective).
    await chooseMany('Affected domains', /^Operations$/);
    await page.getByText(/^Domains: .*Operations/).waitFor();
    await until(async () => expect(await figure(reach(), 'PMO channels')).toBeGreaterThanOrEqual(pmo));
  });

  it('publishes from the composer after a confirmation, then lists the change with its progress', async () => {
    await as('Sam Strategy');
    await open('#/compose');
    const title = `Freeze data-centre spend ${Date.now()}`;
    await fillComposer(title);
    await until(async () => expect(await figure(reach(), 'Conversations in all')).toBeGreaterThan(0));
    const total = await figure(reach(), 'Conversations in all');

    // Cancelling hands focus back to the button that opened the dialog.
    await page.getByRole('button', { name: 'Publish…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await until(async () => expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Publish…'));

    await page.getByRole('button', { name: 'Publish…' }).click();
    await dialog.getByText(`The card goes out now to ${total} conversations`).waitFor();
    await dialog.getByRole('button', { name: `Publish to ${total} conversations` }).click();

    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    // Success is said in a toast that outlives the move to the change's page.
    await page.getByText(`Published “${title}”`, { exact: true }).waitFor();
    await page.getByText('Published', { exact: true }).first().waitFor();
    await page.getByRole('region', { name: 'Cascade' }).waitFor();

    await page.getByRole('tab', { name: 'Strategy changes' }).click();
    const row = changesTable().getByRole('row').filter({ hasText: title });
    await row.waitFor();
    await row.getByRole('progressbar', { name: `Responses to ${title}` }).waitFor();
    await row.getByText(/^0 of \d+ responded$/).waitFor();
  });

  it('shows the cascade of a published change per domain and per team, with roll-ups per objective and domain', async () => {
    await as('Sam Strategy');
    await open('#/changes');
    const title = SEEDED.published;
    await changesTable().getByRole('link', { name: title }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();

    const byDomain = page.getByRole('table', { name: 'Impact by domain' });
    await byDomain.locator('tbody tr').first().waitFor();
    const domains = (await byDomain.locator('tbody tr td:first-child').allInnerTexts()).map((d) => d.trim());
    expect(domains.length).toBeGreaterThan(0);
    for (const domain of domains) {
      const rows = page.getByRole('table', { name: `${domain} cascade` }).locator('tbody tr');
      expect(await rows.count()).toBeGreaterThan(0);
    }
    await page.getByRole('table', { name: 'Impact by objective' }).locator('tbody tr').first().waitFor();
    // Objective rows count teams only; the page says so, so they do not seem to contradict the domain rows.
    await page.getByText('PMO channels are counted by domain below', { exact: false }).waitFor();
    await page.getByRole('progressbar', { name: 'Responses to this change' }).waitFor();
    await page.getByRole('list', { name: 'Response figures' }).getByRole('listitem', { name: /^Recipients: \d+$/ }).waitFor();
  });

  it('withdraws a published change with a reason, after a confirmation', async () => {
    await as('Sam Strategy');
    await open('#/compose');
    const title = `To withdraw ${Date.now()}`;
    await fillComposer(title);
    await until(async () => expect(await figure(reach(), 'Conversations in all')).toBeGreaterThan(0));
    await page.getByRole('button', { name: 'Publish…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: /^Publish to / }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();

    await page.getByRole('button', { name: 'Withdraw…' }).click();
    const dialog = page.getByRole('dialog');
    const confirm = dialog.getByRole('button', { name: 'Withdraw change' });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByRole('textbox', { name: /Reason/ }).fill('Budget restored by the board.');
    await confirm.click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText(/Budget restored by the board\./).waitFor();
    expect(await page.getByRole('button', { name: 'Withdraw…' }).count()).toBe(0);
  });

  it('shows the history of a change: who did what, when, and why', async () => {
    await as('Sam Strategy');
    await open('#/changes');
    await page.getByRole('combobox', { name: 'Show' }).click();
    await page.getByRole('option', { name: 'All changes' }).click();
    await changesTable().getByRole('link', { name: SEEDED.withdrawn }).click();
    // Folded until asked for.
    await page.getByRole('button', { name: 'History (3)' }).click();
    const history = page.getByRole('list', { name: 'History' });
    await history.waitFor();
    const entries = (await history.getByRole('listitem').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    expect(entries).toHaveLength(3);
    expect(entries[0]).toMatch(/^Sam Strategy drafted the change \S/);
    expect(entries[1]).toMatch(/^Sam Strategy published version 1 \(Draft → Published\) \S/);
    expect(entries[2]).toMatch(/^Sam Strategy withdrew version 1 \(Published → Withdrawn\) .+ No longer needed\.$/);
    await history.locator('time').first().waitFor();
  });

  it('does not offer the composer to a PMO lead, who sees the cascade of their own domain only', async () => {
    await as('Priya Patel');
    await open('#/changes');
    await changesTable().locator('tbody tr').first().waitFor();
    expect(await page.getByRole('button', { name: 'New strategy change' }).count()).toBe(0);

    await changesTable().getByRole('link', { name: SEEDED.published }).click();
    const byDomain = page.getByRole('table', { name: 'Impact by domain' });
    await byDomain.locator('tbody tr').first().waitFor();
    expect((await byDomain.locator('tbody tr td:first-child').allInnerTexts()).map((d) => d.trim())).toEqual(['IT']);
    expect(await page.getByRole('button', { name: 'Withdraw…' }).count()).toBe(0);

    await open('#/compose');
    await page.getByText('Only the EPMO drafts strategy changes').waitFor();
    expect(await page.getByRole('textbox', { name: 'Title' }).count()).toBe(0);
  });

  it("shows the server's message when the list fails, and Retry recovers", async () => {
    await as('Sam Strategy');
    let failing = true;
    await page.route('**/api/changes', async (route) => {
      if (!failing) return route.continue();
      await route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'INTERNAL', message: 'Storage is unavailable right now.' } }) });
    });
    await open('#/changes');
    await page.getByText('Could not load the strategy changes').waitFor();
    await page.getByText('Storage is unavailable right now.').waitFor();
    failing = false;
    await page.getByRole('button', { name: 'Retry' }).click();
    await changesTable().locator('tbody tr').first().waitFor();
  });

  it("shows the server's message when publishing is refused, and keeps what was typed", async () => {
    await as('Sam Strategy');
    await page.route('**/api/changes/*/publish', (route) =>
      route.fulfill({ status: 409, contentType: 'application/json', body: JSON.stringify({ error: { code: 'CHANGE.NOT_DRAFT', message: 'Erin Epmo published this change a moment ago.' } }) }),
    );
    await open('#/compose');
    const title = `Refused ${Date.now()}`;
    await fillComposer(title);
    await until(async () => expect(await figure(reach(), 'Conversations in all')).toBeGreaterThan(0));
    await page.getByRole('button', { name: 'Publish…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: /^Publish to / }).click();
    await dialog.getByText('Erin Epmo published this change a moment ago.').waitFor();
    expect(await dialog.getByRole('button', { name: /^Publish to / }).isEnabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.getByRole('textbox', { name: 'Title' }).inputValue()).toBe(title);
  });

  it('marks what is missing before anything is sent', async () => {
    await as('Sam Strategy');
    let posted = false;
    page.on('request', (r) => {
      if (r.method() === 'POST' && /\/api\/changes(\/|$)/.test(new URL(r.url()).pathname) && !r.url().includes('dry-run')) posted = true;
    });
    await open('#/compose');
    await page.getByRole('button', { name: 'Publish…' }).click();
    await page.getByText('Give the change a title.').waitFor();
    await page.getByText('Say what changes and why.').waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(posted).toBe(false);
  });

  it('shows a team member the changes addressed to their teams, with their status, and no cascade', async () => {
    await as('Tara Team');
    await open('#/changes');
    await page.getByRole('heading', { level: 1, name: 'Strategy changes' }).waitFor();
    await changesTable().locator('tbody tr').first().waitFor();
    expect(await page.getByRole('button', { name: 'New strategy change' }).count()).toBe(0);
    // Addressed to the Customer Portal team (OBJ-1), of which Tara is a member.
    const row = changesTable().getByRole('row').filter({ hasText: SEEDED.published });
    await row.getByText('Pending').waitFor();
    await row.getByRole('link').click();
    await page.getByText('Respond to this change on its card').waitFor();
    expect(await page.getByRole('table', { name: 'Impact by domain' }).count()).toBe(0);
  });
});
