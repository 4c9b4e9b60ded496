/**
 * Domains and objectives, cached per tenant in this process. They are small and read by nearly
 * every request, so each request pays one point read instead: the tenant's catalogue version
 * row, whose ETag changes on every domain or objective write (by any instance). A cached copy
 * read under an older ETag is dropped and read again.
 *
 * Writers write the record first and bump the version after; readers read the version first
 * and the records after. So a reader can only cache records at least as new as its version;
 * if a writer dies between its write and its bump, other instances see the write at the next
 * bump (of any catalogue write) — documented, not silently wrong for long in practice.
 */
import type { Result } from '../../kernel/result';
import type { TenantCollection, Versioned } from '../../kernel/versioned';
import { encodeKey } from '../../platform/storage/keys';
import { type TableClient, statusOf } from '../../platform/storage/table-client';
import { CoalescedReads } from '../../kernel/coalesced-reads';

/** `!` is outside the key alphabets (keys.ts): no tenant's records can share this partition. */
export const CATALOGUE_VERSION_PARTITION = '!catalogue';

/** The per-tenant version row, stored in the domains table. */
export class CatalogueVersion {
  private readonly reads = new CoalescedReads<string>();

  constructor(private readonly client: TableClient) {}

  /** The current version token, or `''` while the tenant's catalogue was never written. Concurrent callers share one point read. */
  current(tenantId: string): Promise<string> {
    return this.reads.read(tenantId, async () => {
      try {
        const entity = await this.client.getEntity(CATALOGUE_VERSION_PARTITION, encodeKey(tenantId));
        return entity.etag ?? '';
      } catch (err) {
        if (statusOf(err) === 404) return '';
        throw err;
      }
    });
  }

  async bump(tenantId: string): Promise<void> {
    await this.client.upsertEntity({ partitionKey: CATALOGUE_VERSION_PARTITION, rowKey: encodeKey(tenantId), at: new Date().toISOString() }, 'Replace');
  }
}

type Keyed = { readonly tenantId: string; readonly id: string };

/** A tenant collection served from memory while the tenant's catalogue version is unchanged. */
export class CachedCollection<T extends Keyed> implements TenantCollection<T> {
  private readonly cache = new Map<string, { readonly version: string; readonly rows: readonly Versioned<T>[] }>();

  constructor(
    private readonly inner: TenantCollection<T>,
    private readonly version: CatalogueVersion,
  ) {}

  async list(tenantId: string): Promise<Versioned<T>[]> {
    const version = await this.version.current(tenantId);
    const cached = this.cache.get(tenantId);
    if (cached && cached.version === version) return [...cached.rows];
    const rows = await this.inner.list(tenantId);
    this.cache.set(tenantId, { version, rows });
    return [...rows];
  }

  async get(tenantId: string, id: string): Promise<Versioned<T> | undefined> {
    return (await this.list(tenantId)).find((r) => r.value.id === id);
  }

  create(record: T): Promise<Result<Versioned<T>>> {
    return this.changed(record.tenantId, this.inner.create(record));
  }

  update(record: T, etag: string): Promise<Result<Versioned<T>>> {
    return this.changed(record.tenantId, this.inner.update(record, etag));
  }

  remove(tenantId: string, id: string, etag: string): Promise<Result<void>> {
    return this.changed(tenantId, this.inner.remove(tenantId, id, etag));
  }

  async createMany(records: readonly T[]): Promise<void> {
    await this.inner.createMany(records);
    await Promise.all([...new Set(records.map((r) => r.tenantId))].map((t) => this.version.bump(t)));
  }

  deleteTenant(tenantId: string): Promise<void> {
    return this.changed(tenantId, this.inner.deleteTenant(tenantId));
  }

  private async changed<R>(tenantId: string, write: Promise<R>): Promise<R> {
    const result = await write;
    await this.version.bump(tenantId);
    return result;
  }
}
