/**
 * The demo identity of development mode: the list of seeded users, the chosen one
 * (remembered in localStorage; by default the first PMO lead) and a token provider for it.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { DevUser } from '../../../bot/api-contract/people';
import { type TokenProvider, devApi, errorMessage } from '../api/client';
import { SETTING_KEYS, readSetting, writeSetting } from '../shared/storage';
import { devTokenProvider } from './devToken';
import { isPmoLead } from './roles';

export type DevIdentityState =
  | { readonly status: 'loading' }
  /** The server is not in development mode: the tab only works inside Teams. */
  | { readonly status: 'unavailable' }
  | { readonly status: 'error'; readonly message: string; retry(): void }
  | {
      readonly status: 'ready';
      readonly users: readonly DevUser[];
      readonly user: DevUser;
      readonly getToken: TokenProvider;
      select(key: string): void;
    };

export const devUserKey = (u: Pick<DevUser, 'tenantId' | 'userId'>): string => `${u.tenantId}/${u.userId}`;

/** The remembered user if still present, else the first PMO lead, else the first user. */
function chooseDefault(users: readonly DevUser[], remembered: string | undefined): DevUser | undefined {
  return users.find((u) => devUserKey(u) === remembered) ?? users.find((u) => isPmoLead(u.roles)) ?? users[0];
}

type Loaded = { readonly status: 'loading' | 'unavailable' } | { readonly status: 'error'; readonly message: string } | { readonly status: 'ready'; readonly users: readonly DevUser[] };

export function useDevIdentity(enabled: boolean): DevIdentityState {
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [chosen, setChosen] = useState<string | undefined>(() => readSetting(SETTING_KEYS.devUser));

  useEffect(() => {
    if (!enabled) return;
    const abort = new AbortController();
    setLoaded({ status: 'loading' });
    devApi.users(abort.signal).then(
      (users) => setLoaded(users === undefined ? { status: 'unavailable' } : { status: 'ready', users }),
      (error: unknown) => {
        if (!abort.signal.aborted) setLoaded({ status: 'error', message: errorMessage(error) });
      },
    );
    return () => abort.abort();
  }, [enabled, attempt]);

  const users = loaded.status === 'ready' ? loaded.users : undefined;
  const user = useMemo(() => (users ? chooseDefault(users, chosen) : undefined), [users, chosen]);
  // One provider per identity, kept for the session: switching users never reuses another
  // user's token, and switching back reuses a still-valid one.
  const [providers] = useState(() => new Map<string, TokenProvider>());
  let getToken: TokenProvider | undefined;
  if (user) {
    const key = devUserKey(user);
    getToken = providers.get(key);
    if (!getToken) {
      getToken = devTokenProvider(user);
      providers.set(key, getToken);
    }
  }

  const select = useCallback((key: string) => {
    writeSetting(SETTING_KEYS.devUser, key);
    setChosen(key);
  }, []);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  if (loaded.status === 'error') return { status: 'error', message: loaded.message, retry };
  if (loaded.status !== 'ready') return { status: loaded.status };
  if (!user || !getToken) return { status: 'error', message: 'The server has no demo users. Seed the demo tenant (npm run seed) and reload.', retry };
  return { status: 'ready', users: loaded.users, user, getToken, select };
}
