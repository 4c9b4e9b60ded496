/**
 * Portfolio data entry end to end: the item panel, editing with If-Match, and CSV import,
 * in the built tab served by the real app (seeded demo tenant), in headless Chromium.
 * Needs `npm run build:tab` first (`npm test` builds before jest).
 */
import { describe, expect, it } from '@jest/globals';
import type { Locator, Page } from 'playwright-core';
import type { RunningApp } from '../../bot/composition/start-app';
import { until } from '../support/browser';
import { useTabSession } from '../support/tab-session';


let app: RunningApp;
let page: Page;

useTabSession((s) => ({ app, page } = s));

const workItems = (): Locator => page.getByRole('table', { name: 'Work items' });
const rows = (): Locator => workItems().locator('tbody tr');
const titles = (): Promise<string[]> => workItems().locator('tbody tr td:nth-child(1)').allInnerTexts();
/** The Overall column of the default grid (structure and mode are hidden by default). */
const overallOf = (title: string): Promise<string> => rows().filter({ hasText: title }).locator('td:nth-child(9)').innerText();
const panel = (): Locator => page.getByRole('dialog');

async function openTab(): Promise<number> {
  await page.goto(`${app.url}/`);
  await rows().first().waitFor();
  return rows().count();
}

async function choose(label: string, option: string | RegExp, scope: Page | Locator = page): Promise<void> {
  await scope.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option }).click();
}

async function openItem(title: string): Promise<void> {
  await workItems().getByRole('button', { name: title, exact: true }).click();
  await panel().getByRole('heading', { name: title }).waitFor();
}

/** The drawer is modal: the grid is hidden from the accessibility tree until it closes. */
async function closePanel(): Promise<void> {
  await panel().getByRole('button', { name: 'Close' }).click();
  await panel().waitFor({ state: 'hidden' });
}

async function importCsv(csv: string): Promise<void> {
  await page.getByRole('button', { name: 'Import CSV' }).click();
  await page.getByRole('dialog').locator('input[type="file"]').setInputFiles({ name: 'items.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('dialog').getByRole('button', { name: 'Import' }).click();
}

const HEADER = 'title,structure,mode,stage,owner,startDate,endDate,objectives,schedule,cost,scope,benefit,plannedBenefit,realisedBenefit,benefitUnit';

describe('portfolio data entry', () => {
  it("opens an item's panel with its details and benefits planned vs realised", async () => {
    await openTab();
    await openItem('Customer Portal Replatform');
    const benefits = panel().getByRole('region', { name: 'Benefits' });
    await benefits.getByText('2,400 GBP k').waitFor();
    await benefits.getByText('900 GBP k').waitFor();
    await benefits.getByRole('progressbar', { name: 'Benefits realised: 38% of planned' }).waitFor();
    await benefits.getByText('On-benefit', { exact: true }).waitFor();
    await panel().getByText('Tara Team').waitFor();
    await panel().getByText(/OBJ-1: .* — 60% contribution/).waitFor();

    await closePanel();
  });

  it('edits health and saves with If-Match; the grid shows the new overall health', async () => {
    await openTab();
    expect((await overallOf('Customer Portal Replatform')).trim()).toBe('Amber');
    let ifMatch: string | undefined;
    page.on('request', (r) => {
      if (r.method() === 'PATCH') ifMatch = r.headers()['if-match'];
    });
    await openItem('Customer Portal Replatform');
    await panel().getByRole('button', { name: 'Edit' }).click();
    await choose('Schedule health', 'Red', panel());
    await panel().getByRole('textbox', { name: 'Status note' }).fill('Vendor slipped the cut-over by a month.');
    await panel().getByRole('button', { name: 'Save' }).click();

    await panel().getByRole('button', { name: 'Edit' }).waitFor();
    await panel().getByText('Vendor slipped the cut-over by a month.').waitFor();
    expect(ifMatch).toBeTruthy();
    await closePanel();
    await until(async () => expect((await overallOf('Customer Portal Replatform')).trim()).toBe('Red'));
  });

  it('says someone else changed the item when the server answers 412', async () => {
    await page.route('**/api/work-items/*', (route) =>
      route.request().method() === 'PATCH'
        ? route.fulfill({ status: 412, contentType: 'application/json', body: JSON.stringify({ error: { code: 'CONFLICT', message: 'The item was changed since you loaded it.' } }) })
        : route.continue(),
    );
    await openTab();
    await openItem('Mobile App 3.0');
    await panel().getByRole('button', { name: 'Edit' }).click();
    await panel().getByRole('button', { name: 'Save' }).click();
    // The item did not really change, so nothing differs: the user may still apply or discard.
    await panel().getByRole('alert').getByText('This item changed while you were editing it').waitFor();
    await panel().getByRole('button', { name: 'Discard my changes' }).waitFor();
  });

  it('lets a team member see an item but not edit or import', async () => {
    await openTab();
    await choose('Demo identity', /Tara Team/);
    await until(async () => expect(await titles()).toContain('Mobile App 3.0'));
    await openItem('Mobile App 3.0');
    await panel().getByRole('region', { name: 'Benefits' }).waitFor();
    expect(await panel().getByRole('button', { name: 'Edit' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Import CSV' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'New work item' }).count()).toBe(0);
  });

  it('imports nothing when a row is bad, and lists the bad row', async () => {
    const before = await openTab();
    const csv = [HEADER, 'Good Row Alpha,project,agile,Alpha,Ana Owner,2025-01-01,2025-12-31,OBJ-1:100,green,green,green,green,100,10,GBP k', 'Bad Row Beta,spaceship,agile,Alpha,Ana Owner,2025-01-01,2025-12-31,,,,,,,,'].join('\n');
    await importCsv(csv);
    const alert = page.getByRole('dialog').getByRole('alert');
    await alert.getByText('Nothing was imported.').waitFor();
    const problems = await alert.getByRole('list', { name: 'Problems' }).innerText();
    expect(problems).toMatch(/3/);
    expect(problems).toMatch(/structure/);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await until(async () => expect(await rows().count()).toBe(before));
    expect(await titles()).not.toContain('Good Row Alpha');
  });

  it('imports a good CSV and shows its rows', async () => {
    const before = await openTab();
    const csv = [HEADER, 'Imported Gamma,project,traditional,Planning,Ana Owner,2025-02-01,2025-11-30,OBJ-2:100,,,,,,,', 'Imported Delta,capability,lightweight,Proposed,Ben Owner,2025-03-01,2025-06-30,,amber,green,green,green,50,5,hours/month'].join('\n');
    await importCsv(csv);
    await page.getByRole('dialog').getByText('2 work items imported').waitFor();
    await page.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await until(async () => expect(await rows().count()).toBe(before + 2));
    expect(await titles()).toEqual(expect.arrayContaining(['Imported Gamma', 'Imported Delta']));

    // The same file again (as after an import that stopped part way): its rows are not imported twice.
    await importCsv(csv);
    await page.getByRole('dialog').getByText('0 work items imported; 2 were already imported').waitFor();
    await page.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    expect(await rows().count()).toBe(before + 2);
  });

  it('creates a new work item from the toolbar', async () => {
    const before = await openTab();
    await page.getByRole('button', { name: 'New work item' }).click();
    const form = page.getByRole('form', { name: 'New work item' });
    await form.getByRole('textbox', { name: 'Title' }).fill('Created Epsilon');
    await choose('Structure', 'Product', form);
    await form.getByRole('textbox', { name: 'Stage' }).fill('Discovery');
    await form.getByRole('combobox', { name: 'Owner' }).fill('Ana Owner');
    await form.getByLabel('Start date').fill('2025-04-01');
    await form.getByLabel('End date').fill('2025-09-30');
    await form.getByRole('checkbox', { name: /^OBJ-1:/ }).check();
    await form.getByRole('spinbutton', { name: 'Weight of OBJ-1' }).fill('80');
    await form.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('dialog', { name: 'New work item' }).waitFor({ state: 'hidden' });
    await panel().getByRole('heading', { name: 'Created Epsilon' }).waitFor();
    await panel().getByText(/OBJ-1: .* — 80% contribution/).waitFor();
    await closePanel();
    await until(async () => expect(await rows().count()).toBe(before + 1));
  });
});
