/**
 * Shapes every store shares: a record with its version token, and a tenant-scoped collection
 * with optimistic concurrency. Adapters implement them (Azure Tables in production, in memory
 * in use-case tests); no storage SDK type appears here.
 */
import { createHash } from 'node:crypto';
import type { Result } from './result';

/** A stored record with the version token used for optimistic concurrency. */
export interface Versioned<T> {
  readonly value: T;
  readonly etag: string;
}

/**
 * Common shape of a tenant-scoped collection. `update` succeeds only when `etag` still
 * matches; otherwise it returns `CONFLICT.STALE` and writes nothing. `create` returns
 * `CONFLICT.ALREADY_EXISTS` when the id is taken.
 */
export interface TenantCollection<T extends { readonly tenantId: string; readonly id: string }> {
  list(tenantId: string): Promise<Versioned<T>[]>;
  get(tenantId: string, id: string): Promise<Versioned<T> | undefined>;
  create(record: T): Promise<Result<Versioned<T>>>;
  update(record: T, etag: string): Promise<Result<Versioned<T>>>;
  /** Deletes the record if it is still at `etag` (`CONFLICT.STALE` otherwise, `NOT_FOUND` when gone). */
  remove(tenantId: string, id: string, etag: string): Promise<Result<void>>;
  /** Writes many new records; used by imports and the seed. Throws on storage failure. */
  createMany(records: readonly T[]): Promise<void>;
  /** Removes every record of the tenant (seed `--reset`). */
  deleteTenant(tenantId: string): Promise<void>;
}

/**
 * A read view named by a version: every answer with the same version is the same body. A server
 * may then answer a caller who holds that version with 304 and keep the serialised body, calling
 * `build` only when it holds no copy of this version.
 */
export interface VersionedView<T> {
  readonly version: string;
  build(): T;
}

/** A version naming everything a view is made of: record ETags, ids, the caller's rights, the day. */
export const versionOf = (parts: readonly (string | number | boolean)[]): string => createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 32);
