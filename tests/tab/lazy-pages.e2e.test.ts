/**
 * Pages load by need: the portfolio (the landing page) does not download the code of the other
 * pages, and each of them arrives, behind a spinner, when first opened. The built tab in
 * headless Chromium against the real app (needs `npm run build:tab`).
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import type { RunningApp } from '../../bot/composition/start-app';
import { startTabApp } from '../support/app';
import { launchBrowser } from '../support/browser';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await startTabApp();
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** Vite names a page's chunk after its module, e.g. `/assets/InboxPage-a1b2c3.js`. */
const PAGE_CHUNKS = ['ChangesSection', 'InboxPage', 'SignalPage', 'EpmoQueuePage', 'DecisionLogPage', 'ConfigPage', 'AdminPage'];
const chunkOf = (url: string): string | undefined => PAGE_CHUNKS.find((name) => new URL(url).pathname.startsWith(`/assets/${name}-`));

it('loads only the portfolio at first, and each other page when it is first opened', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  context.setDefaultTimeout(15_000);
  try {
    const page = await context.newPage();
    const loaded: string[] = [];
    page.on('request', (r) => {
      const chunk = r.resourceType() === 'script' ? chunkOf(r.url()) : undefined;
      if (chunk) loaded.push(chunk);
    });
    await page.goto(`${app.url}/`);
    await page.getByRole('table', { name: 'Work items' }).locator('tbody tr').first().waitFor();
    expect(loaded).toEqual([]);

    await page.getByRole('tab', { name: 'Signals' }).click();
    await page.getByRole('heading', { level: 1, name: 'PMO inbox' }).waitFor();
    expect(loaded).toEqual(['InboxPage']);

    await page.getByRole('tab', { name: 'Strategy changes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Strategy changes' }).waitFor();
    expect(loaded).toEqual(['InboxPage', 'ChangesSection']);

    await page.getByRole('tab', { name: 'Decisions' }).click();
    await page.getByRole('heading', { level: 1, name: 'Decision log' }).waitFor();
    expect(loaded).toContain('DecisionLogPage');
  } finally {
    await context.close();
  }
});
