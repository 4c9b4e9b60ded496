/**
 * The Check-ins page end to end: the built tab served by the real app (seeded demo tenant,
 * Azurite, the demo's connector), in headless Chromium, on a clock the test moves on. A PMO lead
 * sets the cadence (the form says what is wrong first), asks two items' teams now, and sees the
 * round; one team answers in its card; a day later the other is overdue on the page and in the
 * portfolio; the EPMO reads the page without its controls. Needs `npm run build:tab` first.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningApp } from '../../bot/composition/start-app';
import { DEMO_TENANT, DEMO_USERS } from '../../bot/demo/demo-identities';
import { DEMO_SERVICE_URL } from '../../bot/demo/demo-conversations';
import { TAB_DIST, startTestApp } from '../support/app';
import { launchBrowser, until } from '../support/browser';
import { cardAction, execute } from '../bot/teams-activities';
import { waitUntil } from '../delivery/support';

const T = DEMO_TENANT.tenantId;
/** A Tuesday morning: no demo domain's default cadence (Mondays 09:00) falls in the day the test moves on. */
let offset = Date.parse('2026-12-08T10:00:00Z') - Date.now();
const clock = { now: () => new Date(Date.now() + offset) };

let app: RunningApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  // The team's invoke comes from the demo conversations' connector, which this app is told to serve.
  app = await startTestApp({ SEED_DEMO: 'true', TAB_DIST, ALLOWED_SERVICE_URLS: DEMO_SERVICE_URL }, { clock });
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});
beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  context.setDefaultTimeout(15_000);
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

async function openAs(name: string, hash: string): Promise<void> {
  const key = `${T}/${user(name).userId}`;
  await context.addInitScript({ content: `window.localStorage.setItem('pmoRelay.devUser', ${JSON.stringify(key)});` });
  await page.goto(`${app.url}/${hash}`);
}

const rounds = () => page.getByRole('list', { name: 'Check-in rounds' });
const rowOf = (title: string) => rounds().getByRole('row').filter({ hasText: title }).first();

/** Tara answers her item's check-in in its card, as Teams sends the invoke. */
async function answerAsTara(roundId: string, workItemId: string): Promise<string> {
  let delivered: { conversationId: string; activityId: string } | undefined;
  await waitUntil(async () => {
    const d = (await app.delivery.listBatch(T, `checkin:${roundId}`)).find((x) => x.content.variant === workItemId && x.state === 'sent');
    delivered = d?.activityId ? { conversationId: d.conversationId, activityId: d.activityId } : undefined;
    return delivered !== undefined;
  }, 15_000, 'the check-in card');
  const { conversationId, activityId } = delivered as { conversationId: string; activityId: string };
  const where = { serviceUrl: DEMO_SERVICE_URL, tenantId: T, kind: 'channel' as const, conversationId, team: { id: conversationId, name: 'Team' } };
  const tara = { aadObjectId: user('Tara Team').userId, name: 'Tara Team' };
  const reasons = { reason_schedule: 'On plan', reason_cost: 'Licences', reason_scope: 'As agreed', reason_benefit: 'As planned' };
  const data = { roundId, workItemId, domainId: 'dom-it', colour_schedule: 'green', colour_cost: 'amber', colour_scope: 'green', colour_benefit: 'green', ...reasons, stage: 'Beta', note: 'Beta going well' };
  const res = await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(cardAction(where, tara, execute('checkin.answer', data), activityId)) });
  return JSON.stringify((await res.json()) as unknown);
}

describe('the Check-ins page', () => {
  let roundId = '';

  it('lets a PMO lead set the cadence, checked before it is sent', async () => {
    await openAs('Priya Patel', '#/check-ins');
    await page.getByRole('heading', { level: 1, name: 'IT check-ins', exact: true }).waitFor();
    await page.getByRole('tab', { name: 'Check-ins', selected: true }).waitFor();
    await page.getByText('Mondays at 09:00 (UTC)', { exact: false }).waitFor();

    await page.getByRole('combobox', { name: 'Day' }).click();
    await page.getByRole('option', { name: 'Friday' }).click();
    await page.getByRole('textbox', { name: 'Time (24 hours)' }).fill('16:30');
    const zone = page.getByRole('combobox', { name: 'Time zone' });
    await zone.fill('');
    await zone.pressSequentially('Europe/Lon');
    await page.getByRole('option', { name: 'Europe/London' }).click();
    await page.getByLabel('Hours to answer').fill('24');
    await page.getByLabel('Remind, hours before due').fill('30');
    await page.getByRole('button', { name: 'Save cadence' }).click();
    await page.getByText('Use whole hours from 1 to 23 (less than the hours to answer).').waitFor();

    await page.getByLabel('Remind, hours before due').fill('4');
    await page.getByRole('button', { name: 'Save cadence' }).click();
    await page.getByText('Cadence saved', { exact: true }).waitFor();
    await page.getByText(/Fridays at 16:30 \(Europe\/London\); answers due within 24 hours\. Next: /).waitFor();
  });

  it('asks chosen items now and shows the round, then who answered and what is overdue a day later', async () => {
    await openAs('Priya Patel', '#/check-ins?domain=dom-it');
    await page.getByRole('radio', { name: 'Only the items I choose' }).check();
    const items = page.getByRole('group', { name: 'Items to ask' });
    await items.getByRole('checkbox', { name: 'Customer Portal Replatform' }).check();
    await items.getByRole('checkbox', { name: 'Mobile App 3.0' }).check();
    await page.getByRole('button', { name: 'Ask 2 chosen items now' }).click();
    await page.getByText('Check-ins sent for 2 items', { exact: true }).waitFor();
    // Asking again at once would send those teams a second card: the page asks first, and "Don't ask now" sends nothing.
    await page.getByRole('radio', { name: /Every item of the domain/ }).check();
    await page.getByRole('button', { name: 'Ask for check-ins now' }).click();
    const confirm = page.getByRole('dialog', { name: 'Ask the teams again?' });
    await confirm.getByText(/^2 teams were asked (just now|\d+ minutes? ago) \(round by Priya Patel\); asking again sends each a new card\. Ask again anyway\?$/).waitFor();
    await confirm.getByRole('button', { name: 'Ask again anyway' }).waitFor();
    await confirm.getByRole('button', { name: "Don't ask now" }).click();
    await confirm.waitFor({ state: 'hidden' });
    await until(async () => expect(await rowOf('Customer Portal Replatform').getByText('Waiting').count()).toBe(1));
    await until(async () => expect(await rowOf('Mobile App 3.0').getByText('Waiting').count()).toBe(1));
    await rounds().getByRole('heading', { name: /by Priya Patel/ }).waitFor();

    const token = await (await fetch(`${app.url}/api/dev/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ tenantId: T, userId: user('Priya Patel').userId }) })).json() as { token: string };
    const listed = await (await fetch(`${app.url}/api/domains/dom-it/check-ins`, { headers: { Authorization: `Bearer ${token.token}` } })).json() as { rounds: { id: string }[] };
    roundId = listed.rounds[0]?.id ?? '';
    expect(await answerAsTara(roundId, 'wi-001')).toContain('Check-in recorded');

    // A day on: past the 24 hours to answer.
    offset += 25 * 3600_000;
    await page.reload();
    await page.getByText('1 check-in is overdue').waitFor();
    await until(async () => expect(await rowOf('Customer Portal Replatform').getByText('Answered').count()).toBe(1));
    expect(await rowOf('Customer Portal Replatform').getByText(/Tara Team/).count()).toBe(1);
    await until(async () => expect(await rowOf('Mobile App 3.0').getByText('Overdue').count()).toBe(1));

    // The portfolio shows it too: a tile that filters, and the item flagged.
    await page.getByRole('tab', { name: 'Portfolio' }).click();
    const tile = page.getByRole('region', { name: 'Key figures' }).getByRole('button', { name: 'Check-ins overdue: 1' });
    await tile.click();
    const grid = page.getByRole('table', { name: 'Work items' });
    await grid.getByText('Check-in overdue').first().waitFor();
    await until(async () => expect(await grid.getByText('Mobile App 3.0').count()).toBe(1));
    expect(await grid.getByText('Customer Portal Replatform').count()).toBe(0);

    // The answered item's history says who reported, and that it came through the check-in card.
    await tile.click();
    await grid.getByRole('button', { name: 'Customer Portal Replatform', exact: true }).click();
    const history = page.getByRole('dialog', { name: 'Customer Portal Replatform' }).getByRole('region', { name: 'History' });
    await history.getByRole('button', { name: 'History as a table' }).click();
    const newest = history.getByRole('table', { name: 'Status history' }).locator('tbody tr').first();
    await until(async () => expect(await newest.innerText()).toMatch(/Tara Team\s+Check-in card/));
  });

  it('shows the EPMO the rounds read-only', async () => {
    await openAs('Erin Epmo', '#/check-ins?domain=dom-it');
    await rounds().waitFor();
    await until(async () => expect(await rowOf('Mobile App 3.0').getByText('Overdue').count()).toBe(1));
    expect(await page.getByRole('button', { name: 'Save cadence' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /Ask .*now/ }).count()).toBe(0);
  });
});
