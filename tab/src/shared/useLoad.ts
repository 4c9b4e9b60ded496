/** Loading data into a page: the three states a load goes through, and the hook that drives them. */
import { useCallback, useEffect, useState } from 'react';
import { errorMessage, isForbidden } from '../api/client';

export type Loadable<T> =
  | { readonly status: 'loading' }
  /** `forbidden`: the caller's roles do not allow it (403), so a retry cannot help. */
  | { readonly status: 'error'; readonly message: string; readonly forbidden?: boolean }
  | { readonly status: 'ready'; readonly data: T };

/**
 * Loads with `load` whenever the loader changes (memoise it), starting from a spinner each
 * time; no loader (nothing chosen yet) keeps it waiting. `retry` loads again.
 */
export function useLoad<T>(load: ((signal: AbortSignal) => Promise<T>) | undefined): Loadable<T> & { retry(): void } {
  const [state, setState] = useState<Loadable<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!load) return;
    const abort = new AbortController();
    setState({ status: 'loading' });
    load(abort.signal).then(
      (data) => {
        if (!abort.signal.aborted) setState({ status: 'ready', data });
      },
      (error: unknown) => {
        if (!abort.signal.aborted) setState({ status: 'error', message: errorMessage(error), forbidden: isForbidden(error) });
      },
    );
    return () => abort.abort();
  }, [load, attempt]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, retry };
}
