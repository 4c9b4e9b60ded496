/**
 * tokenAtHand against botbuilder's own connector client and its request signing: a local server
 * stands in for the Bot Connector and records the Authorization header of each request, and
 * credentials of our own stand in for MSAL, counting the tokens they are asked for.
 */
import { once } from 'node:events';
import { type IncomingHttpHeaders, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AppCredentials, type AuthenticatorResult, ConnectorClient, MicrosoftAppCredentials } from 'botframework-connector';

import { tokenAtHand } from './connector-clients';

/**
 * Answers each token request after `delayMs`, as the identity platform would (or, while
 * `hanging`, never); botbuilder caches the token.
 */
class CountingCredentials extends AppCredentials {
  fetches = 0;
  hanging = false;
  constructor(
    appId: string,
    private readonly delayMs: number,
    private readonly failing = false,
  ) {
    super(appId);
  }
  protected async refreshToken(): Promise<AuthenticatorResult> {
    this.fetches++;
    if (this.hanging) return new Promise<never>(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    if (this.failing) throw new Error('AADSTS7000215: Invalid client secret provided.');
    return { accessToken: `token-${this.fetches}`, expiresOn: new Date(Date.now() + 3_600_000) };
  }
}

const received: IncomingHttpHeaders[] = [];
const connector = createServer((req, res) => {
  received.push(req.headers);
  req.resume();
  res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `activity-${received.length}` }));
});
let baseUri = '';

beforeAll(async () => {
  connector.listen(0, '127.0.0.1');
  await once(connector, 'listening');
  baseUri = `http://127.0.0.1:${(connector.address() as AddressInfo).port}/`;
});
afterAll(() => void connector.close());

let apps = 0;
/** A fresh app id each time: botbuilder's token cache is shared by every client of the process. */
const appId = () => `00000000-0000-4000-8000-${String(++apps).padStart(12, '0')}`;

describe('tokenAtHand', () => {
  it('fetches the token once for a burst of callers, and the sends after it are signed without fetching again', async () => {
    const credentials = new CountingCredentials(appId(), 50);
    const client = new ConnectorClient(credentials, { baseUri });

    await Promise.all(Array.from({ length: 20 }, () => tokenAtHand(client, 5000)));
    expect(credentials.fetches).toBe(1);

    const sent = await client.conversations.sendToConversation('19:abc@thread.tacv2', { type: 'message', text: 'hi' } as never);
    expect(sent.id).toBe('activity-1');
    expect(credentials.fetches).toBe(1);
    expect(received.at(-1)?.authorization).toBe('Bearer token-1');
  });

  it('passes a failure to get the token on to the caller, and the next caller tries afresh', async () => {
    const credentials = new CountingCredentials(appId(), 1, true);
    const client = new ConnectorClient(credentials, { baseUri });
    await expect(tokenAtHand(client, 5000)).rejects.toThrow(/AADSTS7000215/);
    await expect(tokenAtHand(client, 5000)).rejects.toThrow(/AADSTS7000215/);
    expect(credentials.fetches).toBe(2);
  });

  it('gives up on a token request that is never answered, and the next caller asks afresh', async () => {
    const credentials = new CountingCredentials(appId(), 1);
    const client = new ConnectorClient(credentials, { baseUri });
    credentials.hanging = true;
    await expect(tokenAtHand(client, 50)).rejects.toThrow('no access token after 50 ms');
    credentials.hanging = false;
    await expect(tokenAtHand(client, 5000)).resolves.toBeUndefined();
    expect(credentials.fetches).toBe(2);
  });

  it('without an app id (authentication off, local use) has no token to fetch', async () => {
    await expect(tokenAtHand(new ConnectorClient(MicrosoftAppCredentials.Empty, { baseUri }), 5000)).resolves.toBeUndefined();
  });
});
