/**
 * Removes every row of one tenant from every table of this deployment (the tables whose
 * names start with the prefix). Used by `npm run seed -- --reset`, so the demo tenant is
 * rebuilt whole whichever features have added tables since.
 */
import { TableServiceClient } from '@azure/data-tables';
import { encodeKey } from '../../bot/platform/storage/keys';
import { deleteTenantRows, isInsecure, openTable } from '../../bot/platform/storage/table-client';

/** Returns the names of the tables it cleared. */
export async function wipeTenant(connectionString: string, tablePrefix: string, tenantId: string): Promise<string[]> {
  const service = TableServiceClient.fromConnectionString(connectionString, { allowInsecureConnection: isInsecure(connectionString) });
  const names: string[] = [];
  for await (const table of service.listTables()) {
    // Only this deployment's tables: the prefix followed by the record kind's capitalised name.
    if (table.name && table.name.startsWith(tablePrefix) && /^[A-Z]/.test(table.name.slice(tablePrefix.length))) names.push(table.name);
  }
  await Promise.all(names.map((name) => deleteTenantRows(openTable(connectionString, name), encodeKey(tenantId))));
  return names;
}
