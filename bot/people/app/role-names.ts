/**
 * A person's roles as people read them, e.g. `PMO lead · IT` or `Team member (2 items)`: the
 * development sign-in lists identities by these rather than by role and domain ids.
 */
import { ROLE_LABELS, type RoleAssignment } from '../../kernel/roles';

const ORDER = ['strategy_owner', 'epmo_member', 'tenant_admin'] as const;

/** One name per role held; PMO leads once per domain, named by `domainName` (the id when unknown). */
export function roleNames(roles: readonly RoleAssignment[], domainName: (domainId: string) => string | undefined): string[] {
  const names: string[] = ORDER.filter((role) => roles.some((r) => r.role === role)).map((role) => ROLE_LABELS[role]);
  for (const r of roles) if (r.role === 'pmo_lead') names.push(`${ROLE_LABELS.pmo_lead} · ${domainName(r.domainId) ?? r.domainId}`);
  const items = roles.filter((r) => r.role === 'team_member').length;
  if (items > 0) names.push(items === 1 ? ROLE_LABELS.team_member : `${ROLE_LABELS.team_member} (${items} items)`);
  return names;
}
