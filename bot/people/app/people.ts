/**
 * People and their roles, managed by the tenant admin (PRODUCT.md §1: "assign roles").
 * A deployed tenant starts with the admins named in BOOTSTRAP_ADMINS; they assign the rest.
 */
import { type Result, forbidden, notFound, ok } from '../../kernel/result';
import { type Principal, ROLE_LABELS, type User, can, isEpmo } from '../../kernel/roles';
import type { Clock, IdSource } from '../../kernel/runtime';
import type { RoleChangeLog, UserDirectory } from '../ports';
import { type LabelledUser, roleLabel } from '../domain/role-change';
import { roleTargets } from './role-targets';
import type { PortfolioRepositories } from '../../portfolio';
import { roleNames } from './role-names';
import type { Tenant, TenantRepository } from '../../kernel/tenant';

/** What the people use cases need: the directory, and the domains and items roles point at. */
export interface PeopleDeps {
  readonly repos: Pick<PortfolioRepositories, 'domains' | 'workItems'> & { readonly users: UserDirectory };
  readonly clock: Clock;
}

/** Everyone the tenant has given a role (or had, and took away), by name, each role as people read it: for the tenant admin. */
export async function listPeople(deps: PeopleDeps, p: Principal): Promise<Result<LabelledUser[]>> {
  if (!can(p, 'role.assign')) return forbidden('Only a tenant admin can see and assign roles.');
  const people = await deps.repos.users.list(p.tenantId);
  const targets = await roleTargets(deps, p.tenantId, people.flatMap((u) => u.roles));
  return ok(people.sort((a, b) => a.displayName.localeCompare(b.displayName)).map((u) => ({ ...u, roleLabels: u.roles.map((r) => roleLabel(r, targets)) })));
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

/** One person's roles: tenant admins see anyone, others only themselves. */
export async function getPerson(deps: PeopleDeps, p: Principal, userId: string): Promise<Result<LabelledUser>> {
  if (!can(p, 'role.assign') && userId !== p.userId) return forbidden('Only a tenant admin can see other people\'s roles.');
  const user = await deps.repos.users.get(p.tenantId, userId);
  if (!user) return notFound('That person');
  const targets = await roleTargets(deps, p.tenantId, user.roles);
  return ok({ ...user, roleLabels: user.roles.map((r) => roleLabel(r, targets)) });
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
 * freshly deployed tenant has someone who can assign roles. Other roles they hold are kept; each
 * grant is recorded as made by the deployment's configuration.
 */
export async function bootstrapAdmins(deps: PeopleDeps & { readonly roleChanges: RoleChangeLog; readonly ids: IdSource }, admins: readonly { tenantId: string; userId: string }[]): Promise<number> {
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
    await deps.roleChanges.append({
      tenantId: a.tenantId,
      id: deps.ids.next('rc'),
      at: deps.clock.now().toISOString(),
      by: { userId: 'system', displayName: 'BOOTSTRAP_ADMINS (deployment settings)' },
      subject: { userId: a.userId, displayName: existing?.displayName ?? 'Tenant admin' },
      granted: [{ role: { role: 'tenant_admin' }, label: ROLE_LABELS.tenant_admin }],
      removed: [],
    });
    added += 1;
  }
  return added;
}
