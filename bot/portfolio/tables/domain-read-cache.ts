/**
 * Reads of a domain's items kept in memory while the domain's `stats` row keeps its ETag. Every
 * item write (create, edit, move, bulk) changes that row in the same transaction, in whichever
 * instance made it, so an unchanged ETag means unchanged items: a cached read is served after
 * one point read, and any write anywhere is seen on the next request. Readers take the ETag
 * before the items, so what they cache is never older than the ETag it is filed under.
 * Bounded by the number of items held; the least recently used reads go first.
 */
export class DomainReadCache<V> {
  private readonly entries = new Map<string, { readonly etag: string; readonly value: V; readonly size: number }>();
  private held = 0;

  /** @param maxItems the most items kept across every cached read */
  constructor(private readonly maxItems: number) {}

  /** The cached value of `key` if filed under `etag`; else `load()`, filed under `etag`. No `etag`: not cached. */
  async read(key: string, etag: string | undefined, load: () => Promise<V>, size: (value: V) => number): Promise<V> {
    const cached = this.entries.get(key);
    if (cached && etag !== undefined && cached.etag === etag) {
      // Most recently used last, so eviction takes the oldest first.
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached.value;
    }
    const value = await load();
    if (etag === undefined) return value;
    this.drop(key);
    const entry = { etag, value, size: size(value) };
    if (entry.size > this.maxItems) return value;
    this.entries.set(key, entry);
    this.held += entry.size;
    for (const oldest of this.entries.keys()) {
      if (this.held <= this.maxItems) break;
      this.drop(oldest);
    }
    return value;
  }

  private drop(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.held -= entry.size;
  }
}
