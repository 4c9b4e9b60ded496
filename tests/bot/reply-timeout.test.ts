/**
 * A bot reply goes to the activity's service URL; when that connector never answers, the turn
 * gives up after the outbound timeout (DELIVERY_SEND_TIMEOUT_MS) instead of holding the request,
 * and a stop of the app, forever.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import express from 'express';
import { createBotEndpoint } from '../../bot/composition/bot-endpoint';
import { systemClock } from '../../bot/kernel/runtime';
import { createMemoryRepositories } from '../support/memory-repositories';
import { message } from './teams-activities';

const silentRequests: IncomingMessage[] = [];
let silent: Server;
let bot: Server;
let botUrl: string;
let silentUrl: string;
const quiet = { info() {}, warn() {}, error() {}, debug() {}, child: () => quiet };

async function listen(server: Server): Promise<string> {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  silent = createServer((req) => silentRequests.push(req));
  silentUrl = await listen(silent);
  const endpoint = createBotEndpoint({ bot: { appType: 'MultiTenant' }, repos: createMemoryRepositories(), clock: systemClock, logger: quiet, replyTimeoutMs: 300 });
  const app = express();
  app.post('/api/messages', express.json(), (req, res, next) => void endpoint.handle(req, res).catch(next));
  bot = createServer(app);
  botUrl = await listen(bot);
});
afterAll(async () => {
  for (const server of [silent, bot]) {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  }
});

describe('a bot reply to a connector that never answers', () => {
  it('ends the turn with an answer to Teams instead of hanging', async () => {
    const where = { serviceUrl: silentUrl, tenantId: '7f3c2a10-0000-4000-8000-0000000000ab', kind: 'personal' as const, conversationId: 'a:silent' };
    const res = await fetch(`${botUrl}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(message(where, { aadObjectId: 'b0000000-0000-4000-8000-000000000002', name: 'Sam' }, 'help')),
    });
    expect(res.status).toBeGreaterThanOrEqual(200);
    // The reply was attempted (and the error card after it), and both were abandoned.
    expect(silentRequests.length).toBeGreaterThanOrEqual(1);
  });
});
