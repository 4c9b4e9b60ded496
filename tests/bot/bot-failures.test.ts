/**
 * When something breaks mid-turn (storage down), the user gets a friendly card, the error is
 * logged, and the endpoint keeps serving. And with a Microsoft app id configured, the
 * endpoint refuses unauthenticated calls.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import express from 'express';
import { createBotEndpoint } from '../../bot/composition/bot-endpoint';
import { createMemoryRepositories } from '../support/memory-repositories';
import type { Logger } from '../../bot/kernel/logger';
import type { Repositories } from '../../bot/directory/repositories';
import { systemClock } from '../../bot/kernel/runtime';
import { cardText, validateAdaptiveCard } from '../support/adaptive-card';
import { type ConnectorServer, startConnectorServer } from '../support/connector-server';
import { type Where, cardAction, execute, message } from './teams-activities';

const T = '7f3c2a10-0000-4000-8000-0000000000aa';
const who = { aadObjectId: 'b0000000-0000-4000-8000-000000000001', name: 'Dana' };

/** A logger that keeps what it was told, so the test can see the error was logged. */
function recordingLogger(lines: { level: string; obj: unknown; msg?: string }[]): Logger {
  const log = (level: string) => (obj: object | string, msg?: string) => void lines.push({ level, obj, ...(msg ? { msg } : {}) });
  const logger: Logger = { info: log('info'), warn: log('warn'), error: log('error'), debug: log('debug'), child: () => logger };
  return logger;
}

/** Storage that fails on every conversation write, like an unreachable Table service. */
function brokenStorage(): Repositories {
  const repos = createMemoryRepositories();
  return {
    ...repos,
    conversations: {
      ...repos.conversations,
      get: repos.conversations.get.bind(repos.conversations),
      list: repos.conversations.list.bind(repos.conversations),
      deleteTenant: repos.conversations.deleteTenant.bind(repos.conversations),
      save: async () => {
        throw new Error('storage unreachable');
      },
    },
  };
}

async function serve(app: express.Express): Promise<{ url: string; server: Server }> {
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

function botApp(endpoint: ReturnType<typeof createBotEndpoint>): express.Express {
  const app = express();
  app.post('/api/messages', express.json(), (req, res, next) => {
    endpoint.handle(req, res).catch(next);
  });
  return app;
}

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('a turn that fails', () => {
  let connector: ConnectorServer;
  let server: Server;
  let url: string;
  const lines: { level: string; obj: unknown; msg?: string }[] = [];
  let where: Where;

  beforeAll(async () => {
    connector = await startConnectorServer();
    where = { serviceUrl: connector.url, tenantId: T, kind: 'personal', conversationId: 'a:broken' };
    ({ url, server } = await serve(botApp(createBotEndpoint({ bot: { appType: 'MultiTenant' }, repos: brokenStorage(), clock: systemClock, logger: recordingLogger(lines) }))));
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await connector.close();
  });

  it('tells the user something went wrong, logs the error, and keeps serving', async () => {
    for (let i = 0; i < 2; i++) {
      connector.reset();
      const res = await post(url, message(where, who, 'help'));
      expect(res.status).toBe(200);
      const card = connector.sentActivities()[0]?.body?.attachments?.[0]?.content;
      expect(validateAdaptiveCard(card)).toEqual([]);
      expect(cardText(card)).toContain('Something went wrong');
    }
    expect(lines.some((l) => l.level === 'error' && l.msg === 'unhandled error in a bot turn')).toBe(true);
  });

  it('answers a failed card action with an error card in the invoke response', async () => {
    const broken = createBotEndpoint({
      bot: { appType: 'MultiTenant' },
      repos: { ...createMemoryRepositories(), users: { ...createMemoryRepositories().users, get: async () => Promise.reject(new Error('directory down')) } },
      clock: systemClock,
      logger: recordingLogger([]),
    });
    const { url: other, server: otherServer } = await serve(botApp(broken));
    try {
      const res = await post(other, cardAction(where, who, execute('link.start')));
      expect(res.status).toBe(200);
      const body = (await res.json()) as { statusCode: number; value: unknown };
      expect(body.statusCode).toBe(200);
      expect(cardText(body.value)).toContain('Something went wrong');
    } finally {
      otherServer.closeAllConnections();
      await new Promise((resolve) => otherServer.close(resolve));
    }
  });
});

describe('with a Microsoft app id configured', () => {
  it('refuses calls without a Bot Framework token', async () => {
    const connector = await startConnectorServer();
    const endpoint = createBotEndpoint({
      bot: { appId: '00000000-0000-4000-8000-0000000000b1', appPassword: 'not-a-real-secret', appType: 'MultiTenant' },
      repos: createMemoryRepositories(),
      clock: systemClock,
      logger: recordingLogger([]),
    });
    const { url, server } = await serve(botApp(endpoint));
    try {
      const res = await post(url, message({ serviceUrl: connector.url, tenantId: T, kind: 'personal', conversationId: 'a:auth' }, who, 'help'));
      expect(res.status).toBe(401);
      expect(connector.requests).toEqual([]);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await connector.close();
    }
  });
});
