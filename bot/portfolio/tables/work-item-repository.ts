/**
 * Work items, one partition per tenant. `listByDomain` filters the tenant's partition on the
 * `domainId` column: a portfolio holds hundreds of items, not millions, so a partition scan
 * is cheap and spares us a second index row to keep consistent.
 */
import type { WorkItem } from '../domain/portfolio';
import type { Versioned } from '../../kernel/versioned';
import type { WorkItemRepository } from '../ports';
import { encodeKey } from '../../platform/storage/keys';
import { workItemSchema } from './schemas';
import { type TableClient, odata } from '../../platform/storage/table-client';
import { TableCollection, collectionCodec } from '../../platform/storage/tenant-collection';

const codec = collectionCodec<WorkItem>(workItemSchema, ['owner', 'objectives', 'health', 'benefits']);

export class TableWorkItemRepository extends TableCollection<WorkItem> implements WorkItemRepository {
  constructor(client: TableClient) {
    super(client, codec, 'work item');
  }

  listByDomain(tenantId: string, domainId: string): Promise<Versioned<WorkItem>[]> {
    return this.query(odata`PartitionKey eq ${encodeKey(tenantId)} and domainId eq ${domainId}`);
  }
}
