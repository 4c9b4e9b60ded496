/**
 * In-memory fakes of the delivery ports for use-case tests, with their Table adapters'
 * contracts: delivery records with real ETag checks (and a history of writes), delivered cards
 * as one merged row per card.
 */
import type { Delivery } from '../../bot/delivery/domain/delivery';
import type { DeliveredCard, DeliveredCardStore, DeliveryRepository } from '../../bot/delivery/ports';
import { type Result, fail, notFound, ok } from '../../bot/kernel/result';
import { StorageUnavailable } from '../../bot/kernel/storage-unavailable';
import type { Versioned } from '../../bot/kernel/versioned';

/** Delivered cards in memory, as the table keeps them (one merged row per card). */
export class MemoryCards implements DeliveredCardStore {
  private readonly rows = new Map<string, DeliveredCard>();

  async get(t: string, c: string, a: string): Promise<DeliveredCard | undefined> {
    return this.rows.get(key(t, c, a));
  }
  async requested(t: string, c: string, a: string, latestUpdateId: string): Promise<void> {
    this.rows.set(key(t, c, a), { ...this.rows.get(key(t, c, a)), latestUpdateId });
  }
  async shown(t: string, c: string, a: string, fingerprint: string): Promise<void> {
    this.rows.set(key(t, c, a), { ...this.rows.get(key(t, c, a)), fingerprint });
  }
}
const key = (t: string, c: string, a: string) => JSON.stringify([t, c, a]);

/** Delivery records in memory; `update` checks the etag like the table does. */
export class FakeDeliveries implements DeliveryRepository {
  readonly rows = new Map<string, Versioned<Delivery>>();
  /** Every successful update, in order. */
  readonly history: Delivery[] = [];
  private version = 0;

  async createMany(ds: readonly Delivery[]): Promise<void> {
    this.seed(ds);
  }
  seed(ds: readonly Delivery[]): void {
    for (const d of ds) if (!this.rows.has(d.id)) this.rows.set(d.id, { value: d, etag: this.nextEtag() });
  }
  async get(tenantId: string, id: string): Promise<Versioned<Delivery> | undefined> {
    const row = this.rows.get(id);
    return row && row.value.tenantId === tenantId ? row : undefined;
  }
  /** How many times recording a send as `sent` fails next, as storage that does not answer. */
  failSentWrites = 0;
  async update(d: Delivery, etag: string): Promise<Result<Versioned<Delivery>>> {
    if (d.state === 'sent' && this.failSentWrites > 0) {
      this.failSentWrites--;
      throw new StorageUnavailable(5);
    }
    const row = this.rows.get(d.id);
    if (!row) return notFound(`Delivery ${d.id}`);
    if (row.etag !== etag) return fail('CONFLICT.STALE', `Delivery ${d.id} was changed by someone else.`);
    const next = { value: d, etag: this.nextEtag() };
    this.rows.set(d.id, next);
    this.history.push(d);
    return ok(next);
  }
  async listByBatch(tenantId: string, batchId: string): Promise<Delivery[]> {
    return [...this.rows.values()].map((r) => r.value).filter((d) => d.tenantId === tenantId && d.batchId === batchId);
  }
  async listQueuedInBatch(tenantId: string, batchId: string): Promise<Versioned<Delivery>[]> {
    return [...this.rows.values()].filter((r) => r.value.tenantId === tenantId && r.value.batchId === batchId && r.value.state === 'queued');
  }
  /** Another writer changes the record (only its etag and updatedAt here). */
  bump(id: string): void {
    const row = this.rows.get(id) as Versioned<Delivery>;
    this.rows.set(id, { value: { ...row.value, updatedAt: new Date(Date.parse(row.value.updatedAt) + 1).toISOString() }, etag: this.nextEtag() });
  }
  value(id: string): Delivery {
    return (this.rows.get(id) as Versioned<Delivery>).value;
  }
  private nextEtag(): string {
    return `W/"${++this.version}"`;
  }
}
