/**
 * Storage ports of strategy changes (PRODUCT.md §3), in domain words. Implemented on Azure
 * Tables (bot/adapters/tables/change-tables.ts) and in memory for use-case tests
 * (bot/adapters/memory/change-memory.ts).
 */
import type { Result } from '../kernel/result';
import type { ChangeRecipient, ChangeResponse, StrategyChange } from './domain/strategy-change';
import type { Versioned } from '../kernel/versioned';

/** Every version of every change; each version is its own record. */
export interface ChangeRepository {
  /** `CONFLICT.ALREADY_EXISTS` when that id and version exist. */
  create(change: StrategyChange): Promise<Result<Versioned<StrategyChange>>>;
  /** `CONFLICT.STALE` when `etag` no longer matches; writes nothing then. */
  update(change: StrategyChange, etag: string): Promise<Result<Versioned<StrategyChange>>>;
  /**
   * Marks `previous` superseded (guarded by `etag`) and creates `next`, atomically: either
   * both are written or neither.
   */
  supersede(
    previous: StrategyChange,
    etag: string,
    next: StrategyChange,
  ): Promise<Result<{ readonly previous: Versioned<StrategyChange>; readonly next: Versioned<StrategyChange> }>>;
  get(tenantId: string, id: string, version: number): Promise<Versioned<StrategyChange> | undefined>;
  /** Every version of one change, newest first. */
  versions(tenantId: string, id: string): Promise<Versioned<StrategyChange>[]>;
  /** Every version of every change of the tenant. */
  list(tenantId: string): Promise<Versioned<StrategyChange>[]>;
  /** Seed and imports. */
  createMany(changes: readonly StrategyChange[]): Promise<void>;
  deleteTenant(tenantId: string): Promise<void>;
}

/** A conversation a published version was addressed to, as targeted at publishing. */
export interface ChangeRecipientRecord extends ChangeRecipient {
  readonly tenantId: string;
  readonly changeId: string;
  readonly version: number;
  /** False for linked conversations the app could not reach at publishing (not sent). */
  readonly reachable: boolean;
  readonly unreachableReason?: 'not-installed' | 'missing';
  /** When the one reminder of this version went out to this conversation. */
  readonly remindedAt?: string;
}

export interface ChangeRecipientRepository {
  /** Writes the targeting snapshot of a version; existing records are replaced. */
  putMany(records: readonly ChangeRecipientRecord[]): Promise<void>;
  listByVersion(tenantId: string, changeId: string, version: number): Promise<Versioned<ChangeRecipientRecord>[]>;
  update(record: ChangeRecipientRecord, etag: string): Promise<Result<Versioned<ChangeRecipientRecord>>>;
  deleteTenant(tenantId: string): Promise<void>;
}

/** One row per person, conversation and version: a double click finds the same row. */
export interface ChangeResponseRepository {
  get(tenantId: string, changeId: string, version: number, conversationId: string, userId: string): Promise<Versioned<ChangeResponse> | undefined>;
  /** `CONFLICT.ALREADY_EXISTS` when the person already has a row for it (a concurrent click). */
  create(response: ChangeResponse): Promise<Result<Versioned<ChangeResponse>>>;
  update(response: ChangeResponse, etag: string): Promise<Result<Versioned<ChangeResponse>>>;
  listByVersion(tenantId: string, changeId: string, version: number): Promise<ChangeResponse[]>;
  createMany(responses: readonly ChangeResponse[]): Promise<void>;
  deleteTenant(tenantId: string): Promise<void>;
}

export interface ChangeStores {
  readonly changes: ChangeRepository;
  readonly recipients: ChangeRecipientRepository;
  readonly responses: ChangeResponseRepository;
}
