/**
 * Bearer-token authentication for `/api`. Tenant and user always come from a validated
 * token, never from the request body.
 *
 * - `sso`: a Teams SSO token (Entra v2 access token) checked against the tenant's signing
 *   keys (JWKS), audience, issuer for the token's own tenant, and expiry.
 * - `dev`: local use only (config refuses it when deployed). The server signs short-lived
 *   tokens for users that exist in the directory, so the tab can run in a plain browser.
 */
import { randomBytes } from 'node:crypto';
import { type JWTPayload, SignJWT, createRemoteJWKSet, jwtVerify, errors as joseErrors } from 'jose';
import type { Config } from '../../config';
import type { Identity, UserDirectory } from '../../people';
import { type Result, fail, ok } from '../../kernel/result';
import type { Clock } from '../../kernel/runtime';
import type { Logger } from '../../kernel/logger';
import { normaliseEntraId } from '../../kernel/tenant';

/** Checks the bearer tokens of `/api` calls, and in development mode issues them. */
export interface Authenticator {
  readonly mode: 'dev' | 'sso';
  /** Validates `Authorization: Bearer …` and returns who is calling. */
  authenticate(authorization: string | undefined): Promise<Result<Identity>>;
  /** Development mode only: a token for a known user. */
  issueDevToken?(tenantId: string, userId: string): Promise<Result<{ token: string; expiresAt: string }>>;
}

const DEV_ISSUER = 'pmo-relay-dev';
const DEV_AUDIENCE = 'pmo-relay-tab';
const DEV_TOKEN_HOURS = 8;

const unauthenticated = (message: string) => fail('AUTH.UNAUTHENTICATED', message);

/**
 * The delegated scope the app registration exposes (aad.manifest.json) and the Teams SSO token
 * carries. An ID token, or an app-only token (client credentials, `idtyp: app`, roles and no
 * `scp`), may share the audience but is not a person acting through the tab.
 */
const SSO_SCOPE = 'access_as_user';

function isUserAccessToken(payload: JWTPayload): boolean {
  if (payload['idtyp'] === 'app') return false;
  const scp = payload['scp'];
  return typeof scp === 'string' && scp.split(' ').includes(SSO_SCOPE);
}

function bearer(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '');
  return match?.[1];
}

function identityFrom(payload: JWTPayload): Result<Identity> {
  const tenantId = typeof payload['tid'] === 'string' ? payload['tid'] : undefined;
  const userId = typeof payload['oid'] === 'string' ? payload['oid'] : undefined;
  if (!tenantId || !userId) return unauthenticated('The token does not name a tenant (tid) and user (oid).');
  const name = typeof payload['name'] === 'string' ? payload['name'] : undefined;
  return ok({ tenantId: normaliseEntraId(tenantId), userId: normaliseEntraId(userId), ...(name ? { displayName: name } : {}) });
}

function describeJoseError(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'The token has expired. Sign in again.';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `The token was not issued for this app (${error.claim} is wrong).`;
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'The token signature is not valid.';
  if (error instanceof joseErrors.JWKSNoMatchingKey) return 'The token was signed with an unknown key.';
  return 'The token is not valid.';
}

/** The authenticator for the configured mode: SSO tokens checked against Entra, or development tokens. */
export async function createAuthenticator(config: Config['auth'], repos: { readonly users: UserDirectory }, clock: Clock, logger: Logger): Promise<Authenticator> {
  return config.mode === 'dev' ? devAuthenticator(config.secret, repos, clock, logger) : ssoAuthenticator(config, clock, logger);
}

function devAuthenticator(secretText: string | undefined, repos: { readonly users: UserDirectory }, clock: Clock, logger: Logger): Authenticator {
  // A fresh secret per process unless configured: tokens from an earlier run stop working.
  const secret = new TextEncoder().encode(secretText ?? randomBytes(32).toString('hex'));
  logger.warn('development authentication is ON: the server issues tokens for demo users (local use only)');
  return {
    mode: 'dev',
    async authenticate(authorization) {
      const token = bearer(authorization);
      if (!token) return unauthenticated('Sign in: the request has no bearer token.');
      try {
        const { payload } = await jwtVerify(token, secret, {
          issuer: DEV_ISSUER,
          audience: DEV_AUDIENCE,
          algorithms: ['HS256'],
          currentDate: clock.now(),
        });
        return identityFrom(payload);
      } catch (error) {
        return unauthenticated(describeJoseError(error));
      }
    },
    async issueDevToken(askedTenant, askedUser) {
      const [tenantId, userId] = [normaliseEntraId(askedTenant), normaliseEntraId(askedUser)];
      const user = await repos.users.get(tenantId, userId);
      if (!user) return fail('NOT_FOUND', 'No demo user with that id exists in that tenant.');
      const now = clock.now();
      const expires = new Date(now.getTime() + DEV_TOKEN_HOURS * 3600_000);
      const token = await new SignJWT({ tid: tenantId, oid: userId, name: user.displayName })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(DEV_ISSUER)
        .setAudience(DEV_AUDIENCE)
        .setIssuedAt(Math.floor(now.getTime() / 1000))
        .setExpirationTime(Math.floor(expires.getTime() / 1000))
        .sign(secret);
      return ok({ token, expiresAt: expires.toISOString() });
    },
  };
}

function ssoAuthenticator(config: Extract<Config['auth'], { mode: 'sso' }>, clock: Clock, logger: Logger): Authenticator {
  const jwks = createRemoteJWKSet(new URL(config.jwksUri), { cooldownDuration: 30_000, cacheMaxAge: 6 * 3600_000 });
  const allowed = new Set(config.allowedTenants.map((t) => t.toLowerCase()));
  return {
    mode: 'sso',
    async authenticate(authorization) {
      const token = bearer(authorization);
      if (!token) return unauthenticated('Sign in: the request has no bearer token.');
      try {
        const { payload } = await jwtVerify(token, jwks, {
          audience: [...config.audiences],
          algorithms: ['RS256'],
          currentDate: clock.now(),
          clockTolerance: 60,
          requiredClaims: ['exp', 'iss', 'tid', 'oid'],
        });
        if (!isUserAccessToken(payload)) return unauthenticated(`The token is not a signed-in person's access token for this app (its scp must include ${SSO_SCOPE}). Open the tab in Teams to sign in again.`);
        const identity = identityFrom(payload);
        if (!identity.ok) return identity;
        // The issuer must be the token's own tenant, so one tenant cannot mint tokens for another.
        const expectedIssuer = config.issuerTemplate.replace('{tenantid}', identity.value.tenantId);
        if (payload.iss?.toLowerCase() !== expectedIssuer.toLowerCase()) return unauthenticated('The token was issued by another tenant than it claims.');
        if (allowed.size > 0 && !allowed.has(identity.value.tenantId.toLowerCase())) {
          return fail('AUTH.FORBIDDEN', 'Your organisation is not enabled for this PMO Relay deployment.');
        }
        return identity;
      } catch (error) {
        logger.debug({ err: error }, 'SSO token rejected');
        return unauthenticated(describeJoseError(error));
      }
    },
  };
}
