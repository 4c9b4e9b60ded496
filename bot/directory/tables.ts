/**
 * The Azure Table Storage implementation of the `Repositories` port: it opens the tables and
 * hands each to its feature's storage adapter.
 *
 * Layout: one table per record kind, `${prefix}<Kind>`; PartitionKey is the tenant id (work
 * items: tenant and domain, bot/portfolio/tables/work-item-keys.ts), so every read of a use
 * case stays in one partition and tenants cannot leak into each
 * other's results. Keys go through `encodeKey` (platform/storage/keys.ts); nested values are
 * JSON columns validated on read (platform/storage/codec.ts, with the row schemas beside each
 * adapter); links are stored twice for two-way lookups
 * (conversations/tables/link-repository.ts).
 */
import type { Repositories } from './repositories';
import { TableConversationStore, TableLinkRepository, TableRosterStore, TableTeamsUserStore } from '../conversations';
import { ensureTable, openTable } from '../platform/storage/table-client';
import { TableTenantRepository } from './tenant-repository';
import { TableUserDirectory } from '../people';
import type { Logger } from '../kernel/logger';
import { createPortfolioTables, migrateWorkItems, repairInterruptedMoves } from '../portfolio';

const PING_TIMEOUT_MS = 5000;

export interface TableRepositoriesOptions {
  readonly connectionString: string;
  /** Prefix of every table name, e.g. `pmo` → `pmoWorkItems`. Letters and digits. */
  readonly tablePrefix: string;
  readonly logger?: Logger;
}

/** Table names per record kind, for a given prefix. */
export function tableNames(prefix: string) {
  return {
    tenants: `${prefix}Tenants`,
    domains: `${prefix}Domains`,
    objectives: `${prefix}Objectives`,
    /** The first work-item layout, read only by the migration (bot/portfolio/tables/work-item-migration.ts). */
    workItems: `${prefix}WorkItems`,
    portfolioItems: `${prefix}PortfolioItems`,
    itemIndex: `${prefix}PortfolioItemIndex`,
    users: `${prefix}Users`,
    conversations: `${prefix}Conversations`,
    links: `${prefix}Links`,
    teamsUsers: `${prefix}TeamsUsers`,
    rosters: `${prefix}Rosters`,
  } as const;
}

/**
 * Opens (and creates, once, when missing) the tables and returns the repositories.
 * Rejects when storage cannot be reached, so a wrong connection string stops the app at start.
 */
export async function createTableRepositories(opts: TableRepositoriesOptions): Promise<Repositories> {
  const names = tableNames(opts.tablePrefix);
  const open = (name: string) => openTable(opts.connectionString, name);
  const clients = {
    tenants: open(names.tenants),
    domains: open(names.domains),
    objectives: open(names.objectives),
    workItems: open(names.workItems),
    portfolioItems: open(names.portfolioItems),
    itemIndex: open(names.itemIndex),
    users: open(names.users),
    conversations: open(names.conversations),
    links: open(names.links),
    teamsUsers: open(names.teamsUsers),
    rosters: open(names.rosters),
  };
  await Promise.all(Object.values(clients).map(ensureTable));
  await migrateWorkItems({ old: clients.workItems, items: clients.portfolioItems, index: clients.itemIndex }, opts.logger);
  await repairInterruptedMoves(clients, opts.logger);

  return {
    tenants: new TableTenantRepository(clients.tenants),
    ...createPortfolioTables(clients),
    users: new TableUserDirectory(clients.users),
    conversations: new TableConversationStore(clients.conversations),
    links: new TableLinkRepository(clients.links),
    teamsUsers: new TableTeamsUserStore(clients.teamsUsers),
    rosters: new TableRosterStore(clients.rosters),
    async ping() {
      // One page of at most one row: a real round trip that costs next to nothing. Bounded,
      // so a health probe answers "down" instead of waiting out the SDK's retries.
      const abortSignal = AbortSignal.timeout(PING_TIMEOUT_MS);
      await clients.tenants.listEntities({ queryOptions: { select: ['PartitionKey'] }, abortSignal }).byPage({ maxPageSize: 1 }).next();
    },
  };
}
