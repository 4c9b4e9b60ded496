/**
 * What a newcomer does after `npm ci && npm start`: the built local server (dist/bot/demo/main.js, as
 * `npm start` runs it) starts its own Azurite, seeds the demo, serves the tab and the bot;
 * it stops cleanly on SIGTERM and keeps the data for the next start.
 * Needs `npm run build` first (`npm test` builds before running jest).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_TENANT, DEMO_USERS } from '../../bot/demo/demo-identities';
import { apiClient } from '../support/app';
import { type ConnectorServer, startConnectorServer } from '../support/connector-server';
import { message } from '../bot/teams-activities';
import { cardText } from '../support/adaptive-card';
import { freePort, killRecordedAzurite, requireBuiltMain, startMain, stopMain } from '../support/app-process';

let dataDir: string;
let connector: ConnectorServer;
let env: Record<string, string>;
const lead = DEMO_USERS.find((u) => u.displayName === 'Priya Patel');

beforeAll(async () => {
  requireBuiltMain();
  dataDir = await mkdtemp(join(tmpdir(), 'pmo-relay-start-'));
  connector = await startConnectorServer();
  const [port, tablePort, queuePort] = [await freePort(), await freePort(), await freePort()];
  // Exactly what a fresh machine has: no storage account, no bot credentials.
  env = { PORT: String(port), AZURITE_LOCATION: dataDir, AZURITE_TABLE_PORT: String(tablePort), AZURITE_QUEUE_PORT: String(queuePort), LOG_LEVEL: 'info' };
});
afterAll(async () => {
  // Stopped by the app's normal stop; only a failed test leaves it running.
  killRecordedAzurite(dataDir);
  await connector?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('npm start on a fresh machine', () => {
  it('serves the tab and the seeded portfolio, answers help, stops cleanly and keeps data', async () => {
    if (!lead) throw new Error('fixture');
    const first = await startMain(env);
    expect(first.output()).toMatch(/seeded the demo tenant/);
    const call = apiClient(first.url);

    const page = await fetch(`${first.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<div id="root">/);

    const token = (await call('POST', '/api/dev/token', { body: { tenantId: DEMO_TENANT.tenantId, userId: lead.userId } })).body.token as string;
    const portfolio = await call('GET', '/api/domains/dom-it/portfolio', { token });
    expect(portfolio.status).toBe(200);
    expect(portfolio.body.items.map((i: { title: string }) => i.title)).toContain('Customer Portal Replatform');

    const where = { serviceUrl: connector.url, tenantId: DEMO_TENANT.tenantId, kind: 'personal' as const, conversationId: 'a:priya-personal' };
    const posted = await fetch(`${first.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(message(where, { aadObjectId: lead.userId, name: lead.displayName }, 'help')) });
    expect(posted.status).toBeLessThan(300);
    const [reply] = await connector.waitForRequests(1);
    expect(reply?.conversationId).toBe('a:priya-personal');
    const card = reply?.body.attachments?.[0];
    expect(card?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(card.content)).toMatch(/link/i);

    const item = await call('GET', '/api/work-items/wi-004', { token });
    expect((await call('PATCH', '/api/work-items/wi-004', { token, body: { stage: 'Execution' }, headers: { 'If-Match': item.body.etag } })).status).toBe(200);
    expect(await stopMain(first)).toBe(0);

    const second = await startMain(env);
    const again = apiClient(second.url);
    const token2 = (await again('POST', '/api/dev/token', { body: { tenantId: DEMO_TENANT.tenantId, userId: lead.userId } })).body.token as string;
    // The change survived and the seed did not run again over it.
    expect((await again('GET', '/api/work-items/wi-004', { token: token2 })).body.stage).toBe('Execution');
    expect(second.output()).not.toMatch(/seeded the demo tenant/);
    expect(await stopMain(second)).toBe(0);
  });
});
