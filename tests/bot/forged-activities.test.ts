/**
 * Forged activities. The bot calls back the `serviceUrl` an activity names and records the
 * conversation with it, so the service URL decides where the bot sends and what it trusts:
 * - any mode: a service URL that is not http(s) (`file:`, `javascript:`, `gopher:`) is a 400 and
 *   nothing is stored;
 * - bot authentication off (no app id, local use): only loopback service URLs and the configured
 *   ones (ALLOWED_SERVICE_URLS) are served; a forged `teamRenamed` / `teamDeleted` from anywhere
 *   else changes nothing;
 * - bot authentication on: botbuilder checks that the token's `serviceurl` claim names the
 *   activity's service URL. A local server stands in for the Bot Framework's OpenID metadata and
 *   keys (botbuilder reads both from the metadata URL its configuration names); tokens are signed
 *   with our own RSA key.
 */
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import express from 'express';
import { type JWK, type KeyLike, SignJWT, exportJWK, generateKeyPair } from 'jose';
import { type BotEndpointDeps, createBotEndpoint } from '../../bot/composition/bot-endpoint';
import type { ConversationRef } from '../../bot/conversations';
import type { Repositories } from '../../bot/directory/repositories';
import type { Logger } from '../../bot/kernel/logger';
import { systemClock } from '../../bot/kernel/runtime';
import { type ConnectorServer, startConnectorServer } from '../support/connector-server';
import { createMemoryRepositories } from '../support/memory-repositories';
import { type Where, message, teamRenamed } from './teams-activities';

const T = '7f3c2a10-0000-4000-8000-0000000000cc';
const who = { aadObjectId: 'b0000000-0000-4000-8000-000000000002', name: 'Mallory' };
const TEAM = { id: '19:it-team@thread.tacv2', name: 'IT PMO' };
const CHANNEL = '19:it-general@thread.tacv2';
const ATTACKER = 'https://smba.attacker.invalid/teams/';
const silent: Logger = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {}, child: () => silent };

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });

async function serve(deps: Omit<BotEndpointDeps, 'clock' | 'logger'>): Promise<{ url: string; server: Server }> {
  const endpoint = createBotEndpoint({ ...deps, clock: systemClock, logger: silent });
  const app = express();
  app.post('/api/messages', express.json(), (req, res, next) => {
    endpoint.handle(req, res).catch(next);
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

async function close(server: Server | undefined): Promise<void> {
  if (!server) return;
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

/** The IT PMO channel as the bot recorded it when it was installed there. */
const itChannel = (serviceUrl: string): ConversationRef => ({
  tenantId: T,
  conversationId: CHANNEL,
  kind: 'channel',
  serviceUrl,
  channelId: 'msteams',
  botId: '28:bot',
  teamId: TEAM.id,
  teamName: TEAM.name,
  channelName: 'General',
  title: 'IT PMO › General',
  installedAt: '2026-01-05T09:00:00.000Z',
  updatedAt: '2026-01-05T09:00:00.000Z',
  active: true,
});

const inChannel = (serviceUrl: string): Where => ({ serviceUrl, tenantId: T, kind: 'channel', conversationId: CHANNEL, team: TEAM });
const teamDeleted = (where: Where) => {
  const base = teamRenamed(where, who, TEAM.name);
  return { ...base, channelData: { ...base.channelData, eventType: 'teamDeleted', team: { id: TEAM.id } } };
};

describe('with bot authentication off', () => {
  let connector: ConnectorServer;
  let repos: Repositories;
  let server: Server | undefined;
  let url: string;

  beforeAll(async () => {
    connector = await startConnectorServer();
  });
  afterAll(async () => {
    await connector.close();
  });
  beforeEach(async () => {
    connector.reset();
    repos = createMemoryRepositories();
    await repos.conversations.save(itChannel(connector.url));
    ({ url, server } = await serve({ bot: { appType: 'MultiTenant', allowedServiceUrls: ['https://playground.example.net/bots/'] }, repos }));
  });
  afterEach(async () => {
    await close(server);
  });

  it.each(['file:///etc/passwd', 'javascript:alert(1)//', 'gopher://127.0.0.1:70/_stats', 'ftp://127.0.0.1/'])('refuses the service URL %s with a 400 and stores nothing', async (serviceUrl) => {
    const res = await post(url, message({ serviceUrl, tenantId: T, kind: 'personal', conversationId: 'a:forged' }, who, 'help'));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/serviceUrl must be an http or https URL/);
    expect(await repos.conversations.get(T, 'a:forged')).toBeUndefined();
    expect(connector.requests).toEqual([]);
  });

  it('changes nothing on a forged teamRenamed or teamDeleted from a host that is not this machine nor configured', async () => {
    for (const forged of [teamRenamed(inChannel(ATTACKER), who, 'Pwned'), teamDeleted(inChannel(ATTACKER))]) {
      const res = await post(url, forged);
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/ALLOWED_SERVICE_URLS/);
    }
    // A look-alike of the configured URL is not it.
    expect((await post(url, teamDeleted(inChannel('https://playground.example.net.attacker.invalid/bots/')))).status).toBe(403);
    expect((await post(url, teamDeleted(inChannel('https://playground.example.net/other/')))).status).toBe(403);
    expect(await repos.conversations.get(T, CHANNEL)).toMatchObject({ teamName: 'IT PMO', active: true, serviceUrl: connector.url });
  });

  it('serves loopback service URLs and the configured ones', async () => {
    expect((await post(url, teamRenamed(inChannel('https://playground.example.net/bots/teams'), who, 'IT PMO (EMEA)'))).status).toBe(200);
    expect(await repos.conversations.get(T, CHANNEL)).toMatchObject({ teamName: 'IT PMO (EMEA)', active: true });
    expect((await post(url, teamDeleted(inChannel(connector.url)))).status).toBe(200);
    expect((await repos.conversations.get(T, CHANNEL))?.active).toBe(false);
  });
});

describe('with bot authentication on', () => {
  const APP_ID = '00000000-0000-4000-8000-0000000000b2';
  const ISSUER = 'https://api.botframework.example';
  let openId: Server;
  let signingKey: KeyLike;
  let connector: ConnectorServer;
  let repos: Repositories;
  let server: Server;
  let url: string;

  /** A Bot Framework channel token as Teams' connector signs it, naming the service URL it calls from. */
  const channelToken = (serviceUrl: string) =>
    new SignJWT({ serviceurl: serviceUrl })
      .setProtectedHeader({ alg: 'RS256', kid: 'bf1', typ: 'JWT' })
      .setIssuer(ISSUER)
      .setAudience(APP_ID)
      .setIssuedAt()
      .setNotBefore('0s')
      .setExpirationTime('1h')
      .sign(signingKey);

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    signingKey = pair.privateKey;
    const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'bf1', alg: 'RS256', use: 'sig' };
    openId = createServer((req, res) => {
      const base = `http://127.0.0.1:${(openId.address() as AddressInfo).port}`;
      res.setHeader('Content-Type', 'application/json');
      if (req.url === '/v1/.well-known/openidconfiguration') res.end(JSON.stringify({ issuer: ISSUER, jwks_uri: `${base}/v1/.well-known/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
      else if (req.url === '/v1/.well-known/keys') res.end(JSON.stringify({ keys: [{ ...jwk, endorsements: ['msteams'] }] }));
      else res.writeHead(404).end('{}');
    });
    await new Promise<void>((resolve) => openId.listen(0, '127.0.0.1', resolve));
    connector = await startConnectorServer();
    repos = createMemoryRepositories();
    await repos.conversations.save(itChannel(connector.url));
    const openIdMetadataUrl = `http://127.0.0.1:${(openId.address() as AddressInfo).port}/v1/.well-known/openidconfiguration`;
    ({ url, server } = await serve({ bot: { appId: APP_ID, appPassword: 'not-a-real-secret', appType: 'MultiTenant' }, repos, channelTokenAuthority: { openIdMetadataUrl, issuer: ISSUER } }));
  });
  afterAll(async () => {
    await close(server);
    await connector.close();
    await new Promise((resolve) => openId.close(resolve));
  });

  it("refuses an activity whose service URL is not the one its token's serviceurl claim names", async () => {
    const token = await channelToken(connector.url);
    const res = await post(url, teamRenamed(inChannel(`${connector.url}elsewhere/`), who, 'Pwned'), { Authorization: `Bearer ${token}` });
    expect(res.status).toBe(401);
    expect(await repos.conversations.get(T, CHANNEL)).toMatchObject({ teamName: 'IT PMO', active: true });
  });

  it('serves the same activity when the claim and the service URL agree (the stand-in is what botbuilder checked)', async () => {
    const token = await channelToken(connector.url);
    const res = await post(url, teamRenamed(inChannel(connector.url), who, 'IT PMO (EMEA)'), { Authorization: `Bearer ${token}` });
    expect(res.status).toBe(200);
    expect(await repos.conversations.get(T, CHANNEL)).toMatchObject({ teamName: 'IT PMO (EMEA)' });
  });

  it('still refuses a service URL that is not http(s), before any token check', async () => {
    const token = await channelToken('file:///etc/passwd');
    const res = await post(url, teamRenamed(inChannel('file:///etc/passwd'), who, 'Pwned'), { Authorization: `Bearer ${token}` });
    expect(res.status).toBe(400);
  });
});
