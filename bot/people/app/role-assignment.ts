/**
 * Assigning roles (PRODUCT.md §1): the tenant admin sets a person's full set of roles, which
 * takes effect on their next request or message (roles are read per request, never cached).
 * Every change is recorded (who, what, for whom, when), and the last tenant admin cannot lose
 * the role: the tenant would have nobody left to assign roles.
 */
import { type Result, fail, forbidden, invalid, ok } from '../../kernel/result';
import { StorageUnavailable } from '../../kernel/storage-unavailable';
import { type Principal, type RoleAssignment, type User, can } from '../../kernel/roles';
import type { IdSource } from '../../kernel/runtime';
import type { Versioned } from '../../kernel/versioned';
import { parseInput } from '../../kernel/validation';
import { type LabelledRole, type LabelledUser, type RoleChange, distinctRoles, removesLastAdmin, roleDiff, roleLabel } from '../domain/role-change';
import type { RoleChangeLog } from '../ports';
import { entraIdSchema, personInputSchema } from './inputs';
import type { PeopleDeps } from './people';
import { roleTargets } from './role-targets';

/** What assigning roles needs beyond the people use cases: where changes are recorded, and their ids. */
export interface RoleAssignmentDeps extends PeopleDeps {
  readonly roleChanges: RoleChangeLog;
  readonly ids: IdSource;
}

const isAdmin = (u: Pick<User, 'roles'>): boolean => u.roles.some((r) => r.role === 'tenant_admin');

/** Times a save reads the people again after another change of roles came between its read and its write. */
const SAVE_ATTEMPTS = 5;

/**
 * Saves `user`'s new roles from a fresh read, in one step with checks that what the decision
 * rested on still holds: the person's own record is as read (so a role granted meanwhile is not
 * silently taken back) and, when they lose the tenant admin role, one other admin's record is as
 * read too. Two admins removing each other at the same moment cannot both succeed: the first
 * changes the record the second checks. `last` when nobody else is an admin (nothing saved);
 * otherwise the roles they had before.
 */
async function saveRoles(deps: PeopleDeps, user: User): Promise<{ readonly last: User } | { readonly saved: User | undefined }> {
  for (let attempt = 0; attempt < SAVE_ATTEMPTS; attempt++) {
    const everyone = await deps.repos.users.listVersioned(user.tenantId);
    const current = everyone.find((u) => u.value.userId === user.userId);
    let witness: Versioned<User> | undefined;
    if (current && isAdmin(current.value) && !isAdmin(user)) {
      const admins = everyone.filter((u) => isAdmin(u.value));
      witness = admins.find((a) => a.value.userId !== user.userId);
      if (!witness || removesLastAdmin(admins.map((a) => a.value.userId), user.userId, user.roles)) return { last: current.value };
    }
    if (await deps.repos.users.replaceIfUnchanged(user, current?.etag, witness)) return { saved: current?.value };
  }
  // The records changed between every read and write: answered "busy, try again".
  throw new StorageUnavailable(1, { slow: true, cause: new Error(`roles kept changing; gave up after ${SAVE_ATTEMPTS} attempts`) });
}

/**
 * Sets a person's roles (replacing the previous set); an empty set removes them all. The caller's
 * right is checked before the path or body is read; domains and work items named must exist in
 * the admin's tenant.
 */
export async function assignRoles(deps: RoleAssignmentDeps, p: Principal, rawUserId: unknown, body: unknown): Promise<Result<LabelledUser>> {
  if (!can(p, 'role.assign')) return forbidden('Only a tenant admin can assign roles.');
  const userId = parseInput(entraIdSchema, rawUserId, 'The user id in the path');
  if (!userId.ok) return userId;
  const input = parseInput(personInputSchema, body);
  if (!input.ok) return input;
  const before = await deps.repos.users.get(p.tenantId, userId.value);
  const roles = distinctRoles(input.value.roles);
  const targets = await roleTargets(deps, p.tenantId, [...roles, ...(before?.roles ?? [])]);
  const problems = input.value.roles.flatMap((r, i) => {
    if (r.role === 'pmo_lead' && targets.domainName(r.domainId) === undefined) return [{ at: `roles[${i}].domainId`, message: `Unknown domain "${r.domainId}".` }];
    if (r.role === 'team_member' && targets.itemTitle(r.workItemId) === undefined) return [{ at: `roles[${i}].workItemId`, message: `Unknown work item "${r.workItemId}".` }];
    return [];
  });
  if (problems.length > 0) return invalid('The roles name records that do not exist.', problems);
  const { displayName, email } = input.value;
  const user: User = { tenantId: p.tenantId, userId: userId.value, displayName, ...(email ? { email } : {}), roles };
  const outcome = await saveRoles(deps, user);
  if ('last' in outcome) {
    const who = userId.value === p.userId ? 'You are' : `${outcome.last.displayName} is`;
    return fail('CONFLICT.LAST_ONE', `${who} the last tenant admin. Make someone else a tenant admin first, then remove this role.`);
  }
  const diff = roleDiff(outcome.saved?.roles ?? [], roles);
  if (diff.granted.length > 0 || diff.removed.length > 0) {
    const label = (r: RoleAssignment): LabelledRole => ({ role: r, label: roleLabel(r, targets) });
    const change: RoleChange = {
      tenantId: p.tenantId,
      id: deps.ids.next('rc'),
      at: deps.clock.now().toISOString(),
      by: { userId: p.userId, displayName: p.displayName },
      subject: { userId: user.userId, displayName: user.displayName },
      granted: diff.granted.map(label),
      removed: diff.removed.map(label),
    };
    await deps.roleChanges.append(change);
  }
  return ok({ ...user, roleLabels: roles.map((r) => roleLabel(r, targets)) });
}

/** The tenant's role changes, newest first, a page at a time (tenant admins). */
export async function listRoleChanges(deps: RoleAssignmentDeps, p: Principal, continuation?: string): Promise<Result<{ changes: RoleChange[]; continuation?: string }>> {
  if (!can(p, 'role.assign')) return forbidden('Only a tenant admin can see the record of role changes.');
  const page = await deps.roleChanges.page(p.tenantId, ROLE_CHANGE_PAGE, continuation);
  return page ? ok(page) : invalid('The continuation is not one this list gave. Start again from the first page.');
}

/** Role changes per page of the record. */
export const ROLE_CHANGE_PAGE = 50;
