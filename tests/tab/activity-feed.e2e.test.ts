/**
 * The local activity feed in the tab's development mode: with no Graph credentials (the demo),
 * a signal escalated to the EPMO leaves a notification in the strategy owner's local log, and the
 * tab shows it under "Activity feed" as Teams would word it. Needs `npm run build:tab` first.
 */
import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { DEMO_TENANT, DEMO_USERS } from '../../bot/demo/demo-identities';
import type { SignalInboxResponse } from '../../bot/api-contract/signals';
import type { RunningApp } from '../../bot/composition/start-app';
import { waitUntil } from '../delivery/support';
import { useTabSession } from '../support/tab-session';

let app: RunningApp;
let page: Page;
useTabSession((s) => {
  app = s.app;
  page = s.page;
});

const userId = (name: string): string => {
  const u = DEMO_USERS.find((d) => d.displayName === name);
  if (!u) throw new Error(`no demo user ${name}`);
  return u.userId;
};

/** Calls the API as a demo user, with a development token, as the tab does. */
/** One development token per person, as the tab keeps its own: the sign-in is rate-limited, and the test polls. */
const tokens = new Map<string, Promise<string>>();
function tokenOf(name: string): Promise<string> {
  let token = tokens.get(name);
  if (!token) {
    token = fetch(`${app.url}/api/dev/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ tenantId: DEMO_TENANT.tenantId, userId: userId(name) }) })
      .then((res) => res.json() as Promise<{ token: string }>)
      .then((body) => body.token);
    tokens.set(name, token);
  }
  return token;
}

async function apiAs(name: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const token = await tokenOf(name);
  const res = await fetch(`${app.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

describe('the local activity feed in development mode', () => {
  it("shows a strategy owner the escalation that awaits their decision, as Teams' activity feed would", async () => {
    const lead = 'Priya Patel';
    const inbox = (await apiAs(lead, 'GET', '/api/signals')).body as SignalInboxResponse;
    const signal = inbox.items.find((s) => s.state === 'raised');
    if (!signal) throw new Error('The demo seed has no raised signal for the IT PMO lead');
    expect((await apiAs(lead, 'POST', `/api/signals/${signal.id}/triage`, { comment: 'On it' })).status).toBe(200);
    const started = await apiAs(lead, 'POST', `/api/signals/${signal.id}/start-analysis`, {});
    expect(started.status).toBe(200);
    const analysis = {
      context: { objectiveIds: [], schedule: 'high', cost: 'medium', benefit: 'low', risk: 'high', narrative: 'Slips the launch.' },
      options: [
        { title: 'Add a second vendor', description: '', impact: '+£40k' },
        { title: 'Slip a month', description: '', impact: 'One month late' },
      ],
      recommendation: { optionIndex: 0, rationale: 'The date matters more' },
    };
    expect((await apiAs(lead, 'PUT', `/api/signals/${signal.id}/analysis`, analysis, { 'If-Match': started.body.signal.etag })).status).toBe(200);
    expect((await apiAs(lead, 'POST', `/api/signals/${signal.id}/escalate`, {})).status).toBe(200);
    // This escalation's notice, not just any: the feed reads the log once, when it is opened.
    const awaited = `${signal.label} from IT awaits your decision`;
    await waitUntil(async () => (await apiAs('Sam Strategy', 'GET', '/api/me/notifications')).body.items.some((n: { text: string }) => n.text.includes(awaited)), 15_000, 'the notification in the local log');

    const key = `${DEMO_TENANT.tenantId}/${userId('Sam Strategy')}`;
    await page.context().addInitScript({ content: `window.localStorage.setItem('pmoRelay.devUser', ${JSON.stringify(key)});` });
    await page.goto(`${app.url}/`);
    // As a person would: once the landing page (the roll-up, for a strategy owner) has shown, which moves focus to its heading.
    await page.getByRole('main').getByRole('heading', { level: 1 }).first().waitFor();
    await page.getByRole('button', { name: 'Activity feed' }).click();
    const feed = page.getByRole('list', { name: 'Activity feed' });
    await feed.getByText(awaited).waitFor();
    await feed.getByText(`${signal.title} — recommended: Add a second vendor`).waitFor();
    await feed.getByText(/kept locally \(Graph is not configured\)/).waitFor();
    await feed.getByRole('link', { name: `${signal.label} ${signal.title}` }).waitFor();
  });
});
