/**
 * Storage outage (issue #12, item 3), with a real Azurite in its own processes that the test stops
 * and starts again. While storage is down the API answers 503 with a clear message and
 * `Retry-After`, and once the circuit breaker has opened it answers without calling storage at
 * all (a forwarder in front of the table service counts the connections); `/healthz` says 503; a
 * Teams message gets a card saying to try again; when storage is back the app recovers by itself.
 * And a start against storage that does not answer says what was tried and what to check.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunningApp } from '../../bot/composition/start-app';
import { DEMO_TENANT, DEMO_USERS } from '../../bot/demo/demo-identities';
import { apiClient, startTestApp } from '../support/app';
import { type AzuriteProcess, type CountingForwarder, startAzuriteProcess, startCountingForwarder } from '../support/azurite-process';
import { cardText } from '../support/adaptive-card';
import { type ConnectorServer, startConnectorServer } from '../support/connector-server';
import { message } from '../bot/teams-activities';

const T = DEMO_TENANT.tenantId;
const priya = DEMO_USERS.find((u) => u.displayName === 'Priya Patel') ?? DEMO_USERS[0];
const EMULATOR_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

describe('a storage outage while running', () => {
  let azurite: AzuriteProcess;
  let forwarder: CountingForwarder;
  let connector: ConnectorServer;
  let app: RunningApp;
  let call: ReturnType<typeof apiClient>;
  let token: string;

  beforeAll(async () => {
    azurite = await startAzuriteProcess();
    forwarder = await startCountingForwarder(azurite.tablePort);
    connector = await startConnectorServer();
    app = await startTestApp({
      AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString(forwarder.port),
      SEED_DEMO: 'true',
      STORAGE_BREAKER_FAILURES: '2',
      STORAGE_BREAKER_COOLDOWN_MS: '4000',
      // No background storage calls of their own during the test: only requests reach storage.
      SCHEDULER_POLL_MS: '600000',
      DELIVERY_IDLE_POLL_MS: '600000',
      DELIVERY_HEARTBEAT_MS: '600000',
      DELIVERY_SWEEP_MS: '600000',
    });
    call = apiClient(app.url);
    token = (await call('POST', '/api/dev/token', { body: { tenantId: T, userId: priya?.userId } })).body.token as string;
  }, 60_000);
  afterAll(async () => {
    await app?.stop();
    await connector?.close();
    await forwarder?.close();
    await azurite?.stop();
  });

  it('answers 503 with a clear message, fails fast once the breaker is open, and recovers without a restart', async () => {
    const before = await call('GET', '/api/domains', { token });
    expect(before.status).toBe(200);
    const domains = before.body;

    await azurite.stop();

    // Each call finds storage gone; the second failure opens the breaker (STORAGE_BREAKER_FAILURES=2).
    for (let i = 0; i < 2; i++) {
      const res = await call('GET', '/api/domains', { token });
      expect(res.status).toBe(503);
      expect(res.body.error).toEqual({ code: 'STORAGE.UNAVAILABLE', message: expect.stringMatching(/cannot reach its storage right now[\s\S]*Try again in a minute/) });
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
    // Open: the next request is answered without a call to storage.
    const connections = forwarder.connections;
    const fast = await call('GET', '/api/domains', { token });
    expect(fast.status).toBe(503);
    expect(fast.body.error.code).toBe('STORAGE.UNAVAILABLE');
    expect(forwarder.connections).toBe(connections);

    const health = await call('GET', '/healthz');
    expect(health.status).toBe(503);
    expect(health.body).toEqual({ status: 'degraded', storage: 'unreachable' });

    // A Teams message during the outage gets a card saying so, not a crash or silence.
    const res = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(message({ serviceUrl: connector.url, tenantId: T, kind: 'personal', conversationId: 'a:outage' }, { aadObjectId: priya?.userId ?? '', name: 'Priya Patel' }, 'help')),
    });
    expect(res.status).toBe(200);
    const card = connector.sentActivities()[0]?.body?.attachments?.[0]?.content;
    expect(cardText(card)).toContain('PMO Relay is unavailable for a moment');
    expect(cardText(card)).toContain('cannot reach its storage');

    await azurite.start();

    // After the cool-down, one call probes storage; its success closes the breaker.
    let healthy = false;
    for (let i = 0; i < 40 && !healthy; i++) {
      healthy = (await call('GET', '/healthz')).status === 200;
      if (!healthy) await new Promise((r) => setTimeout(r, 250));
    }
    expect(healthy).toBe(true);
    const after = await call('GET', '/api/domains', { token });
    expect(after.status).toBe(200);
    expect(after.body).toEqual(domains);
  }, 60_000);
});

describe('storage that does not answer at start', () => {
  it('stops with a message naming the account and endpoint tried (never the key) and what to check', async () => {
    const unreachable = `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${EMULATOR_KEY};TableEndpoint=http://127.0.0.1:1/devstoreaccount1;QueueEndpoint=http://127.0.0.1:1/devstoreaccount1;`;
    const started = startTestApp({ AZURE_STORAGE_CONNECTION_STRING: unreachable });
    await expect(started).rejects.toThrow(/could not reach its storage: account "devstoreaccount1" at http:\/\/127\.0\.0\.1:1\/devstoreaccount1 did not answer[\s\S]*ECONNREFUSED[\s\S]*AZURE_STORAGE_CONNECTION_STRING/);
    const error = (await started.catch((e: unknown) => e)) as Error;
    expect(error.message).not.toContain(EMULATOR_KEY);
  });
});
