/**
 * One app instance's view of the portfolio tables on the test Azurite: its own table clients
 * (each passed through `wrap`, to count or fail calls) and its own caches. Two of them on one
 * prefix are two instances sharing storage.
 */
import { tableNames } from '../../bot/directory/tables';
import type { PortfolioRepositories } from '../../bot/portfolio/ports';
import { createPortfolioTables } from '../../bot/portfolio/tables/portfolio-tables';
import { type TableClient, ensureTable, openTable } from '../../bot/platform/storage/table-client';
import { testConnectionString } from './storage';

export async function portfolioInstance(prefix: string, wrap: (c: TableClient) => TableClient = (c) => c): Promise<PortfolioRepositories> {
  const names = tableNames(prefix);
  const open = (name: string) => wrap(openTable(testConnectionString(), name));
  const clients = { domains: open(names.domains), objectives: open(names.objectives), portfolioItems: open(names.portfolioItems), itemIndex: open(names.itemIndex) };
  await Promise.all(Object.values(clients).map(ensureTable));
  return createPortfolioTables(clients);
}
