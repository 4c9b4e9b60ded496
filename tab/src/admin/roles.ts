/** A person's roles as the admin area holds them while editing: each with the words people read it by. */
import type { PersonMatch, PersonResponse, RoleAssignment } from './api';

export interface HeldRole {
  readonly role: RoleAssignment;
  readonly label: string;
}

/** Whose roles are being edited. */
export interface RoleHolder {
  readonly userId: string;
  readonly displayName: string;
  readonly email?: string;
  readonly roles: readonly HeldRole[];
}

/** One key per distinct role: a PMO lead per domain, a team member per item. */
export const roleKey = (r: RoleAssignment): string => (r.role === 'pmo_lead' ? `pmo_lead:${r.domainId}` : r.role === 'team_member' ? `team_member:${r.workItemId}` : r.role);

/** Whether two roles are the same role (a PMO lead per domain, a team member per item). */
export const sameRole = (a: RoleAssignment, b: RoleAssignment): boolean => roleKey(a) === roleKey(b);

export const holderOfPerson = (p: PersonResponse): RoleHolder => ({
  userId: p.userId,
  displayName: p.displayName,
  ...(p.email ? { email: p.email } : {}),
  roles: p.roles.map((role, i) => ({ role, label: p.roleLabels[i] ?? role.role })),
});

export const holderOfMatch = (p: PersonMatch): RoleHolder => ({ userId: p.userId, displayName: p.displayName, ...(p.email ? { email: p.email } : {}), roles: p.roles });
