/**
 * A local stand-in for the Bot Connector service Teams runs. Point an activity's `serviceUrl`
 * at it and it records every call the bot makes (method, path, body) and answers like Teams:
 * 201 with an id for a new activity or conversation, 200 for an update. Tests can queue other
 * answers (429 with Retry-After, 403 MessageWritesBlocked, 5xx) for the next matching calls.
 * It also answers the roster of a team or chat a test set (`GET /v3/conversations/{id}/pagedmembers`),
 * in pages with a `continuationToken`, as Teams does.
 */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  /** Path without the query string, e.g. `/v3/conversations/19%3Aabc/activities/1`. */
  readonly path: string;
  /** Decoded conversation id of `/v3/conversations/:id/...` routes. */
  readonly conversationId?: string;
  /** `:replyToId` or `:activityId` of the route, decoded. */
  readonly activityId?: string;
  readonly headers: IncomingMessage['headers'];
  /** When it arrived (`Date.now()`), for tests of pacing and Retry-After. */
  readonly receivedAt: number;
  /** The status the server answered with. */
  status?: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
}

export interface CannedResponse {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
}

export interface ResponseRule {
  readonly method?: string;
  /** Matched against the path. */
  readonly path?: RegExp;
  /** How many matching calls get this answer; default 1. */
  readonly times?: number;
  readonly response: CannedResponse;
}

/** Teams' answer when it throttles a bot. */
export const throttled = (retryAfterSeconds = 1): CannedResponse => ({
  status: 429,
  headers: { 'Retry-After': String(retryAfterSeconds) },
  body: { error: { code: 'TooManyRequests', message: 'Too many requests.' } },
});

/** Teams' answer when the user blocked the app: do not retry. */
export const messageWritesBlocked = (): CannedResponse => ({
  status: 403,
  body: { error: { code: 'MessageWritesBlocked', message: 'Thread is blocked from further messages.' } },
});

/** A roster entry as Teams' paged members API returns it. */
export interface RosterEntry {
  /** Teams user id (MRI), `29:…`. */
  readonly id: string;
  readonly name: string;
  /** Entra object id. */
  readonly aadObjectId: string;
}

export interface ConnectorServer {
  /** Base URL to use as the activity's `serviceUrl` (ends with `/`). */
  readonly url: string;
  readonly requests: readonly RecordedRequest[];
  /** Activities the bot sent or updated (POST/PUT bodies of activity routes), in order. */
  sentActivities(): RecordedRequest[];
  /** Answer the next matching call(s) with `rule.response` instead of success. */
  respond(rule: ResponseRule): void;
  /**
   * What `GET /v3/conversations/{id}/pagedmembers` answers for a team or chat id: the members in
   * pages of at most `pageSize` (Teams caps the size the bot asks for), linked by `continuationToken`.
   */
  setRoster(conversationId: string, members: readonly RosterEntry[], pageSize?: number): void;
  /** Forget recorded requests and pending rules. */
  reset(): void;
  /** Resolves when at least `count` requests were recorded, or rejects after `timeoutMs`. */
  waitForRequests(count: number, timeoutMs?: number): Promise<readonly RecordedRequest[]>;
  close(): Promise<void>;
}

const ROUTES: { method: string; pattern: RegExp; kind: 'send' | 'reply' | 'update' | 'create' | 'members' }[] = [
  { method: 'POST', pattern: /^\/v3\/conversations\/([^/]+)\/activities\/?$/, kind: 'send' },
  { method: 'POST', pattern: /^\/v3\/conversations\/([^/]+)\/activities\/([^/]+)$/, kind: 'reply' },
  { method: 'PUT', pattern: /^\/v3\/conversations\/([^/]+)\/activities\/([^/]+)$/, kind: 'update' },
  { method: 'POST', pattern: /^\/v3\/conversations\/?$/, kind: 'create' },
  { method: 'GET', pattern: /^\/v3\/conversations\/([^/]+)\/pagedmembers$/, kind: 'members' },
];

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export async function startConnectorServer(): Promise<ConnectorServer> {
  const requests: RecordedRequest[] = [];
  let rules: { rule: ResponseRule; left: number }[] = [];
  let waiters: { count: number; resolve: () => void }[] = [];
  let nextId = 1;
  const rosters = new Map<string, { members: readonly RosterEntry[]; pageSize: number }>();

  /** One page of a roster; the token is the offset of the next page, opaque to the bot. */
  const rosterPage = (conversationId: string | undefined, query: URLSearchParams): CannedResponse => {
    const roster = conversationId ? rosters.get(conversationId) : undefined;
    if (!roster) return { status: 404, body: { error: { code: 'ConversationNotFound', message: 'Conversation not found.' } } };
    const asked = Number(query.get('pageSize') ?? '200');
    const size = Math.min(Number.isFinite(asked) && asked > 0 ? asked : 200, roster.pageSize);
    const start = Number(query.get('continuationToken') ?? '0');
    const members = roster.members.slice(start, start + size).map((m) => ({ ...m, objectId: m.aadObjectId, userRole: 'user' }));
    const next = start + size < roster.members.length ? String(start + size) : undefined;
    return { status: 200, body: { members, ...(next ? { continuationToken: next } : {}) } };
  };

  const send = (res: ServerResponse, r: CannedResponse, recorded?: RecordedRequest) => {
    if (recorded) recorded.status = r.status;
    res.writeHead(r.status, { 'Content-Type': 'application/json', ...r.headers });
    res.end(r.body === undefined ? '' : JSON.stringify(r.body));
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const [path = '/', queryString = ''] = (req.url ?? '/').split('?');
      const method = req.method ?? 'GET';
      const receivedAt = Date.now();
      const body = await readBody(req);
      const route = ROUTES.find((r) => r.method === method && r.pattern.test(path));
      const match = route ? route.pattern.exec(path) : null;
      const decode = (s: string | undefined) => (s === undefined ? undefined : decodeURIComponent(s));
      const conversationId = route?.kind === 'create' ? undefined : decode(match?.[1]);
      const activityId = decode(match?.[2]);
      const recorded: RecordedRequest = { method, path, headers: req.headers, body, receivedAt, ...(conversationId ? { conversationId } : {}), ...(activityId ? { activityId } : {}) };
      requests.push(recorded);
      waiters = waiters.filter((w) => (requests.length >= w.count ? (w.resolve(), false) : true));

      const pending = rules.find(({ rule }) => (!rule.method || rule.method === method) && (!rule.path || rule.path.test(path)));
      if (pending) {
        pending.left -= 1;
        if (pending.left <= 0) rules = rules.filter((r) => r !== pending);
        return send(res, pending.rule.response, recorded);
      }
      if (!route) return send(res, { status: 404, body: { error: { code: 'NotFound', message: `No route ${method} ${path}` } } }, recorded);
      const id = `activity-${nextId++}`;
      switch (route.kind) {
        case 'send':
        case 'reply':
          return send(res, { status: 201, body: { id } }, recorded);
        case 'update':
          return send(res, { status: 200, body: { id: activityId } }, recorded);
        case 'create':
          return send(res, { status: 201, body: { id: `conversation-${nextId++}`, activityId: id } }, recorded);
        case 'members':
          return send(res, rosterPage(conversationId, new URLSearchParams(queryString)), recorded);
      }
    })().catch((error: unknown) => send(res, { status: 500, body: { error: { code: 'ServerError', message: String(error) } } }));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    sentActivities: () => requests.filter((r) => r.path.includes('/activities') && (r.method === 'POST' || r.method === 'PUT')),
    respond(rule) {
      rules.push({ rule, left: rule.times ?? 1 });
    },
    setRoster(conversationId, members, pageSize = 500) {
      rosters.set(conversationId, { members: [...members], pageSize });
    },
    reset() {
      requests.length = 0;
      rules = [];
    },
    waitForRequests(count, timeoutMs = 5000) {
      if (requests.length >= count) return Promise.resolve(requests);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`Expected ${count} connector requests, got ${requests.length}`)), timeoutMs);
        waiters.push({ count, resolve: () => (clearTimeout(timer), resolve(requests)) });
      });
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };
}
