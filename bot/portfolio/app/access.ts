/** Which domains and items a principal may see or change, decided from stored records. */
import type { Domain } from '../domain/portfolio';
import { type Principal, can, isEpmo, teamWorkItems } from '../../kernel/roles';
import type { WorkItemRepository } from '../ports';

/**
 * Team members see the domains of the items they deliver; the matrix needs the item to
 * scope that, so we resolve it here with index point reads of the caller's own items only.
 */
export async function teamDomainIds(p: Principal, items: Pick<WorkItemRepository, 'domainsOf'>): Promise<Set<string>> {
  const mine = teamWorkItems(p);
  if (mine.length === 0) return new Set();
  return new Set((await items.domainsOf(p.tenantId, mine)).values());
}

/** Whether the caller may see a domain's portfolio: the EPMO, tenant admins, its PMO lead and its teams' members. */
export function canViewDomain(p: Principal, domainId: string, teamDomains: ReadonlySet<string>): boolean {
  return can(p, 'portfolio.view', { domainId }) || teamDomains.has(domainId);
}

/** Whether the caller may change a domain's portfolio (its PMO lead). */
export const canEditDomain = (p: Principal, domain: Pick<Domain, 'id'>): boolean => can(p, 'portfolio.edit', { domainId: domain.id });

/** Whether the caller may see every domain side by side: EPMO members, strategy owners, tenant admins. */
export const canSeeRollup = (p: Principal): boolean => isEpmo(p) || p.roles.some((r) => r.role === 'tenant_admin');
