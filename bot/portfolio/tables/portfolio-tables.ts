/**
 * The portfolio's stores on Azure Table Storage: domains, objectives and work items, one table
 * each, PartitionKey = tenant id. Nested values are JSON columns checked on read (schemas.ts).
 */
import type { PortfolioRepositories } from '../ports';
import type { TableClient } from '../../platform/storage/table-client';
import { TableCollection, collectionCodec } from '../../platform/storage/tenant-collection';
import { domainSchema, objectiveSchema } from './schemas';
import { TableWorkItemRepository } from './work-item-repository';

/** The portfolio's tables, opened (and created) by the caller. */
export interface PortfolioTableClients {
  readonly domains: TableClient;
  readonly objectives: TableClient;
  readonly workItems: TableClient;
}

/** The portfolio repositories over their tables. */
export function createPortfolioTables(clients: PortfolioTableClients): PortfolioRepositories {
  return {
    domains: new TableCollection(clients.domains, collectionCodec(domainSchema, []), 'domain'),
    objectives: new TableCollection(clients.objectives, collectionCodec(objectiveSchema, []), 'objective'),
    workItems: new TableWorkItemRepository(clients.workItems),
  };
}
