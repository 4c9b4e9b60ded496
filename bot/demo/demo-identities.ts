/**
 * The demo tenant and its people, one or more in every role. Shared by the seed, the
 * development sign-in and the Agents Playground configuration so they always agree.
 */
import type { RoleAssignment } from '../kernel/roles';

/**
 * The Teams user id (MRI) the Agents Playground gives a demo person (scripts/lib/playground-config.ts):
 * seeded as if Teams had told it, so the demo's cards name people the way Teams would.
 */
export const demoTeamsUserId = (userId: string): string => `29:${userId}`;

export const DEMO_TENANT = { tenantId: '6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a00', name: 'Contoso (demo)' } as const;

export interface DemoUser {
  readonly userId: string;
  readonly displayName: string;
  readonly email: string;
  readonly roles: readonly RoleAssignment[];
}

export const DEMO_USERS: readonly DemoUser[] = [
  { userId: 'a0000000-0000-4000-8000-000000000001', displayName: 'Avery Admin', email: 'avery.admin@contoso.example', roles: [{ role: 'tenant_admin' }] },
  { userId: 'a0000000-0000-4000-8000-000000000002', displayName: 'Sam Strategy', email: 'sam.strategy@contoso.example', roles: [{ role: 'epmo_member' }, { role: 'strategy_owner' }] },
  { userId: 'a0000000-0000-4000-8000-000000000003', displayName: 'Erin Epmo', email: 'erin.epmo@contoso.example', roles: [{ role: 'epmo_member' }] },
  { userId: 'a0000000-0000-4000-8000-000000000004', displayName: 'Priya Patel', email: 'priya.patel@contoso.example', roles: [{ role: 'pmo_lead', domainId: 'dom-it' }] },
  { userId: 'a0000000-0000-4000-8000-000000000005', displayName: 'Hannah Hughes', email: 'hannah.hughes@contoso.example', roles: [{ role: 'pmo_lead', domainId: 'dom-hr' }] },
  { userId: 'a0000000-0000-4000-8000-000000000006', displayName: 'Felix Fischer', email: 'felix.fischer@contoso.example', roles: [{ role: 'pmo_lead', domainId: 'dom-fin' }] },
  { userId: 'a0000000-0000-4000-8000-000000000007', displayName: 'Omar Okafor', email: 'omar.okafor@contoso.example', roles: [{ role: 'pmo_lead', domainId: 'dom-ops' }] },
  { userId: 'a0000000-0000-4000-8000-000000000008', displayName: 'Tara Team', email: 'tara.team@contoso.example', roles: [{ role: 'team_member', workItemId: 'wi-001' }, { role: 'team_member', workItemId: 'wi-002' }] },
  { userId: 'a0000000-0000-4000-8000-000000000009', displayName: 'Diego Delivery', email: 'diego.delivery@contoso.example', roles: [{ role: 'team_member', workItemId: 'wi-013' }] },
  { userId: 'a0000000-0000-4000-8000-00000000000a', displayName: 'Mia Maker', email: 'mia.maker@contoso.example', roles: [{ role: 'team_member', workItemId: 'wi-025' }] },
];

/** The PMO lead most people try first in the tab. */
export const DEFAULT_DEMO_USER = DEMO_USERS[3];
