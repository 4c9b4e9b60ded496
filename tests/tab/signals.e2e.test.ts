/**
 * The signals pages end to end: the built tab served by the real app (seeded demo tenant with
 * signals in several states, Azurite), in headless Chromium, in development mode.
 * A PMO lead triages, analyses and escalates; a strategy owner decides in the EPMO queue; the
 * decision is in the log and its CSV export downloads. Needs `npm run build:tab` first.
 */
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_TENANT, DEMO_USERS } from '../../bot/demo/demo-identities';
import type { SignalInboxResponse, SignalView } from '../../bot/api-contract/signals';
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
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
  context.setDefaultTimeout(UI_TIMEOUT);
  page = await context.newPage();
});

afterEach(async () => {
  await context?.close();
});

const user = (name: string) => {
  const u = DEMO_USERS.find((d) => d.displayName === name);
  if (!u) throw new Error(`no demo user ${name}`);
  return u;
};

/** Calls the API as a demo user, with a development token, as the tab does. */
async function apiAs<T>(name: string, pathAndQuery: string): Promise<T> {
  const tokenRes = await fetch(`${app.url}/api/dev/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ tenantId: DEMO_TENANT.tenantId, userId: user(name).userId }),
  });
  const { token } = (await tokenRes.json()) as { token: string };
  const res = await fetch(`${app.url}${pathAndQuery}`, { headers: { Authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

/** A seeded signal of the PMO lead's domain in the given state (the demo seeds several). */
async function seededSignal(lead: string, state: SignalView['state'], skip: readonly string[] = []): Promise<SignalView> {
  const inbox = await apiAs<SignalInboxResponse>(lead, '/api/signals');
  const found = inbox.items.find((s) => s.state === state && !skip.includes(s.id));
  if (!found) throw new Error(`The demo seed has no ${state} signal for ${lead}: ${inbox.items.map((s) => `${s.label} ${s.state}`).join(', ')}`);
  return found;
}

/** Opens the tab as a demo user (remembered before the page loads, as for a returning user). */
async function openAs(name: string, hash: string): Promise<void> {
  const key = `${DEMO_TENANT.tenantId}/${user(name).userId}`;
  await context.addInitScript({ content: `window.localStorage.setItem('pmoRelay.devUser', ${JSON.stringify(key)});` });
  await page.goto(`${app.url}/${hash}`);
}

async function switchIdentity(name: RegExp): Promise<void> {
  await page.getByRole('combobox', { name: 'Demo identity' }).click();
  await page.getByRole('option', { name }).click();
}

const stateBadge = (text: string) => page.locator('[data-state]').filter({ hasText: new RegExp(`^${text}$`) }).first();

describe('signals in the tab', () => {
  it("shows the server's message when an action fails or someone acted first, and Reload recovers", async () => {
    const signal = await seededSignal('Priya Patel', 'raised');
    await page.route('**/api/signals/*/triage', (route) =>
      route.fulfill({
        status: 409,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'SIGNAL.ALREADY_HANDLED', message: 'Already triaged by Hannah Hughes.', details: [{ at: 'state', message: 'triaged' }] } }),
      }),
    );
    await page.goto(`${app.url}/#/signals/${encodeURIComponent(signal.id)}`);
    await page.getByRole('heading', { level: 1, name: signal.title }).waitFor();

    // A required field is checked before anything is sent.
    await page.getByRole('radio', { name: 'Resolve locally' }).check();
    await page.getByRole('button', { name: 'Resolve locally' }).click();
    await page.getByText('Say how it was resolved.').waitFor();

    await page.getByRole('radio', { name: 'Accept for analysis' }).check();
    await page.getByRole('button', { name: 'Accept', exact: true }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Someone else acted first' });
    await alert.getByText('Already triaged by Hannah Hughes.', { exact: false }).waitFor();
    await alert.getByRole('button', { name: 'Reload' }).click();
    await alert.waitFor({ state: 'hidden' });
    await stateBadge('Raised').waitFor();

    await page.route('**/api/signals', (route) =>
      route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: { code: 'INTERNAL', message: 'Storage is unavailable right now.' } }) }),
    );
    await page.goto(`${app.url}/#/signals`);
    await page.getByText('Could not load the signals').waitFor();
    await page.getByText('Storage is unavailable right now.').waitFor();
  });

  it('walks a PMO lead through triage, analysis and escalation, and a strategy owner through the decision', async () => {
    const signal = await seededSignal('Priya Patel', 'raised');

    // The PMO inbox, grouped by state, with due-time badges in words.
    await page.goto(`${app.url}/#/signals`);
    await page.getByRole('heading', { level: 1, name: 'PMO inbox' }).waitFor();
    const raised = page.getByRole('table', { name: 'Signals: Raised' });
    await raised.waitFor();
    const row = raised.locator(`tr[data-signal-id="${signal.id}"]`);
    expect(await row.innerText()).toMatch(/(Due in|Overdue by) (\d+ (day|hour)s?|under an hour)/);
    await row.getByRole('link', { name: signal.title }).click();

    // Triage: accept.
    await page.getByRole('heading', { level: 1, name: signal.title }).waitFor();
    await page.getByRole('list', { name: 'Timeline' }).getByText(/raised the signal/).waitFor();
    await page.getByRole('button', { name: 'Accept', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Accepted.' }).waitFor();
    await stateBadge('Triaged').waitFor();

    await page.getByRole('button', { name: 'Start analysis' }).click();
    const form = page.getByRole('form', { name: 'Analysis' });
    await form.waitFor();
    await stateBadge('Analysing').waitFor();

    // Saving an incomplete analysis shows what is missing, beside each field.
    await form.getByRole('textbox', { name: 'Option 1 title' }).fill('Dual-source the critical component');
    await form.getByRole('button', { name: 'Save analysis' }).click();
    await form.getByText('Choose at least one objective this signal touches.').waitFor();
    await form.getByText('Choose the impact on schedule.').waitFor();
    await form.getByText('Recommend one of the options.').waitFor();

    // Strategic context.
    await form.getByRole('combobox', { name: 'Objectives touched' }).click();
    await page.getByRole('menuitemcheckbox').first().click();
    await page.keyboard.press('Escape');
    for (const [dimension, level] of [['schedule', 'High'], ['cost', 'Medium'], ['benefit', 'Low'], ['risk', 'High']] as const) {
      await form.getByRole('radiogroup', { name: `Impact on ${dimension}` }).getByRole('radio', { name: level }).check();
    }
    await form.getByRole('textbox', { name: 'Context' }).fill('The supplier is the single source for the platform; a failure stops the programme.');

    // Options: two or more, each with title, description and impact; add and remove.
    await form.getByRole('textbox', { name: 'Option 1 description' }).fill('Qualify a second supplier now.');
    await form.getByRole('textbox', { name: 'Option 1 impact' }).fill('+£120k, protects the Q3 go-live');
    await form.getByRole('textbox', { name: 'Option 2 title' }).fill('Accept the risk and monitor');
    await form.getByRole('textbox', { name: 'Option 2 impact' }).fill('No cost now; 3-month slip if the supplier fails');
    await form.getByRole('button', { name: 'Add option' }).click();
    await form.getByRole('textbox', { name: 'Option 3 title' }).fill('Buy out the supplier');
    await form.getByRole('button', { name: 'Remove Option 3' }).click();
    await until(async () => expect(await form.getByRole('textbox', { name: 'Option 3 title' }).count()).toBe(0));
    expect(await form.getByRole('button', { name: 'Remove Option 1' }).isDisabled()).toBe(true);

    // The recommendation.
    await form.getByRole('radiogroup', { name: 'Recommended option' }).getByRole('radio', { name: /^Option 1: Dual-source/ }).check();
    await form.getByRole('textbox', { name: 'Rationale' }).fill('Cheapest way to protect the go-live date.');
    await form.getByRole('button', { name: 'Save analysis' }).click();
    await page.getByRole('status').filter({ hasText: 'Analysis saved.' }).waitFor();
    await form.getByText('All changes saved.').waitFor();

    // Escalate, with the decision due in three working days.
    const escalate = page.getByRole('form', { name: 'Escalate' });
    await escalate.getByRole('spinbutton', { name: /Decision due in/ }).fill('3');
    await escalate.getByText(/The decision will be due by/).waitFor();
    await escalate.getByRole('button', { name: 'Escalate to EPMO' }).click();
    await page.getByRole('status').filter({ hasText: 'Escalated to the EPMO.' }).waitFor();
    await stateBadge('Escalated').waitFor();
    await page.getByRole('list', { name: 'Timeline' }).getByText(/escalated it to the EPMO/).waitFor();
    await page.getByRole('list', { name: 'Timeline' }).getByText(/Priya Patel accepted it for analysis/).waitFor();

    // An EPMO member who is not a strategy owner sees the escalation read-only.
    await switchIdentity(/Erin Epmo/);
    await page.goto(`${app.url}/#/epmo?signal=${encodeURIComponent(signal.id)}`);
    const readOnly = page.getByRole('region', { name: `Escalation ${signal.label}` });
    await readOnly.getByText('Only strategy owners can decide escalations.', { exact: false }).waitFor();
    expect(await readOnly.getByRole('button', { name: 'Record decision' }).count()).toBe(0);

    // A strategy owner finds it in the EPMO queue and decides.
    await switchIdentity(/Sam Strategy/);
    await page.goto(`${app.url}/#/epmo`);
    await page.getByRole('heading', { level: 1, name: 'EPMO queue' }).waitFor();
    await page.getByRole('navigation', { name: 'Escalations' }).getByRole('link', { name: signal.title }).click();
    const panel = page.getByRole('region', { name: `Escalation ${signal.label}` });
    await panel.getByText('Cheapest way to protect the go-live date.').waitFor();
    await panel.getByText('Recommended').first().waitFor();
    await panel.getByRole('radio', { name: 'Approve the recommended option' }).check();
    await panel.getByRole('button', { name: 'Record decision' }).click();
    await panel.getByText('Give the rationale for this decision.').waitFor();
    await panel.getByRole('textbox', { name: 'Rationale' }).fill('Protecting the go-live is worth the cost.');
    await panel.getByRole('button', { name: 'Record decision' }).click();
    await panel.getByRole('status').filter({ hasText: 'Decision recorded.' }).waitFor();

    // The decision log shows it, searchable, and exports CSV.
    await page.goto(`${app.url}/#/decisions`);
    await page.getByRole('heading', { level: 1, name: 'Decision log' }).waitFor();
    await page.getByRole('searchbox', { name: 'Search' }).fill(signal.label);
    const decisions = page.getByRole('table', { name: 'Decisions' });
    const logged = decisions.locator('tbody tr').filter({ has: page.getByRole('link', { name: signal.label, exact: true }) });
    await logged.waitFor();
    const text = await logged.innerText();
    expect(text).toContain('Approved the recommendation');
    expect(text).toContain('Dual-source the critical component');
    expect(text).toContain('Sam Strategy');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^decision-log-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.split(/\r?\n/)[0]).toMatch(/^"?decisionId"?,/);
    expect(csv).toContain(signal.label);
    expect(csv).toContain('Protecting the go-live is worth the cost.');

    // Closing the loop: the strategy owner turns the decision into a strategy-change draft.
    await logged.getByRole('button', { name: 'Turn into strategy-change draft' }).click();
    await until(async () => expect(page.url()).toMatch(/#\/compose\?change=/));
  }, 180_000);

  it('marks Context as required, and says what is wrong with it beside it, from the form or the server, focused', async () => {
    const signal = await seededSignal('Priya Patel', 'triaged');
    await page.goto(`${app.url}/#/signals/${encodeURIComponent(signal.id)}`);
    await page.getByRole('heading', { level: 1, name: signal.title }).waitFor();
    await page.getByRole('button', { name: 'Start analysis' }).click();
    const form = page.getByRole('form', { name: 'Analysis' });
    await form.waitFor();
    const context = form.getByRole('textbox', { name: 'Context' });
    expect(await context.evaluate((el) => (el as HTMLTextAreaElement).required)).toBe(true);
    expect(await form.locator('label').filter({ hasText: /^Context/ }).innerText()).toContain('*');

    // Every other starred field filled, Context left empty.
    await form.getByRole('combobox', { name: 'Objectives touched' }).click();
    await page.getByRole('menuitemcheckbox').first().click();
    await page.keyboard.press('Escape');
    for (const dimension of ['schedule', 'cost', 'benefit', 'risk']) {
      await form.getByRole('radiogroup', { name: `Impact on ${dimension}` }).getByRole('radio', { name: 'Low' }).check();
    }
    await form.getByRole('textbox', { name: 'Option 1 title' }).fill('Hire a contractor');
    await form.getByRole('textbox', { name: 'Option 1 impact' }).fill('+£40k');
    await form.getByRole('textbox', { name: 'Option 2 title' }).fill('Wait for a hire');
    await form.getByRole('textbox', { name: 'Option 2 impact' }).fill('Two months late');
    await form.getByRole('radiogroup', { name: 'Recommended option' }).getByRole('radio', { name: /^Option 1:/ }).check();
    await form.getByRole('textbox', { name: 'Rationale' }).fill('Cheaper than the delay.');
    await form.getByRole('button', { name: 'Save analysis' }).click();
    await form.getByText('Say what the EPMO needs to know', { exact: false }).waitFor();
    await form.getByText('1 thing needs your attention.').waitFor();
    await until(async () => expect(await context.evaluate((el) => el === document.activeElement)).toBe(true));

    // What only the server checks (a pasted text-direction character) is shown beside the field it names.
    await context.fill('The contractor market is thin \u202Ethis quarter.');
    await form.getByRole('button', { name: 'Save analysis' }).focus();
    await form.getByRole('button', { name: 'Save analysis' }).click();
    await page.getByRole('alert').filter({ hasText: 'Please check the form' }).waitFor();
    await form.getByText('text-direction characters', { exact: false }).waitFor();
    await until(async () => expect(await context.evaluate((el) => el === document.activeElement)).toBe(true));
    const saved = await apiAs<{ signal: SignalView }>('Priya Patel', `/api/signals/${encodeURIComponent(signal.id)}`);
    expect(saved.signal.options).toEqual([]);
  });

  it('filters the inbox by domain and kind, searches it, and includes finished signals on request', async () => {
    await openAs('Sam Strategy', '#/signals');
    await page.getByRole('heading', { level: 1, name: 'PMO inbox' }).waitFor();
    const counter = page.getByRole('status').filter({ hasText: /^Showing/ });
    await counter.waitFor();
    const all = await apiAs<SignalInboxResponse>('Sam Strategy', '/api/signals');
    const open = all.items.filter((s) => ['raised', 'triaged', 'analysing', 'escalated', 'deferred'].includes(s.state));
    await until(async () => expect(await counter.innerText()).toBe(`Showing ${open.length} of ${open.length} signals`));
    expect(new Set(open.map((s) => s.domainId)).size).toBeGreaterThan(1);

    // Every group's badges spell the due time out.
    for (const badge of await page.locator('[data-due]').allInnerTexts()) expect(badge).toMatch(/^(Triage|Analysis|Decision|Revisit)\s+(Due in|Overdue by) /);

    // The EPMO sees every domain, so it can filter by one.
    const finance = open.filter((s) => s.domainName === 'Finance');
    await page.getByRole('combobox', { name: 'Domain' }).click();
    await page.getByRole('menuitemcheckbox', { name: 'Finance' }).click();
    await page.keyboard.press('Escape');
    await until(async () => expect(await counter.innerText()).toBe(`Showing ${finance.length} of ${open.length} signals`));
    await page.getByRole('button', { name: 'Clear filters' }).first().click();

    const risks = open.filter((s) => s.kind === 'risk');
    await page.getByRole('combobox', { name: 'Kind' }).click();
    await page.getByRole('menuitemcheckbox', { name: 'Risk' }).click();
    await page.keyboard.press('Escape');
    await until(async () => expect(await counter.innerText()).toBe(`Showing ${risks.length} of ${open.length} signals`));
    await page.getByRole('button', { name: 'Clear filters' }).first().click();

    const first = open[0]!;
    await page.getByRole('searchbox', { name: 'Search' }).fill(first.title);
    await until(async () => expect(await page.locator('tr[data-signal-id]').count()).toBe(1));
    await page.locator(`tr[data-signal-id="${first.id}"]`).waitFor();
    await page.getByRole('searchbox', { name: 'Search' }).fill('no such signal anywhere');
    await page.getByRole('heading', { name: 'No signals match these filters' }).waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).last().click();

    // Finished signals (decided, resolved, closed) appear only when asked for.
    const finished = all.items.length - open.length;
    expect(finished).toBeGreaterThan(0);
    expect(await page.getByRole('table', { name: 'Signals: Decided' }).count()).toBe(0);
    await page.getByRole('switch', { name: 'Include finished' }).check();
    await until(async () => expect(await counter.innerText()).toBe(`Showing ${all.items.length} of ${all.items.length} signals`));
    await page.getByRole('table', { name: /^Signals: (Decided|Resolved locally|Closed)$/ }).first().waitFor();
  });

  it('shows a team member only the signals they raised, without PMO actions', async () => {
    await openAs('Tara Team', '#/signals');
    await page.getByRole('heading', { level: 1, name: 'My signals' }).waitFor();
    await page.getByRole('status').filter({ hasText: /^Showing \d+ of \d+ signals$/ }).or(page.getByRole('heading', { name: 'No signals yet' })).first().waitFor();
    expect(await page.getByRole('region', { name: 'Signal counts' }).count()).toBe(0);

    const mine = await apiAs<SignalInboxResponse>('Tara Team', '/api/signals?mine=true');
    const own = mine.items[0];
    if (own) {
      await page.goto(`${app.url}/#/signals/${encodeURIComponent(own.id)}`);
      await page.getByRole('heading', { level: 1, name: own.title }).waitFor();
      await page.getByRole('list', { name: 'Timeline' }).waitFor();
      for (const name of ['Accept', 'Start analysis', 'Save analysis', 'Escalate to EPMO', 'Record decision']) {
        expect(await page.getByRole('button', { name, exact: true }).count()).toBe(0);
      }
      expect(await page.getByRole('form', { name: 'Triage' }).count()).toBe(0);
    }

    await page.goto(`${app.url}/#/epmo`);
    await page.getByText('The EPMO queue is for the EPMO').waitFor();
  });

});
