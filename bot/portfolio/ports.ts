/** Storage ports of the portfolio, in domain words. */
import type { TenantCollection, Versioned } from '../kernel/versioned';
import type { Domain, StrategicObjective, WorkItem } from './domain/portfolio';

export type DomainRepository = TenantCollection<Domain>;
export type ObjectiveRepository = TenantCollection<StrategicObjective>;

export interface WorkItemRepository extends TenantCollection<WorkItem> {
  listByDomain(tenantId: string, domainId: string): Promise<Versioned<WorkItem>[]>;
}

/** What the portfolio use cases read and write. */
export interface PortfolioRepositories {
  readonly domains: DomainRepository;
  readonly objectives: ObjectiveRepository;
  readonly workItems: WorkItemRepository;
}
