import { Tab, TabList, makeStyles, tokens } from '@fluentui/react-components';
import { NAV_ITEMS, navItemFor } from './nav';
import { type Route, navigate } from './route';

const useStyles = makeStyles({
  nav: { marginBottom: tokens.spacingVerticalL, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
});

/** The app's pages as a tab list; selecting one changes the hash route. */
export function AppNav({ route }: { readonly route: Route }) {
  const styles = useStyles();
  const current = navItemFor(route);
  return (
    <nav aria-label="PMO Relay" className={styles.nav}>
      <TabList
        selectedValue={current?.value ?? null}
        onTabSelect={(_e, data) => {
          const item = NAV_ITEMS.find((i) => i.value === data.value);
          if (item) navigate(item.hash);
        }}
      >
        {NAV_ITEMS.map((item) => (
          <Tab key={item.value} value={item.value}>
            {item.label}
          </Tab>
        ))}
      </TabList>
    </nav>
  );
}
