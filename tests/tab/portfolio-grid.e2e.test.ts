/**
 * The portfolio grid at scale, end to end: 5,000 extra work items in the demo IT domain
 * (written in bulk through the repositories), in the built tab in headless Chromium.
 * Only the rows in view are in the page, yet it scrolls to the last item, moves by keyboard,
 * opens items with Enter and gives focus back; the column chooser hides and reorders columns;
 * every default column and the first rows fit a 1,366 × 768 screen. Needs `npm run build:tab` first.
 */
import AxeBuilder from '@axe-core/playwright';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { RunningApp } from '../../bot/composition/start-app';
import { DEMO_TENANT } from '../../bot/demo/demo-identities';
import type { Rag, WorkItem } from '../../bot/portfolio/domain/portfolio';
import { startTabApp } from '../support/app';
import { launchBrowser, until } from '../support/browser';

const UI_TIMEOUT = 20_000;
const BULK = 5_000;

let app: RunningApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** Items in the IT portfolio: the demo's and the bulk ones. */
let total: number;

const RAGS: readonly Rag[] = ['green', 'amber', 'red', 'unknown'];

function bulkItem(n: number, now: Date): WorkItem {
  const at = now.toISOString();
  const rag = (k: number): Rag => RAGS[(n + k) % RAGS.length]!;
  return {
    tenantId: DEMO_TENANT.tenantId,
    id: `wi-bulk-${String(n).padStart(5, '0')}`,
    domainId: 'dom-it',
    title: `Bulk item ${String(n).padStart(5, '0')}`,
    structure: n % 2 === 0 ? 'project' : 'product',
    mode: n % 3 === 0 ? 'traditional' : 'agile',
    stage: 'Execution',
    owner: { displayName: `Owner ${n % 40}` },
    startDate: '2026-01-01',
    endDate: '2027-06-30',
    objectives: [{ objectiveId: 'obj-1', weight: 100 }],
    health: { schedule: rag(0), cost: rag(1), scope: rag(2), benefit: rag(3) },
    statusReportedAt: new Date(now.getTime() - (n % 30) * 86_400_000).toISOString(),
    createdAt: at,
    updatedAt: at,
  };
}

beforeAll(async () => {
  app = await startTabApp();
  const now = new Date();
  const demo = (await app.repos.workItems.listByDomain(DEMO_TENANT.tenantId, 'dom-it')).length;
  await app.repos.workItems.createMany(Array.from({ length: BULK }, (_, i) => bulkItem(i + 1, now)));
  total = demo + BULK;
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  context.setDefaultTimeout(UI_TIMEOUT);
  page = await context.newPage();
});

afterEach(async () => {
  await context?.close();
});

const grid = (): Locator => page.getByRole('table', { name: 'Work items' });
const region = (): Locator => page.getByRole('region', { name: 'Work items', exact: true });
const itemRows = (): Locator => grid().locator('tbody tr[data-item-id]');
/** Header texts; read from the DOM, as the modal column chooser hides the page from role queries. */
const headers = (): Promise<string[]> => page.locator('table[aria-label="Work items"] thead th').allInnerTexts();
/** The item id of the focused row, if a row has focus. */
const focusedItem = (): Promise<string | undefined> => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset['itemId']);

async function openTab(): Promise<void> {
  await page.goto(`${app.url}/`);
  await itemRows().first().waitFor();
  await until(async () => expect(await page.getByRole('status').filter({ hasText: /^Showing/ }).innerText()).toMatch(`Showing ${total} of ${total} work items`), UI_TIMEOUT);
}

describe('the portfolio grid with thousands of items', () => {
  it('keeps only the rows in view in the page, tells screen readers the full size, and scrolls to the last item', async () => {
    await openTab();
    expect(await grid().getAttribute('aria-rowcount')).toBe(String(total + 1));
    const rendered = await itemRows().count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(100);

    await region().evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    const last = grid().locator(`tbody tr[aria-rowindex="${total + 1}"]`);
    await last.waitFor();
    expect(await last.isVisible()).toBe(true);
    expect(await itemRows().count()).toBeLessThan(100);
    // The header stays on screen above the rows.
    await grid().getByRole('columnheader', { name: 'Title' }).waitFor();
    const header = await grid().getByRole('columnheader', { name: 'Title' }).boundingBox();
    const area = await region().boundingBox();
    expect(header!.y).toBeGreaterThanOrEqual(area!.y - 1);
    expect(header!.y).toBeLessThan(area!.y + 5);
  });

  it('moves between rows with the arrow keys, opens the item with Enter, and gives focus back when the panel closes', async () => {
    await openTab();
    const first = itemRows().first();
    await first.locator('td').nth(1).click();
    const firstId = await first.getAttribute('data-item-id');
    expect(await focusedItem()).toBe(firstId);

    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    const fourth = await itemRows().nth(3).getAttribute('data-item-id');
    expect(await focusedItem()).toBe(fourth);
    await page.keyboard.press('ArrowUp');
    const third = await itemRows().nth(2).getAttribute('data-item-id');
    expect(await focusedItem()).toBe(third);

    const title = await itemRows().nth(2).locator('td').first().innerText();
    await page.keyboard.press('Enter');
    const panel = page.getByRole('dialog');
    await panel.getByRole('heading', { name: title }).waitFor();
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden' });
    await until(async () => expect(await focusedItem()).toBe(third));

    // End goes to the last item, far below: it is scrolled into view and focused.
    await page.keyboard.press('End');
    await until(async () => expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-rowindex'))).toBe(String(total + 1)));
    const lastRow = grid().locator(`tbody tr[aria-rowindex="${total + 1}"]`);
    expect(await lastRow.isVisible()).toBe(true);
    expect(await itemRows().count()).toBeLessThan(100);
  });

  it('keeps the focused row in the page when it is scrolled far out of view', async () => {
    await openTab();
    await itemRows().nth(1).locator('td').nth(1).click();
    const id = await focusedItem();
    expect(id).toBeDefined();

    await region().evaluate((el) => el.scrollTo({ top: el.scrollHeight / 2 }));
    await until(async () => expect(await itemRows().first().getAttribute('data-item-id')).toBe(id));
    await page.waitForTimeout(200);
    expect(await focusedItem()).toBe(id);

    // The next arrow key carries on from that row, bringing it back into view.
    await page.keyboard.press('ArrowDown');
    const next = await page.evaluate(() => document.activeElement?.getAttribute('aria-rowindex'));
    const was = await grid().locator(`tbody tr[data-item-id="${id}"]`).getAttribute('aria-rowindex');
    expect(Number(next)).toBe(Number(was) + 1);
    expect(await page.locator(':focus').isVisible()).toBe(true);
  });

  it('hides and reorders columns with the column chooser', async () => {
    await openTab();
    const before = await headers();
    // Structure and mode are hidden by default (they are filters and groupings in the toolbar).
    expect(before.slice(0, 3)).toEqual(['Title', 'Objectives', 'Owner']);
    expect(before).toContain('Open signals');

    await page.getByRole('button', { name: 'Columns' }).click();
    const chooser = page.getByRole('dialog', { name: 'Columns' });
    await chooser.getByRole('checkbox', { name: 'Mode' }).click();
    await until(async () => expect(await headers()).toEqual([...before, 'Mode']));
    // Move Mode up to just after the title.
    for (let i = 0; i < before.length - 1; i++) await chooser.getByRole('button', { name: 'Move Mode earlier' }).click();
    await until(async () => expect((await headers()).slice(0, 3)).toEqual(['Title', 'Mode', 'Objectives']));
    await chooser.getByRole('button', { name: 'Move Mode later' }).click();
    await until(async () => expect((await headers()).slice(0, 3)).toEqual(['Title', 'Objectives', 'Mode']));
    // The moved button keeps focus, so it can be pressed again.
    await page.keyboard.press('Enter');
    await until(async () => expect((await headers()).slice(0, 4)).toEqual(['Title', 'Objectives', 'Owner', 'Mode']));
    // The cells follow their headers.
    const modeAt = (await headers()).indexOf('Mode');
    const firstRow = page.locator('table[aria-label="Work items"] tbody tr[data-item-id]').first();
    expect(['Agile', 'Traditional', 'Lightweight']).toContain((await firstRow.locator('td').nth(modeAt).innerText()).trim());

    await chooser.getByRole('checkbox', { name: 'Structure' }).click();
    await until(async () => expect((await headers()).at(-1)).toBe('Structure'));
  });

  it('passes axe accessibility checks, grouped and scrolled deep into the list', async () => {
    await openTab();
    await page.getByRole('combobox', { name: 'Group by' }).click();
    await page.getByRole('option', { name: 'Structure' }).click();
    await grid().getByRole('heading', { level: 2 }).first().waitFor();
    await region().evaluate((el) => el.scrollTo({ top: el.scrollHeight / 3 }));
    await page.waitForTimeout(200);
    const results = await new AxeBuilder({ page }).include('[role="region"][aria-label="Work items"]').analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.help}`)).toEqual([]);
  });

  it('shows every default column, whole, and the first rows without scrolling on a 1366 × 768 screen', async () => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await openTab();
    const scroller = region();
    const box = (await scroller.boundingBox())!;
    expect(await scroller.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    const cells = grid().locator('thead th');
    const count = await cells.count();
    expect(count).toBe(12);
    for (let i = 0; i < count; i++) {
      const cell = cells.nth(i);
      const name = await cell.innerText();
      const header = (await cell.boundingBox())!;
      expect([name, header.x >= 0 && header.x + header.width <= Math.min(1366, box.x + box.width)]).toEqual([name, true]);
      // Nothing cut: the header's text fits its cell.
      expect([name, await cell.evaluate((el) => [...el.querySelectorAll('*')].every((c) => c.scrollWidth <= c.clientWidth || c.clientWidth === 0))]).toEqual([name, true]);
    }
    // The first row is above the fold, on landing, with no scrolling.
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    const first = (await grid().locator('tbody tr[data-item-id]').first().boundingBox())!;
    expect(first.y + first.height).toBeLessThanOrEqual(768);
  });
});
