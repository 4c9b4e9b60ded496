import type { ReactNode } from 'react';
import { ErrorState } from './ErrorState';
import { Loading } from './Loading';

/** What `useLoad` and `useLive` report; a live view may also carry a failed refresh. */
export type LoadState =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly message: string; readonly forbidden?: boolean }
  | { readonly status: 'ready'; readonly refreshError?: string };

/** The ready member of a load state, as the caller's hook typed it (with its data). */
export type Ready<S extends LoadState> = Extract<S, { readonly status: 'ready' }>;

export interface LoadedProps<S extends LoadState> {
  readonly state: S;
  /** The spinner's label, e.g. "Loading signals…". */
  readonly loading: string;
  /** The title of a failed load, e.g. "Could not load the signals". */
  readonly failed: string;
  /** The title of a failed refresh of a live view; the last good data stays below it. */
  readonly refreshFailed?: string;
  onRetry(): void;
  children(ready: Ready<S>): ReactNode;
}

/**
 * The three faces of anything a page loads: a labelled spinner, the server's reason with
 * Retry, or the content, rendered from the loaded data.
 */
export function Loaded<S extends LoadState>({ state, loading, failed, refreshFailed, onRetry, children }: LoadedProps<S>) {
  if (state.status === 'loading') return <Loading label={loading} />;
  if (state.status === 'error') return <ErrorState title={failed} message={state.message} forbidden={state.forbidden ?? false} onRetry={onRetry} />;
  return (
    <>
      {refreshFailed && state.refreshError && <ErrorState title={refreshFailed} message={state.refreshError} onRetry={onRetry} />}
      {/* Narrowing `state.status` does not narrow the type parameter, hence the cast. */}
      {children(state as Ready<S>)}
    </>
  );
}
