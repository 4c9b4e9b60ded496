/**
 * The tab's top-level pages, in the order the navigation shows them. A feature adds its
 * entry here (and its routes in route.ts); the shell renders whatever this list holds.
 */
import type { Route } from './route';

export interface NavItem {
  /** Stable value for the tab list. */
  readonly value: string;
  readonly label: string;
  /** Where the entry goes. */
  readonly hash: string;
  /** The route pages that belong to this entry (it shows as selected on any of them). */
  readonly pages: readonly Route['page'][];
}

export const NAV_ITEMS: readonly NavItem[] = [
  { value: 'portfolio', label: 'Portfolio', hash: '#/portfolio', pages: ['portfolio', 'rollup'] },
  { value: 'changes', label: 'Strategy changes', hash: '#/changes', pages: ['changes', 'change', 'compose'] },
  { value: 'signals', label: 'Signals', hash: '#/signals', pages: ['signals', 'signal'] },
  { value: 'epmo', label: 'EPMO queue', hash: '#/epmo', pages: ['epmo'] },
  { value: 'decisions', label: 'Decisions', hash: '#/decisions', pages: ['decisions'] },
];

/** The entry a route belongs to, if any (the configuration page belongs to none). */
export const navItemFor = (route: Route, items: readonly NavItem[] = NAV_ITEMS): NavItem | undefined =>
  items.find((item) => item.pages.includes(route.page));
