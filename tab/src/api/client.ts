/**
 * The tab's only way to the server. Shapes come from the server's contract (types only),
 * so a change on either side fails the type check rather than the user.
 */
import type { ApiError } from '../../../bot/api-contract/common';
import type { DevTokenRequest, DevTokenResponse, DevUser, MeResponse } from '../../../bot/api-contract/people';
import type { DomainsResponse, ItemPanelResponse, ObjectivesResponse, PortfolioResponse, RollupResponse } from '../../../bot/api-contract/portfolio';

/** A failed API call, carrying the server's own message so the UI can show it as is. */
export class ApiRequestError extends Error {
  override readonly name = 'ApiRequestError';
  constructor(
    message: string,
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    /** The server's stable error code, when it sent one. */
    readonly code?: string,
    /** Field- or row-level problems (e.g. every bad row of a CSV import). */
    readonly details: readonly { readonly at: string; readonly message: string }[] = [],
  ) {
    super(message);
  }
}

/** Progress of a paged portfolio load: items loaded so far, and the domain's total when known. */
export type PortfolioProgress = (loaded: number, total?: number) => void;

/** Supplies the bearer token for each call (Teams SSO or a development token). */
export type TokenProvider = () => Promise<string>;

export interface ApiClient {
  me(signal?: AbortSignal): Promise<MeResponse>;
  domains(signal?: AbortSignal): Promise<DomainsResponse>;
  /**
   * A domain's whole portfolio: follows the server's pages (`continuation`) and answers one
   * response holding every item. `onProgress` hears the items loaded so far and the domain's total.
   */
  portfolio(domainId: string, signal?: AbortSignal, onProgress?: PortfolioProgress): Promise<PortfolioResponse>;
  /** Every domain side by side (EPMO members, strategy owners, tenant admins). */
  rollup(signal?: AbortSignal): Promise<RollupResponse>;
  /** One item with its status history, signals and the changes its team got. */
  itemPanel(id: string, signal?: AbortSignal): Promise<ItemPanelResponse>;
  objectives(signal?: AbortSignal): Promise<ObjectivesResponse>;
  /** Authorized calls for feature clients (see `Transport`). */
  readonly transport: Transport;
}

/** Authorized JSON calls and downloads, for feature-specific clients built on this one. */
export interface Transport {
  json<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, options?: { readonly body?: unknown; readonly headers?: Readonly<Record<string, string>>; readonly signal?: AbortSignal }): Promise<T>;
  /** Sends a text body as is (e.g. a CSV file with `text/csv`), answered with JSON. */
  text<T>(method: 'POST' | 'PUT', path: string, body: string, contentType: string): Promise<T>;
  /** A file the server makes (e.g. a CSV export), with the bearer token a plain link could not carry. */
  blob(path: string, signal?: AbortSignal): Promise<Blob>;
}

const isApiError = (body: unknown): body is ApiError =>
  typeof body === 'object' &&
  body !== null &&
  typeof (body as { error?: { message?: unknown } }).error?.message === 'string';

async function toError(response: Response): Promise<ApiRequestError> {
  const body: unknown = await response.json().catch(() => undefined);
  if (isApiError(body)) return new ApiRequestError(body.error.message, response.status, body.error.code, body.error.details ?? []);
  const reason = response.statusText ? ` ${response.statusText}` : '';
  return new ApiRequestError(`The server answered ${response.status}${reason}.`, response.status);
}

async function fetchOk(path: string, init: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiRequestError('Could not reach the PMO Relay server. Check your connection and try again.', 0);
  }
  if (!response.ok) throw await toError(response);
  return response;
}

async function request<T>(path: string, init: RequestInit): Promise<T> {
  return (await (await fetchOk(path, init)).json()) as T;
}

/** A client for the authenticated API; every call asks `getToken` for a fresh bearer token. */
export function createApiClient(getToken: TokenProvider): ApiClient {
  const get = async <T>(path: string, signal?: AbortSignal): Promise<T> => {
    const token = await getToken();
    return request<T>(path, { headers: { Accept: 'application/json', Authorization: `Bearer ${token}` }, ...(signal ? { signal } : {}) });
  };
  const transport: Transport = {
    async json<T>(method: string, path: string, options: { body?: unknown; headers?: Readonly<Record<string, string>>; signal?: AbortSignal } = {}) {
      const token = await getToken();
      const headers: Record<string, string> = { Accept: 'application/json', Authorization: `Bearer ${token}`, ...options.headers };
      if (options.body !== undefined) headers['Content-Type'] = 'application/json';
      return request<T>(path, {
        method,
        headers,
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
    },
    async text<T>(method: string, path: string, body: string, contentType: string) {
      const token = await getToken();
      return request<T>(path, { method, headers: { Accept: 'application/json', Authorization: `Bearer ${token}`, 'Content-Type': contentType }, body });
    },
    async blob(path, signal) {
      const token = await getToken();
      const response = await fetchOk(path, { headers: { Authorization: `Bearer ${token}` }, ...(signal ? { signal } : {}) });
      return response.blob();
    },
  };
  return {
    me: (signal) => get<MeResponse>('/api/me', signal),
    domains: (signal) => get<DomainsResponse>('/api/domains', signal),
    async portfolio(domainId, signal, onProgress) {
      const path = `/api/domains/${encodeURIComponent(domainId)}/portfolio`;
      const first = await get<PortfolioResponse>(path, signal);
      const items = [...first.items];
      onProgress?.(items.length, first.kpis.total);
      // Later pages repeat the headline figures; only their items are new.
      for (let token = first.continuation; token !== undefined; ) {
        const page = await get<PortfolioResponse>(`${path}?continuation=${encodeURIComponent(token)}`, signal);
        items.push(...page.items);
        onProgress?.(items.length, first.kpis.total);
        token = page.continuation;
      }
      const { continuation: _done, ...whole } = first;
      return { ...whole, items };
    },
    rollup: (signal) => get<RollupResponse>('/api/portfolio/rollup', signal),
    itemPanel: (id, signal) => get<ItemPanelResponse>(`/api/work-items/${encodeURIComponent(id)}/panel`, signal),
    objectives: (signal) => get<ObjectivesResponse>('/api/objectives', signal),
    transport,
  };
}

/**
 * Development-mode endpoints (no token). `users` resolves to `undefined` when the server
 * is not in development mode (404), which means the tab must be opened in Teams.
 */
export const devApi = {
  async users(signal?: AbortSignal): Promise<readonly DevUser[] | undefined> {
    try {
      return await request<readonly DevUser[]>('/api/dev/users', { headers: { Accept: 'application/json' }, ...(signal ? { signal } : {}) });
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 404) return undefined;
      throw error;
    }
  },
  token(body: DevTokenRequest): Promise<DevTokenResponse> {
    return request<DevTokenResponse>('/api/dev/token', {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  },
};

/** A sentence for any error, preferring the server's message. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiRequestError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong.';
}
