/**
 * The walk-through fixes of issue #9, as a user meets them in the built tab served by the real
 * app (seeded demo tenant), in headless Chromium: a save conflict that keeps the user's edit,
 * success toasts, focus after Edit and after the import dialog, role-aware navigation and the
 * 403 state, readable identities, objectives in priority order, the import template, and who
 * escalated a signal. Needs `npm run build:tab` first.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { RunningApp } from '../../bot/composition/start-app';
import { IMPORT_COLUMNS } from '../../bot/api-contract/portfolio';
import { DEMO_TENANT, DEMO_USERS } from '../../bot/demo/demo-identities';
import { apiClient, startTabApp } from '../support/app';
import { launchBrowser, until } from '../support/browser';

let app: RunningApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let call: ReturnType<typeof apiClient>;

beforeAll(async () => {
  app = await startTabApp();
  browser = await launchBrowser();
  call = apiClient(app.url);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});
beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
  context.setDefaultTimeout(15_000);
  page = await context.newPage();
});
afterEach(async () => {
  await context?.close();
});

const userId = (name: string): string => {
  const found = DEMO_USERS.find((u) => u.displayName === name);
  if (!found) throw new Error(`No demo user ${name}`);
  return found.userId;
};

/** Signs in as a demo identity before the tab loads, as a returning user would be. */
async function as(name: string): Promise<void> {
  const key = `${DEMO_TENANT.tenantId}/${userId(name)}`;
  await context.addInitScript({ content: `window.localStorage.setItem('pmoRelay.devUser', ${JSON.stringify(key)});` });
}

async function tokenOf(name: string): Promise<string> {
  return (await call('POST', '/api/dev/token', { body: { tenantId: DEMO_TENANT.tenantId, userId: userId(name) } })).body.token as string;
}

const workItems = (): Locator => page.getByRole('table', { name: 'Work items' });
const panel = (): Locator => page.getByRole('dialog');
const navTabs = (): Promise<string[]> => page.getByRole('navigation', { name: 'PMO Relay' }).getByRole('tab').allInnerTexts();
const focusedLabel = (): Promise<string | null> =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const labelledBy = el.getAttribute('aria-labelledby');
    const label = labelledBy ? document.getElementById(labelledBy)?.textContent : (el as HTMLInputElement).labels?.[0]?.textContent;
    return (label ?? el.getAttribute('aria-label') ?? el.textContent ?? '').trim();
  });

async function openItem(title: string): Promise<void> {
  await page.goto(`${app.url}/#/portfolio`);
  await workItems().getByRole('button', { name: title, exact: true }).click();
  await panel().getByRole('heading', { name: title }).waitFor();
}

async function changeBehindTheUsersBack(id: string, patch: Record<string, unknown>): Promise<void> {
  const token = await tokenOf('Priya Patel');
  const now = await call('GET', `/api/work-items/${id}`, { token });
  const saved = await call('PATCH', `/api/work-items/${id}`, { token, body: patch, headers: { 'If-Match': now.body.etag } });
  expect(saved.status).toBe(200);
}

describe('a save conflict', () => {
  it('shows what the other person changed, keeps the edit and reapplies it on top in one click', async () => {
    await openItem('Mobile App 3.0');
    await panel().getByRole('button', { name: 'Edit' }).click();
    // Focus lands in the form, not on the page body.
    await until(async () => expect(await focusedLabel()).toMatch(/^Stage/));
    await panel().getByRole('textbox', { name: 'Stage' }).fill('Live (v3.1)');

    await changeBehindTheUsersBack('wi-002', { health: { cost: 'red' }, statusNote: 'Licence costs doubled.' });
    await panel().getByRole('button', { name: 'Save' }).click();

    const bar = panel().getByRole('alert');
    await bar.getByText('This item changed while you were editing it').waitFor();
    expect(await bar.getByRole('list', { name: 'Their changes' }).getByRole('listitem').allInnerTexts()).toEqual(['Cost health: Green → Red', expect.stringMatching(/^Status note: .* → Licence costs doubled\.$/)]);
    expect(await panel().getByRole('textbox', { name: 'Stage' }).inputValue()).toBe('Live (v3.1)');

    await bar.getByRole('button', { name: 'Apply my changes again' }).click();
    await page.getByText('Saved “Mobile App 3.0”', { exact: true }).waitFor();
    const after = (await call('GET', '/api/work-items/wi-002', { token: await tokenOf('Priya Patel') })).body;
    expect({ stage: after.stage, cost: after.health.cost, note: after.statusNote }).toEqual({ stage: 'Live (v3.1)', cost: 'red', note: 'Licence costs doubled.' });
  });

  it('discards the edit for the other person\'s version when asked', async () => {
    await openItem('Cloud Landing Zone');
    await panel().getByRole('button', { name: 'Edit' }).click();
    await panel().getByRole('textbox', { name: 'Stage' }).fill('Mine, to drop');
    await changeBehindTheUsersBack('wi-005', { stage: 'Theirs' });
    await panel().getByRole('button', { name: 'Save' }).click();
    await panel().getByRole('alert').getByText('Stage: Live → Theirs').waitFor();
    await panel().getByRole('button', { name: 'Discard my changes' }).click();
    expect(await panel().getByRole('textbox', { name: 'Stage' }).inputValue()).toBe('Theirs');
    expect(await panel().getByRole('alert').count()).toBe(0);
  });
});

describe('Edit in the item panel', () => {
  it('opens the form even when the history lands between pressing and releasing the button', async () => {
    // The panel's history, signals and changes load after it opens; hold them back until the press.
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/work-items/*/panel', async (route) => {
      await held;
      await route.continue();
    });
    await openItem('Mobile App 3.0');
    // Hovering waits, as a click does, until the button stops moving (the drawer slides in).
    await panel().getByRole('button', { name: 'Edit' }).hover();
    await page.mouse.down();
    release();
    await panel().getByRole('region', { name: 'History' }).waitFor();
    await page.mouse.up();
    await until(async () => expect(await focusedLabel()).toMatch(/^Stage/));
  });

  it('returns focus to Edit when the form is cancelled', async () => {
    await openItem('Mobile App 3.0');
    await panel().getByRole('button', { name: 'Edit' }).click();
    await until(async () => expect(await focusedLabel()).toMatch(/^Stage/));
    await panel().getByRole('button', { name: 'Cancel' }).click();
    await until(async () => expect(await focusedLabel()).toBe('Edit'));
  });
});

describe('navigation by role', () => {
  it('offers team members and admins only the pages their roles can use', async () => {
    await as('Tara Team');
    await page.goto(`${app.url}/#/portfolio`);
    await until(async () => expect(await navTabs()).toEqual(['Portfolio', 'Strategy changes', 'Signals']));
    await page.getByRole('combobox', { name: 'Demo identity' }).click();
    await page.getByRole('option', { name: /Avery Admin/ }).click();
    await until(async () => expect(await navTabs()).toEqual(['Portfolio', 'Check-ins', 'Admin']));
    await page.getByRole('combobox', { name: 'Demo identity' }).click();
    await page.getByRole('option', { name: /Erin Epmo/ }).click();
    await until(async () => expect(await navTabs()).toEqual(['Portfolio', 'Strategy changes', 'Signals', 'EPMO queue', 'Decisions', 'Check-ins']));
  });

  it('explains a refused page and offers a way on instead of Retry', async () => {
    await as('Tara Team');
    await page.goto(`${app.url}/#/decisions`);
    await page.getByText('This page is not part of your role').waitFor();
    expect(await page.getByRole('button', { name: 'Retry' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Go to the portfolio' }).click();
    await workItems().waitFor();
  });

  it('explains a signal the role may not see and offers a way on instead of Retry', async () => {
    // A team member sees the signals they raised; the EPMO sees every one, so one of those is refused to her.
    const all = (await call('GET', '/api/signals', { token: await tokenOf('Erin Epmo') })).body.items as { id: string }[];
    const tara = await tokenOf('Tara Team');
    const statuses = await Promise.all(all.map(async (s) => ({ id: s.id, status: (await call('GET', `/api/signals/${s.id}`, { token: tara })).status })));
    const refused = statuses.find((s) => s.status === 403);
    if (!refused) throw new Error('The demo seed has no signal hidden from Tara Team');
    await as('Tara Team');
    await page.goto(`${app.url}/#/signals/${encodeURIComponent(refused.id)}`);
    await page.getByText('This page is not part of your role').waitFor();
    expect(await page.getByRole('button', { name: 'Retry' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Go to the portfolio' }).click();
    await workItems().waitFor();
  });

  it('names demo identities by readable roles', async () => {
    await as('Priya Patel');
    await page.goto(`${app.url}/#/portfolio`);
    await until(async () => expect(await page.getByRole('combobox', { name: 'Demo identity' }).innerText()).toBe('Priya Patel · PMO lead · IT'));
  });
});

describe('portfolio forms', () => {
  it('lists objectives by priority, then code, when creating an item, and returns focus to New work item', async () => {
    await page.goto(`${app.url}/#/portfolio`);
    await page.getByRole('button', { name: 'New work item' }).click();
    await panel().getByRole('checkbox').first().waitFor();
    const objectives = (await call('GET', '/api/objectives', { token: await tokenOf('Priya Patel') })).body as { code: string; title: string; priority: number }[];
    const expected = [...objectives].sort((a, b) => a.priority - b.priority || a.code.localeCompare(b.code, undefined, { numeric: true })).map((o) => `${o.code}: ${o.title}`);
    expect(await panel().getByRole('checkbox').evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).labels?.[0]?.textContent ?? ''))).toEqual(expected);
    await panel().getByRole('button', { name: 'Cancel' }).click();
    await panel().waitFor({ state: 'hidden' });
    await until(async () => expect(await focusedLabel()).toBe('New work item'));
  });

  it('labels the CSV input, downloads a template and returns focus to Import CSV on close', async () => {
    await page.goto(`${app.url}/#/portfolio`);
    await page.getByRole('button', { name: 'Import CSV' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('CSV file').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download template' }).click()]);
    expect(download.suggestedFilename()).toBe('work-items-import-template.csv');
    const bytes = await readFile(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, example, rest] = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(header).toBe(IMPORT_COLUMNS.join(','));
    expect(example?.split(',')).toHaveLength(IMPORT_COLUMNS.length);
    expect(rest).toBe('');

    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await until(async () => expect(await focusedLabel()).toBe('Import CSV'));
  });
});

describe('the EPMO queue', () => {
  it('names who escalated the signal, from its audit trail', async () => {
    await as('Erin Epmo');
    const token = await tokenOf('Erin Epmo');
    const [first] = (await call('GET', '/api/escalations', { token })).body.items as { id: string; title: string }[];
    if (!first) throw new Error('The demo seed has no escalation');
    const timeline = (await call('GET', `/api/signals/${first.id}`, { token })).body.timeline as { action: string; actorName: string }[];
    const escalator = timeline.filter((e) => e.action === 'escalate').at(-1)?.actorName;
    expect(escalator).toBeTruthy();
    await page.goto(`${app.url}/#/epmo`);
    const panelText = page.getByRole('region', { name: /^Escalation / });
    await until(async () => expect(await panelText.innerText()).toContain(`escalated by ${escalator} on`));
  });
});
