/**
 * Editing a work item in its panel, as a PMO lead does it: objectives and weights, the owner
 * from the people directory, not losing an edit to Escape, and where focus goes after a save.
 * The built tab served by the real app (seeded demo tenant), in headless Chromium. Needs
 * `npm run build:tab` first.
 */
import { describe, expect, it } from '@jest/globals';
import type { Locator, Page } from 'playwright-core';
import type { RunningApp } from '../../bot/composition/start-app';
import { DEMO_TENANT, DEMO_USERS } from '../../bot/demo/demo-identities';
import { apiClient } from '../support/app';
import { until } from '../support/browser';
import { useTabSession } from '../support/tab-session';


let app: RunningApp;
let page: Page;

useTabSession((s) => ({ app, page } = s));

const workItems = (): Locator => page.getByRole('table', { name: 'Work items' });
const form = (): Locator => page.getByRole('form', { name: 'Edit work item' });
/** What has keyboard focus, as a screen reader would name it. */
const focused = (): Promise<string> =>
  page.evaluate(() => {
    const a = document.activeElement;
    if (!a || a === document.body) return 'body';
    return `${a.tagName.toLowerCase()}:${(a.getAttribute('aria-label') ?? a.textContent ?? '').trim()}`;
  });

async function openItem(title: string): Promise<void> {
  await page.goto(`${app.url}/`);
  await workItems().locator('tbody tr').first().waitFor();
  await workItems().getByRole('button', { name: title, exact: true }).click();
  await page.getByRole('dialog').getByRole('heading', { name: title }).waitFor();
}

async function edit(title: string): Promise<void> {
  await openItem(title);
  await page.getByRole('dialog').getByRole('button', { name: 'Edit' }).click();
  await form().waitFor();
}

const person = (name: string) => {
  const u = DEMO_USERS.find((d) => d.displayName === name);
  if (!u) throw new Error(`no demo user ${name}`);
  return u;
};

describe('editing an item in its panel', () => {
  it('changes objectives and weights, listed by priority, with a clear message for each mistake', async () => {
    await edit('Observability Platform');
    const objectives = form().getByRole('group', { name: /Objectives and contribution weights/ });
    // Priority 1 first (OBJ-1, OBJ-3, OBJ-8), then priority 2.
    const labels = await objectives.getByRole('checkbox').evaluateAll((boxes) => boxes.map((b) => b.closest('div')?.textContent?.split(':')[0] ?? ''));
    expect(labels.slice(0, 4)).toEqual(['OBJ-1', 'OBJ-3', 'OBJ-8', 'OBJ-2']);
    expect(await objectives.getByRole('checkbox', { name: /^OBJ-3:/ }).isChecked()).toBe(true);
    expect(await form().getByRole('spinbutton', { name: 'Weight of OBJ-3' }).inputValue()).toBe('40');

    await objectives.getByRole('checkbox', { name: /^OBJ-1:/ }).check();
    await form().getByRole('spinbutton', { name: 'Weight of OBJ-3' }).fill('0');
    await form().getByText('Give OBJ-3 a whole-number weight from 1 to 100.').waitFor();
    await form().getByRole('spinbutton', { name: 'Weight of OBJ-3' }).fill('40');
    await form().getByRole('spinbutton', { name: 'Weight of OBJ-1' }).fill('30');
    await form().getByRole('alert').getByText('The weights add up to 130%; together they can be at most 100%.').waitFor();
    let patches = 0;
    page.on('request', (r) => {
      if (r.method() === 'PATCH') patches += 1;
    });
    await form().getByRole('button', { name: 'Save' }).click();
    // Nothing is sent; the user is taken to the weights to fix.
    expect(await focused()).toMatch(/^input:Weight of OBJ-/);
    expect(patches).toBe(0);

    await form().getByRole('spinbutton', { name: 'Weight of OBJ-9' }).fill('30');
    await form().getByRole('button', { name: 'Save' }).click();
    const listed = page.getByRole('dialog').getByRole('region', { name: 'Objectives' }).getByRole('listitem');
    await until(async () => expect(await listed.allInnerTexts()).toEqual([expect.stringMatching(/^OBJ-1: .* — 30% contribution/), expect.stringMatching(/^OBJ-3: .* — 40% contribution/), expect.stringMatching(/^OBJ-9: .* — 30% contribution/)]));
    expect(patches).toBe(1);
    // Focus is on the item again (its Edit button), not lost to the page body.
    await until(async () => expect(await focused()).toBe('button:Edit'));
  });

  it('chooses the owner from the people directory, and still takes a name from outside it', async () => {
    await edit('Mobile App 3.0');
    const bodies: unknown[] = [];
    page.on('request', (r) => {
      if (r.method() === 'PATCH') bodies.push(r.postDataJSON());
    });
    const owner = form().getByRole('combobox', { name: 'Owner' });
    await owner.fill('');
    await owner.pressSequentially('dieg');
    await page.getByRole('option', { name: 'Diego Delivery' }).click();
    await form().getByRole('button', { name: 'Save' }).click();
    await until(async () => expect(bodies).toHaveLength(1));
    expect(bodies[0]).toEqual({ owner: { userId: person('Diego Delivery').userId, displayName: 'Diego Delivery' } });
    await page.getByRole('dialog').getByRole('definition').getByText('Diego Delivery').waitFor();

    await page.getByRole('dialog').getByRole('button', { name: 'Edit' }).click();
    await form().getByRole('combobox', { name: 'Owner' }).fill('Sally Supplier');
    await form().getByRole('button', { name: 'Save' }).click();
    await until(async () => expect(bodies).toHaveLength(2));
    expect(bodies[1]).toEqual({ owner: { displayName: 'Sally Supplier' } });
    await page.getByRole('dialog').getByRole('definition').getByText('Sally Supplier').waitFor();
  });

  it('asks before Escape throws an edit away, and keeps it on "Keep editing"', async () => {
    await edit('Customer Portal Replatform');
    const stage = form().getByRole('textbox', { name: 'Stage' });
    const before = await stage.inputValue();
    await stage.fill('Cut-over rehearsal');
    await page.keyboard.press('Escape');
    const ask = page.getByRole('dialog', { name: 'Discard your changes?' });
    await ask.waitFor();
    await ask.getByRole('button', { name: 'Keep editing' }).click();
    await ask.waitFor({ state: 'hidden' });
    expect(await stage.inputValue()).toBe('Cut-over rehearsal');
    await until(async () => expect(await focused()).toMatch(/^input:/));

    // The close button asks too; Discard closes the panel and nothing was saved.
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
    await ask.getByRole('button', { name: 'Discard' }).click();
    await until(async () => expect(await page.getByRole('dialog').count()).toBe(0));
    await until(async () => expect(await focused()).not.toBe('body'));
    await workItems().getByRole('button', { name: 'Customer Portal Replatform', exact: true }).click();
    await page.getByRole('dialog').getByRole('definition').getByText(before, { exact: true }).waitFor();

    // With nothing changed, Escape just closes.
    await page.getByRole('dialog').getByRole('button', { name: 'Edit' }).click();
    await form().waitFor();
    await page.keyboard.press('Escape');
    await until(async () => expect(await page.getByRole('dialog').count()).toBe(0));
  });

  it('lands on the item\'s Edit button after "Apply my changes again" saves over someone else\'s edit', async () => {
    await edit('Data Platform Lakehouse');
    await form().getByRole('textbox', { name: 'Status note' }).fill('Ingestion caught up.');
    // Someone else saves first.
    const call = apiClient(app.url);
    const token = (await call('POST', '/api/dev/token', { body: { tenantId: DEMO_TENANT.tenantId, userId: person('Priya Patel').userId } })).body.token as string;
    const items = (await call('GET', '/api/work-items?domainId=dom-it', { token })).body as { id: string; title: string; etag: string }[];
    const item = items.find((i) => i.title === 'Data Platform Lakehouse');
    if (!item) throw new Error('the demo has Data Platform Lakehouse in IT');
    expect((await call('PATCH', `/api/work-items/${item.id}`, { token, body: { stage: 'Scale-out' }, headers: { 'If-Match': item.etag } })).status).toBe(200);

    await form().getByRole('button', { name: 'Save' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Apply my changes again' }).click();
    await page.getByRole('dialog').getByText('Ingestion caught up.').waitFor();
    await until(async () => expect(await focused()).toBe('button:Edit'));
    await page.getByText('Saved “Data Platform Lakehouse”').first().waitFor();
  });
});
