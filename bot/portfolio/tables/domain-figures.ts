/**
 * A domain's figures row (`stats`, the projection of its items): read once for concurrent
 * callers, and written only in one transaction with the rows that change it, under its ETag.
 * When another writer changed the figures first, the transaction fails whole and is retried on
 * fresh figures, so the projection never drifts.
 */
import { KeyedLock } from '../../kernel/keyed-lock';
import { StorageUnavailable } from '../../kernel/storage-unavailable';
import { CoalescedReads } from '../../kernel/coalesced-reads';
import { type DomainStats, emptyStats } from '../domain/projection';
import type { TableClient, TransactionAction } from '../../platform/storage/table-client';
import { pointRead } from './item-rows';
import { type StoredStats, etagAt, isConflict, requireEtag, statsAction } from './row-writes';
import { statsSchema } from './schemas';
import { STATS_ROW_KEY } from './work-item-keys';

/** How often a write retries when another writer changed the domain's figures first. */
export const MAX_ATTEMPTS = 40;

/** The figures kept changing under every attempt: storage too busy for this write (a 503 at the edges). */
export const gaveUp = (what: string): StorageUnavailable =>
  new StorageUnavailable(1, { busy: true, cause: new Error(`${what}: the domain's figures kept changing; gave up after ${MAX_ATTEMPTS} attempts`) });

/** A short random pause before retrying, growing with the attempts, so contending writers spread out. */
export const backoff = (attempt: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(200, 5 * 2 ** Math.min(attempt, 6))));

export class DomainFigures {
  private readonly reads = new CoalescedReads<StoredStats>();
  /**
   * This process's writes of each domain's figures, one at a time: every item write changes its
   * domain's figures row, and writers racing for it in one process only made each other retry
   * (every lost race two more storage calls; under load most of them — bench:load).
   */
  private readonly writers = new KeyedLock();

  constructor(private readonly items: TableClient) {}

  /** Runs `write` of the domain's figures when no other write of them in this process is running. */
  inTurn<T>(pk: string, write: () => Promise<T>): Promise<T> {
    return this.writers.run(pk, write);
  }

  /** Every read and write of a domain starts here; concurrent callers share one point read (see CoalescedReads). */
  read(pk: string): Promise<StoredStats> {
    return this.reads.read(pk, async () => {
      const entity = await pointRead(this.items, pk, STATS_ROW_KEY);
      if (!entity) return { stats: emptyStats() };
      return { stats: statsSchema.parse(JSON.parse(String(entity['stats']))), etag: requireEtag(entity.etag) };
    });
  }

  /**
   * Runs `attempt` on the current figures, re-reading them after a conflict. `stillValid` runs
   * after a conflict, with the figures the attempt used; it throws when retrying cannot help.
   */
  async withRetry(pk: string, first: StoredStats, attempt: (s: StoredStats) => Promise<StoredStats>, stillValid?: (tried: StoredStats) => Promise<void>): Promise<StoredStats> {
    let current = first;
    for (let n = 0; n < MAX_ATTEMPTS; n += 1) {
      try {
        return await this.inTurn(pk, async () => {
          if (n > 0) current = await this.read(pk);
          return attempt(current);
        });
      } catch (err) {
        if (!isConflict(err)) throw err;
        await stillValid?.(current);
        await backoff(n);
      }
    }
    throw gaveUp(`partition ${pk}`);
  }

  /** Writes `actions` with the figures changed from `current` to `next`, in one transaction. */
  async submit(pk: string, current: StoredStats, next: DomainStats, actions: readonly TransactionAction[]): Promise<StoredStats> {
    const response = await this.items.submitTransaction([...actions, statsAction(pk, next, current.etag)]);
    return { stats: next, etag: etagAt(response, actions.length) };
  }
}
