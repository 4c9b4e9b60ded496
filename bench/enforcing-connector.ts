/**
 * A Bot Connector stand-in that ENFORCES Teams' per-tenant limit, for the fan-out benchmark:
 * at most `limitPerSecond` accepted sends per tenant in any one-second window (a sliding
 * window, measured on arrival); beyond it, 429 with Retry-After. On top of that it throttles
 * a random share of requests, as Teams does under its own load. It counts successes per
 * conversation, so lost and duplicate messages can be told apart.
 */
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface EnforcingConnectorOptions {
  readonly limitPerSecond: number;
  /**
   * What the limit counts: `accepted` sends (default), or every `request`, throttled or not —
   * Teams documents its limit as "50 requests per second", which may include throttled ones.
   */
  readonly count?: 'accepted' | 'requests';
  /** Share of requests (0..1) answered 429 at random, whatever the rate. */
  readonly randomThrottleShare: number;
  readonly retryAfterSeconds?: number;
  readonly random?: () => number;
}

export interface EnforcingConnector {
  readonly url: string;
  /** Successful sends per conversation id. */
  readonly successes: Map<string, number>;
  /** Arrival time (ms) of every accepted send, in order. */
  readonly acceptedAt: number[];
  /** Arrival time (ms) of every request to send, throttled or not, in order. */
  readonly requestedAt: number[];
  readonly stats: { accepted: number; throttledByRate: number; throttledAtRandom: number; firstAcceptedAt: number; lastAcceptedAt: number; busiestSecond: number };
  /** Forgets every count (not the rate windows), e.g. after setting up before a measured run. */
  reset(): void;
  close(): Promise<void>;
}

const SEND = /^\/v3\/conversations\/([^/]+)\/activities\/?$/;

export async function startEnforcingConnector(opts: EnforcingConnectorOptions): Promise<EnforcingConnector> {
  const random = opts.random ?? Math.random;
  const retryAfter = String(opts.retryAfterSeconds ?? 1);
  const windows = new Map<string, number[]>();
  const successes = new Map<string, number>();
  const acceptedAt: number[] = [];
  const requestedAt: number[] = [];
  const stats = { accepted: 0, throttledByRate: 0, throttledAtRandom: 0, firstAcceptedAt: 0, lastAcceptedAt: 0, busiestSecond: 0 };
  let nextId = 1;

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const match = req.method === 'POST' ? SEND.exec(path) : null;
      const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      // Opening a 1:1 chat (the app tells a signal's raiser about a decision): any id will do.
      if (req.method === 'POST' && /^\/v3\/conversations\/?$/.test(path)) return answer(200, { id: `a:bench-chat-${nextId++}` });
      if (!match) return answer(404, { error: { code: 'NotFound', message: `No route ${req.method} ${path}` } });
      let tenant = 'unknown';
      try {
        tenant = JSON.parse(Buffer.concat(chunks).toString('utf8'))?.channelData?.tenant?.id ?? 'unknown';
      } catch {
        return answer(400, { error: { code: 'BadArgument', message: 'invalid JSON' } });
      }
      const now = Date.now();
      const window = windows.get(tenant) ?? [];
      while (window.length > 0 && (window[0] as number) <= now - 1000) window.shift();
      windows.set(tenant, window);
      const throttled = { error: { code: 'TooManyRequests', message: 'Too many requests.' } };
      const overLimit = window.length >= opts.limitPerSecond;
      requestedAt.push(now);
      if (opts.count === 'requests') window.push(now);
      // What the limit counted in the second up to now (over-limit requests included, under `requests`).
      stats.busiestSecond = Math.max(stats.busiestSecond, window.length);
      if (overLimit) {
        stats.throttledByRate++;
        return answer(429, throttled, { 'Retry-After': retryAfter });
      }
      if (random() < opts.randomThrottleShare) {
        stats.throttledAtRandom++;
        return answer(429, throttled, { 'Retry-After': retryAfter });
      }
      if (opts.count !== 'requests') window.push(now);
      stats.busiestSecond = Math.max(stats.busiestSecond, window.length);
      const conversationId = decodeURIComponent(match[1] as string);
      successes.set(conversationId, (successes.get(conversationId) ?? 0) + 1);
      stats.accepted++;
      acceptedAt.push(now);
      if (!stats.firstAcceptedAt) stats.firstAcceptedAt = now;
      stats.lastAcceptedAt = now;
      return answer(201, { id: `activity-${nextId++}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    successes,
    acceptedAt,
    requestedAt,
    stats,
    reset() {
      successes.clear();
      acceptedAt.length = 0;
      requestedAt.length = 0;
      Object.assign(stats, { accepted: 0, throttledByRate: 0, throttledAtRandom: 0, firstAcceptedAt: 0, lastAcceptedAt: 0, busiestSecond: 0 });
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };
}
