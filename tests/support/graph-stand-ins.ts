/**
 * Local stand-ins, over HTTPS with a self-signed test certificate (graph-test-cert.pem, for
 * localhost only; its key is test-only), for the two services activity-feed notifications use:
 *
 * - Entra's token endpoint: the OpenID discovery document MSAL reads
 *   (`/{tenant}/v2.0/.well-known/openid-configuration`) and the OAuth 2.0 client-credentials
 *   grant (`POST /{tenant}/oauth2/v2.0/token`, form-encoded `grant_type=client_credentials`,
 *   `client_id`, `client_secret`, `scope`), which answers a fresh bearer token for a known
 *   client and `invalid_client` otherwise;
 * - Microsoft Graph: `POST /v1.0/users/{id}/teamwork/sendActivityNotification`, which accepts only
 *   tokens the Entra stand-in issued (401 otherwise), records each call and answers 204, or what
 *   a test queued (429 with Retry-After, 403…); and `GET /v1.0/users?$search=…` over the people a
 *   test gave it, which, like Graph, needs `ConsistencyLevel: eventual` (400 otherwise) and
 *   matches the start of a word of the display name or mail.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { type Server, createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/** The stand-ins' certificate: what a client must trust to reach them. */
export const TEST_CA = readFileSync(join(__dirname, 'graph-test-cert.pem'), 'utf8');
const KEY = readFileSync(join(__dirname, 'graph-test-key.pem'), 'utf8');

export interface TokenRequest {
  readonly tenantId: string;
  readonly form: Readonly<Record<string, string>>;
}

export interface GraphCall {
  readonly userId: string;
  readonly authorization: string | undefined;
  readonly status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
}

export interface GraphStandIns {
  /** `AAD_APP_OAUTH_AUTHORITY_HOST`. */
  readonly authorityHost: string;
  /** `GRAPH_BASE_URL`. */
  readonly graphBaseUrl: string;
  readonly tokenRequests: TokenRequest[];
  /** Every request the Entra stand-in received (discovery included). */
  readonly entraPaths: string[];
  readonly graphCalls: GraphCall[];
  /** Tokens issued, with the tenant each was issued for. */
  readonly issued: Map<string, string>;
  /** Every `GET /users` search: its `$search` and `ConsistencyLevel` header. */
  readonly searches: { readonly search: string; readonly consistencyLevel: string | undefined }[];
  /** The next `times` Graph calls answer `status` with these headers. */
  answerNext(times: number, status: number, headers?: Record<string, string>, body?: unknown): void;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `https://localhost:${(server.address() as AddressInfo).port}`;
}

/** A person in the stand-in's directory, as Graph lists users. */
export interface DirectoryUser {
  readonly id: string;
  readonly displayName: string;
  readonly mail?: string;
}

/** What `$search="displayName:ann" OR "mail:ann"` asks for: the words of each clause. */
function searchMatches(search: string, u: DirectoryUser): boolean {
  const clauses = [...search.matchAll(/"(displayName|mail):([^"]*)"/g)];
  return clauses.some(([, field, text]) => {
    const value = (field === 'mail' ? u.mail : u.displayName) ?? '';
    const words = value.toLowerCase().split(/[\s.@]+/);
    return (text ?? '').toLowerCase().split(/\s+/).filter(Boolean).every((w) => words.some((v) => v.startsWith(w)));
  });
}

/** Starts both stand-ins; `clients` are the app registrations (client id → secret) Entra knows, `directory` the tenant's users. */
export async function startGraphStandIns(clients: Readonly<Record<string, string>>, directory: readonly DirectoryUser[] = []): Promise<GraphStandIns> {
  const searches: { search: string; consistencyLevel: string | undefined }[] = [];
  const tokenRequests: TokenRequest[] = [];
  const entraPaths: string[] = [];
  const graphCalls: GraphCall[] = [];
  const issued = new Map<string, string>();
  const queued: { status: number; headers: Record<string, string>; body: unknown }[] = [];
  let authorityHost = '';

  const entra = createServer({ key: KEY, cert: TEST_CA }, (req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', authorityHost);
      entraPaths.push(url.pathname);
      const discovery = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(url.pathname);
      if (req.method === 'GET' && discovery) {
        const base = `${authorityHost}/${discovery[1]}`;
        sendJson(res, 200, {
          issuer: `${base}/v2.0`,
          token_endpoint: `${base}/oauth2/v2.0/token`,
          authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
          end_session_endpoint: `${base}/oauth2/v2.0/logout`,
          jwks_uri: `${base}/discovery/v2.0/keys`,
          response_types_supported: ['code', 'id_token', 'token'],
          token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt'],
        });
        return;
      }
      const token = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(url.pathname);
      if (req.method === 'POST' && token) {
        const form = Object.fromEntries(new URLSearchParams(await readBody(req)));
        const tenantId = token[1] as string;
        tokenRequests.push({ tenantId, form });
        if (form['grant_type'] !== 'client_credentials') return sendJson(res, 400, { error: 'unsupported_grant_type', error_description: 'AADSTS70003: only client_credentials here' });
        const secret = clients[form['client_id'] ?? ''];
        if (!secret || secret !== form['client_secret']) return sendJson(res, 401, { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.' });
        if (!form['scope']?.endsWith('/.default')) return sendJson(res, 400, { error: 'invalid_scope', error_description: 'AADSTS1002012: client credentials need <resource>/.default' });
        const accessToken = `standin-${randomUUID()}`;
        issued.set(accessToken, tenantId);
        return sendJson(res, 200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: accessToken });
      }
      sendJson(res, 404, { error: 'not_found' });
    })();
  });

  const graph = createServer({ key: KEY, cert: TEST_CA }, (req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'https://localhost');
      const text = await readBody(req);
      if (req.method === 'GET' && url.pathname === '/v1.0/users') {
        const bearer = req.headers.authorization?.replace(/^Bearer /, '') ?? '';
        if (!issued.has(bearer)) return sendJson(res, 401, { error: { code: 'InvalidAuthenticationToken', message: 'Access token validation failure.' } });
        const search = url.searchParams.get('$search') ?? '';
        const consistencyLevel = req.headers['consistencylevel'] as string | undefined;
        searches.push({ search, consistencyLevel });
        const next = queued.shift();
        if (next) return sendJson(res, next.status, next.body ?? { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } }, next.headers);
        if (consistencyLevel !== 'eventual') return sendJson(res, 400, { error: { code: 'Request_UnsupportedQuery', message: 'Request with $search query parameter only works through MSGraph with a special request header: \'ConsistencyLevel: eventual\'' } });
        const top = Number(url.searchParams.get('$top') ?? '100');
        return sendJson(res, 200, { value: directory.filter((u) => searchMatches(search, u)).slice(0, top) });
      }
      const send = /^\/v1\.0\/users\/([^/]+)\/teamwork\/sendActivityNotification$/.exec(url.pathname);
      if (req.method !== 'POST' || !send) return sendJson(res, 404, { error: { code: 'NotFound', message: `no route ${req.method} ${url.pathname}` } });
      const authorization = req.headers.authorization;
      const bearer = authorization?.startsWith('Bearer ') ? authorization.slice(7) : '';
      const record = (status: number) => graphCalls.push({ userId: decodeURIComponent(send[1] as string), authorization, status, body: text ? JSON.parse(text) : undefined });
      if (!issued.has(bearer)) {
        record(401);
        return sendJson(res, 401, { error: { code: 'InvalidAuthenticationToken', message: 'Access token validation failure.' } });
      }
      const next = queued.shift();
      if (next) {
        record(next.status);
        return sendJson(res, next.status, next.body ?? { error: { code: 'TooManyRequests', message: 'Throttled' } }, next.headers);
      }
      record(204);
      res.writeHead(204);
      res.end();
    })();
  });

  authorityHost = await listen(entra);
  const graphOrigin = await listen(graph);
  return {
    authorityHost,
    graphBaseUrl: `${graphOrigin}/v1.0`,
    tokenRequests,
    entraPaths,
    graphCalls,
    searches,
    issued,
    answerNext(times, status, headers = {}, body) {
      for (let i = 0; i < times; i++) queued.push({ status, headers, body });
    },
    async close() {
      entra.closeAllConnections();
      graph.closeAllConnections();
      await Promise.all([new Promise((r) => entra.close(r)), new Promise((r) => graph.close(r))]);
    },
  };
}
