/**
 * How the delivery worker reads a job's record and its conversation reference. Point reads for
 * small sends; for a large fan-out, read-ahead: the batch's queued records and the tenant's
 * references in a few range queries instead of one read per recipient, and references cached
 * briefly. Only reads: everything that decides or writes stays in the worker.
 */
import type { Delivery, DeliveryJob } from '../domain/delivery';
import type { ConversationRef, ConversationStore } from '../../conversations';
import type { DeliveryRepository } from '../ports';
import type { Logger } from '../../kernel/logger';
import type { Versioned } from '../../kernel/versioned';
import type { Clock } from '../../kernel/runtime';

export interface DeliveryReaderDeps {
  readonly deliveries: DeliveryRepository;
  readonly conversations: ConversationStore;
  readonly clock: Clock;
  readonly logger: Logger;
}

const REF_CACHE_MS = 30_000;
const REF_CACHE_SIZE = 50_000;
/**
 * Read-ahead for large fan-outs: after this many point reads of one batch's records (or one
 * tenant's conversation references) within `READ_AHEAD_WINDOW_MS`, the next ones come from a
 * single range query instead — one query per page of 1,000 rows rather than one read per
 * recipient. Small sends never reach it.
 */
const READ_AHEAD_AFTER = 64;
const READ_AHEAD_WINDOW_MS = 10_000;
/** How long a batch's read-ahead is used; a stale copy is safe (see `record`), so this can be long. */
const BATCH_READ_AHEAD_MS = 10 * 60_000;
/** A tenant's references read ahead are read again this long before they expire. */
const REF_REFRESH_AHEAD_MS = 5_000;

export class DeliveryReader {
  constructor(private readonly deps: DeliveryReaderDeps) {}

  /**
   * Conversation references change rarely (install, rename, uninstall), and a fan-out reads
   * thousands: keep each for a short while. A reference gone stale in that time costs at most
   * one send Teams answers with 403/404, which records the recipient unreachable anyway.
   */
  private readonly refs = new Map<string, { readonly ref: ConversationRef | undefined; readonly until: number }>();

  async conversation(tenantId: string, conversationId: string): Promise<ConversationRef | undefined> {
    const key = `${tenantId}\n${conversationId}`;
    const now = this.deps.clock.now().getTime();
    const cached = this.refs.get(key);
    if (cached && cached.until > now) {
      // A tenant read ahead is read again shortly before it expires, in the background, so
      // a long fan-out never waits on it.
      const loadedAt = this.tenantsReadAhead.get(tenantId);
      if (loadedAt !== undefined && now - loadedAt > REF_CACHE_MS - REF_REFRESH_AHEAD_MS) {
        this.tenantsReadAhead.delete(tenantId);
        void this.readAheadRefs(tenantId);
      }
      return cached.ref;
    }
    // Many misses in one tenant (a fan-out): read the tenant's references in one query. Only
    // references found are cached from it; an id it lacks is still read on its own, so a
    // conversation installed meanwhile is never taken for missing.
    if (this.countMiss(`refs\n${tenantId}`, now)) {
      await this.readAheadRefs(tenantId);
      const loaded = this.refs.get(key);
      if (loaded && loaded.until > this.deps.clock.now().getTime()) return loaded.ref;
    }
    const ref = await this.deps.conversations.get(tenantId, conversationId);
    if (this.refs.size >= REF_CACHE_SIZE) this.refs.clear();
    this.refs.set(key, { ref, until: now + REF_CACHE_MS });
    return ref;
  }

  /** When each tenant's references were last read ahead. */
  private readonly tenantsReadAhead = new Map<string, number>();

  private readAheadRefs(tenantId: string): Promise<void> {
    return this.readAhead(`refs\n${tenantId}`, async () => {
      const all = await this.deps.conversations.list(tenantId);
      const at = this.deps.clock.now().getTime();
      if (this.refs.size + all.length >= REF_CACHE_SIZE) this.refs.clear();
      for (const ref of all) this.refs.set(`${tenantId}\n${ref.conversationId}`, { ref, until: at + REF_CACHE_MS });
      if (this.tenantsReadAhead.size > 1000) this.tenantsReadAhead.clear();
      this.tenantsReadAhead.set(tenantId, at);
    });
  }

  /** Queued records read ahead per tenant + batch, each handed out once. */
  private readonly batches = new Map<string, { readonly until: number; readonly records: Map<string, Versioned<Delivery>> }>();
  private readonly misses = new Map<string, { count: number; since: number }>();
  private readonly loading = new Map<string, Promise<void>>();

  /**
   * The job's record. Normally a point read; in a large batch, from one range query of the
   * batch's `queued` records. A read-ahead copy can be stale (another process may have sent
   * or retried the record since): that is safe, because the claim is an ETag update — a stale
   * etag fails it and the job is looked at again later with a fresh read — and records never
   * return to `queued` once done. Each copy is handed out once; a job seen again reads afresh.
   */
  async record(job: DeliveryJob): Promise<Versioned<Delivery> | undefined> {
    const { deps } = this;
    const at = job.deliveryId.lastIndexOf('/');
    if (at > 0) {
      const key = `${job.tenantId}\n${job.deliveryId.slice(0, at)}`;
      const now = deps.clock.now().getTime();
      const ahead = this.batches.get(key);
      if (ahead && ahead.until <= now) this.batches.delete(key);
      let copy = this.takeCopy(key, job.deliveryId);
      // Not read ahead yet, or written after the last read-ahead (a large dispatch is written
      // in chunks while it is already sending): once misses pile up, read what is queued now.
      if (!copy && this.countMiss(`batch\n${key}`, now)) {
        await this.readAhead(`batch\n${key}`, async () => {
          const records = await deps.deliveries.listQueuedInBatch(job.tenantId, job.deliveryId.slice(0, at));
          this.batches.set(key, { until: deps.clock.now().getTime() + BATCH_READ_AHEAD_MS, records: new Map(records.map((r) => [r.value.id, r])) });
        });
        copy = this.takeCopy(key, job.deliveryId);
      }
      if (copy) return copy;
    }
    return deps.deliveries.get(job.tenantId, job.deliveryId);
  }

  /** Hands out the read-ahead copy of a record, once. */
  private takeCopy(key: string, deliveryId: string): Versioned<Delivery> | undefined {
    const ahead = this.batches.get(key);
    const copy = ahead?.records.get(deliveryId);
    if (!ahead || !copy) return undefined;
    ahead.records.delete(deliveryId);
    if (ahead.records.size === 0) this.batches.delete(key);
    return copy;
  }

  /** Counts a point read; true once they are many enough within the window to read ahead instead. */
  private countMiss(key: string, now: number): boolean {
    const seen = this.misses.get(key);
    if (!seen || now - seen.since > READ_AHEAD_WINDOW_MS) {
      if (this.misses.size > 1000) this.misses.clear();
      this.misses.set(key, { count: 1, since: now });
      return false;
    }
    seen.count += 1;
    return seen.count >= READ_AHEAD_AFTER;
  }

  /** References and read-ahead records held now (what `prune` bounds). */
  get held(): number {
    let records = 0;
    for (const ahead of this.batches.values()) records += ahead.records.size;
    return this.refs.size + records;
  }

  /**
   * Forgets what has expired: references past their time, read-aheads of batches past theirs,
   * counts of point reads older than the read-ahead window. Expired entries are never used, but
   * without this they stayed until the cache filled — after a fan-out, every reference of the
   * tenant, for good.
   */
  prune(now: number): void {
    for (const [key, cached] of this.refs) if (cached.until <= now) this.refs.delete(key);
    for (const [key, ahead] of this.batches) if (ahead.until <= now) this.batches.delete(key);
    for (const [key, seen] of this.misses) if (now - seen.since > READ_AHEAD_WINDOW_MS && !this.loading.has(key)) this.misses.delete(key);
    for (const [tenantId, at] of this.tenantsReadAhead) if (at + REF_CACHE_MS <= now) this.tenantsReadAhead.delete(tenantId);
  }

  /** Runs one read-ahead per key at a time; concurrent callers wait for it. A failure only means point reads. */
  private async readAhead(key: string, load: () => Promise<void>): Promise<void> {
    let pending = this.loading.get(key);
    if (!pending) {
      pending = load()
        .catch((err: unknown) => this.deps.logger.warn({ err, key }, 'read-ahead failed; reading records one by one'))
        .finally(() => {
          this.loading.delete(key);
          this.misses.delete(key);
        });
      this.loading.set(key, pending);
    }
    await pending;
  }
}
