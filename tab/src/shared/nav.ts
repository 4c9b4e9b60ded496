/**
 * The tab's top-level pages, in the order the navigation shows them. A feature adds its
 * entry here (and its routes in route.ts); the shell renders whatever this list holds.
 */
import type { MeResponse } from '../../../bot/api-contract/people';
import type { Route } from './route';
import { isEpmoMember, isTenantAdmin, worksInbox } from './useMe';

type Roles = Pick<MeResponse, 'roles'>;

export interface NavItem {
  /** Stable value for the tab list. */
  readonly value: string;
  readonly label: string;
  /** Where the entry goes. */
  readonly hash: string;
  /** The route pages that belong to this entry (it shows as selected on any of them). */
  readonly pages: readonly Route['page'][];
  /** Whether the caller's roles let them use the page (absent: everyone); the server checks again. */
  readonly usableBy?: (me: Roles) => boolean;
}

/**
 * Strategy changes and signals are for the people they cascade to and who raise them: the EPMO,
 * PMO leads and delivery teams. The server shows a tenant admin (who administers, not delivers)
 * no change and lets them raise no signal, so those pages would only say "none yet" to them.
 */
const takesPart = (me: Roles): boolean => worksInbox(me) || me.roles.some((r) => r.role === 'team_member');

export const NAV_ITEMS: readonly NavItem[] = [
  { value: 'portfolio', label: 'Portfolio', hash: '#/portfolio', pages: ['portfolio', 'rollup'] },
  { value: 'changes', label: 'Strategy changes', hash: '#/changes', pages: ['changes', 'change', 'compose'], usableBy: takesPart },
  { value: 'signals', label: 'Signals', hash: '#/signals', pages: ['signals', 'signal'], usableBy: takesPart },
  { value: 'epmo', label: 'EPMO queue', hash: '#/epmo', pages: ['epmo'], usableBy: isEpmoMember },
  // The decision log is for the EPMO and the PMO leads whose escalations it records.
  { value: 'decisions', label: 'Decisions', hash: '#/decisions', pages: ['decisions'], usableBy: worksInbox },
  // Check-ins are run by PMO leads and tenant admins; the EPMO follows them read-only.
  { value: 'checkins', label: 'Check-ins', hash: '#/check-ins', pages: ['checkins'], usableBy: (me) => worksInbox(me) || me.roles.some((r) => r.role === 'tenant_admin') },
  { value: 'admin', label: 'Admin', hash: '#/admin', pages: ['admin'], usableBy: isTenantAdmin },
];

/** The entry a route belongs to, if any (the configuration page belongs to none). */
export const navItemFor = (route: Route, items: readonly NavItem[] = NAV_ITEMS): NavItem | undefined =>
  items.find((item) => item.pages.includes(route.page));

/** The entries the caller's roles can use: team members do not see the EPMO's pages, tenant admins the portfolio and Admin. */
export const navItemsFor = (me: Roles, items: readonly NavItem[] = NAV_ITEMS): NavItem[] => items.filter((item) => item.usableBy?.(me) ?? true);
