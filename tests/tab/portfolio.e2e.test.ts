/**
 * The tab end to end: the built tab served by the real app (seeded demo tenant, Azurite),
 * in headless Chromium, outside Teams — so in development mode with demo identities.
 * Needs `npm run build:tab` first (`npm test` builds before jest).
 */
import { describe, expect, it } from '@jest/globals';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { DEMO_TENANT, DEMO_USERS } from '../../bot/demo/demo-identities';
import type { RunningApp } from '../../bot/composition/start-app';
import { until } from '../support/browser';
import { useTabSession } from '../support/tab-session';


let app: RunningApp;
let context: BrowserContext;
let page: Page;

useTabSession((s) => ({ app, context, page } = s));

const workItems = (p: Page = page): Locator => p.getByRole('table', { name: 'Work items' });
const bodyRows = (table: Locator): Locator => table.locator('tbody tr');
/** Text of one column (1-based) in every body row of the table(s). */
const column = (table: Locator, n: number): Promise<string[]> => table.locator(`tbody tr td:nth-child(${n})`).allInnerTexts();
const counter = (): Locator => page.getByRole('status').filter({ hasText: /^Showing/ });
/** Columns of the default grid (structure and mode are hidden by default). */
const COL = { title: 1, overall: 9 } as const;
/** A grid showing structure and mode too, and where each column is. */
const WITH_STRUCTURE = '#/portfolio?cols=title,structure,mode,overall';
const STRUCTURE_COL = { structure: 2, mode: 3, overall: 4 } as const;

async function openTab(hash = ''): Promise<void> {
  await page.goto(`${app.url}/${hash}`);
}

async function waitForGrid(): Promise<number> {
  await bodyRows(workItems()).first().waitFor();
  return bodyRows(workItems()).count();
}

/** Picks an option of a single-select dropdown (which closes on its own). */
async function choose(label: string, option: string | RegExp): Promise<void> {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option }).click();
}

/** Ticks options of a multi-select dropdown (Fluent renders it as a menu of checkboxes), then closes it. */
async function chooseMany(label: string, ...options: string[]): Promise<void> {
  await page.getByRole('combobox', { name: label }).click();
  for (const option of options) await page.getByRole('menuitemcheckbox', { name: option }).click();
  await page.keyboard.press('Escape');
  await page.getByRole('menu').waitFor({ state: 'hidden' });
}

async function switchIdentity(name: RegExp): Promise<void> {
  await choose('Demo identity', name);
}

describe('the tab outside Teams', () => {
  it('runs in a clearly marked development mode as the first PMO lead, showing the IT portfolio', async () => {
    await openTab();
    await page.getByText('Development mode').waitFor();
    await until(async () => expect(await page.getByRole('combobox', { name: 'Demo identity' }).innerText()).toMatch(/Priya Patel/));
    await page.getByRole('heading', { level: 1, name: 'IT portfolio' }).waitFor();

    const rows = await waitForGrid();
    expect(rows).toBeGreaterThanOrEqual(10);
    expect(await column(workItems(), COL.title)).toEqual(expect.arrayContaining(['Mainframe Exit', 'Customer Portal Replatform']));
    await until(async () => expect(await counter().innerText()).toMatch(`Showing ${rows} of ${rows} work items`));

    const kpis = page.getByRole('region', { name: 'Key figures' });
    await kpis.getByRole('group', { name: `Work items: ${rows}` }).waitFor();
    await kpis.getByRole('button', { name: /^On-benefit: \d+%$/ }).waitFor();

    // Health is spelled out, never colour alone.
    const overall = await column(workItems(), COL.overall);
    for (const text of overall) expect(['Green', 'Amber', 'Red', 'Unknown']).toContain(text.trim());
  });

  it('filters by structure, delivery mode and overall health', async () => {
    await openTab(WITH_STRUCTURE);
    const all = await waitForGrid();

    await chooseMany('Structure', 'Project');
    await until(async () => expect(new Set(await column(workItems(), STRUCTURE_COL.structure))).toEqual(new Set(['Project'])));
    const structures = await column(workItems(), STRUCTURE_COL.structure);
    expect(structures.length).toBeGreaterThan(0);
    expect(structures.length).toBeLessThan(all);
    expect(new Set(structures)).toEqual(new Set(['Project']));

    await chooseMany('Delivery mode', 'Traditional');
    await until(async () => expect(new Set(await column(workItems(), STRUCTURE_COL.mode))).toEqual(new Set(['Traditional'])));
    const modes = await column(workItems(), STRUCTURE_COL.mode);
    expect(modes.length).toBeGreaterThan(0);
    expect(modes.length).toBeLessThanOrEqual(structures.length);
    expect(new Set(modes)).toEqual(new Set(['Traditional']));
    expect(new Set(await column(workItems(), STRUCTURE_COL.structure))).toEqual(new Set(['Project']));

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await until(async () => expect(await bodyRows(workItems()).count()).toBe(all));

    await chooseMany('Overall health', 'Red', 'Amber');
    // Both choices applied (the URL holds the filter), not only the first: the grid is read after.
    await until(async () => expect(decodeURIComponent(page.url())).toMatch(/health=[a-z,]*amber/));
    // The grid can still show the first choice's rows a render after the URL holds both: wait for
    // both colours in the grid, and the counter naming as many rows as the grid shows.
    await until(async () => {
      const health = (await column(workItems(), STRUCTURE_COL.overall)).map((h) => h.trim());
      expect(new Set(health)).toEqual(new Set(['Red', 'Amber']));
      expect(health.length).toBeLessThan(all);
      expect(await counter().innerText()).toMatch(`Showing ${health.length} of ${all} work items`);
    });
  });

  it('groups by structure under headings with counts', async () => {
    await openTab(WITH_STRUCTURE);
    const all = await waitForGrid();

    await choose('Group by', 'Structure');
    const headings = page.getByRole('heading', { level: 2 });
    await headings.first().waitFor();
    const names = await headings.allInnerTexts();
    expect(names.length).toBeGreaterThanOrEqual(2);

    // One table: each group is a heading row followed by its items' rows.
    const rows = await workItems().locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({ heading: tr.querySelector('h2')?.textContent ?? undefined, structure: tr.querySelector('td:nth-child(2)')?.textContent ?? '' })),
    );
    const groups = new Map<string, string[]>();
    let current: string[] | undefined;
    for (const row of rows) {
      if (row.heading !== undefined) groups.set(row.heading, (current = []));
      else current?.push(row.structure);
    }
    expect(groups.size).toBe(names.length);
    let total = 0;
    for (const label of ['Program', 'Project', 'Product', 'Capability']) {
      const entry = [...groups].find(([heading]) => heading.startsWith(label));
      if (!entry) continue;
      const structures = entry[1];
      await page.getByRole('heading', { level: 2, name: `${label} ${structures.length} ${structures.length === 1 ? 'item' : 'items'}` }).waitFor();
      expect(new Set(structures)).toEqual(new Set([label]));
      total += structures.length;
    }
    expect(total).toBe(all);
  });

  it('narrows rows by search, and offers to clear filters when nothing matches', async () => {
    await openTab();
    const all = await waitForGrid();

    await page.getByRole('searchbox', { name: 'Search' }).fill('mainframe');
    await until(async () => expect(await bodyRows(workItems()).count()).toBe(1));
    expect(await column(workItems(), COL.title)).toEqual(['Mainframe Exit']);

    await page.getByRole('searchbox', { name: 'Search' }).fill('lena');
    const byOwner = await bodyRows(workItems()).count();
    expect(byOwner).toBeGreaterThan(1);
    expect(byOwner).toBeLessThan(all);

    await page.getByRole('searchbox', { name: 'Search' }).fill('no such thing anywhere');
    await page.getByRole('heading', { name: 'No work items match these filters' }).waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).last().click();
    await until(async () => expect(await bodyRows(workItems()).count()).toBe(all));
    await until(async () => expect(await page.getByRole('searchbox', { name: 'Search' }).inputValue()).toBe(''));
  });

  it('sorts by a column header', async () => {
    await openTab();
    await waitForGrid();
    const header = page.getByRole('columnheader', { name: 'Title' });
    await header.click();
    await until(async () => expect(await header.getAttribute('aria-sort')).toBe('ascending'));
    const titles = await column(workItems(), COL.title);
    expect(titles).toEqual([...titles].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base', numeric: true })));
    await header.click();
    await until(async () => expect(await header.getAttribute('aria-sort')).toBe('descending'));
    expect(await column(workItems(), COL.title)).toEqual([...titles].reverse());
  });

  it('shows what the chosen demo identity may see, and remembers the choice', async () => {
    await openTab();
    await waitForGrid();
    expect(await column(workItems(), COL.title)).toContain('Mainframe Exit');

    await switchIdentity(/Hannah Hughes/);
    await page.getByRole('heading', { level: 1, name: 'HR portfolio' }).waitFor();
    await waitForGrid();
    const hr = await column(workItems(), COL.title);
    expect(hr).toContain('Workday HCM Migration');
    expect(hr).not.toContain('Mainframe Exit');
    // A PMO lead sees only their own domain.
    await page.getByRole('combobox', { name: 'Domain' }).click();
    await until(async () => expect(await page.getByRole('option').count()).toBe(1));
    await page.keyboard.press('Escape');

    await page.reload();
    await until(async () => expect(await page.getByRole('combobox', { name: 'Demo identity' }).innerText()).toMatch(/Hannah Hughes/));
    await page.getByRole('heading', { level: 1, name: 'HR portfolio' }).waitFor();

    // An EPMO member lands on the roll-up, and may open every domain.
    await switchIdentity(/Sam Strategy/);
    await page.getByRole('heading', { level: 1, name: 'Portfolio roll-up' }).waitFor();
    await openTab('#/portfolio?domain=dom-it');
    await waitForGrid();
    await page.getByRole('combobox', { name: 'Domain' }).click();
    expect(await page.getByRole('option').allInnerTexts()).toEqual(expect.arrayContaining(['IT', 'HR', 'Finance', 'Operations']));
    await page.getByRole('option', { name: 'Finance' }).click();
    await page.getByRole('heading', { level: 1, name: 'Finance portfolio' }).waitFor();
    await until(async () => expect(await column(workItems(), COL.title)).toContain('S/4HANA Finance Transformation'));
  });

  it("shows the server's message when the portfolio fails to load, and Retry recovers", async () => {
    let failing = true;
    await page.route('**/api/domains/*/portfolio', async (route) => {
      if (!failing) return route.continue();
      await route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: { code: 'INTERNAL', message: 'Storage is unavailable right now.' } }) });
    });
    await openTab();
    await page.getByText('Could not load the portfolio').waitFor();
    await page.getByText('Storage is unavailable right now.').waitFor();
    expect(await workItems().count()).toBe(0);

    failing = false;
    await page.getByRole('button', { name: 'Retry' }).click();
    expect(await waitForGrid()).toBeGreaterThan(0);
    await page.getByText('Could not load the portfolio').waitFor({ state: 'hidden' });
  });

  it('says the tab must be opened in Teams when the server is not in development mode', async () => {
    await page.route('**/api/dev/users', (route) =>
      route.fulfill({ status: 404, contentType: 'application/json', body: JSON.stringify({ error: { code: 'HTTP.NOT_FOUND', message: 'Not found.' } }) }),
    );
    await openTab();
    await page.getByText('Open PMO Relay in Microsoft Teams').waitFor();
    expect(await page.getByRole('combobox', { name: 'Demo identity' }).count()).toBe(0);
  });

  it('switches between light, dark and high-contrast themes in development mode', async () => {
    await openTab();
    await waitForGrid();
    // A string, so this file type-checks without the DOM library; it runs in the page.
    const background = () => page.evaluate<string>("getComputedStyle(document.querySelector('header')).backgroundColor");
    const light = await background();

    await page.getByRole('button', { name: /^Theme/ }).click();
    await page.getByRole('menuitemradio', { name: 'Dark' }).click();
    await page.getByRole('button', { name: 'Theme: Dark' }).waitFor();
    const dark = await background();
    expect(dark).not.toBe(light);

    await page.getByRole('button', { name: /^Theme/ }).click();
    await page.getByRole('menuitemradio', { name: 'High contrast' }).click();
    await page.getByRole('button', { name: 'Theme: High contrast' }).waitFor();

    await page.reload();
    await page.getByRole('button', { name: 'Theme: High contrast' }).waitFor();
  });

  it('falls back to development mode quickly when framed by a page that is not Teams', async () => {
    // A same-origin page (allowed by the tab's frame-ancestors) that frames the tab, as a host would.
    await page.route('**/not-teams.html', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Not Teams</title><iframe title="PMO Relay" src="/" style="width:1400px;height:900px"></iframe>' }),
    );
    const started = Date.now();
    await page.goto(`${app.url}/not-teams.html`);
    const tab = page.frameLocator('iframe[title="PMO Relay"]');
    await tab.getByText('Development mode').waitFor();
    await tab.locator('tbody tr').first().waitFor();
    // The Teams handshake is given a few seconds, then abandoned.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('has a channel-tab configuration page to choose the domain', async () => {
    await openTab('#/config');
    await page.getByRole('heading', { name: 'Set up the portfolio tab' }).waitFor();
    await choose('Portfolio for this tab', 'IT portfolio');
    await page.getByRole('link', { name: /#\/portfolio\?domain=dom-it$/ }).waitFor();
  });

  it('opens the domain a channel tab is bound to', async () => {
    await rememberEpmoIdentity();
    await openTab('#/portfolio?domain=dom-ops');
    await page.getByRole('heading', { level: 1, name: 'Operations portfolio' }).waitFor();
    expect(await waitForGrid()).toBeGreaterThan(0);
  });
});

/** Sam Strategy (EPMO member and strategy owner) from the demo seed. */
const EPMO_MEMBER = { tenantId: DEMO_TENANT.tenantId, userId: DEMO_USERS.find((u) => u.displayName === 'Sam Strategy')?.userId ?? 'missing' };

/** Remembers an EPMO identity before the tab loads, as a returning user would have. */
async function rememberEpmoIdentity(): Promise<void> {
  const key = `${EPMO_MEMBER.tenantId}/${EPMO_MEMBER.userId}`;
  await context.addInitScript({ content: `window.localStorage.setItem('pmoRelay.devUser', ${JSON.stringify(key)});` });
}
