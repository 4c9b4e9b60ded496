/** The caller's saved portfolio views (`/api/me/views`). Shapes come from the server's contract. */
import type { SavedView, SavedViewsResponse } from '../../../bot/api-contract/portfolio';
import type { Transport } from './client';

export interface SavedViewsApi {
  list(signal?: AbortSignal): Promise<SavedViewsResponse>;
  /** Saves `query` (a portfolio URL's query string, without `?`) under `name`. */
  save(name: string, query: string): Promise<SavedView>;
  remove(id: string): Promise<void>;
}

export function savedViewsApi(transport: Transport): SavedViewsApi {
  return {
    list: (signal) => transport.json<SavedViewsResponse>('GET', '/api/me/views', signal ? { signal } : {}),
    save: (name, query) => transport.json<SavedView>('POST', '/api/me/views', { body: { name, query } }),
    async remove(id) {
      await transport.json<unknown>('DELETE', `/api/me/views/${encodeURIComponent(id)}`);
    },
  };
}
