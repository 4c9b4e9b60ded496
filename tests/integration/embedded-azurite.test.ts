/**
 * The embedded Azurite the app starts locally: data survives a restart on the same folder,
 * and a taken port gives a message that says what to change.
 */
import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { QueueClient } from '@azure/storage-queue';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startEmbeddedAzurite } from '../../bot/platform/storage/embedded-azurite';
import type { EmbeddedAzurite } from '../../bot/platform/storage/embedded-azurite';
import { createTableRepositories } from '../../bot/directory/tables';

const TENANT = '11111111-1111-4111-8111-111111111111';
const dirs: string[] = [];
const running: EmbeddedAzurite[] = [];
const blockers: Server[] = [];

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pmo-relay-azurite-test-'));
  dirs.push(dir);
  return dir;
}

async function start(location: string, ports: { tablePort: number; queuePort: number } = { tablePort: 0, queuePort: 0 }): Promise<EmbeddedAzurite> {
  const azurite = await startEmbeddedAzurite({ location, ...ports });
  running.push(azurite);
  return azurite;
}

/** Holds a free loopback port, as another program would. */
async function occupyPort(): Promise<number> {
  const server = createServer();
  blockers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return (server.address() as AddressInfo).port;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((a) => a.stop()));
  await Promise.all(blockers.splice(0).map((s) => new Promise((done) => s.close(done))));
});

afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('embedded Azurite', () => {
  it('keeps table rows and queue messages across a stop and a start on the same folder', async () => {
    const location = join(await tempDir(), 'not', 'yet', 'there');
    const first = await start(location);
    expect(first.connectionString).toContain(`TableEndpoint=${first.tableEndpoint};`);
    expect(first.tableEndpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/devstoreaccount1$/);
    expect(first.tableEndpoint).not.toContain(':0/');

    const repos = await createTableRepositories({ connectionString: first.connectionString, tablePrefix: 'persist' });
    await repos.tenants.upsert({ tenantId: TENANT, displayName: 'Contoso', createdAt: '2025-03-01T09:00:00.000Z' });
    await repos.conversations.save({
      tenantId: TENANT,
      conversationId: '19:abc@thread.tacv2',
      kind: 'channel',
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      channelId: 'msteams',
      botId: '28:bot',
      title: 'IT PMO › General',
      installedAt: '2025-03-01T09:00:00.000Z',
      updatedAt: '2025-03-01T09:00:00.000Z',
      active: true,
    });
    const queue = new QueueClient(first.connectionString, 'card-deliveries');
    await queue.createIfNotExists();
    await queue.sendMessage('deliver card 1');

    await first.stop();
    await first.stop(); // a second stop is harmless

    const second = await start(location);
    const reopened = await createTableRepositories({ connectionString: second.connectionString, tablePrefix: 'persist' });
    expect(await reopened.tenants.get(TENANT)).toEqual({ tenantId: TENANT, displayName: 'Contoso', createdAt: '2025-03-01T09:00:00.000Z' });
    expect((await reopened.conversations.get(TENANT, '19:abc@thread.tacv2'))?.title).toBe('IT PMO › General');
    const peeked = await new QueueClient(second.connectionString, 'card-deliveries').peekMessages();
    expect(peeked.peekedMessageItems.map((m) => m.messageText)).toEqual(['deliver card 1']);
  });

  it('names the table port and its variable when the port is taken', async () => {
    const port = await occupyPort();
    await expect(start(await tempDir(), { tablePort: port, queuePort: 0 })).rejects.toThrow(
      new RegExp(`table service: port ${port} on 127\\.0\\.0\\.1 is already in use\\. Set AZURITE_TABLE_PORT`),
    );
  });

  it('names the queue port and its variable when the port is taken, and frees the table port', async () => {
    const queuePort = await occupyPort();
    const tablePort = await occupyPort();
    // Release the table port so Azurite can take it; after the queue failure it must be free again.
    await new Promise((done) => blockers.pop()!.close(done));
    const location = await tempDir();
    await expect(start(location, { tablePort, queuePort })).rejects.toThrow(
      new RegExp(`queue service: port ${queuePort} on 127\\.0\\.0\\.1 is already in use\\. Set AZURITE_QUEUE_PORT`),
    );
    const retried = await start(location, { tablePort, queuePort: 0 });
    expect(retried.tableEndpoint).toBe(`http://127.0.0.1:${tablePort}/devstoreaccount1`);
  });
});
