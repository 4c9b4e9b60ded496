/** Detects the host once, and follows the Teams theme while inside Teams. */
import { useEffect, useState } from 'react';
import { fromTeamsTheme, type ThemeName } from '../shared/theme';
import { type Host, detectHost } from './host';

export type HostState = { readonly kind: 'detecting' } | Host;

export function useHost(): HostState {
  const [host, setHost] = useState<HostState>({ kind: 'detecting' });
  useEffect(() => {
    let live = true;
    void detectHost().then((h) => live && setHost(h));
    return () => {
      live = false;
    };
  }, []);
  return host;
}

/** The Teams theme, live; `undefined` outside Teams. */
export function useTeamsTheme(host: HostState): ThemeName | undefined {
  const initial = host.kind === 'teams' ? fromTeamsTheme(host.theme) : undefined;
  const [theme, setTheme] = useState<ThemeName | undefined>(initial);
  useEffect(() => {
    if (host.kind !== 'teams') return;
    setTheme(fromTeamsTheme(host.theme));
    return host.onThemeChange((t) => setTheme(fromTeamsTheme(t)));
  }, [host]);
  return theme;
}
