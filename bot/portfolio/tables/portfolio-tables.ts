/**
 * The portfolio's stores on Azure Table Storage: domains and objectives (PartitionKey = tenant,
 * cached per tenant behind a catalogue version row, catalogue-cache.ts) and the per-domain
 * work-item read model with its index (work-item-repository.ts). Nested values are JSON columns
 * checked on read (schemas.ts).
 */
import type { Logger } from '../../kernel/logger';
import type { PortfolioRepositories } from '../ports';
import type { TableClient } from '../../platform/storage/table-client';
import { TableCollection, collectionCodec } from '../../platform/storage/tenant-collection';
import { TableActivityProjections } from './activity-rows';
import { CachedCollection, CatalogueVersion } from './catalogue-cache';
import { domainSchema, objectiveSchema } from './schemas';
import { MOVE_GRACE_MS } from './move-intent';
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
    domains: new CachedCollection(new TableCollection(clients.domains, collectionCodec(domainSchema, ['checkInCadence']), 'domain'), version),
    objectives: new CachedCollection(new TableCollection(clients.objectives, collectionCodec(objectiveSchema, []), 'objective'), version),
    workItems: new TableWorkItemRepository(clients.portfolioItems, clients.itemIndex),
    activity: new TableActivityProjections(clients.portfolioItems),
  };
}

/**
 * Finishes or undoes the moves between domains that a crash interrupted (item-move.ts). Run at
 * start, after the migration; safe while other instances serve. A move younger than the grace
 * period may still be under way elsewhere: it is looked at again once the period has passed
 * (the process that crashed during it may have restarted at once).
 */
export async function repairInterruptedMoves(clients: Pick<PortfolioTableClients, 'portfolioItems' | 'itemIndex'>, logger?: Logger): Promise<void> {
  const settled = await new TableWorkItemRepository(clients.portfolioItems, clients.itemIndex).repairMoves();
  const repaired = settled.filter((s) => s === 'moved' || s === 'undone').length;
  const pending = settled.filter((s) => s === 'pending').length;
  if (repaired > 0) logger?.info({ table: clients.portfolioItems.tableName, repaired, pending }, 'interrupted work-item moves repaired');
  if (pending === 0) return;
  const again = (): void => {
    repairInterruptedMoves(clients, logger).catch((err: unknown) => logger?.warn({ err }, 'interrupted work-item moves: the second pass failed; the next start repairs them'));
  };
  // Unref'd: it never keeps a stopping process alive.
  setTimeout(again, MOVE_GRACE_MS).unref();
}
