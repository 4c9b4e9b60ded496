/** The names of the domains and work items roles point at, read for the roles at hand only. */
import type { RoleAssignment } from '../../kernel/roles';
import type { RoleTargets } from '../domain/role-change';
import type { PortfolioRepositories } from '../../portfolio';

/**
 * Domain names from the (cached) catalogue; item titles by point reads of just the items named,
 * never a read of the tenant's items. A name is undefined when its record does not exist.
 */
export async function roleTargets(deps: { readonly repos: Pick<PortfolioRepositories, 'domains' | 'workItems'> }, tenantId: string, roles: readonly RoleAssignment[]): Promise<RoleTargets> {
  const itemIds = [...new Set(roles.flatMap((r) => (r.role === 'team_member' ? [r.workItemId] : [])))];
  const [domains, items] = await Promise.all([deps.repos.domains.list(tenantId), itemIds.length > 0 ? deps.repos.workItems.getMany(tenantId, itemIds) : Promise.resolve([])]);
  const domainNames = new Map(domains.map((d) => [d.value.id, d.value.name]));
  const titles = new Map(items.map((i) => [i.value.id, i.value.title]));
  return { domainName: (id) => domainNames.get(id), itemTitle: (id) => titles.get(id) };
}
