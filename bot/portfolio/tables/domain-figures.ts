/**
 * A domain's figures row (`stats`, the projection of its items): read once for concurrent
 * callers, and written only in one transaction with the rows that change it, under its ETag.
 * When another writer changed the figures first, the transaction fails whole and is retried on
 * fresh figures, so the projection never drifts.
 *
 * Item writes of one domain in this process go grouped (`commit`): while one transaction is
 * under way the next ones wait, and then go together in one transaction with one figures write,
 * starting from the figures this process wrote last. A domain many people write at once costs
 * a round trip per group, not three per item (bench:load: every new item went to one domain).
 */
import { KeyedLock } from '../../kernel/keyed-lock';
import { StorageUnavailable } from '../../kernel/storage-unavailable';
import { CoalescedReads } from '../../kernel/coalesced-reads';
import { type DomainStats, emptyStats } from '../domain/projection';
import { type TableClient, type TransactionAction, isConflict, requireEtag, statusOf } from '../../platform/storage/table-client';
import { pointRead } from './item-rows';
import { type StoredStats, etagAt, statsAction } from './row-writes';
import { statsSchema } from './schemas';
import { STATS_ROW_KEY } from './work-item-keys';

/** How often a write retries when another writer changed the domain's figures first. */
export const MAX_ATTEMPTS = 40;

/** The figures kept changing under every attempt: storage too busy for this write (a 503 at the edges). */
export const gaveUp = (what: string): StorageUnavailable =>
  new StorageUnavailable(1, { busy: true, cause: new Error(`${what}: the domain's figures kept changing; gave up after ${MAX_ATTEMPTS} attempts`) });

/** A short random pause before retrying, growing with the attempts, so contending writers spread out. */
export const backoff = (attempt: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(200, 5 * 2 ** Math.min(attempt, 6))));

/** One write's part of a grouped transaction: its rows, and how it changes the figures. */
export interface FiguresChange {
  readonly actions: readonly TransactionAction[];
  /** The figures after this write, from the figures before it. */
  readonly restate: (stats: DomainStats) => DomainStats;
}

interface Waiting {
  readonly change: FiguresChange;
  readonly resolve: (etag: string) => void;
  readonly reject: (err: unknown) => void;
}

/** Rows of one grouped transaction: Table Storage takes 100, and one is the figures row. */
const GROUP_ROWS = 99;
/** Domains whose last written figures this process remembers (the least recently written go first). */
const REMEMBERED_DOMAINS = 1_000;

export class DomainFigures {
  private readonly reads = new CoalescedReads<StoredStats>();
  private readonly waiting = new Map<string, Waiting[]>();
  /** The figures this process wrote last, per domain: the next grouped write starts from them (their ETag still guards it). */
  private readonly written = new Map<string, StoredStats>();
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
          // The attempt writes the figures itself: what this process remembers of them is over.
          this.written.delete(pk);
          if (n > 0) current = await this.read(pk);
          const done = await attempt(current);
          this.remember(pk, done);
          return done;
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
    return (await this.transact(pk, current, next, actions)).figures;
  }

  /**
   * Writes `change` with the domain's figures, grouped with the writes of the domain that wait
   * for their turn in this process, and answers the ETag of the change's first row. One change's
   * conflict (its item changed meanwhile) fails that change only; a change that fails alone
   * throws (a conflict: read again and retry).
   */
  commit(pk: string, change: FiguresChange): Promise<string> {
    const settled = new Promise<string>((resolve, reject) => {
      const queue = this.waiting.get(pk) ?? [];
      queue.push({ change, resolve, reject });
      this.waiting.set(pk, queue);
    });
    void this.inTurn(pk, () => this.flush(pk));
    return settled;
  }

  /** Submits the changes waiting (as many as one transaction takes); those left wait for the next turn. */
  private async flush(pk: string): Promise<void> {
    const queue = this.waiting.get(pk) ?? [];
    let rows = 0;
    let taken = 0;
    for (const w of queue) {
      if (taken > 0 && rows + w.change.actions.length > GROUP_ROWS) break;
      rows += w.change.actions.length;
      taken += 1;
    }
    const group = queue.slice(0, taken);
    if (taken === queue.length) this.waiting.delete(pk);
    else this.waiting.set(pk, queue.slice(taken));
    if (group.length > 0) await this.settle(pk, group);
  }

  /**
   * Submits `group` in one transaction. A conflict may be the figures (another instance wrote the
   * domain): the group is tried once more on fresh figures. If it fails again, or a row was
   * refused, each half is tried on its own, down to the change that failed: one bad change among
   * n costs about 2·log2(n) more transactions. Any other failure (storage not answering,
   * throttling, a server error — which may even have committed) fails everyone at once, as it
   * would each write alone.
   */
  private async settle(pk: string, group: readonly Waiting[], freshTried = false): Promise<void> {
    try {
      const etags = await this.submitGroup(pk, group.map((w) => w.change));
      group.forEach((w, i) => w.resolve(etags[i] as string));
    } catch (err) {
      const ownFault = isConflict(err) || statusOf(err) === 400;
      if (group.length === 1 || !ownFault) {
        for (const w of group) w.reject(err);
        return;
      }
      if (!freshTried && isConflict(err)) return this.settle(pk, group, true);
      const half = Math.ceil(group.length / 2);
      await this.settle(pk, group.slice(0, half), true);
      await this.settle(pk, group.slice(half), true);
    }
  }

  private async submitGroup(pk: string, changes: readonly FiguresChange[]): Promise<string[]> {
    const current = this.written.get(pk) ?? (await this.read(pk));
    let next = current.stats;
    const actions: TransactionAction[] = [];
    const firsts: number[] = [];
    for (const change of changes) {
      firsts.push(actions.length);
      actions.push(...change.actions);
      next = change.restate(next);
    }
    const { response } = await this.transact(pk, current, next, actions);
    return firsts.map((i) => etagAt(response, i));
  }

  /** Writes the figures row with `actions` (grouped writes, bulk imports); what it wrote is remembered, a failure forgets it. */
  private async transact(pk: string, current: StoredStats, next: DomainStats, actions: readonly TransactionAction[]) {
    this.written.delete(pk);
    const response = await this.items.submitTransaction([...actions, statsAction(pk, next, current.etag)]);
    const figures = { stats: next, etag: etagAt(response, actions.length) };
    this.remember(pk, figures);
    return { response, figures };
  }

  private remember(pk: string, figures: StoredStats): void {
    this.written.delete(pk);
    this.written.set(pk, figures);
    for (const oldest of this.written.keys()) {
      if (this.written.size <= REMEMBERED_DOMAINS) break;
      this.written.delete(oldest);
    }
  }
}
