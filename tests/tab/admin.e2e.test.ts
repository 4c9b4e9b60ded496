/**
 * Setting a tenant up without help (issue #11), in the built tab served by the real app (seeded
 * demo tenant), in headless Chromium: the tenant admin creates a domain and an objective, makes
 * someone its PMO lead by choosing them by name, and that person then sees and edits the domain's
 * portfolio; removing the role takes the access away. Needs `npm run build:tab` first.
 */
import { describe, expect, it } from '@jest/globals';
import type { Locator, Page } from 'playwright-core';
import type { RunningApp } from '../../bot/composition/start-app';
import { DEMO_TENANT, DEMO_USERS } from '../../bot/demo/demo-identities';
import { until } from '../support/browser';
import { workItem } from '../support/directory-records';
import { useTabSession } from '../support/tab-session';

let app: RunningApp;
let page: Page;

useTabSession((s) => ({ app, page } = s));

const T = DEMO_TENANT.tenantId;
const ADMIN = DEMO_USERS.find((u) => u.displayName === 'Avery Admin')?.userId as string;
/** Someone who signs in to the tab but holds no role yet. */
const NORA = { userId: 'a0000000-0000-4000-8000-0000000000e1', displayName: 'Nora Newlead' };

/** Opens the tab at `hash` signed in as this person, as a returning user would be (the tab remembers who). */
async function openAs(userId: string, hash = ''): Promise<void> {
  // Any page of the origin will do to set what the tab remembers; then a full load of the tab.
  await page.goto(`${app.url}/healthz`);
  await page.evaluate((key) => window.localStorage.setItem('pmoRelay.devUser', key), `${T}/${userId}`);
  await page.goto(`${app.url}/${hash}`);
}

const dialog = (): Locator => page.getByRole('dialog');
const toast = (text: string | RegExp): Locator => page.getByText(text).first();

async function choose(scope: Page | Locator, label: string, option: string | RegExp): Promise<void> {
  await scope.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option }).first().click();
}

async function section(name: string): Promise<void> {
  await page.getByRole('tab', { name }).click();
  await page.getByRole('region', { name }).waitFor();
}

describe('the admin area', () => {
  it('sets up a domain, an objective and a PMO lead by name, whose access follows the role', async () => {
    await app.repos.users.upsert({ tenantId: T, userId: NORA.userId, displayName: NORA.displayName, roles: [] });
    await openAs(ADMIN);
    await page.getByRole('tab', { name: 'Admin' }).click();
    await page.getByRole('heading', { level: 1, name: 'Admin' }).waitFor();
    // The admin lands on what is not set up yet, and goes on to the domains.
    await page.getByRole('heading', { level: 2, name: 'What is not set up yet' }).waitFor();
    await page.getByRole('tab', { name: 'Domains' }).click();

    // A domain: a taken name and a bad time are said beside their fields, then it is created.
    await page.getByRole('table', { name: 'Domains' }).waitFor();
    const newDomain = page.getByRole('button', { name: 'New domain' });
    await newDomain.click();
    await dialog().getByRole('textbox', { name: 'Name' }).fill('it');
    await dialog().getByRole('textbox', { name: 'Time (24 hours)' }).fill('9.30');
    await dialog().getByRole('button', { name: 'Create domain' }).click();
    await dialog().getByText('A domain named "it" already exists. Choose another name.').waitFor();
    await dialog().getByText('Enter a time of day as HH:MM, e.g. 09:00.').waitFor();
    await dialog().getByRole('textbox', { name: 'Name' }).fill('Legal');
    await dialog().getByRole('spinbutton', { name: 'Freshness window (days)' }).fill('21');
    await dialog().getByRole('textbox', { name: 'Time (24 hours)' }).fill('10:30');
    await choose(dialog(), 'Day', 'Thursday');
    await dialog().getByRole('button', { name: 'Create domain' }).click();
    await toast('Created Legal').waitFor();
    await dialog().waitFor({ state: 'hidden' });
    // Keyboard users keep their place: focus returns to the button that opened the form.
    await until(async () => expect(await newDomain.evaluate((el) => el === document.activeElement)).toBe(true));
    const legal = page.getByRole('row').filter({ hasText: 'Legal' });
    await legal.getByText('Thursdays at 10:30 (UTC)').waitFor();
    await legal.getByText('21 days').waitFor();

    // An objective, owned by a strategy owner chosen by name.
    await section('Objectives');
    await page.getByRole('button', { name: 'New objective' }).click();
    await dialog().getByRole('textbox', { name: 'Code' }).fill('OBJ-LEGAL');
    await dialog().getByRole('textbox', { name: 'Title' }).fill('Cut contract review time');
    await choose(dialog(), 'Owner', 'Sam Strategy');
    await dialog().getByRole('button', { name: 'Create objective' }).click();
    await toast('Created OBJ-LEGAL').waitFor();
    await page.getByRole('row').filter({ hasText: 'OBJ-LEGAL' }).getByText('Sam Strategy').waitFor();

    // Nora becomes Legal's PMO lead, chosen by name.
    const legalId = (await app.repos.domains.list(T)).find((d) => d.value.name === 'Legal')?.value.id as string;
    await app.repos.workItems.createMany([workItem(T, 'wi-legal-1', legalId, { title: 'Contract lifecycle tool', stage: 'Discovery' })]);
    await section('People and roles');
    await page.getByRole('combobox', { name: 'Find a person' }).fill('nora');
    await page.getByRole('option', { name: /Nora Newlead/ }).click();
    await choose(dialog(), 'Role', 'PMO lead');
    await choose(dialog(), 'Domain', 'Legal');
    await dialog().getByRole('button', { name: 'Add role' }).click();
    await dialog().getByText('PMO lead · Legal').waitFor();
    await dialog().getByRole('button', { name: 'Save roles' }).click();
    await toast('Saved the roles of Nora Newlead').waitFor();
    await page.getByRole('row').filter({ hasText: 'Nora Newlead' }).getByText('PMO lead · Legal').waitFor();

    // The change is on the record.
    await section('Role changes');
    await page.getByRole('row').filter({ hasText: 'Nora Newlead' }).getByText('PMO lead · Legal').waitFor();

    // Nora now sees Legal's portfolio and edits its item.
    await openAs(NORA.userId, `#/portfolio?domain=${legalId}`);
    await page.getByRole('heading', { level: 1, name: 'Legal portfolio' }).waitFor();
    await page.getByRole('table', { name: 'Work items' }).getByRole('button', { name: 'Contract lifecycle tool', exact: true }).click();
    await dialog().getByRole('button', { name: 'Edit' }).click();
    await dialog().getByRole('textbox', { name: 'Status note' }).fill('Vendor shortlisted.');
    await dialog().getByRole('button', { name: 'Save' }).click();
    await dialog().getByText('Vendor shortlisted.').waitFor();
    expect(await page.getByRole('tab', { name: 'Admin' }).count()).toBe(0);

    // The admin removes every role of hers; at her next load the domain is gone from her view.
    await openAs(ADMIN, '#/admin?section=people');
    await page.getByRole('button', { name: 'Remove every role of Nora Newlead' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Remove all roles' }).click();
    await toast('Removed every role of Nora Newlead').waitFor();
    await openAs(NORA.userId, `#/portfolio?domain=${legalId}`);
    await page.getByText(/This domain doesn.t exist or isn.t yours to see/).waitFor();
    expect(await page.getByRole('table', { name: 'Work items' }).count()).toBe(0);
  });

  it('offers retired objectives for no new alignment, and offers no delete for one that work is aligned to', async () => {
    await openAs(ADMIN, '#/admin?section=objectives');
    const table = page.getByRole('table', { name: 'Objectives' });
    await table.waitFor();
    const first = (await app.repos.objectives.list(T)).map((o) => o.value).sort((a, b) => a.priority - b.priority || a.code.localeCompare(b.code))[0];
    if (!first) throw new Error('the demo seed has objectives');
    const items = (await Promise.all((await app.repos.domains.list(T)).map((d) => app.repos.workItems.listByDomain(T, d.value.id)))).flat();
    const aligned = items.filter((i) => i.value.objectives.some((o) => o.objectiveId === first.id)).length;
    expect(aligned).toBeGreaterThan(1);
    const row = table.getByRole('row').filter({ hasText: first.code });
    await row.getByRole('cell', { name: String(aligned), exact: true }).waitFor();
    // The admin learns why before pressing anything: the button says so and does nothing.
    const remove = page.getByRole('button', { name: `Delete ${first.code}`, exact: true });
    expect(await remove.getAttribute('aria-disabled')).toBe('true');
    await remove.focus();
    await page.getByText(`Aligned to ${aligned} work items: retire it instead, so the items keep what they served.`).waitFor();
    await remove.click({ force: true });
    expect(await page.getByRole('alertdialog').count()).toBe(0);
    await page.getByRole('button', { name: `Retire ${first.code}`, exact: true }).click();
    await toast(`Retired ${first.code}`).waitFor();
    await table.getByRole('row').filter({ hasText: first.code }).getByText('Retired').waitFor();

    // The PMO lead's new-item form no longer offers it.
    await openAs(DEMO_USERS.find((u) => u.displayName === 'Priya Patel')?.userId as string, '#/portfolio?domain=dom-it');
    await page.getByRole('button', { name: 'New work item' }).click();
    const form = page.getByRole('form', { name: 'New work item' });
    await form.getByRole('group', { name: /Objectives and contribution weights/ }).waitFor();
    expect(await form.getByRole('checkbox', { name: new RegExp(`^${first.code}:`) }).count()).toBe(0);
  });

  it('takes focus to the first field a refused form names, and says before the click that the last admin cannot go', async () => {
    const focused = (field: Locator) => field.evaluate((el) => el === document.activeElement);
    await openAs(ADMIN, '#/admin?section=domains');
    await page.getByRole('button', { name: 'New domain' }).click();
    await dialog().getByRole('button', { name: 'Create domain' }).click();
    await dialog().getByText('Give the domain a name.').waitFor();
    await until(async () => expect(await focused(dialog().getByRole('textbox', { name: 'Name' }))).toBe(true));
    await dialog().getByRole('button', { name: 'Cancel' }).click();

    await section('Objectives');
    await page.getByRole('button', { name: 'New objective' }).click();
    await dialog().getByRole('textbox', { name: 'Code' }).fill('OBJ-FOCUS');
    await dialog().getByRole('button', { name: 'Create objective' }).click();
    await dialog().getByText('Give the objective a title.').waitFor();
    await until(async () => expect(await focused(dialog().getByRole('textbox', { name: 'Title' }))).toBe(true));
    await dialog().getByRole('button', { name: 'Cancel' }).click();

    await section('People and roles');
    await page.getByRole('button', { name: 'Remove every role of Avery Admin' }).click();
    const confirm = page.getByRole('alertdialog');
    await confirm.getByText('You are the last tenant admin, so this would be refused. Make someone else a tenant admin first, then remove these roles.').waitFor();
    expect(await confirm.getByRole('button', { name: 'Remove all roles' }).isDisabled()).toBe(true);
  });
});
