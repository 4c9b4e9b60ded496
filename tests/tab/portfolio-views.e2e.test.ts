/**
 * The portfolio's views end to end, in headless Chromium against the real app (seeded demo
 * tenant, Azurite): KPI tiles that filter, the Stale filter, view state in the URL, saved
 * views, CSV export, heatmap and roadmap, the EPMO roll-up and the item panel's history.
 * Needs `npm run build:tab` first (`npm test` builds before jest).
 */
import { readFile } from 'node:fs/promises';
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

const rows = (): Locator => page.getByRole('table', { name: /^Work items/ }).locator('tbody tr');
const counter = (): Locator => page.getByRole('status').filter({ hasText: /^Showing/ });
const kpis = (): Locator => page.getByRole('region', { name: 'Key figures' });
/** The number a KPI tile shows, from its accessible name ("Red overall: 3"). */
async function tileValue(name: string): Promise<number> {
  const label = await kpis().getByRole('button', { name: new RegExp(`^${name}: `) }).getAttribute('aria-label');
  return Number(label?.split(': ')[1]);
}
const hashQuery = (): Promise<string> => page.evaluate<string>('window.location.hash');

async function openTab(hash = ''): Promise<void> {
  await page.goto(`${app.url}/${hash}`);
}

async function waitForGrid(): Promise<number> {
  await rows().first().waitFor();
  return rows().count();
}

async function shown(): Promise<number> {
  const text = await counter().innerText();
  return Number(/Showing (\d+) of/.exec(text)?.[1]);
}

/** Remembers a demo identity before the tab loads, as a returning user would have. */
async function signInAs(displayName: string): Promise<void> {
  const user = DEMO_USERS.find((u) => u.displayName === displayName);
  const key = `${DEMO_TENANT.tenantId}/${user?.userId ?? 'missing'}`;
  await context.addInitScript({ content: `window.localStorage.setItem('pmoRelay.devUser', ${JSON.stringify(key)});` });
}

describe('KPI tiles and filters', () => {
  it('filters the grid when a health tile is clicked, shows it pressed, and clears', async () => {
    await openTab();
    const all = await waitForGrid();
    const red = await tileValue('Red overall');
    expect(red).toBeGreaterThan(0);
    expect(red).toBeLessThan(all);

    const tile = kpis().getByRole('button', { name: /^Red overall: / });
    await tile.click();
    await until(async () => expect(await tile.getAttribute('aria-pressed')).toBe('true'));
    await until(async () => expect(await shown()).toBe(red));
    expect(await hashQuery()).toContain('health=red');
    // Every row shown is red overall.
    expect(await rows().filter({ has: page.locator('[title="Overall: Red"]') }).count()).toBe(red);

    await kpis().getByRole('button', { name: 'Clear', exact: true }).click();
    await until(async () => expect(await tile.getAttribute('aria-pressed')).toBe('false'));
    await until(async () => expect(await shown()).toBe(all));
  });

  it('an "open signals · <state>" tile keeps the items with an open signal in that state, in the URL too', async () => {
    await openTab();
    const all = await waitForGrid();
    const withSignals = await tileValue('Open signals');
    const tile = kpis().getByRole('button', { name: /^Open signals · / }).first();
    const label = (await tile.getAttribute('aria-label')) ?? '';
    const [name, count] = label.split(': ');
    expect(Number(count)).toBeGreaterThan(0);
    expect(Number(count)).toBeLessThanOrEqual(withSignals);

    await tile.click();
    await until(async () => expect(await tile.getAttribute('aria-pressed')).toBe('true'));
    // Items, not signals: an item with two signals in the state is one row.
    await until(async () => expect(await shown()).toBeLessThan(all));
    const inState = await shown();
    expect(inState).toBeGreaterThan(0);
    expect(inState).toBeLessThanOrEqual(Number(count));
    const state = name?.split(' · ')[1] ?? '';
    expect(decodeURIComponent(await hashQuery())).toContain(`signal=${state}`);

    await page.reload();
    await waitForGrid();
    await until(async () => expect(await shown()).toBe(inState));
    expect(await kpis().getByRole('button', { name: label }).getAttribute('aria-pressed')).toBe('true');
  });

  it('shows only stale statuses with the Stale filter, the same set as the Stale tile', async () => {
    await openTab();
    const all = await waitForGrid();
    const stale = await tileValue('Stale statuses');
    expect(stale).toBeGreaterThan(0);
    expect(stale).toBeLessThan(all);

    // Not check(): the box is checked from the URL, whose hashchange re-renders it a task after the
    // click, and check() reads the box once right after clicking (on a busy machine, still unchecked).
    const box = page.getByRole('checkbox', { name: 'Stale' });
    await box.click();
    await until(async () => expect(await box.isChecked()).toBe(true));
    await until(async () => expect(await shown()).toBe(stale));
    expect(await hashQuery()).toContain('stale=1');
    // The same items, not just as many: every row shown carries the Stale badge.
    expect(await rows().filter({ has: page.getByText('Stale', { exact: true }) }).count()).toBe(stale);
    await until(async () => expect(await kpis().getByRole('button', { name: /^Stale statuses: / }).getAttribute('aria-pressed')).toBe('true'));

    // The tile is the same filter: clicking it turns the filter off.
    await kpis().getByRole('button', { name: /^Stale statuses: / }).click();
    await until(async () => expect(await box.isChecked()).toBe(false));
    await until(async () => expect(await shown()).toBe(all));
  });

  it('lists objectives in the Objective filter by priority then code, each named with its priority', async () => {
    await openTab();
    await waitForGrid();
    await page.getByRole('combobox', { name: 'Objective' }).click();
    // Fluent's multi-select dropdown lists its options as a menu of checkable items.
    const listed = page.getByRole('menu', { name: 'Objective' }).getByRole('menuitemcheckbox');
    await listed.first().waitFor();
    const options = await listed.allInnerTexts();
    // The demo's priorities tie (three P1s): within one, OBJ-3 comes before OBJ-8, and OBJ-2 after every P1.
    expect(options.map((o) => /^(P\d+ · OBJ-\d+) · /.exec(o.trim())?.[1] ?? o.trim())).toEqual([
      'P1 · OBJ-1', 'P1 · OBJ-3', 'P1 · OBJ-8', 'P2 · OBJ-2', 'P2 · OBJ-6', 'P2 · OBJ-9', 'P3 · OBJ-4', 'P3 · OBJ-5', 'P4 · OBJ-7', 'No objective',
    ]);
  });
});

describe('view state in the URL', () => {
  it('survives a reload and goes back step by step', async () => {
    await openTab();
    const all = await waitForGrid();
    await page.getByRole('combobox', { name: 'Structure' }).click();
    await page.getByRole('menuitemcheckbox', { name: 'Project' }).click();
    await page.keyboard.press('Escape');
    await until(async () => expect(await shown()).toBeLessThan(all));
    const projects = await shown();
    await page.getByRole('searchbox', { name: 'Search' }).fill('a');
    await until(async () => expect(await hashQuery()).toContain('q=a'));
    const searched = await shown();

    await page.reload();
    await waitForGrid();
    await until(async () => expect(await shown()).toBe(searched));
    expect(await page.getByRole('searchbox', { name: 'Search' }).inputValue()).toBe('a');
    expect(await page.getByRole('combobox', { name: 'Structure' }).innerText()).toContain('Project');

    // Typing is one history entry, so Back goes to the view before the search.
    await page.goBack();
    await until(async () => expect(await page.getByRole('searchbox', { name: 'Search' }).inputValue()).toBe(''));
    await until(async () => expect(await shown()).toBe(projects));
    await page.goBack();
    await until(async () => expect(await shown()).toBe(all));
  });

  it('opens a shared link with its filters and view', async () => {
    await openTab('#/portfolio?domain=dom-it&health=red,amber&view=roadmap&roadmap=structure');
    await page.getByRole('region', { name: 'Roadmap' }).waitFor();
    await until(async () => expect(await page.getByRole('tab', { name: 'Roadmap' }).getAttribute('aria-selected')).toBe('true'));
    expect(await page.getByRole('combobox', { name: 'Overall health' }).innerText()).toMatch(/Amber, Red/);
    expect(await page.getByRole('combobox', { name: 'Group roadmap by' }).innerText()).toContain('Structure');
  });
});

describe('CSV export', () => {
  it('downloads the rows shown, with names and a byte-order mark', async () => {
    await openTab();
    await waitForGrid();
    await kpis().getByRole('button', { name: /^Red overall: / }).click();
    const red = await tileValue('Red overall');
    await until(async () => expect(await shown()).toBe(red));

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^portfolio-it-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = await readFile(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^Title,/);
    expect(lines[0]).toContain(',Overall,');
    expect(lines).toHaveLength(red + 1);
    for (const line of lines.slice(1)) expect(line).toContain(',Red,');
  });
});

describe('saved views (needs the saved-views API)', () => {
  it('saves the current view under a name, applies it later and deletes it', async () => {
    await openTab();
    const all = await waitForGrid();
    await kpis().getByRole('button', { name: /^Amber overall: / }).click();
    const amber = await tileValue('Amber overall');
    await until(async () => expect(await shown()).toBe(amber));

    await page.getByRole('button', { name: 'Saved views' }).click();
    await page.getByRole('menuitem', { name: 'Save current view…' }).click();
    await page.getByRole('dialog', { name: 'Save this view' }).getByRole('textbox', { name: 'Name' }).fill('Amber watch');
    await page.getByRole('button', { name: 'Save view' }).click();
    await page.getByText('Saved the view "Amber watch"', { exact: true }).first().waitFor();
    // Focus goes back to the menu button, not to the page body.
    await until(async () => expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Saved views'));

    await kpis().getByRole('button', { name: 'Clear', exact: true }).click();
    await until(async () => expect(await shown()).toBe(all));

    // A saved view is the user's: it is still there on a fresh load.
    await page.reload();
    await waitForGrid();
    await page.getByRole('button', { name: 'Saved views' }).click();
    await page.getByRole('menuitem', { name: 'Amber watch' }).click();
    await until(async () => expect(await shown()).toBe(amber));
    expect(await kpis().getByRole('button', { name: /^Amber overall: / }).getAttribute('aria-pressed')).toBe('true');

    await page.getByRole('button', { name: 'Saved views' }).click();
    await page.getByRole('menuitem', { name: 'Delete a view' }).click();
    await page.getByRole('menuitem', { name: 'Delete Amber watch…' }).click();
    // Deleting asks first; Cancel keeps the view.
    const confirm = page.getByRole('dialog', { name: 'Delete the view "Amber watch"?' });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Saved views' }).click();
    await page.getByRole('menuitem', { name: 'Delete a view' }).click();
    await page.getByRole('menuitem', { name: 'Delete Amber watch…' }).click();
    await confirm.getByRole('button', { name: 'Delete view' }).click();
    await page.getByText('Deleted the view "Amber watch"', { exact: true }).first().waitFor();
    await until(async () => expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Saved views'));
    await page.getByRole('button', { name: 'Saved views' }).click();
    await page.getByRole('menuitem', { name: 'No saved views yet' }).waitFor();
  });
});

describe('heatmap and roadmap (need the heatmap projection)', () => {
  it('counts objectives by health and opens the grid filtered to a cell', async () => {
    await openTab();
    await waitForGrid();
    await page.getByRole('tab', { name: 'Heatmap' }).click();
    const table = page.getByRole('table', { name: 'Objectives by overall health' });
    await table.waitFor();
    expect(await table.getByRole('columnheader').allInnerTexts()).toEqual(['Objective', 'Green', 'Amber', 'Red', 'Unknown', 'Total']);
    expect(await table.getByRole('rowheader').count()).toBeGreaterThan(0);

    const cell = table.getByRole('button').first();
    const label = (await cell.getAttribute('aria-label')) ?? '';
    const [, objective = '', health = '', count = ''] = /^P\d+ · (\S+) · .+, (Green|Amber|Red|Unknown): (\d+) work items?$/.exec(label) ?? [];
    expect(objective).not.toBe('');
    await cell.click();

    await until(async () => expect(await page.getByRole('tab', { name: 'Grid' }).getAttribute('aria-selected')).toBe('true'));
    await until(async () => expect(await shown()).toBe(Number(count)));
    expect(await page.getByRole('combobox', { name: 'Objective' }).innerText()).toContain(objective);
    expect(await page.getByRole('combobox', { name: 'Overall health' }).innerText()).toBe(health);
  });

  it('draws a roadmap with a today line and bars that open the item, returning focus to the bar', async () => {
    await openTab();
    const all = await waitForGrid();
    await page.getByRole('tab', { name: 'Roadmap' }).click();
    const roadmap = page.getByRole('region', { name: 'Roadmap' });
    await roadmap.getByRole('img', { name: /^Today, / }).waitFor();
    // By structure each item has one bar (by objective, one under each objective it serves).
    await page.getByRole('combobox', { name: 'Group roadmap by' }).click();
    await page.getByRole('option', { name: 'Structure' }).click();
    await until(async () => expect(await hashQuery()).toContain('roadmap=structure'));
    const bars = roadmap.getByRole('button');
    await until(async () => expect(await bars.count()).toBe(all));
    // Health is written beside each bar, not only its colour.
    expect(await bars.first().getAttribute('aria-label')).toMatch(/, overall (Green|Amber|Red|Unknown)$/);

    const first = bars.first();
    const title = ((await first.getAttribute('aria-label')) ?? '').split(':')[0] ?? '';
    await first.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: title }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await until(async () => expect(await page.evaluate<string | null>("document.activeElement?.getAttribute('aria-label') ?? null")).toBe(await first.getAttribute('aria-label')));
  });
});

describe('EPMO roll-up (needs the roll-up API)', () => {
  it('lands the EPMO on every domain side by side and drills down into one', async () => {
    await signInAs('Sam Strategy');
    await openTab();
    await page.getByRole('heading', { level: 1, name: 'Portfolio roll-up' }).waitFor();
    const domains = page.getByRole('table', { name: 'Domains' });
    // The heading shows before the figures arrive: wait for the rows, not just the page.
    await domains.getByRole('rowheader').first().waitFor();
    expect(await domains.getByRole('rowheader').allInnerTexts()).toEqual(expect.arrayContaining(['IT', 'HR', 'Finance', 'Operations']));
    expect(await domains.getByRole('columnheader').allInnerTexts()).toEqual(expect.arrayContaining(['On-benefit', 'Stale', 'Open escalations', 'Check-ins overdue', 'Cascade coverage']));

    // Objectives × health across every domain: each count lists the domains to open (see portfolio-polish).
    await page.getByRole('heading', { level: 2, name: 'Objectives across every domain' }).waitFor();
    const heatmap = page.getByRole('table', { name: 'Objectives by overall health' });
    expect(await heatmap.getByRole('rowheader').count()).toBeGreaterThan(0);
    expect(await heatmap.getByRole('button', { name: /, by domain$/ }).count()).toBeGreaterThan(0);

    await domains.getByRole('link', { name: 'Finance', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Finance portfolio' }).waitFor();
    expect(await hashQuery()).toContain('domain=dom-fin');
    await waitForGrid();

    await page.getByRole('link', { name: 'All domains' }).click();
    await page.getByRole('heading', { level: 1, name: 'Portfolio roll-up' }).waitFor();
  });

  it('lands a PMO lead on their own domain', async () => {
    await signInAs('Omar Okafor');
    await openTab();
    await page.getByRole('heading', { level: 1, name: 'Operations portfolio' }).waitFor();
  });
});

describe('item panel (needs the item-panel API)', () => {
  it('keeps every status report and charts the health and benefits history, with the same figures as a table', async () => {
    await openTab();
    await waitForGrid();
    await page.getByRole('table', { name: 'Work items' }).getByRole('button', { name: 'Mainframe Exit' }).click();
    const panel = page.getByRole('dialog', { name: 'Mainframe Exit' });
    // Two status reports through the panel: each is kept, none overwritten.
    for (const health of ['Green', 'Red']) {
      await panel.getByRole('button', { name: 'Edit' }).click();
      await panel.getByRole('combobox', { name: 'Schedule health' }).click();
      await page.getByRole('option', { name: health }).click();
      await panel.getByRole('button', { name: 'Save' }).click();
      await panel.getByRole('button', { name: 'Edit' }).waitFor();
    }
    const history = panel.getByRole('region', { name: 'History' });
    // The chart is loaded on demand, then drawn as SVG.
    await history.locator('svg').first().waitFor();
    await history.getByRole('button', { name: 'History as a table' }).click();
    const table = history.getByRole('table', { name: 'Status history' });
    await until(async () => expect(await table.locator('tbody tr').count()).toBeGreaterThanOrEqual(2));

    await panel.getByRole('region', { name: 'Signals' }).waitFor();
    await panel.getByRole('region', { name: 'Strategy changes' }).waitFor();
    // Benefits never say "none recorded" above a verdict: the verdict is the benefit health.
    await panel.getByRole('region', { name: 'Benefits' }).getByText(/^Benefit health: /).waitFor();
  });
});
