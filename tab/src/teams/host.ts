/**
 * Where the tab runs. Every teams-js call lives in this folder, so the rest of the tab
 * neither knows nor cares which SDK talks to Teams.
 *
 * Detection must never hang: outside Teams `app.initialize()` waits forever for a host
 * that will not answer, so it is skipped when there is no sign of a Teams host, and raced
 * against a short timeout otherwise.
 *
 * teams-js is loaded on demand: on import it fetches its list of valid host domains from a
 * CDN, which a plain browser (and an offline test machine) has no use for.
 */

/** Teams' own theme names. */
export type TeamsThemeName = 'default' | 'dark' | 'contrast';

export interface TeamsHost {
  readonly kind: 'teams';
  readonly theme: TeamsThemeName;
  /** `content` for a tab page, `settings` for the channel-tab configuration page. */
  readonly frameContext: string | undefined;
  /** An SSO token for our API (teams-js caches and refreshes it). */
  getToken(): Promise<string>;
  /** Subscribes to theme changes; returns an unsubscribe function. */
  onThemeChange(listener: (theme: TeamsThemeName) => void): () => void;
}

export interface BrowserHost {
  readonly kind: 'browser';
}

export type Host = TeamsHost | BrowserHost;

const TEAMS_INIT_TIMEOUT_MS = 3000;

/**
 * Cheap signals that a Teams (or other Microsoft 365) host may be around: the tab is framed,
 * opened as a popup by one, or runs in the desktop client. `?inTeams=1` forces the attempt.
 */
function hasTeamsHints(win: Window = window): boolean {
  let framed: boolean;
  try {
    framed = win.self !== win.top;
  } catch {
    framed = true; // A cross-origin parent throws on access: we are framed.
  }
  const forced = new URLSearchParams(win.location.search).get('inTeams') === '1';
  const desktop = /\bTeams\//.test(win.navigator.userAgent);
  return framed || forced || desktop || win.opener != null;
}

const toThemeName = (theme: string | undefined): TeamsThemeName =>
  theme === 'dark' || theme === 'contrast' ? theme : 'default';

function timeout(ms: number): Promise<'timeout'> {
  return new Promise((resolve) => setTimeout(() => resolve('timeout'), ms));
}

/** Finds out whether we run inside Teams; resolves within `timeoutMs` in every case. */
export async function detectHost(timeoutMs: number = TEAMS_INIT_TIMEOUT_MS): Promise<Host> {
  if (!hasTeamsHints()) return { kind: 'browser' };
  try {
    const initialise = async () => {
      const teams = await import('@microsoft/teams-js');
      await teams.app.initialize();
      return teams;
    };
    const teams = await Promise.race([initialise(), timeout(timeoutMs)]);
    if (teams === 'timeout') return { kind: 'browser' };
    const { app, authentication } = teams;
    const context = await Promise.race([app.getContext(), timeout(timeoutMs)]);
    if (context === 'timeout') return { kind: 'browser' };

    const listeners = new Set<(theme: TeamsThemeName) => void>();
    // teams-js keeps a single theme handler, so fan it out to our subscribers.
    app.registerOnThemeChangeHandler((theme) => listeners.forEach((l) => l(toThemeName(theme))));
    app.notifySuccess();

    return {
      kind: 'teams',
      theme: toThemeName(context.app.theme),
      frameContext: context.page.frameContext,
      getToken: () => authentication.getAuthToken(),
      onThemeChange(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
  } catch {
    // A frame that is not Teams (or a host that refused us) is a plain browser for our purposes.
    return { kind: 'browser' };
  }
}
