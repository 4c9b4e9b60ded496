/**
 * The portfolio's stores on Azure Table Storage: domains and objectives (PartitionKey = tenant,
 * cached per tenant behind a catalogue version row, catalogue-cache.ts) and the per-domain
 * work-item read model with its index (work-item-repository.ts). Nested values are JSON columns
 * checked on read (schemas.ts).
 */
import type { PortfolioRepositories } from '../ports';
import type { TableClient } from '../../platform/storage/table-client';
import { TableCollection, collectionCodec } from '../../platform/storage/tenant-collection';
import { TableActivityProjections } from './activity-rows';
import { CachedCollection, CatalogueVersion } from './catalogue-cache';
import { domainSchema, objectiveSchema } from './schemas';
import { TableWorkItemRepository } from './work-item-repository';

/** The portfolio's tables, opened (and created) by the caller. */
export interface PortfolioTableClients {
  readonly domains: TableClient;
  readonly objectives: TableClient;
  /** `PortfolioItems`: items, status reports, figures and activity, one partition per tenant and domain. */
  readonly portfolioItems: TableClient;
  /** `PortfolioItemIndex`: item id → domain. */
  readonly itemIndex: TableClient;
}

/** The portfolio repositories over their tables; each call has its own catalogue cache. */
export function createPortfolioTables(clients: PortfolioTableClients): PortfolioRepositories {
  const version = new CatalogueVersion(clients.domains);
  return {
    domains: new CachedCollection(new TableCollection(clients.domains, collectionCodec(domainSchema, []), 'domain'), version),
    objectives: new CachedCollection(new TableCollection(clients.objectives, collectionCodec(objectiveSchema, []), 'objective'), version),
    workItems: new TableWorkItemRepository(clients.portfolioItems, clients.itemIndex),
    activity: new TableActivityProjections(clients.portfolioItems),
  };
}
