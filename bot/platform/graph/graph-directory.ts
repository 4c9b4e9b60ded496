/**
 * The tenant's directory through Microsoft Graph, for finding people by name when assigning roles:
 * `GET /users?$search="displayName:…" OR "mail:…"` with `ConsistencyLevel: eventual` (Graph
 * answers `$search` on users only with it), app-only (graph-credentials.ts). Needs the
 * `User.ReadBasic.All` application permission, granted by the tenant's admin; without it Graph
 * answers 403 and the search says the directory could not be read.
 */
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { request as httpRequest } from 'node:http';
import type { DirectoryEntry, TenantDirectory } from '../../people';
import { type GraphCredentialSettings, graphTokens } from './graph-credentials';

export interface GraphDirectorySettings extends GraphCredentialSettings {
  /** e.g. `https://graph.microsoft.com/v1.0`. */
  readonly baseUrl: string;
  readonly timeoutMs: number;
}

interface GraphUser {
  readonly id?: unknown;
  readonly displayName?: unknown;
  readonly mail?: unknown;
}

function get(url: URL, headers: Record<string, string>, timeoutMs: number, agent: HttpsAgent | undefined): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const secure = url.protocol === 'https:';
    const send = secure ? httpsRequest : httpRequest;
    const req = send(url, { method: 'GET', headers, timeout: timeoutMs, ...(secure && agent ? { agent } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`Graph did not answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

/** Graph's `$search` clause for what was typed: quotes and backslashes would end the clause, so they go. */
export function searchClause(text: string): string {
  const safe = text.replace(/["\\]/g, ' ').trim();
  return `"displayName:${safe}" OR "mail:${safe}"`;
}

export function createGraphDirectory(s: GraphDirectorySettings): TenantDirectory {
  const tokens = graphTokens(s);
  const base = s.baseUrl.replace(/\/+$/, '');
  const scope = `${new URL(base).origin}/.default`;
  const agent = s.ca ? new HttpsAgent({ ca: s.ca, keepAlive: true }) : undefined;
  return {
    async search(tenantId, text, limit): Promise<DirectoryEntry[]> {
      const token = await tokens.token(tenantId, scope);
      const url = new URL(`${base}/users`);
      url.searchParams.set('$search', searchClause(text));
      url.searchParams.set('$select', 'id,displayName,mail');
      url.searchParams.set('$top', String(limit));
      const answer = await get(url, { Authorization: `Bearer ${token}`, ConsistencyLevel: 'eventual', Accept: 'application/json' }, s.timeoutMs, agent);
      if (answer.status !== 200) throw new Error(`Graph user search answered ${answer.status}`);
      const parsed = JSON.parse(answer.body) as { value?: readonly GraphUser[] };
      return (parsed.value ?? []).flatMap((u): DirectoryEntry[] =>
        typeof u.id === 'string' && typeof u.displayName === 'string'
          ? [{ userId: u.id.toLowerCase(), displayName: u.displayName, ...(typeof u.mail === 'string' && u.mail ? { email: u.mail } : {}) }]
          : [],
      );
    },
  };
}
