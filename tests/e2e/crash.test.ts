/**
 * A crash of the app (`kill -9`) on the embedded default loses nothing it acknowledged: the
 * embedded Azurite runs in its own process, which outlives the crash and is reused by the next
 * start (no port clash); a normal stop then stops it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { DEMO_TENANT, DEMO_USERS } from '../../bot/demo/demo-identities';
import { apiClient } from '../support/app';
import { exitOf, freePort, isAlive, killRecordedAzurite, recordedAzurite, requireBuiltMain, startMain, stopMain } from '../support/app-process';

jest.setTimeout(90_000);

let dataDir: string;
let env: Record<string, string>;
const lead = DEMO_USERS.find((u) => u.displayName === 'Priya Patel');

beforeAll(async () => {
  requireBuiltMain();
  dataDir = await mkdtemp(join(tmpdir(), 'pmo-relay-crash-'));
  const [port, tablePort, queuePort] = [await freePort(), await freePort(), await freePort()];
  env = { PORT: String(port), AZURITE_LOCATION: dataDir, AZURITE_TABLE_PORT: String(tablePort), AZURITE_QUEUE_PORT: String(queuePort), LOG_LEVEL: 'info' };
});
afterAll(async () => {
  killRecordedAzurite(dataDir);
  await rm(dataDir, { recursive: true, force: true });
});

async function signIn(url: string): Promise<string> {
  if (!lead) throw new Error('fixture');
  return (await apiClient(url)('POST', '/api/dev/token', { body: { tenantId: DEMO_TENANT.tenantId, userId: lead.userId } })).body.token as string;
}

describe('a crash of the app on the embedded storage', () => {
  it('keeps a write acknowledged just before kill -9, reuses the running Azurite, and a normal stop ends it', async () => {
    const first = await startMain(env);
    const call = apiClient(first.url);
    const token = await signIn(first.url);
    const item = await call('GET', '/api/work-items/wi-004', { token });
    expect((await call('PATCH', '/api/work-items/wi-004', { token, body: { stage: 'Closure' }, headers: { 'If-Match': item.body.etag } })).status).toBe(200);
    first.child.kill('SIGKILL');
    expect(await exitOf(first, 10_000)).toBe('SIGKILL');

    const azurite = recordedAzurite(dataDir);

    const second = await startMain(env);
    const again = apiClient(second.url);
    expect((await again('GET', '/api/work-items/wi-004', { token: await signIn(second.url) })).body.stage).toBe('Closure');
    expect(second.output()).toMatch(/reusing the one still running/);
    expect(azurite && isAlive(azurite.pid)).toBe(true);

    expect(await stopMain(second)).toBe(0);
    expect(isAlive(azurite?.pid ?? 0)).toBe(false);
  });
});
