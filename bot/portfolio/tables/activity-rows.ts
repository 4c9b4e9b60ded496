/**
 * The activity projection's rows: one per tenant and domain, row key `activity` in the domain's
 * `PortfolioItems` partition (so deleting the tenant's items deletes them too). Columns: `gen`,
 * the generation every marking write replaces; `projGen`, `computedAt` and `p0…pN`, the last
 * projection stored, as JSON cut into chunks (one string column holds at most 32K characters).
 *
 * A read is a small point read (generation and ETag only) and, unless this process holds the
 * row's projection under that ETag already, the full row: a projection unchanged since the last
 * request costs one small read and no parsing.
 */
import { z } from 'zod';

import type { SignalState } from '../../api-contract/portfolio';
import { randomIds } from '../../kernel/ids';
import { type TableClient, statusOf } from '../../platform/storage/table-client';
import type { ActivityProjection, ActivityProjectionStore, ComputedActivity, StoredActivity } from '../ports';
import { DomainReadCache } from './domain-read-cache';
import type { Entity } from './item-rows';
import { pointRead } from './item-rows';
import { CoalescedReads } from '../../kernel/coalesced-reads';
import { ACTIVITY_ROW_KEY, itemPartition } from './work-item-keys';

/** Characters per chunk column: below Table Storage's 32K-character limit of a string column. */
const CHUNK = 30_000;
/**
 * Chunks at most: an entity holds at most 1 MiB (strings count two bytes a character). A
 * projection larger than that (tens of thousands of items with signals) is not stored; it is
 * computed on each read instead, as before this projection existed.
 */
const MAX_CHUNKS = 16;
/** Entries (items named, plus one a row) this process keeps parsed across the rows read lately. */
const CACHED_ENTRIES = 200_000;
/** What a parsed row holds, for the cache's bound. */
const entriesOf = (c: ComputedActivity | undefined): number =>
  1 + (c ? Object.keys(c.projection.openSignalsByItem).length + Object.keys(c.projection.unansweredByItem).length : 0);

const count = z.number().int().nonnegative();
// The states are written by this adapter from the signals feature's own values; reading them back only checks their form.
const state = z.custom<SignalState>((v) => typeof v === 'string' && v.length > 0);

const projectionSchema: z.ZodType<ActivityProjection> = z.object({
  openSignalsByItem: z.record(z.string(), z.array(state)),
  unansweredByItem: z.record(z.string(), count),
  openSignalsByState: z.record(z.string(), count),
  cascade: z.object({ activeChanges: count, recipients: count, responded: count }),
  unansweredDue: z.record(z.string(), count),
});

const chunkColumns = (json: string): Record<string, string> => {
  const out: Record<string, string> = {};
  for (let i = 0; i * CHUNK < json.length; i += 1) out[`p${i}`] = json.slice(i * CHUNK, (i + 1) * CHUNK);
  return out;
};

/** The projection of a full row, or undefined when it has none or it does not read back. */
function computedOf(entity: Entity): ComputedActivity | undefined {
  const { projGen, computedAt } = entity;
  if (typeof projGen !== 'string' || typeof computedAt !== 'string') return undefined;
  let json = '';
  for (let i = 0; typeof entity[`p${i}`] === 'string'; i += 1) json += entity[`p${i}`] as string;
  try {
    const parsed = projectionSchema.safeParse(JSON.parse(json));
    // A row that does not read back is recomputed (and overwritten) by the next reader.
    return parsed.success ? { gen: projGen, at: computedAt, projection: parsed.data } : undefined;
  } catch {
    return undefined;
  }
}

export class TableActivityProjections implements ActivityProjectionStore {
  private readonly parsed = new DomainReadCache<ComputedActivity | undefined>(CACHED_ENTRIES);
  private readonly heads = new CoalescedReads<{ readonly etag: string; readonly gen: string } | undefined>();

  constructor(private readonly items: TableClient) {}

  async read(tenantId: string, domainId: string): Promise<StoredActivity | undefined> {
    const pk = itemPartition(tenantId, domainId);
    const head = await this.head(pk);
    if (!head) return undefined;
    let etag = head.etag;
    let gen = head.gen;
    const computed = await this.parsed.read(pk, head.etag, async () => {
      const full = await pointRead(this.items, pk, ACTIVITY_ROW_KEY);
      // Written since the small read: answer with the newer row (filed under the older ETag, which no later read returns).
      if (full?.etag) etag = full.etag;
      if (typeof full?.gen === 'string') gen = full.gen;
      return full ? computedOf(full) : undefined;
    }, entriesOf);
    return { gen, etag, ...(computed ? { computed } : {}) };
  }

  async save(tenantId: string, domainId: string, computed: ComputedActivity, etag: string | undefined): Promise<boolean> {
    const json = JSON.stringify(computed.projection);
    if (json.length > CHUNK * MAX_CHUNKS) return false;
    const entity = {
      partitionKey: itemPartition(tenantId, domainId),
      rowKey: ACTIVITY_ROW_KEY,
      gen: computed.gen,
      projGen: computed.gen,
      computedAt: computed.at,
      ...chunkColumns(json),
    };
    try {
      // Replace, not merge: a shorter projection must not keep the old one's last chunks.
      const written = etag === undefined ? await this.items.createEntity(entity) : await this.items.updateEntity(entity, 'Replace', { etag });
      // This process's next read of the row finds it parsed already.
      if (written.etag) await this.parsed.read(entity.partitionKey, written.etag, async () => computed, entriesOf);
      return true;
    } catch (err) {
      // 412: a write marked the domain since our read; 409: a first mark made the row; 404: the tenant's rows were deleted. Ours is not the newest.
      if ([412, 409, 404].includes(statusOf(err) ?? 0)) return false;
      throw err;
    }
  }

  async markChanged(tenantId: string, domainIds: readonly string[]): Promise<void> {
    await Promise.all(
      [...new Set(domainIds)].map((domainId) =>
        // Merge keeps the stored projection for the next reader to compare against; the new `gen` makes it out of date.
        this.items.upsertEntity({ partitionKey: itemPartition(tenantId, domainId), rowKey: ACTIVITY_ROW_KEY, gen: randomIds.next('gen') }, 'Merge'),
      ),
    );
  }

  /** Every page and roll-up read starts here; concurrent readers of a domain share one point read. */
  private head(pk: string): Promise<{ readonly etag: string; readonly gen: string } | undefined> {
    return this.heads.read(pk, async () => {
      try {
        const entity = await this.items.getEntity<Record<string, unknown>>(pk, ACTIVITY_ROW_KEY, { queryOptions: { select: ['gen'] } });
        return { etag: entity.etag, gen: typeof entity.gen === 'string' ? entity.gen : '' };
      } catch (err) {
        if (statusOf(err) === 404) return undefined;
        throw err;
      }
    });
  }
}

