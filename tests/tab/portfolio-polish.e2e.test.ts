/**
 * The portfolio's rough edges a reviewer found, end to end in headless Chromium against the real
 * app (seeded demo tenant, Azurite): where keyboard focus lands, a link to a domain one cannot
 * see, what tenant admins are offered, and the roll-up's figures as ways into a domain.
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

useTabSession((s) => ({ app, context, page } = s), { viewport: { width: 1366, height: 768 } });

async function signInAs(displayName: string): Promise<void> {
  const user = DEMO_USERS.find((u) => u.displayName === displayName);
  const key = `${DEMO_TENANT.tenantId}/${user?.userId ?? 'missing'}`;
  await context.addInitScript({ content: `window.localStorage.setItem('pmoRelay.devUser', ${JSON.stringify(key)});` });
}

const rows = (): Locator => page.getByRole('table', { name: /^Work items/ }).locator('tbody tr');
const counter = (): Locator => page.getByRole('status').filter({ hasText: /^Showing/ });
const hash = (): Promise<string> => page.evaluate<string>('window.location.hash');
/** What has keyboard focus: its tag, accessible label or text. */
const focused = (): Promise<{ tag: string; label: string; text: string }> =>
  page.evaluate(() => {
    const el = document.activeElement;
    return { tag: el?.tagName ?? '', label: el?.getAttribute('aria-label') ?? '', text: (el?.textContent ?? '').trim() };
  });
const navTabs = (): Promise<string[]> => page.getByRole('navigation', { name: 'PMO Relay' }).getByRole('tab').allInnerTexts();

describe('keyboard focus after the page changes under it', () => {
  it('moves to the grid when a heatmap cell is opened with Enter', async () => {
    await page.goto(`${app.url}/#/portfolio?view=heatmap`);
    const cell = page.getByRole('table', { name: 'Objectives by overall health' }).getByRole('button').first();
    await cell.focus();
    await page.keyboard.press('Enter');
    await rows().first().waitFor();
    await until(async () => expect(await focused()).toMatchObject({ tag: 'DIV', label: 'Work items' }));
  });

  it('moves to the domain heading on drilling down from the roll-up, and back to that domain on return', async () => {
    await signInAs('Erin Epmo');
    await page.goto(`${app.url}/`);
    await page.getByRole('table', { name: 'Domains' }).getByRole('link', { name: 'Finance', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Finance portfolio' }).waitFor();
    await until(async () => expect(await focused()).toMatchObject({ tag: 'H1', text: 'Finance portfolio' }));

    await page.getByRole('link', { name: 'All domains' }).click();
    await page.getByRole('heading', { level: 1, name: 'Portfolio roll-up' }).waitFor();
    await until(async () => expect(await focused()).toMatchObject({ tag: 'A', text: 'Finance' }));
  });
});

describe('a link to a domain the caller cannot see', () => {
  for (const domain of ['dom-hr', 'dom-zzz']) {
    it(`says so for ${domain}, never which, shows no other domain, and offers the way on`, async () => {
      await signInAs('Priya Patel');
      await page.goto(`${app.url}/#/portfolio?domain=${domain}&stale=1`);
      await page.getByText("This domain doesn't exist or isn't yours to see").waitFor();
      expect(await page.getByRole('heading', { level: 1, name: /portfolio$/ }).count()).toBe(0);
      expect(await rows().count()).toBe(0);
      expect(await hash()).toContain(`domain=${domain}`);

      await page.getByRole('button', { name: 'Go to IT' }).click();
      await page.getByRole('heading', { level: 1, name: 'IT portfolio' }).waitFor();
      // The link's view (stale only) goes along.
      expect(await hash()).toBe('#/portfolio?domain=dom-it&stale=1');
      await counter().waitFor();
    });
  }
});

describe('tenant admins', () => {
  it('land on the roll-up and are offered only the pages the server lets them use', async () => {
    await signInAs('Avery Admin');
    await page.goto(`${app.url}/`);
    await page.getByRole('heading', { level: 1, name: 'Portfolio roll-up' }).waitFor();
    await until(async () => expect(await navTabs()).toEqual(['Portfolio', 'Check-ins', 'Admin']));
    await page.getByRole('table', { name: 'Domains' }).getByRole('link', { name: 'HR', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'HR portfolio' }).waitFor();
    await page.getByRole('link', { name: 'All domains' }).waitFor();
  });
});

describe('roll-up drill-down', () => {
  it("opens a domain filtered to the figure clicked: red, stale", async () => {
    await signInAs('Sam Strategy');
    await page.goto(`${app.url}/`);
    const domains = page.getByRole('table', { name: 'Domains' });
    const red = domains.getByRole('link', { name: /^IT: \d+ Red overall$/ });
    const n = Number(/(\d+)/.exec((await red.getAttribute('aria-label')) ?? '')?.[1]);
    await red.click();
    await page.getByRole('heading', { level: 1, name: 'IT portfolio' }).waitFor();
    expect(await hash()).toBe('#/portfolio?domain=dom-it&health=red');
    await until(async () => expect(await counter().innerText()).toMatch(new RegExp(`^Showing ${n} of `)));

    await page.getByRole('link', { name: 'All domains' }).click();
    const stale = domains.getByRole('link', { name: /^IT: \d+ stale$/ });
    await stale.click();
    await page.getByRole('heading', { level: 1, name: 'IT portfolio' }).waitFor();
    expect(await hash()).toBe('#/portfolio?domain=dom-it&stale=1');
  });

  it('lists the domains behind a heatmap count, each opening that domain filtered to the cell', async () => {
    await signInAs('Sam Strategy');
    await page.goto(`${app.url}/`);
    const heatmap = page.getByRole('table', { name: 'Objectives by overall health' });
    // Rows say their priority, so the order reads as what it is.
    expect(await heatmap.getByRole('rowheader').first().innerText()).toMatch(/^P1 · OBJ-/);
    const cell = heatmap.getByRole('button', { name: /^P\d+ · OBJ-\d+ · .+, Red: \d+ work items?, by domain$/ }).first();
    await cell.click();
    const list = page.getByRole('dialog', { name: /, by domain$/ });
    const first = list.getByRole('link').first();
    await first.click();
    await page.getByRole('heading', { level: 1, name: /portfolio$/ }).waitFor();
    expect(await hash()).toMatch(/^#\/portfolio\?domain=dom-[a-z]+&health=red&objective=obj-\d+$/);
  });
});

describe('history charts', () => {
  it('tells planned from realised without colour, shows the last date whole, and says benefit health once', async () => {
    await signInAs('Priya Patel');
    await page.goto(`${app.url}/#/portfolio?domain=dom-it`);
    await page.getByRole('table', { name: 'Work items' }).getByRole('button', { name: 'Cloud Landing Zone' }).click();
    const panel = page.getByRole('dialog', { name: 'Cloud Landing Zone' });
    for (const health of ['Amber', 'Green']) {
      await panel.getByRole('button', { name: 'Edit' }).click();
      await panel.getByRole('combobox', { name: 'Schedule health' }).click();
      await page.getByRole('option', { name: health }).click();
      await panel.getByRole('button', { name: 'Save' }).click();
      await panel.getByRole('button', { name: 'Edit' }).waitFor();
    }
    const history = panel.getByRole('region', { name: 'History' });
    await history.getByRole('region', { name: /^Benefits planned and realised/ }).waitFor();
    // Every date on the time axes is inside its chart, none clipped ("Dec 4, 202").
    const clipped = await history.locator('svg').evaluateAll((svgs) =>
      svgs.flatMap((svg) => {
        const edge = svg.getBoundingClientRect().right;
        return [...svg.querySelectorAll('.tick text')].filter((t) => t.getBoundingClientRect().right > edge + 0.5).map((t) => t.textContent);
      }),
    );
    expect(clipped).toEqual([]);
    // Two reports today make one date label, not the same date drawn over itself.
    const labels = await history.getByRole('region', { name: /^Benefits planned and realised/ }).locator('.tick text').allTextContents();
    expect(labels.filter((l) => /\d{4}$/.test(l)).length).toBe(new Set(labels.filter((l) => /\d{4}$/.test(l))).size);
    await history.getByText('Planned: dashed line. Realised: solid line.').waitFor();
    // Planned is drawn dashed, realised solid: they differ in high contrast, where both are white.
    await until(async () => expect(await history.locator('[stroke-dasharray="6 4"]').count()).toBeGreaterThan(0));
    const benefits = panel.getByRole('region', { name: 'Benefits', exact: true });
    expect(await benefits.innerText()).not.toMatch(/Benefit health: Benefit health/);
  });
});

describe('saved view names', () => {
  it('refuses a second view under a name already used, saying why in the dialog', async () => {
    await signInAs('Omar Okafor');
    await page.goto(`${app.url}/#/portfolio?stale=1`);
    await counter().waitFor();
    const save = async (name: string) => {
      await page.getByRole('button', { name: 'Saved views' }).click();
      await page.getByRole('menuitem', { name: 'Save current view…' }).click();
      await page.getByRole('dialog', { name: 'Save this view' }).getByRole('textbox', { name: 'Name' }).fill(name);
      await page.getByRole('button', { name: 'Save view' }).click();
    };
    await save('Stale watch');
    await page.getByRole('dialog', { name: 'Save this view' }).waitFor({ state: 'detached' });
    await save('stale WATCH');
    const dialog = page.getByRole('dialog', { name: 'Save this view' });
    await dialog.getByText('You already have a view named "stale WATCH". Choose another name, or delete that view first.').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Saved views' }).click();
    expect(await page.getByRole('menuitem', { name: /^stale watch$/i }).count()).toBe(1);
  });
});
