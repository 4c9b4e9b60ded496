/**
 * One signal's page state: the loaded detail, and running a transition on it — one at a
 * time, with the server's answer replacing the page's data and its error kept for display.
 */
import { useCallback, useEffect, useState } from 'react';
import { ApiRequestError, errorMessage, isForbidden } from '../api/client';
import type { SignalsApi } from '../api/signals';
import type { Loadable } from '../shared/useLoad';
import type { SignalDetailResponse } from './types';

export interface ActionFailure {
  /** The action that failed (`saveAnalysis`…), so its form can show the problems beside its fields. */
  readonly action: string;
  readonly message: string;
  readonly status: number;
  readonly code?: string;
  /** Somebody else acted first or the page is out of date: only a reload helps. */
  readonly conflict: boolean;
  /** Field-level problems of a refused request (`at` is the field's path in the request). */
  readonly details: readonly { readonly at: string; readonly message: string }[];
}

/** Codes and statuses that mean "the signal moved on without you". */
function toFailure(action: string, error: unknown): ActionFailure {
  if (error instanceof ApiRequestError) {
    const conflict = error.status === 409 || error.status === 412;
    return { action, message: error.message, status: error.status, conflict, details: error.details, ...(error.code ? { code: error.code } : {}) };
  }
  return { action, message: errorMessage(error), status: 0, conflict: false, details: [] };
}

/** A title for a failure, so a conflict reads differently from a refusal or a fault. */
export function failureTitle(f: ActionFailure): string {
  if (f.code === 'SIGNAL.ALREADY_HANDLED' || f.code === 'SIGNAL.ALREADY_DECIDED') return 'Someone else acted first';
  if (f.status === 412) return 'This signal changed since you opened it';
  if (f.code === 'SIGNAL.INVALID_TRANSITION') return 'Not possible in this state';
  if (f.status === 403) return 'Not allowed';
  if (f.status === 400) return 'Please check the form';
  return 'That did not work';
}

export function useSignalDetail(api: SignalsApi, id: string) {
  const [state, setState] = useState<Loadable<SignalDetailResponse>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [pending, setPending] = useState<string | undefined>();
  const [failure, setFailure] = useState<ActionFailure | undefined>();

  useEffect(() => {
    const abort = new AbortController();
    setState((s) => (s.status === 'ready' ? s : { status: 'loading' }));
    api.get(id, abort.signal).then(
      (data) => {
        if (!abort.signal.aborted) setState({ status: 'ready', data });
      },
      (error: unknown) => {
        // A refusal (403) is marked as useLoad marks it: the page explains it and offers a way on, not Retry.
        if (!abort.signal.aborted) setState({ status: 'error', message: errorMessage(error), forbidden: isForbidden(error) });
      },
    );
    return () => abort.abort();
  }, [api, id, attempt]);

  /** Loads the signal again (after a conflict, or to retry a failed load). */
  const reload = useCallback(() => {
    setFailure(undefined);
    setAttempt((n) => n + 1);
  }, []);

  /** Runs one action; resolves to whether it succeeded. Ignored while another is pending. */
  const run = useCallback(
    async (name: string, action: () => Promise<SignalDetailResponse>): Promise<boolean> => {
      if (pending) return false;
      setPending(name);
      setFailure(undefined);
      try {
        const data = await action();
        setState({ status: 'ready', data });
        return true;
      } catch (error) {
        setFailure(toFailure(name, error));
        return false;
      } finally {
        setPending(undefined);
      }
    },
    [pending],
  );

  return { detail: state, reload, run, pending, failure, dismissFailure: () => setFailure(undefined) };
}
