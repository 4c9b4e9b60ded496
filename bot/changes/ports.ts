/**
 * Storage ports of strategy changes (PRODUCT.md §3), in domain words. Implemented on Azure
 * Tables in tables/change-tables.ts.
 */
import type { Result } from '../kernel/result';
import type { ChangeAuditEvent } from './domain/change-audit';
import type { Transition } from './domain/change-rules';
import type { ChangeRecipient, ChangeResponse, StrategyChange } from './domain/strategy-change';
import type { Versioned } from '../kernel/versioned';

/**
 * Every version of every change (each version is its own record) and their audit trail. A
 * version is only ever written with the audit events of the transition that made it, in one
 * atomic write: a transition and its record are never half-written.
 */
export interface ChangeRepository {
  /** A new version 1 and its events. `CONFLICT.ALREADY_EXISTS` when that id and version exist. */
  create(drafted: Transition<StrategyChange>): Promise<Result<Versioned<StrategyChange>>>;
  /** The version `etag` names, moved, and its events. `CONFLICT.STALE` when `etag` no longer matches; writes nothing then. */
  update(moved: Transition<StrategyChange>, etag: string): Promise<Result<Versioned<StrategyChange>>>;
  /** Marks `previous` superseded (guarded by `etag`) and creates `next`, with the events: all of it or nothing. */
  supersede(
    made: Transition<{ readonly previous: StrategyChange; readonly next: StrategyChange }>,
    etag: string,
  ): Promise<Result<{ readonly previous: Versioned<StrategyChange>; readonly next: Versioned<StrategyChange> }>>;
  get(tenantId: string, id: string, version: number): Promise<Versioned<StrategyChange> | undefined>;
  /** Every version of one change, newest first. */
  versions(tenantId: string, id: string): Promise<Versioned<StrategyChange>[]>;
  /** Every version of every change of the tenant. */
  list(tenantId: string): Promise<Versioned<StrategyChange>[]>;
  /** The tenant's active versions (published: neither draft, withdrawn nor superseded), filtered by the store. */
  listActive(tenantId: string): Promise<Versioned<StrategyChange>[]>;
  /**
   * The audit trail of every version of one change, oldest first (by version, then in order).
   * Append-only: there is no way to change or remove an event, short of deleting the tenant.
   */
  history(tenantId: string, id: string): Promise<ChangeAuditEvent[]>;
  /** Seed and imports: versions and the audit events that made them. */
  createMany(changes: readonly StrategyChange[], history: readonly ChangeAuditEvent[]): Promise<void>;
  /** Every version and every audit event of the tenant. */
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
  /** A version's recipients; with `domainId`, only that domain's (filtered by the store). */
  listByVersion(tenantId: string, changeId: string, version: number, domainId?: string): Promise<Versioned<ChangeRecipientRecord>[]>;
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
