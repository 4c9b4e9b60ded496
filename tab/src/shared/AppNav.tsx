import { Tab, TabList, makeStyles, tokens } from '@fluentui/react-components';
import type { ApiClient } from '../api/client';
import { NAV_ITEMS, navItemFor, navItemsFor } from './nav';
import { type Route, navigate } from './route';
import { useMe } from './useMe';

const useStyles = makeStyles({
  nav: { marginBottom: tokens.spacingVerticalL, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, minHeight: '44px' },
});

/**
 * The app's pages as a tab list, only those the caller's roles can use (GET /api/me); selecting
 * one changes the hash route. Until the roles arrive no entry shows, rather than ones that may
 * vanish; if they cannot be read every entry shows and the pages themselves explain a refusal.
 */
export function AppNav({ api, route }: { readonly api: ApiClient; readonly route: Route }) {
  const styles = useStyles();
  const me = useMe(api);
  const items = me.status === 'ready' ? navItemsFor(me.data) : me.status === 'error' ? NAV_ITEMS : [];
  const current = navItemFor(route, items);
  return (
    <nav aria-label="PMO Relay" className={styles.nav}>
      <TabList
        selectedValue={current?.value ?? null}
        onTabSelect={(_e, data) => {
          const item = items.find((i) => i.value === data.value);
          if (item) navigate(item.hash);
        }}
      >
        {items.map((item) => (
          <Tab key={item.value} value={item.value}>
            {item.label}
          </Tab>
        ))}
      </TabList>
    </nav>
  );
}
