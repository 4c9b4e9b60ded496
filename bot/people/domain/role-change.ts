/**
 * Role changes (PRODUCT.md §1, issue #11): every change to a person's roles is kept, append-only,
 * as who changed what for whom and when; and a tenant is never left without a tenant admin.
 */
import { ROLE_LABELS, type RoleAssignment, type User } from '../../kernel/roles';

/** One change to one person's roles, as recorded. */
export interface RoleChange {
  readonly tenantId: string;
  readonly id: string;
  /** ISO time of the change. */
  readonly at: string;
  /** Who made it: a tenant admin, or `system` for BOOTSTRAP_ADMINS at start. */
  readonly by: { readonly userId: string; readonly displayName: string };
  /** Whose roles changed. */
  readonly subject: { readonly userId: string; readonly displayName: string };
  readonly granted: readonly LabelledRole[];
  readonly removed: readonly LabelledRole[];
}

/** A role with the words people read it by, as they were when it changed (`PMO lead · IT`). */
export interface LabelledRole {
  readonly role: RoleAssignment;
  readonly label: string;
}

/** A person with each role as people read it (`roleLabels[i]` names `roles[i]`). */
export type LabelledUser = User & { readonly roleLabels: readonly string[] };

/** One key per distinct role: PMO leads per domain, team members per item. */
export const roleKey = (r: RoleAssignment): string =>
  r.role === 'pmo_lead' ? `pmo_lead:${r.domainId}` : r.role === 'team_member' ? `team_member:${r.workItemId}` : r.role;

/** The roles given each once, in the order given. */
export const distinctRoles = (roles: readonly RoleAssignment[]): RoleAssignment[] => [...new Map(roles.map((r) => [roleKey(r), r])).values()];

/** What `after` grants and removes compared with `before`. */
export function roleDiff(before: readonly RoleAssignment[], after: readonly RoleAssignment[]): { granted: RoleAssignment[]; removed: RoleAssignment[] } {
  const had = new Set(before.map(roleKey));
  const has = new Set(after.map(roleKey));
  return { granted: after.filter((r) => !had.has(roleKey(r))), removed: before.filter((r) => !has.has(roleKey(r))) };
}

/** Names of the records roles point at, where known. */
export interface RoleTargets {
  domainName(domainId: string): string | undefined;
  itemTitle(workItemId: string): string | undefined;
}

/** A role as people read it: `Tenant admin`, `PMO lead · IT`, `Team member · Payroll upgrade` (ids when the record is gone). */
export function roleLabel(r: RoleAssignment, names: RoleTargets): string {
  if (r.role === 'pmo_lead') return `${ROLE_LABELS.pmo_lead} · ${names.domainName(r.domainId) ?? r.domainId}`;
  if (r.role === 'team_member') return `${ROLE_LABELS.team_member} · ${names.itemTitle(r.workItemId) ?? r.workItemId}`;
  return ROLE_LABELS[r.role];
}

const isAdmin = (roles: readonly RoleAssignment[]): boolean => roles.some((r) => r.role === 'tenant_admin');

/**
 * Whether giving `userId` the roles `next` would leave the tenant with no tenant admin, given who
 * holds the role now (`admins`, their user ids).
 */
export const removesLastAdmin = (admins: readonly string[], userId: string, next: readonly RoleAssignment[]): boolean =>
  !isAdmin(next) && admins.includes(userId) && admins.every((a) => a === userId);
