/**
 * The work items aligned to some objectives, for features that target them (strategy changes).
 * The domains' figures say which domains hold items aligned to an objective (one point read per
 * domain), so only those domains' partitions are read, never the whole tenant.
 */
import type { WorkItem } from '../domain/portfolio';
import { NO_OBJECTIVE } from '../domain/projection';
import type { PortfolioRepositories } from '../ports';

export async function itemsAlignedTo(repos: Pick<PortfolioRepositories, 'domains' | 'workItems'>, tenantId: string, objectiveIds: readonly string[]): Promise<WorkItem[]> {
  const wanted = new Set(objectiveIds.filter((o) => o !== NO_OBJECTIVE));
  if (wanted.size === 0) return [];
  const domains = await repos.domains.list(tenantId);
  const serving = await Promise.all(
    domains.map(async (d) => {
      const stats = await repos.workItems.stats(tenantId, d.value.id);
      return Object.keys(stats.objectives).some((o) => wanted.has(o)) ? d.value.id : undefined;
    }),
  );
  const lists = await Promise.all(serving.filter((d) => d !== undefined).map((d) => repos.workItems.listByDomain(tenantId, d)));
  return lists.flat().map((i) => i.value).filter((w) => w.objectives.some((o) => wanted.has(o.objectiveId)));
}
