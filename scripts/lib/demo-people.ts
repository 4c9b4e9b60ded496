/**
 * Finds a demo person from what a newcomer types after `--as`: a role (`admin`, `strategy`,
 * `epmo`, `pmo-it`, `pmo-hr`, `pmo-fin`, `pmo-ops`, `team`), a first name, an email or an id.
 */
import type { RoleAssignment } from '../../bot/kernel/roles';
import { ROLE_LABELS } from '../../bot/kernel/roles';
import type { PlaygroundPerson } from './playground-config';

/** Role shortcuts, each the first demo person that matches. */
export const ROLE_SHORTCUTS: Readonly<Record<string, (r: RoleAssignment) => boolean>> = {
  admin: (r) => r.role === 'tenant_admin',
  strategy: (r) => r.role === 'strategy_owner',
  epmo: (r) => r.role === 'epmo_member',
  'pmo-it': (r) => r.role === 'pmo_lead' && r.domainId === 'dom-it',
  'pmo-hr': (r) => r.role === 'pmo_lead' && r.domainId === 'dom-hr',
  'pmo-fin': (r) => r.role === 'pmo_lead' && r.domainId === 'dom-fin',
  'pmo-ops': (r) => r.role === 'pmo_lead' && r.domainId === 'dom-ops',
  team: (r) => r.role === 'team_member',
};

export function findDemoPerson(people: readonly PlaygroundPerson[], who: string): PlaygroundPerson | undefined {
  const w = who.trim().toLowerCase();
  const shortcut = ROLE_SHORTCUTS[w];
  if (shortcut) {
    // Prefer someone for whom this is the main role (an EPMO member who is not also a strategy owner).
    const holders = people.filter((p) => p.roles.some(shortcut));
    return holders.find((p) => p.roles.length === 1) ?? holders[0];
  }
  return people.find(
    (p) =>
      p.userId.toLowerCase() === w ||
      p.email.toLowerCase() === w ||
      p.email.toLowerCase().split('@')[0] === w ||
      p.displayName.toLowerCase() === w ||
      p.displayName.toLowerCase().split(' ')[0] === w,
  );
}

export function describeRoles(roles: readonly RoleAssignment[]): string {
  return roles
    .map((r) => (r.role === 'pmo_lead' ? `${ROLE_LABELS.pmo_lead} (${r.domainId})` : r.role === 'team_member' ? `${ROLE_LABELS.team_member} (${r.workItemId})` : ROLE_LABELS[r.role]))
    .join(', ');
}
