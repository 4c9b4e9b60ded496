/** The caller's saved portfolio views: loaded once, then kept in step with saves and deletes. */
import { useCallback, useMemo, useState } from 'react';
import type { SavedView } from '../../../bot/api-contract/portfolio';
import type { ApiClient } from '../api/client';
import { savedViewsApi } from '../api/saved-views';
import { useLoad } from '../shared/useLoad';

const byName = (a: SavedView, b: SavedView): number => a.name.localeCompare(b.name, undefined, { sensitivity: 'base', numeric: true });

export function useSavedViews(api: ApiClient) {
  const client = useMemo(() => savedViewsApi(api.transport), [api]);
  const load = useCallback((signal: AbortSignal) => client.list(signal), [client]);
  const loaded = useLoad(load);
  // Local edits over the loaded list, so a save or delete shows at once without a reload.
  const [edits, setEdits] = useState<{ readonly added: readonly SavedView[]; readonly removed: ReadonlySet<string> }>({ added: [], removed: new Set() });
  const views = useMemo(
    () => (loaded.status === 'ready' ? [...loaded.data, ...edits.added].filter((v) => !edits.removed.has(v.id)).sort(byName) : []),
    [loaded, edits],
  );

  const save = useCallback(
    async (name: string, query: string) => {
      const made = await client.save(name, query);
      setEdits((e) => ({ ...e, added: [...e.added, made] }));
      return made;
    },
    [client],
  );
  const remove = useCallback(
    async (id: string) => {
      await client.remove(id);
      setEdits((e) => ({ ...e, removed: new Set([...e.removed, id]) }));
    },
    [client],
  );
  return { loaded, views, save, remove };
}
