/** Navigation follows roles: only pages a role can use are offered; identities read by role names. */
import { describe, expect, it } from '@jest/globals';
import type { RoleAssignment } from '../../bot/kernel/roles';
import { roleNames } from '../../bot/people/app/role-names';
import { navItemsFor } from '../../tab/src/shared/nav';

const labels = (...roles: RoleAssignment[]) => navItemsFor({ roles }).map((i) => i.label);

describe('navigation by role', () => {
  it('offers the EPMO every page, PMO leads all but the EPMO queue, team members the shared pages, admins the portfolio, check-ins and Admin', () => {
    expect(labels({ role: 'epmo_member' })).toEqual(['Portfolio', 'Strategy changes', 'Signals', 'EPMO queue', 'Decisions', 'Check-ins']);
    expect(labels({ role: 'pmo_lead', domainId: 'dom-it' })).toEqual(['Portfolio', 'Strategy changes', 'Signals', 'Decisions', 'Check-ins']);
    // Teams answer check-ins in their conversation's card, not in the tab.
    expect(labels({ role: 'team_member', workItemId: 'wi-1' })).toEqual(['Portfolio', 'Strategy changes', 'Signals']);
    // The server shows admins no strategy change and lets them raise no signal: no page that only says "none yet".
    expect(labels({ role: 'tenant_admin' })).toEqual(['Portfolio', 'Check-ins', 'Admin']);
    expect(labels({ role: 'tenant_admin' }, { role: 'pmo_lead', domainId: 'dom-it' })).toEqual(['Portfolio', 'Strategy changes', 'Signals', 'Decisions', 'Check-ins', 'Admin']);
  });
});

describe('role names', () => {
  it('names domains and counts items instead of showing ids', () => {
    const domains = new Map([['dom-it', 'IT']]);
    expect(roleNames([{ role: 'pmo_lead', domainId: 'dom-it' }], (id) => domains.get(id))).toEqual(['PMO lead · IT']);
    expect(roleNames([{ role: 'epmo_member' }, { role: 'strategy_owner' }], () => undefined)).toEqual(['Strategy owner', 'EPMO member']);
    expect(roleNames([{ role: 'team_member', workItemId: 'wi-1' }, { role: 'team_member', workItemId: 'wi-2' }], () => undefined)).toEqual(['Team member (2 items)']);
    expect(roleNames([], () => undefined)).toEqual([]);
  });
});
