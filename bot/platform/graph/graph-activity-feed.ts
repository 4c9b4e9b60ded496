/**
 * The activity feed through Microsoft Graph: `POST /users/{id}/teamwork/sendActivityNotification`
 * with an app-only token (graph-credentials.ts). Throttling (429, 503) with a short Retry-After
 * is waited out in hand; a longer one, a timeout or a server error is answered `retry`, so the
 * durable timer tries again later; other refusals (the app not installed for the person, a bad
 * request) are answered `refused` and not retried.
 */
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { request as httpRequest } from 'node:http';
import type { ActivityFeed, ActivityNotification, FeedOutcome } from '../../notifications';
import { type GraphCredentialSettings, graphTokens } from './graph-credentials';

export interface GraphActivityFeedSettings extends GraphCredentialSettings {
  /** e.g. `https://graph.microsoft.com/v1.0`. */
  readonly baseUrl: string;
  /** The Teams app id, sent so Graph picks this app when several share the Entra app. */
  readonly teamsAppId?: string;
  readonly timeoutMs: number;
  /** Longest Retry-After waited out in hand; a longer one goes back to the durable timer. */
  readonly maxInHandWaitMs?: number;
  /** Sends per call, counting the throttled ones waited out. */
  readonly maxAttempts?: number;
}

/**
 * A Teams deep link that opens the app's personal tab at `tabUrl`: a text topic's `webUrl` is
 * opened by Teams, so it points into Teams, not at the bare tab.
 */
const teamsDeepLink = (teamsAppId: string, tabUrl: string): string =>
  `https://teams.microsoft.com/l/entity/${encodeURIComponent(teamsAppId)}/portfolio?webUrl=${encodeURIComponent(tabUrl)}&label=PMO%20Relay`;

/** The request body Graph's `sendActivityNotification` takes. */
export function activityRequestBody(n: ActivityNotification, teamsAppId?: string): object {
  return {
    topic: { source: 'text', value: n.topic.text, webUrl: teamsAppId ? teamsDeepLink(teamsAppId, n.topic.webUrl) : n.topic.webUrl },
    activityType: n.activityType,
    previewText: { content: n.previewText },
    templateParameters: Object.entries(n.templateParameters).map(([name, value]) => ({ name, value })),
    ...(teamsAppId ? { teamsAppId } : {}),
  };
}

interface HttpAnswer {
  readonly status: number;
  readonly retryAfter?: string;
  readonly body: string;
}

/** Retry-After in milliseconds: seconds, or an HTTP date. */
export function retryAfterMs(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function post(url: URL, headers: Record<string, string>, body: string, timeoutMs: number, agent: HttpsAgent | undefined): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const secure = url.protocol === 'https:';
    const send = secure ? httpsRequest : httpRequest;
    const req = send(url, { method: 'POST', headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) }, timeout: timeoutMs, ...(secure && agent ? { agent } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const retryAfter = res.headers['retry-after'];
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ...(typeof retryAfter === 'string' ? { retryAfter } : {}) });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`Graph did not answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** Graph's error as one line: `code: message`. */
function graphError(answer: HttpAnswer): string {
  try {
    const parsed = JSON.parse(answer.body) as { error?: { code?: string; message?: string } };
    if (parsed.error) return `${answer.status} ${parsed.error.code ?? ''}: ${parsed.error.message ?? ''}`.trim();
  } catch {
    // not JSON: the status says enough
  }
  return `HTTP ${answer.status}`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createGraphActivityFeed(s: GraphActivityFeedSettings): ActivityFeed {
  const tokens = graphTokens(s);
  const base = s.baseUrl.replace(/\/+$/, '');
  const scope = `${new URL(base).origin}/.default`;
  const agent = s.ca ? new HttpsAgent({ ca: s.ca, keepAlive: true }) : undefined;
  const maxWait = s.maxInHandWaitMs ?? 10_000;
  const maxAttempts = s.maxAttempts ?? 3;

  return {
    async send(n): Promise<FeedOutcome> {
      let token: string;
      try {
        token = await tokens.token(n.tenantId, scope);
      } catch (err) {
        return { kind: 'retry', error: `no Graph token for tenant ${n.tenantId}: ${err instanceof Error ? err.message : String(err)}` };
      }
      const url = new URL(`${base}/users/${encodeURIComponent(n.recipientUserId)}/teamwork/sendActivityNotification`);
      const body = JSON.stringify(activityRequestBody(n, s.teamsAppId));
      const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
      for (let attempt = 1; ; attempt++) {
        let answer: HttpAnswer;
        try {
          answer = await post(url, headers, body, s.timeoutMs, agent);
        } catch (err) {
          return { kind: 'retry', error: err instanceof Error ? err.message : String(err) };
        }
        if (answer.status >= 200 && answer.status < 300) return { kind: 'sent' };
        const throttled = answer.status === 429 || answer.status === 503;
        if (throttled) {
          const wait = retryAfterMs(answer.retryAfter, Date.now()) ?? 1000;
          if (attempt < maxAttempts && wait <= maxWait) {
            await sleep(wait);
            continue;
          }
        }
        // Throttled for long, a server error, or a token Graph no longer accepts: later, by the timer.
        if (throttled || answer.status >= 500 || answer.status === 401) return { kind: 'retry', error: graphError(answer) };
        return { kind: 'refused', error: graphError(answer) };
      }
    },
  };
}
