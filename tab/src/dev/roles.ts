/** How a demo identity's roles read in the picker. */
import type { RoleAssignment } from '../../../bot/kernel/roles';

const LABELS: Readonly<Record<RoleAssignment['role'], string>> = {
  epmo_member: 'EPMO member',
  strategy_owner: 'Strategy owner',
  pmo_lead: 'PMO lead',
  team_member: 'Team member',
  tenant_admin: 'Tenant admin',
};

/** E.g. `PMO lead (dom-it) · Team member ×2`; `No roles` when none. */
export function describeRoles(roles: readonly RoleAssignment[]): string {
  const parts: string[] = [];
  const leads = roles.flatMap((r) => (r.role === 'pmo_lead' ? [r.domainId] : []));
  const teams = roles.filter((r) => r.role === 'team_member').length;
  for (const role of ['strategy_owner', 'epmo_member', 'tenant_admin'] as const) {
    if (roles.some((r) => r.role === role)) parts.push(LABELS[role]);
  }
  if (leads.length > 0) parts.push(`${LABELS.pmo_lead} (${leads.join(', ')})`);
  if (teams > 0) parts.push(teams === 1 ? LABELS.team_member : `${LABELS.team_member} ×${teams}`);
  return parts.length > 0 ? parts.join(' · ') : 'No roles';
}

export const isPmoLead = (roles: readonly RoleAssignment[]): boolean => roles.some((r) => r.role === 'pmo_lead');
