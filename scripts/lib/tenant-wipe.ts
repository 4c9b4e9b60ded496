/**
 * Removes every row of one tenant from every table of this deployment (the tables whose
 * names start with the prefix). Used by `npm run seed -- --reset`, so the demo tenant is
 * rebuilt whole whichever features have added tables since.
 */
import { TableServiceClient } from '@azure/data-tables';
import { encodeKey } from '../../bot/platform/storage/keys';
import { type TableClient, deleteTenantRows, isInsecure, openTable, statusOf } from '../../bot/platform/storage/table-client';
import { CATALOGUE_VERSION_PARTITION } from '../../bot/portfolio/tables/catalogue-cache';

async function deleteRow(client: TableClient, partitionKey: string, rowKey: string): Promise<void> {
  try {
    await client.deleteEntity(partitionKey, rowKey);
  } catch (err) {
    if (statusOf(err) !== 404) throw err;
  }
}

/** Returns the names of the tables it cleared. */
export async function wipeTenant(connectionString: string, tablePrefix: string, tenantId: string): Promise<string[]> {
  const service = TableServiceClient.fromConnectionString(connectionString, { allowInsecureConnection: isInsecure(connectionString) });
  const names: string[] = [];
  for await (const table of service.listTables()) {
    // Only this deployment's tables: the prefix followed by the record kind's capitalised name.
    if (table.name && table.name.startsWith(tablePrefix) && /^[A-Z]/.test(table.name.slice(tablePrefix.length))) names.push(table.name);
  }
  await Promise.all(names.map((name) => deleteTenantRows(openTable(connectionString, name), encodeKey(tenantId))));
  // The portfolio's catalogue version row (bot/portfolio/tables/catalogue-cache.ts): removing it
  // makes running instances drop their cached domains and objectives of the tenant.
  await Promise.all(names.map((name) => deleteRow(openTable(connectionString, name), CATALOGUE_VERSION_PARTITION, encodeKey(tenantId))));
  return names;
}
