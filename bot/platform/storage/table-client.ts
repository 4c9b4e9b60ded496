/**
 * The thin layer over `@azure/data-tables` every repository shares: opening a table, reading
 * status codes off SDK errors, paging through a partition and batching writes into table
 * transactions. Feature storage adapters use it; only bot/platform/storage imports the SDK.
 */
import { TableClient, type TableEntity, type TransactionAction, odata } from '@azure/data-tables';

import type { Columns, StoredRow } from './codec';
import { SEPARATOR } from './keys';
import { storageGuardFor } from './storage-guard';

export { odata };
/** The SDK's types features' storage adapters use, so only this folder imports the SDK. */
export type { TableClient, TransactionAction };

/** Table Storage's limit on the operations of one transaction. */
export const MAX_TRANSACTION_OPERATIONS = 100;

/**
 * The SDK refuses plain `http` endpoints unless told otherwise; Azurite (embedded or
 * `UseDevelopmentStorage=true`) serves http on loopback, Azure serves https.
 */
export function isInsecure(connectionString: string): boolean {
  return /UseDevelopmentStorage=true|TableEndpoint=http:|DefaultEndpointsProtocol=http;/i.test(connectionString);
}

/**
 * Few, quick retries: the account's guard bounds each call anyway, and a caller is better served
 * by a prompt 503 than by retries that outlast its patience.
 */
const RETRIES = { maxRetries: 2, retryDelayInMs: 100, maxRetryDelayInMs: 500 };

/**
 * A client for one table; http is allowed only when the connection string asks for it. Every
 * request it sends (transactions included: they go through the same pipeline) passes the
 * account's guard: a deadline, and a circuit breaker that fails calls at once while storage is down.
 */
export function openTable(connectionString: string, tableName: string): TableClient {
  const client = TableClient.fromConnectionString(connectionString, tableName, { allowInsecureConnection: isInsecure(connectionString), retryOptions: RETRIES });
  // Without a phase the policy runs outside the retry policy: its deadline covers the retries.
  client.pipeline.addPolicy({
    name: 'pmoRelayStorageGuard',
    sendRequest: (request, next) =>
      storageGuardFor(connectionString).run((abortSignal) => {
        request.abortSignal = abortSignal;
        return next(request);
      }, request.abortSignal),
  });
  return client;
}

/** Creates the table; one that already exists is fine (several instances start together). */
export async function ensureTable(client: TableClient): Promise<void> {
  try {
    await client.createTable();
  } catch (err) {
    if (statusOf(err) !== 409) throw err;
  }
}

/** The service always returns an etag on reads and writes; its absence is a bug, not a state. */
export function requireEtag(etag: string | undefined): string {
  if (!etag) throw new Error('Table Storage returned no etag');
  return etag;
}

/** HTTP status of an SDK error, when it carries one. */
export function statusOf(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const status = (err as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** 412: a row changed since read; 409: a row created meanwhile; 404: a row removed meanwhile. All mean "read again and retry". */
export const isConflict = (err: unknown): boolean => [412, 409, 404].includes(statusOf(err) ?? 0);

/** A row to write: keys plus mapped columns. */
export type Row = TableEntity<Columns>;

export const row = (partitionKey: string, rowKey: string, columns: Columns): Row => ({ ...columns, partitionKey, rowKey });

/**
 * Every row matching an OData filter (build it with `odata` so values are escaped); `select`
 * names the only columns to fetch, for reads that need a few of many (e.g. ids and titles).
 */
export async function queryRows(client: TableClient, filter: string, select?: readonly string[]): Promise<StoredRow[]> {
  const rows: StoredRow[] = [];
  const queryOptions = select ? { filter, select: [...select] } : { filter };
  for await (const entity of client.listEntities<Record<string, unknown>>({ queryOptions })) rows.push(entity);
  return rows;
}

/** Rows whose row key lies in `[from, to)` within one partition. */
export function rowKeyRange(partitionKey: string, from: string, to: string): string {
  return odata`PartitionKey eq ${partitionKey} and RowKey ge ${from} and RowKey lt ${to}`;
}

/**
 * Submits actions in transactions of at most 100, each within one partition, as Table
 * Storage requires. Transactions of different partitions go at once while no more than 100 rows
 * are in flight: a fan-out's records span hundreds of partitions, a few rows each, and one
 * transaction after another made writing them a round trip per partition; full transactions
 * still go one at a time, so none waits behind others long enough to time out. A failed
 * transaction throws (the first failure, once those in flight have finished) and leaves its own
 * rows unwritten; no further transaction starts, and any other may have committed — callers
 * treat a failure as "some rows may be written" (they create rows one by one after a 409).
 */
export async function submitInTransactions(client: TableClient, actions: readonly TransactionAction[]): Promise<void> {
  const byPartition = new Map<string, TransactionAction[]>();
  for (const action of actions) {
    const pk = action[1].partitionKey;
    const group = byPartition.get(pk) ?? [];
    group.push(action);
    byPartition.set(pk, group);
  }
  let failure: { readonly error: unknown } | undefined;
  let rowsInFlight = 0;
  const inFlight = new Set<Promise<void>>();
  for (const group of byPartition.values()) {
    for (let i = 0; i < group.length && !failure; i += MAX_TRANSACTION_OPERATIONS) {
      const transaction = group.slice(i, i + MAX_TRANSACTION_OPERATIONS);
      while (inFlight.size > 0 && rowsInFlight + transaction.length > MAX_TRANSACTION_OPERATIONS) await Promise.race(inFlight);
      if (failure) break;
      rowsInFlight += transaction.length;
      const submitted: Promise<void> = client
        .submitTransaction(transaction)
        .then(
          () => undefined,
          (error: unknown) => void (failure ??= { error }),
        )
        .finally(() => {
          rowsInFlight -= transaction.length;
          inFlight.delete(submitted);
        });
      inFlight.add(submitted);
    }
  }
  await Promise.all(inFlight);
  if (failure) throw failure.error;
}

/**
 * Deletes every row of one tenant: its partition `tenantKey` and the partitions that extend it,
 * `tenantKey.…` (tables that split a tenant's rows over several partitions, e.g. deliveries).
 */
export function deleteTenantRows(client: TableClient, tenantKey: string): Promise<void> {
  const [from, to] = [tenantKey + SEPARATOR, tenantKey + String.fromCharCode(SEPARATOR.charCodeAt(0) + 1)];
  return deleteWhere(client, odata`PartitionKey eq ${tenantKey} or (PartitionKey ge ${from} and PartitionKey lt ${to})`);
}

/** Deletes every row of a partition, a transaction at a time. */
export function deletePartition(client: TableClient, partitionKey: string): Promise<void> {
  return deleteWhere(client, odata`PartitionKey eq ${partitionKey}`);
}

/** Deletes every row matching an OData filter, in transactions per partition. */
async function deleteWhere(client: TableClient, filter: string): Promise<void> {
  const keys: TransactionAction[] = [];
  for await (const entity of client.listEntities({ queryOptions: { filter, select: ['PartitionKey', 'RowKey'] } })) {
    keys.push(['delete', { partitionKey: entity.partitionKey ?? '', rowKey: entity.rowKey ?? '' }]);
  }
  await submitInTransactions(client, keys);
}
