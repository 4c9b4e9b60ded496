/** What a connection string points at, said without its secrets (for startup errors and logs). */

const fields = (connectionString: string): Map<string, string> =>
  new Map(
    connectionString
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const at = part.indexOf('=');
        return [part.slice(0, at).toLowerCase(), part.slice(at + 1)] as [string, string];
      }),
  );

/** e.g. `account "pmorelay" at https://pmorelay.table.core.windows.net`; never the key or a SAS. */
export function describeStorageAccount(connectionString: string): string {
  const f = fields(connectionString);
  if (f.get('usedevelopmentstorage')?.toLowerCase() === 'true') return 'the local storage emulator (UseDevelopmentStorage=true) at http://127.0.0.1:10002/devstoreaccount1';
  const account = f.get('accountname');
  const endpoint =
    f.get('tableendpoint')?.split('?')[0] ??
    (account ? `${f.get('defaultendpointsprotocol') ?? 'https'}://${account}.table.${f.get('endpointsuffix') ?? 'core.windows.net'}` : undefined);
  return [account ? `account "${account}"` : 'the storage account', endpoint ? `at ${endpoint}` : undefined].filter(Boolean).join(' ');
}
