/**
 * People and their roles, managed by the tenant admin (PRODUCT.md §1: "assign roles").
 * A deployed tenant starts with the admins named in BOOTSTRAP_ADMINS; they assign the rest.
 */
import { type Result, forbidden, invalid, notFound, ok } from '../../kernel/result';
import { type Principal, type RoleAssignment, type User, can, isEpmo } from '../../kernel/roles';
import type { PortfolioRepositories } from '../../portfolio';
import type { UserDirectory } from '../ports';
import { roleNames } from './role-names';
import type { Clock } from '../../kernel/runtime';
import type { Tenant, TenantRepository } from '../../kernel/tenant';

/** What the people use cases need: the directory, and the domains and items roles point at. */
export interface PeopleDeps {
  readonly repos: Pick<PortfolioRepositories, 'domains' | 'workItems'> & { readonly users: UserDirectory };
  readonly clock: Clock;
}

/** A person's name, email and full set of roles, as the tenant admin sends them. */
export interface PersonInput {
  readonly displayName: string;
  readonly email?: string;
  readonly roles: readonly RoleAssignment[];
}

const roleKey = (r: RoleAssignment): string =>
  r.role === 'pmo_lead' ? `pmo_lead:${r.domainId}` : r.role === 'team_member' ? `team_member:${r.workItemId}` : r.role;

/** Everyone the tenant has given a role, for the tenant admin. */
export async function listPeople(deps: PeopleDeps, p: Principal): Promise<Result<User[]>> {
  if (!can(p, 'role.assign')) return forbidden('Only a tenant admin can see and assign roles.');
  const people = await deps.repos.users.list(p.tenantId);
  return ok(people.sort((a, b) => a.displayName.localeCompare(b.displayName)));
}

/**
 * The tenant's people by name, for whoever assigns work items an owner: PMO leads, the EPMO and
 * tenant admins. Only names and ids leave; roles and email stay with the admin's view.
 */
export async function peopleDirectory(deps: PeopleDeps, p: Principal): Promise<Result<{ userId: string; displayName: string }[]>> {
  const assignsOwners = isEpmo(p) || p.roles.some((r) => r.role === 'pmo_lead' || r.role === 'tenant_admin');
  if (!assignsOwners) return forbidden('Only PMO leads, the EPMO and tenant admins can look people up.');
  const people = await deps.repos.users.list(p.tenantId);
  return ok(people.map(({ userId, displayName }) => ({ userId, displayName })).sort((a, b) => a.displayName.localeCompare(b.displayName)));
}

/**
 * Sets a person's roles (replacing the previous set). Domains and work items must exist in the
 * admin's tenant; an admin cannot remove their own admin role, so a tenant is never left
 * without one by accident.
 */
export async function assignRoles(deps: PeopleDeps, p: Principal, userId: string, input: PersonInput): Promise<Result<User>> {
  if (!can(p, 'role.assign')) return forbidden('Only a tenant admin can assign roles.');
  const named = input.roles.flatMap((r) => (r.role === 'team_member' ? [r.workItemId] : []));
  const [domains, items] = await Promise.all([deps.repos.domains.list(p.tenantId), deps.repos.workItems.domainsOf(p.tenantId, named)]);
  const domainIds = new Set(domains.map((d) => d.value.id));
  const itemIds = new Set(items.keys());
  const problems = input.roles.flatMap((r, i) => {
    if (r.role === 'pmo_lead' && !domainIds.has(r.domainId)) return [{ at: `roles[${i}].domainId`, message: `Unknown domain "${r.domainId}".` }];
    if (r.role === 'team_member' && !itemIds.has(r.workItemId)) return [{ at: `roles[${i}].workItemId`, message: `Unknown work item "${r.workItemId}".` }];
    return [];
  });
  if (problems.length > 0) return invalid('The roles name records that do not exist.', problems);
  if (userId === p.userId && !input.roles.some((r) => r.role === 'tenant_admin')) {
    return invalid('You cannot remove your own tenant admin role; ask another admin.');
  }
  const roles = [...new Map(input.roles.map((r) => [roleKey(r), r])).values()];
  const user: User = { tenantId: p.tenantId, userId, displayName: input.displayName, ...(input.email ? { email: input.email } : {}), roles };
  await deps.repos.users.upsert(user);
  return ok(user);
}

/** One person's roles: tenant admins see anyone, others only themselves. */
export async function getPerson(deps: PeopleDeps, p: Principal, userId: string): Promise<Result<User>> {
  if (!can(p, 'role.assign') && userId !== p.userId) return forbidden('Only a tenant admin can see other people\'s roles.');
  const user = await deps.repos.users.get(p.tenantId, userId);
  return user ? ok(user) : notFound('That person');
}

/** Everyone in every tenant, with their tenant and their roles by name: the people the development sign-in offers. */
export async function listEveryone(deps: {
  readonly tenants: Pick<TenantRepository, 'list'>;
  readonly users: UserDirectory;
  readonly domains: Pick<PortfolioRepositories['domains'], 'list'>;
}): Promise<{ readonly tenant: Tenant; readonly user: User; readonly roleNames: readonly string[] }[]> {
  const everyone: { tenant: Tenant; user: User; roleNames: string[] }[] = [];
  for (const tenant of await deps.tenants.list()) {
    const [users, domains] = await Promise.all([deps.users.list(tenant.tenantId), deps.domains.list(tenant.tenantId)]);
    const names = new Map(domains.map((d) => [d.value.id, d.value.name]));
    for (const user of users) everyone.push({ tenant, user, roleNames: roleNames(user.roles, (id) => names.get(id)) });
  }
  return everyone;
}

/**
 * Makes sure each `tenantId:userId` pair holds the tenant admin role (BOOTSTRAP_ADMINS), so a
 * freshly deployed tenant has someone who can assign roles. Other roles they hold are kept.
 */
export async function bootstrapAdmins(deps: PeopleDeps, admins: readonly { tenantId: string; userId: string }[]): Promise<number> {
  let added = 0;
  for (const a of admins) {
    const existing = await deps.repos.users.get(a.tenantId, a.userId);
    if (existing?.roles.some((r) => r.role === 'tenant_admin')) continue;
    await deps.repos.users.upsert({
      tenantId: a.tenantId,
      userId: a.userId,
      displayName: existing?.displayName ?? 'Tenant admin',
      ...(existing?.email ? { email: existing.email } : {}),
      roles: [...(existing?.roles ?? []), { role: 'tenant_admin' }],
    });
    added += 1;
  }
  return added;
}
