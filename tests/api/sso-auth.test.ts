/**
 * Deployed authentication: Teams SSO tokens checked against a JWKS endpoint. A local HTTP
 * server stands in for Entra's key endpoint; tokens are signed with our own RSA key.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type KeyLike, type JWK, SignJWT, exportJWK, generateKeyPair } from 'jose';
import type { RunningApp } from '../../bot/composition/start-app';
import { apiClient, startTestApp } from '../support/app';

const CLIENT_ID = '11111111-2222-4333-8444-555555555555';
const TENANT = '99999999-8888-4777-8666-555555555555';
const USER = 'c0000000-0000-4000-8000-000000000001';

let jwksServer: Server;
let app: RunningApp;
let call: ReturnType<typeof apiClient>;
let signingKey: KeyLike;
let strangerKey: KeyLike;

async function token(claims: Record<string, unknown> = {}, opts: { key?: KeyLike; kid?: string; expiresIn?: string } = {}) {
  return new SignJWT({ tid: TENANT, oid: USER, name: 'Sso User', scp: 'access_as_user', ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: opts.kid ?? 'k1' })
    .setIssuer((claims['iss'] as string | undefined) ?? `https://login.microsoftonline.com/${(claims['tid'] as string | undefined) ?? TENANT}/v2.0`)
    .setAudience((claims['aud'] as string | undefined) ?? `api://relay.example.com/${CLIENT_ID}`)
    .setIssuedAt()
    .setExpirationTime(opts.expiresIn ?? '1h')
    .sign(opts.key ?? signingKey);
}

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  signingKey = pair.privateKey;
  strangerKey = (await generateKeyPair('RS256')).privateKey;
  const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  jwksServer = createServer((req, res) => {
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
  const jwksUri = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/discovery/v2.0/keys`;
  app = await startTestApp({ AUTH_MODE: 'sso', AAD_APP_CLIENT_ID: CLIENT_ID, TAB_DOMAIN: 'relay.example.com', SSO_JWKS_URI: jwksUri });
  call = apiClient(app.url);
  await app.repos.users.upsert({ tenantId: TENANT, userId: USER, displayName: 'Sso User (directory)', roles: [{ role: 'epmo_member' }] });
});
afterAll(async () => {
  await app?.stop();
  await new Promise((r) => jwksServer?.close(r));
});

describe('Teams SSO tokens', () => {
  it('accepts a valid token and takes tenant and user from it', async () => {
    const res = await call('GET', '/api/me', { token: await token() });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ tenantId: TENANT, userId: USER, displayName: 'Sso User (directory)', authMode: 'sso' });
    expect(res.body.roles).toEqual([{ role: 'epmo_member' }]);
  });
  it('accepts the bare client id as audience too', async () => {
    expect((await call('GET', '/api/me', { token: await token({ aud: CLIENT_ID }) })).status).toBe(200);
  });
  it('refuses ID tokens, app-only tokens and tokens without the tab\'s scope', async () => {
    for (const [what, claims] of [
      ['an ID token (no scp)', { scp: undefined, nonce: 'n' }],
      ['an app-only token', { scp: undefined, roles: ['Portfolio.Read.All'], idtyp: 'app' }],
      ['an app-only token that also claims a scope', { idtyp: 'app' }],
      ['a token for another scope', { scp: 'User.Read' }],
      ['a scope that only starts like ours', { scp: 'access_as_user_admin' }],
    ] as const) {
      const res = await call('GET', '/api/me', { token: await token(claims) });
      expect([what, res.status]).toEqual([what, 401]);
      expect(res.body.error.message).toMatch(/access_as_user/);
    }
    expect((await call('GET', '/api/me', { token: await token({ scp: 'User.Read access_as_user' }) })).status).toBe(200);
  });
  it('takes tenant and user ids in upper case as the same person', async () => {
    const res = await call('GET', '/api/me', { token: await token({ tid: TENANT.toUpperCase(), oid: USER.toUpperCase(), iss: `https://login.microsoftonline.com/${TENANT.toUpperCase()}/v2.0` }) });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ tenantId: TENANT, userId: USER, displayName: 'Sso User (directory)' });
  });
  it('refuses a token for another app', async () => {
    const res = await call('GET', '/api/me', { token: await token({ aud: 'api://elsewhere/abc' }) });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/aud/);
  });
  it('refuses a token whose issuer is not its own tenant', async () => {
    const res = await call('GET', '/api/me', { token: await token({ iss: 'https://login.microsoftonline.com/00000000-0000-4000-8000-000000000000/v2.0' }) });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/another tenant/);
  });
  it('refuses an expired token', async () => {
    const res = await call('GET', '/api/me', { token: await token({}, { expiresIn: '-10 minutes' }) });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/expired/);
  });
  it('refuses a token signed by an unknown key', async () => {
    expect((await call('GET', '/api/me', { token: await token({}, { key: strangerKey }) })).status).toBe(401);
    expect((await call('GET', '/api/me', { token: await token({}, { key: strangerKey, kid: 'nope' }) })).status).toBe(401);
  });
  it('refuses a token without tenant or user', async () => {
    expect((await call('GET', '/api/me', { token: await token({ oid: undefined }) })).status).toBe(401);
  });
  it('does not offer development sign-in', async () => {
    expect((await call('GET', '/api/dev/users')).status).toBe(404);
    expect((await call('POST', '/api/dev/token', { body: { tenantId: TENANT, userId: USER } })).status).toBe(404);
  });
});
