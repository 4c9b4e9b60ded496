/**
 * Storage ports, in domain words. Adapters implement them (Azure Tables in production,
 * in-memory fakes in use-case tests). No storage SDK type appears here.
 */
import type { ConversationLink, ConversationRef, LinkTarget } from '../domain/conversation';
import type { Domain, StrategicObjective, WorkItem } from '../domain/portfolio';
import type { Result } from '../domain/result';
import type { Tenant } from '../domain/tenant';
import type { User } from '../domain/roles';

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
  /** Writes many new records; used by imports and the seed. Throws on storage failure. */
  createMany(records: readonly T[]): Promise<void>;
  /** Removes every record of the tenant (seed `--reset`). */
  deleteTenant(tenantId: string): Promise<void>;
}

export type DomainRepository = TenantCollection<Domain>;
export type ObjectiveRepository = TenantCollection<StrategicObjective>;

export interface WorkItemRepository extends TenantCollection<WorkItem> {
  listByDomain(tenantId: string, domainId: string): Promise<Versioned<WorkItem>[]>;
}

export interface TenantRepository {
  get(tenantId: string): Promise<Tenant | undefined>;
  upsert(tenant: Tenant): Promise<void>;
  list(): Promise<Tenant[]>;
  delete(tenantId: string): Promise<void>;
}

/** People and their roles, per tenant. */
export interface UserDirectory {
  get(tenantId: string, userId: string): Promise<User | undefined>;
  list(tenantId: string): Promise<User[]>;
  upsert(user: User): Promise<void>;
  deleteTenant(tenantId: string): Promise<void>;
}

/** Conversation references captured from installs and conversation updates. */
export interface ConversationStore {
  save(ref: ConversationRef): Promise<void>;
  get(tenantId: string, conversationId: string): Promise<ConversationRef | undefined>;
  list(tenantId: string): Promise<ConversationRef[]>;
  deleteTenant(tenantId: string): Promise<void>;
}

/** Links between conversations and PMO, EPMO or team targets. */
export interface LinkRepository {
  /** Adds or replaces the link of this conversation to this target. */
  put(link: ConversationLink): Promise<void>;
  remove(tenantId: string, conversationId: string, target: LinkTarget): Promise<void>;
  listByConversation(tenantId: string, conversationId: string): Promise<ConversationLink[]>;
  listByTarget(tenantId: string, target: LinkTarget): Promise<ConversationLink[]>;
  list(tenantId: string): Promise<ConversationLink[]>;
  deleteTenant(tenantId: string): Promise<void>;
}

/** Everything the portfolio use cases store. */
export interface Repositories {
  readonly tenants: TenantRepository;
  readonly domains: DomainRepository;
  readonly objectives: ObjectiveRepository;
  readonly workItems: WorkItemRepository;
  readonly users: UserDirectory;
  readonly conversations: ConversationStore;
  readonly links: LinkRepository;
  /** Confirms storage answers; used by `/healthz`. */
  ping(): Promise<void>;
}
