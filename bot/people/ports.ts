/** Storage ports of people: their roles, and their saved views. */
import type { User } from '../kernel/roles';
import type { Versioned } from '../kernel/versioned';
import type { RoleChange } from './domain/role-change';
import type { SavedView } from './domain/saved-view';

/** People and their roles, per tenant. */
export interface UserDirectory {
  get(tenantId: string, userId: string): Promise<User | undefined>;
  list(tenantId: string): Promise<User[]>;
  upsert(user: User): Promise<void>;
  /** Everyone, each with the version `replaceIfUnchanged` checks. */
  listVersioned(tenantId: string): Promise<Versioned<User>[]>;
  /**
   * Saves `user` in one step, only while their own record is still at `version` (undefined: they
   * have none yet) and, when given, `witness` (another person of the tenant, as read) is still at
   * its version too: how removing a tenant admin makes sure another one stays. False, and nothing
   * saved, when either has changed.
   */
  replaceIfUnchanged(user: User, version: string | undefined, witness?: Versioned<User>): Promise<boolean>;
  deleteTenant(tenantId: string): Promise<void>;
}

/** Each person's saved portfolio views, per tenant. */
export interface SavedViewStore {
  /** The person's views, in no particular order. */
  list(tenantId: string, userId: string): Promise<SavedView[]>;
  add(view: SavedView): Promise<void>;
  /** False when the person has no view with that id. */
  remove(tenantId: string, userId: string, id: string): Promise<boolean>;
}

/** One page of role changes, newest first; `continuation` asks for the older ones. */
export interface RoleChangePage {
  readonly changes: RoleChange[];
  readonly continuation?: string;
}

/** The tenant's role changes, append-only. */
export interface RoleChangeLog {
  append(change: RoleChange): Promise<void>;
  /** Newest first, at most `limit`; `undefined` when `continuation` is not one this log issued. */
  page(tenantId: string, limit: number, continuation?: string): Promise<RoleChangePage | undefined>;
}

/** Someone found by name where people are looked up beyond PMO Relay's own records (the tenant's directory). */
export interface DirectoryEntry {
  readonly userId: string;
  readonly displayName: string;
  readonly email?: string;
}

/** The tenant's directory (Microsoft Graph when deployed with the permission to read it). */
export interface TenantDirectory {
  /** People whose name or email starts with a word of `text`, at most `limit`. Throws when the directory cannot be read. */
  search(tenantId: string, text: string, limit: number): Promise<DirectoryEntry[]>;
}
