/** The targeting dry run of the composer, re-run (debounced) whenever the targeting fields change. */
import { useEffect, useState } from 'react';
import { errorMessage } from '../api/client';
import type { ChangesApi } from './api';
import type { DryRunResponse } from './types';

export type DryRunState =
  | { readonly status: 'idle' }
  | { readonly status: 'loading'; readonly previous?: DryRunResponse }
  | { readonly status: 'error'; readonly message: string }
  | { readonly status: 'ready'; readonly data: DryRunResponse };

const DRY_RUN_DEBOUNCE_MS = 400;

export function useDryRun(changes: ChangesApi, objectiveIds: readonly string[], domainIds: readonly string[], enabled: boolean): DryRunState & { retry(): void } {
  const [state, setState] = useState<DryRunState>({ status: 'idle' });
  const [attempt, setAttempt] = useState(0);
  // Keyed by value, not identity, so re-renders with equal selections do not re-run it.
  const key = `${[...objectiveIds].sort().join(',')}|${[...domainIds].sort().join(',')}`;

  useEffect(() => {
    if (!enabled || (objectiveIds.length === 0 && domainIds.length === 0)) {
      setState({ status: 'idle' });
      return;
    }
    const abort = new AbortController();
    setState((prev) => ({ status: 'loading', ...(prev.status === 'ready' ? { previous: prev.data } : prev.status === 'loading' && prev.previous ? { previous: prev.previous } : {}) }));
    const timer = window.setTimeout(() => {
      changes.dryRun({ objectiveIds, domainIds }, abort.signal).then(
        (data) => !abort.signal.aborted && setState({ status: 'ready', data }),
        (error: unknown) => !abort.signal.aborted && setState({ status: 'error', message: errorMessage(error) }),
      );
    }, DRY_RUN_DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
      abort.abort();
    };
    // `key` stands for the two lists.
  }, [changes, key, enabled, attempt]);

  return { ...state, retry: () => setAttempt((n) => n + 1) };
}
