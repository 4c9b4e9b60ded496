/**
 * Loads data and, while `intervalOf(data)` says so, loads it again every few seconds without
 * blanking the page: the last good data stays on screen, and a failed refresh is reported
 * beside it instead of replacing it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage, isForbidden } from '../api/client';

export type LiveState<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly message: string; readonly forbidden?: boolean }
  | { readonly status: 'ready'; readonly data: T; readonly loadedAt: number; readonly refreshError?: string };

export interface Live<T> {
  readonly state: LiveState<T>;
  /** Loads again now (after an action, or from a Retry button). */
  reload(): void;
  /** Replaces the data with a fresher copy the caller already has (e.g. an action's answer). */
  replace(data: T): void;
}

export function useLive<T>(load: (signal: AbortSignal) => Promise<T>, intervalOf: (data: T) => number | undefined): Live<T> {
  const [state, setState] = useState<LiveState<T>>({ status: 'loading' });
  const [tick, setTick] = useState(0);
  const intervalRef = useRef(intervalOf);
  intervalRef.current = intervalOf;
  const hasData = state.status === 'ready';

  useEffect(() => {
    const abort = new AbortController();
    load(abort.signal).then(
      (data) => {
        if (!abort.signal.aborted) setState({ status: 'ready', data, loadedAt: Date.now() });
      },
      (error: unknown) => {
        if (abort.signal.aborted) return;
        const message = errorMessage(error);
        setState((prev) => (prev.status === 'ready' ? { ...prev, refreshError: message } : { status: 'error', message, forbidden: isForbidden(error) }));
      },
    );
    return () => abort.abort();
  }, [load, tick]);

  // New loader (another change, another identity): start from a spinner, not stale data.
  useEffect(() => setState({ status: 'loading' }), [load]);

  // Re-armed after every load, good or failed, so one failed refresh does not stop the polling.
  useEffect(() => {
    if (state.status !== 'ready') return;
    const ms = intervalRef.current(state.data);
    if (ms === undefined) return;
    const timer = window.setTimeout(() => setTick((n) => n + 1), ms);
    return () => window.clearTimeout(timer);
  }, [state]);

  const reload = useCallback(() => {
    if (!hasData) setState({ status: 'loading' });
    setTick((n) => n + 1);
  }, [hasData]);
  const replace = useCallback((next: T) => setState({ status: 'ready', data: next, loadedAt: Date.now() }), []);
  return { state, reload, replace };
}
