/** Which domains and items a principal may see or change, decided from stored records. */
import type { Domain, WorkItem } from '../domain/portfolio';
import { type Principal, can, teamWorkItems } from '../../kernel/roles';

/**
 * Team members see the domains of the items they deliver; the matrix needs the item to
 * scope that, so we resolve it here from stored work items.
 */
export function teamDomainIds(p: Principal, items: readonly Pick<WorkItem, 'id' | 'domainId'>[]): Set<string> {
  const mine = new Set(teamWorkItems(p));
  return new Set(items.filter((i) => mine.has(i.id)).map((i) => i.domainId));
}

/** Whether the caller may see a domain's portfolio: the EPMO, tenant admins, its PMO lead and its teams' members. */
export function canViewDomain(p: Principal, domainId: string, teamDomains: ReadonlySet<string>): boolean {
  return can(p, 'portfolio.view', { domainId }) || teamDomains.has(domainId);
}

/** Whether the caller may change a domain's portfolio (its PMO lead). */
export const canEditDomain = (p: Principal, domain: Pick<Domain, 'id'>): boolean => can(p, 'portfolio.edit', { domainId: domain.id });
