/**
 * The tab's shell: find out where we run, pick the identity and theme that follow from it,
 * then show the page the route asks for.
 */
import { FluentProvider, MessageBar, MessageBarBody, MessageBarTitle, Text, makeStyles, tokens } from '@fluentui/react-components';
import { type ReactNode, Suspense, lazy, useMemo, useState } from 'react';
import { type ApiClient, type TokenProvider, createApiClient } from './api/client';
import { DevBanner } from './dev/DevBanner';
import { DevIdentityPicker } from './dev/DevIdentityPicker';
import { LocalActivityFeed } from './dev/LocalActivityFeed';
import { ThemeMenu } from './dev/ThemeMenu';
import { devUserKey, useDevIdentity } from './dev/useDevIdentity';
import { PortfolioPage } from './portfolio/PortfolioPage';
import { AppNav } from './shared/AppNav';
import { ErrorState } from './shared/ErrorState';
import { Loading } from './shared/Loading';
import { AppToaster } from './shared/notify';
import { type Route, useRoute } from './shared/route';
import { SETTING_KEYS, readSetting, writeSetting } from './shared/storage';
import { SignalsSection, isSignalsRoute } from './signals/SignalsSection';

// Pages other than the portfolio load on first visit, so the first paint carries only the portfolio.
const ChangesSection = lazy(() => import('./changes/ChangesSection').then((m) => ({ default: m.ChangesSection })));
const ConfigPage = lazy(() => import('./config/ConfigPage').then((m) => ({ default: m.ConfigPage })));
const AdminPage = lazy(() => import('./admin/AdminPage').then((m) => ({ default: m.AdminPage })));
const CheckInsPage = lazy(() => import('./checkins/CheckInsPage').then((m) => ({ default: m.CheckInsPage })));
import { FLUENT_THEMES, type ThemeName, isThemeName } from './shared/theme';
import type { TeamsHost } from './teams/host';
import { useHost, useTeamsTheme } from './teams/useHost';

const useStyles = makeStyles({
  root: { minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground2, color: tokens.colorNeutralForeground1 },
  bar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalL,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXXL}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  header: { backgroundColor: tokens.colorNeutralBackground1 },
  brand: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400 },
  devControls: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
  banner: { padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXXL} 0` },
  main: { padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXXL} ${tokens.spacingVerticalXXXL}` },
});

export function App() {
  const host = useHost();
  const teamsTheme = useTeamsTheme(host);
  const [devTheme, setDevTheme] = useState<ThemeName>(() => {
    const saved = readSetting(SETTING_KEYS.devTheme);
    return isThemeName(saved) ? saved : 'light';
  });
  const theme = teamsTheme ?? (host.kind === 'browser' ? devTheme : 'light');
  const styles = useStyles();
  const route = useRoute();

  const chooseDevTheme = (next: ThemeName) => {
    writeSetting(SETTING_KEYS.devTheme, next);
    setDevTheme(next);
  };

  return (
    // Styles go on an inner element: Fluent copies the provider's className onto every
    // portal (menus, listboxes), where a full-height background would cover the page.
    <FluentProvider theme={FLUENT_THEMES[theme]}>
      <div className={styles.root}>
        {host.kind === 'detecting' && <Loading label="Starting PMO Relay…" />}
        {host.kind === 'teams' && <TeamsApp host={host} route={route} />}
        {host.kind === 'browser' && <DevApp route={route} theme={devTheme} onThemeChange={chooseDevTheme} />}
        <AppToaster />
      </div>
    </FluentProvider>
  );
}

function Page({ api, route, inTeams, frameContext }: { readonly api: ApiClient; readonly route: Route; readonly inTeams: boolean; readonly frameContext?: string | undefined }) {
  if (frameContext === 'settings' || route.page === 'config') {
    return (
      <Suspense fallback={<Loading label="Loading the page…" />}>
        <ConfigPage api={api} inTeams={inTeams} />
      </Suspense>
    );
  }
  return (
    <>
      <AppNav api={api} route={route} />
      <Suspense fallback={<Loading label="Loading the page…" />}>
        <PageBody api={api} route={route} />
      </Suspense>
    </>
  );
}

/** The page a route shows, below the navigation. */
function PageBody({ api, route }: { readonly api: ApiClient; readonly route: Route }) {
  if (route.page === 'changes' || route.page === 'change' || route.page === 'compose') return <ChangesSection api={api} route={route} />;
  if (isSignalsRoute(route)) return <SignalsSection api={api} route={route} />;
  if (route.page === 'checkins') return <CheckInsPage api={api} domainId={route.domainId} />;
  if (route.page === 'rollup') return <PortfolioPage api={api} rollup />;
  if (route.page === 'admin') return <AdminPage api={api} section={route.section} />;
  return <PortfolioPage api={api} {...(route.page === 'portfolio' ? { domainId: route.domainId, query: route.query } : {})} />;
}

/** Inside Teams: SSO token, Teams theme, no chrome of our own (Teams shows the app name). */
function TeamsApp({ host, route }: { readonly host: TeamsHost; readonly route: Route }) {
  const styles = useStyles();
  const api = useMemo(() => createApiClient(() => host.getToken()), [host]);
  return (
    <main className={styles.main}>
      <Page api={api} route={route} inTeams frameContext={host.frameContext} />
    </main>
  );
}

interface DevAppProps {
  readonly route: Route;
  readonly theme: ThemeName;
  onThemeChange(theme: ThemeName): void;
}

/** Outside Teams: development mode with a demo identity, clearly marked. */
function DevApp({ route, theme, onThemeChange }: DevAppProps) {
  const styles = useStyles();
  const identity = useDevIdentity(true);

  let body: ReactNode;
  if (identity.status === 'loading') body = <Loading label="Loading demo identities…" />;
  else if (identity.status === 'error') body = <ErrorState title="Could not load the demo identities" message={identity.message} onRetry={identity.retry} />;
  else if (identity.status === 'unavailable') {
    body = (
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>Open PMO Relay in Microsoft Teams</MessageBarTitle>
          This server is not in development mode, so there are no demo identities. The tab signs you in through Teams: open it from the PMO Relay app in Teams.
        </MessageBarBody>
      </MessageBar>
    );
  } else {
    // Keyed by identity, so switching users starts every page afresh with the new token.
    body = <DevPage key={devUserKey(identity.user)} getToken={identity.getToken} route={route} />;
  }

  return (
    <>
      {/* The development-mode notice is part of the banner landmark, so no content sits outside a landmark. */}
      <header className={styles.header}>
        <div className={styles.bar}>
          <Text className={styles.brand}>PMO Relay</Text>
          <div className={styles.devControls}>
            {identity.status === 'ready' && <DevIdentityPicker users={identity.users} user={identity.user} onSelect={identity.select} />}
            {/* In the bar, beside the identity it belongs to: the page below keeps all its height. */}
            {identity.status === 'ready' && <DevActivityFeed key={devUserKey(identity.user)} getToken={identity.getToken} />}
            <ThemeMenu theme={theme} onChange={onThemeChange} />
          </div>
        </div>
        {identity.status !== 'unavailable' && (
          <div className={styles.banner}>
            <DevBanner />
          </div>
        )}
      </header>
      <main className={styles.main}>{body}</main>
    </>
  );
}

function DevPage({ getToken, route }: { readonly getToken: TokenProvider; readonly route: Route }) {
  const api = useMemo(() => createApiClient(getToken), [getToken]);
  return <Page api={api} route={route} inTeams={false} />;
}

function DevActivityFeed({ getToken }: { readonly getToken: TokenProvider }) {
  const api = useMemo(() => createApiClient(getToken), [getToken]);
  return <LocalActivityFeed api={api} />;
}
