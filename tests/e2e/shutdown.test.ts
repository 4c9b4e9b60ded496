/**
 * Stopping the app (SIGTERM, as a container platform or Ctrl+C does): requests in flight get until
 * SHUTDOWN_DRAIN_MS to finish, then their connections are closed and the process exits 0; a
 * second signal ends it at once; with nothing in flight it stops at once and takes its embedded
 * Azurite with it. The request held in flight is a bot turn whose reply goes to a Teams
 * connector that never answers.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { DEMO_TENANT, DEMO_USERS } from '../../bot/demo/demo-identities';
import { message } from '../bot/teams-activities';
import {
  type StartedApp,
  exitOf,
  freePort,
  isAlive,
  killRecordedAzurite,
  outputMatches,
  recordedAzurite,
  requireBuiltMain,
  startMain,
  stopMain,
} from '../support/app-process';

/** A Teams connector stand-in that takes every request and never answers. */
interface SilentConnector {
  readonly url: string;
  readonly received: IncomingMessage[];
  close(): Promise<void>;
}

async function startSilentConnector(): Promise<SilentConnector> {
  const received: IncomingMessage[] = [];
  const server: Server = createServer((req) => received.push(req));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    async close() {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    },
  };
}

const lead = DEMO_USERS.find((u) => u.displayName === 'Priya Patel');
const dirs: string[] = [];
const apps: StartedApp[] = [];
let connector: SilentConnector;

async function envFor(extra: Record<string, string>): Promise<Record<string, string>> {
  const dataDir = await mkdtemp(join(tmpdir(), 'pmo-relay-shutdown-'));
  dirs.push(dataDir);
  const [port, tablePort, queuePort] = [await freePort(), await freePort(), await freePort()];
  return { PORT: String(port), AZURITE_LOCATION: dataDir, AZURITE_TABLE_PORT: String(tablePort), AZURITE_QUEUE_PORT: String(queuePort), LOG_LEVEL: 'info', SEED_DEMO: 'false', ...extra };
}

async function start(extra: Record<string, string>): Promise<StartedApp> {
  const app = await startMain(await envFor(extra));
  apps.push(app);
  return app;
}

/** Posts "help" to the bot, whose reply then hangs at the silent connector; resolves once it does. */
async function holdARequest(app: StartedApp): Promise<{ readonly answer: Promise<unknown> }> {
  if (!lead) throw new Error('fixture');
  const before = connector.received.length;
  const where = { serviceUrl: connector.url, tenantId: DEMO_TENANT.tenantId, kind: 'personal' as const, conversationId: 'a:held' };
  const posted = fetch(`${app.url}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(message(where, { aadObjectId: lead.userId, name: lead.displayName }, 'help')),
  }).then(
    (res) => res.status,
    (err: unknown) => err,
  );
  const deadline = Date.now() + 15_000;
  while (connector.received.length === before) {
    if (Date.now() > deadline) throw new Error(`the bot never called the connector:\n${app.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  // Wrapped: an async function returning the bare promise would wait for it.
  return { answer: posted };
}

beforeAll(async () => {
  requireBuiltMain();
  connector = await startSilentConnector();
});
afterEach(() => {
  for (const app of apps.splice(0)) if (app.child.exitCode === null && app.child.signalCode === null) app.child.kill('SIGKILL');
  for (const dir of dirs) killRecordedAzurite(dir);
});
afterAll(async () => {
  await connector?.close();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

jest.setTimeout(60_000);

describe('stopping the app', () => {
  it('closes a request still in flight at the drain deadline and exits 0', async () => {
    // The connector call's own timeout is far away, so only the drain deadline can end the turn.
    const app = await start({ SHUTDOWN_DRAIN_MS: '1000', DELIVERY_SEND_TIMEOUT_MS: '120000', DELIVERY_CLAIM_SECONDS: '300' });
    const held = await holdARequest(app);
    expect(await stopMain(app, 20_000)).toBe(0);
    // The held request got no answer: its connection was closed.
    expect(await held.answer).toHaveProperty('message', 'fetch failed');
    expect(app.output()).toMatch(/closed connections still open at the drain deadline/);
  });

  it('exits at once, non-zero, on a second signal while draining', async () => {
    const app = await start({ SHUTDOWN_DRAIN_MS: '120000', DELIVERY_SEND_TIMEOUT_MS: '120000', DELIVERY_CLAIM_SECONDS: '300' });
    await holdARequest(app);
    app.child.kill('SIGTERM');
    await outputMatches(app, /"msg":"stopping"/);
    app.child.kill('SIGTERM');
    const code = await exitOf(app, 20_000);
    expect(code).not.toBe(0);
    expect(app.output()).toMatch(/second signal: exiting without finishing the stop/);
  });

  it('with nothing in flight, stops, exits 0 and stops its embedded Azurite', async () => {
    const app = await start({});
    const azurite = recordedAzurite(dirs.at(-1) ?? '');
    expect(azurite && isAlive(azurite.pid)).toBe(true);
    expect(await stopMain(app, 20_000)).toBe(0);
    expect(isAlive(azurite?.pid ?? 0)).toBe(false);
    expect(recordedAzurite(dirs.at(-1) ?? '')).toBeUndefined();
  });
});
