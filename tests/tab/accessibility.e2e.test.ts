/**
 * axe-core on every page of the tab, in the light, dark and high-contrast themes (issue #9):
 * the built tab served by the real app with the seeded demo tenant, in headless Chromium, with
 * no serious or critical violation allowed, nor content outside a landmark (`region`, moderate
 * but held anyway). A new page is one line in `PAGES`.
 * Needs `npm run build:tab` first.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningApp } from '../../bot/composition/start-app';
import { DEMO_TENANT, DEMO_USERS } from '../../bot/demo/demo-identities';
import { THEME_LABELS, THEME_NAMES, type ThemeName } from '../../tab/src/shared/theme';
import { apiClient, startTabApp } from '../support/app';
import { blockingViolations, describeFindings } from '../support/axe';
import { launchBrowser } from '../support/browser';

/** Ids the routes need, found in the seeded tenant before the scans. */
interface SeedIds {
  readonly changeId: string;
  readonly signalId: string;
}

interface PageCheck {
  readonly name: string;
  /** Who looks at it: someone whose roles use the page. */
  readonly as: string;
  readonly hash: (ids: SeedIds) => string;
  /** Waits until the page shows its content (and opens what the check is about). */
  ready(page: Page): Promise<void>;
}

const heading = (page: Page) => page.locator('h1').first().waitFor();

/** Every page of the tab, and the portfolio's views and panel; a page added later is one line here. */
const PAGES: readonly PageCheck[] = [
  { name: 'portfolio', as: 'Priya Patel', hash: () => '#/portfolio', ready: (p) => p.getByRole('table', { name: 'Work items' }).locator('tbody tr').first().waitFor() },
  { name: 'portfolio heatmap', as: 'Priya Patel', hash: () => '#/portfolio?view=heatmap', ready: (p) => p.getByRole('table', { name: 'Objectives by overall health' }).waitFor() },
  { name: 'portfolio roadmap', as: 'Priya Patel', hash: () => '#/portfolio?view=roadmap', ready: (p) => p.getByRole('region', { name: 'Roadmap' }).getByRole('button').first().waitFor() },
  { name: 'EPMO roll-up', as: 'Erin Epmo', hash: () => '#/rollup', ready: (p) => p.getByRole('table', { name: 'Domains' }).locator('tbody tr').first().waitFor() },
  {
    name: 'item panel with its history chart',
    as: 'Priya Patel',
    hash: () => '#/portfolio',
    ready: async (p) => {
      await p.getByRole('table', { name: 'Work items' }).getByRole('button', { name: 'Customer Portal Replatform', exact: true }).click();
      // The demo seed gives the item earlier status reports, so the panel draws the chart.
      await p.getByRole('dialog').getByRole('region', { name: 'History' }).locator('svg').first().waitFor();
    },
  },
  { name: 'changes list', as: 'Erin Epmo', hash: () => '#/changes', ready: heading },
  { name: 'change detail', as: 'Erin Epmo', hash: (ids) => `#/changes/${ids.changeId}`, ready: (p) => p.getByRole('list', { name: 'Response figures' }).waitFor() },
  { name: 'compose', as: 'Erin Epmo', hash: () => '#/compose', ready: (p) => p.getByRole('form', { name: 'Strategy change' }).waitFor() },
  { name: 'signals inbox', as: 'Priya Patel', hash: () => '#/signals', ready: heading },
  { name: 'signal page', as: 'Priya Patel', hash: (ids) => `#/signals/${ids.signalId}`, ready: heading },
  { name: 'EPMO queue', as: 'Erin Epmo', hash: () => '#/epmo', ready: (p) => p.getByRole('region', { name: /^Escalation / }).waitFor() },
  { name: 'decisions', as: 'Erin Epmo', hash: () => '#/decisions', ready: heading },
  { name: 'config', as: 'Priya Patel', hash: () => '#/config', ready: heading },
  { name: 'setup gaps', as: 'Avery Admin', hash: () => '#/admin?section=setup', ready: (p) => p.getByText(/to set up, in|^All set$/).first().waitFor() },
  { name: 'admin domains', as: 'Avery Admin', hash: () => '#/admin?section=domains', ready: (p) => p.getByRole('table', { name: 'Domains' }).waitFor() },
  {
    name: 'admin domain form',
    as: 'Avery Admin',
    hash: () => '#/admin?section=domains',
    ready: async (p) => {
      await p.getByRole('button', { name: 'New domain' }).click();
      await p.getByRole('dialog').getByRole('group', { name: 'Check-in cadence' }).waitFor();
    },
  },
  { name: 'admin objectives', as: 'Avery Admin', hash: () => '#/admin?section=objectives', ready: (p) => p.getByRole('table', { name: 'Objectives' }).waitFor() },
  {
    name: 'admin roles of a person',
    as: 'Avery Admin',
    hash: () => '#/admin?section=people',
    ready: async (p) => {
      await p.getByRole('button', { name: 'Change the roles of Priya Patel' }).click();
      await p.getByRole('dialog').getByRole('button', { name: 'Add role' }).waitFor();
    },
  },
  { name: 'admin role changes', as: 'Avery Admin', hash: () => '#/admin?section=role-changes', ready: (p) => p.getByRole('region', { name: 'Role changes' }).locator('h2, table').first().waitFor() },
  { name: 'check-ins', as: 'Priya Patel', hash: () => '#/check-ins', ready: (p) => p.getByRole('form', { name: 'Check-in cadence' }).waitFor() },
];

let app: RunningApp;
let browser: Browser;
let context: BrowserContext;
let ids: SeedIds;

const userId = (name: string): string => {
  const found = DEMO_USERS.find((u) => u.displayName === name);
  if (!found) throw new Error(`No demo user ${name}`);
  return found.userId;
};

beforeAll(async () => {
  app = await startTabApp();
  browser = await launchBrowser();
  const call = apiClient(app.url);
  const token = async (name: string) => (await call('POST', '/api/dev/token', { body: { tenantId: DEMO_TENANT.tenantId, userId: userId(name) } })).body.token as string;
  const changes = (await call('GET', '/api/changes', { token: await token('Erin Epmo') })).body.items as { change: { id: string; state: string } }[];
  const signals = (await call('GET', '/api/signals', { token: await token('Priya Patel') })).body.items as { id: string }[];
  const changeId = changes.find((c) => c.change.state === 'published')?.change.id;
  const signalId = signals[0]?.id;
  if (!changeId || !signalId) throw new Error('The demo seed has no published change or no signal for Priya');
  ids = { changeId, signalId };
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});
beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  context.setDefaultTimeout(15_000);
});
afterEach(async () => {
  await context?.close();
});

/** Opens a page as a returning user of the development tab would: identity and theme remembered. */
async function open(check: PageCheck, theme: ThemeName): Promise<Page> {
  const key = `${DEMO_TENANT.tenantId}/${userId(check.as)}`;
  await context.addInitScript({
    content: `window.localStorage.setItem('pmoRelay.devUser', ${JSON.stringify(key)}); window.localStorage.setItem('pmoRelay.devTheme', ${JSON.stringify(theme)});`,
  });
  const page = await context.newPage();
  await page.goto(`${app.url}/${check.hash(ids)}`);
  // The theme really applied (the dev switcher says so), so each theme is checked, not light thrice;
  // checked before `ready`, which may open a modal panel that hides the rest of the page.
  await page.getByRole('button', { name: `Theme: ${THEME_LABELS[theme]}`, exact: true }).waitFor();
  await check.ready(page);
  // Spinners gone: axe sees the page, not its loading state.
  await page.locator('.fui-Spinner').first().waitFor({ state: 'detached' }).catch(() => undefined);
  // Dialogs fade in: axe measures contrast on what is painted, so it looks once they are fully shown.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  return page;
}

describe.each(THEME_NAMES)('accessibility in the %s theme', (theme) => {
  it.each(PAGES.map((p) => [p.name, p] as const))('%s has no serious or critical axe violation and no content outside a landmark', async (_name, check) => {
    const page = await open(check, theme);
    const findings = await blockingViolations(page);
    expect(describeFindings(findings)).toBe('');
  });
});
