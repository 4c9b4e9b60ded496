/** Writing the read model's rows: the figures row under its ETag, and the answers of the service read back. */
import { type Result, fail } from '../../kernel/result';
import type { DomainStats } from '../domain/projection';
import { type TableClient, type TransactionAction, requireEtag, row, statusOf } from '../../platform/storage/table-client';
import { STATS_ROW_KEY } from './work-item-keys';

export interface StoredStats {
  readonly stats: DomainStats;
  /** Absent when the domain has no figures row yet. */
  readonly etag?: string;
}

/** The figures row: replaced under its ETag, or created when the domain has none yet. */
export function statsAction(pk: string, stats: DomainStats, etag: string | undefined): TransactionAction {
  const entity = row(pk, STATS_ROW_KEY, { stats: JSON.stringify(stats) });
  return etag === undefined ? ['create', entity] : ['update', entity, 'Replace', { etag }];
}

/** Deletes a row if it is still at version `etag`; a row changed or gone since is left alone. */
export async function deleteIfUnchanged(client: TableClient, pk: string, rk: string, etag: string): Promise<void> {
  try {
    await client.deleteEntity(pk, rk, { etag });
  } catch (err) {
    if (statusOf(err) !== 412 && statusOf(err) !== 404) throw err;
  }
}

/** The new ETag of the transaction's `index`th row (sub-responses come in the order of the actions). */
export const etagAt = (response: { readonly subResponses: readonly { readonly etag?: string }[] }, index: number): string => requireEtag(response.subResponses[index]?.etag);

/** A write whose precondition (the version the caller edited) no longer holds. */
export class StaleWrite extends Error {}

/** The answer to a write from a version of the item that is no longer the current one. */
export const stale = (id: string): Result<never> => fail('CONFLICT.STALE', `The work item ${id} was changed by someone else; reload it and try again.`);
