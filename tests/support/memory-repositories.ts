/**
 * An in-memory `Repositories` for use-case tests: same contract as the Table Storage adapter
 * — tenant-scoped reads, `CONFLICT.ALREADY_EXISTS` on a taken id, `CONFLICT.STALE` on an old
 * etag with nothing written — without a storage emulator. Records are copied in and out, so a
 * test cannot change stored state by mutating an object it passed or got back.
 */
import { type ConversationLink, type ConversationRef, linkKey } from '../../bot/conversations/domain/conversation';
import type { Domain, StrategicObjective, WorkItem } from '../../bot/portfolio/domain/portfolio';
import { fail, invalid, notFound, ok } from '../../bot/kernel/result';
import type { Result } from '../../bot/kernel/result';
import type { User } from '../../bot/kernel/roles';
import type { Tenant } from '../../bot/kernel/tenant';
import type { LinkRepository, RosterStore } from '../../bot/conversations/ports';
import type { RosterMember, TeamsUser } from '../../bot/conversations/domain/teams-people';
import type { Repositories } from '../../bot/directory/repositories';
import type { TenantCollection, Versioned } from '../../bot/kernel/versioned';
import type { ActivityProjectionStore, ComputedActivity, FiguresAsRead, ItemWrite, StoredActivity, WorkItemPage, WorkItemRepository } from '../../bot/portfolio/ports';
import { type DomainStats, statsOf } from '../../bot/portfolio/domain/projection';
import type { StatusReport } from '../../bot/portfolio/domain/status-report';

const copy = <T>(value: T): T => structuredClone(value);

/** Like the Table Storage ETag: `*` matches any version. */
const ANY_ETAG = '*';

/** Opaque, never-reused version tokens, shaped like the service's weak ETags. */
let version = 0;
const nextEtag = (): string => `W/"mem-${++version}"`;

/** Rows per tenant, each map keyed by record id. */
class Partitions<V> {
  private readonly byTenant = new Map<string, Map<string, V>>();

  /** The tenant's rows, for reading; an unknown tenant reads as empty without being added. */
  peek(tenantId: string): ReadonlyMap<string, V> {
    return this.byTenant.get(tenantId) ?? new Map();
  }

  /** The tenant's rows, for writing. */
  of(tenantId: string): Map<string, V> {
    let rows = this.byTenant.get(tenantId);
    if (!rows) {
      rows = new Map();
      this.byTenant.set(tenantId, rows);
    }
    return rows;
  }

  /** Values of one tenant in key order, like a partition scan. */
  values(tenantId: string): V[] {
    const rows = this.byTenant.get(tenantId);
    return rows ? [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v) : [];
  }

  deleteTenant(tenantId: string): void {
    this.byTenant.delete(tenantId);
  }
}

class MemoryCollection<T extends { readonly tenantId: string; readonly id: string }> implements TenantCollection<T> {
  protected readonly rows = new Partitions<Versioned<T>>();

  constructor(private readonly label: string) {}

  async list(tenantId: string): Promise<Versioned<T>[]> {
    return this.rows.values(tenantId).map(copy);
  }

  async get(tenantId: string, id: string): Promise<Versioned<T> | undefined> {
    const found = this.rows.peek(tenantId).get(id);
    return found && copy(found);
  }

  async create(record: T): Promise<Result<Versioned<T>>> {
    const rows = this.rows.of(record.tenantId);
    if (rows.has(record.id)) return fail('CONFLICT.ALREADY_EXISTS', `A ${this.label} with id ${record.id} already exists.`);
    const stored = { value: copy(record), etag: nextEtag() };
    rows.set(record.id, stored);
    return ok(copy(stored));
  }

  async update(record: T, etag: string): Promise<Result<Versioned<T>>> {
    const rows = this.rows.of(record.tenantId);
    const current = rows.get(record.id);
    if (!current) return notFound(`The ${this.label} ${record.id}`);
    if (etag !== ANY_ETAG && etag !== current.etag) {
      return fail('CONFLICT.STALE', `The ${this.label} ${record.id} was changed by someone else; reload it and try again.`);
    }
    const stored = { value: copy(record), etag: nextEtag() };
    rows.set(record.id, stored);
    return ok(copy(stored));
  }

  async remove(tenantId: string, id: string, etag: string): Promise<Result<void>> {
    const rows = this.rows.of(tenantId);
    const current = rows.get(id);
    if (!current) return notFound(`The ${this.label} ${id}`);
    if (etag !== ANY_ETAG && etag !== current.etag) return fail('CONFLICT.STALE', `The ${this.label} ${id} was changed by someone else; reload it and try again.`);
    rows.delete(id);
    return ok(undefined);
  }

  async createMany(records: readonly T[]): Promise<void> {
    // All or nothing, and a taken or repeated id throws, as a failed table transaction does.
    const seen = new Set<string>();
    for (const r of records) {
      const key = JSON.stringify([r.tenantId, r.id]);
      if (seen.has(key) || this.rows.peek(r.tenantId).has(r.id)) throw new Error(`A ${this.label} with id ${r.id} already exists.`);
      seen.add(key);
    }
    for (const r of records) this.rows.of(r.tenantId).set(r.id, { value: copy(r), etag: nextEtag() });
  }

  async deleteTenant(tenantId: string): Promise<void> {
    this.rows.deleteTenant(tenantId);
  }
}

/**
 * Work items with the read model's contract: figures and pages per domain, status reports kept.
 * Figures are recomputed from the items (the Tables adapter keeps them on write).
 */
class MemoryWorkItems implements WorkItemRepository {
  private readonly items = new MemoryCollection<WorkItem>('work item');
  private readonly reports = new Partitions<StatusReport[]>();

  get(tenantId: string, id: string): Promise<Versioned<WorkItem> | undefined> {
    return this.items.get(tenantId, id);
  }

  async getMany(tenantId: string, ids: readonly string[]): Promise<Versioned<WorkItem>[]> {
    const found = await Promise.all([...new Set(ids)].map((id) => this.items.get(tenantId, id)));
    return found.filter((v): v is Versioned<WorkItem> => v !== undefined);
  }

  async domainsOf(tenantId: string, ids: readonly string[]): Promise<ReadonlyMap<string, string>> {
    return new Map((await this.getMany(tenantId, ids)).map((v) => [v.value.id, v.value.domainId]));
  }

  async listByDomain(tenantId: string, domainId: string): Promise<Versioned<WorkItem>[]> {
    return (await this.items.list(tenantId)).filter((r) => r.value.domainId === domainId);
  }

  async namesByDomain(tenantId: string, domainId: string): Promise<{ id: string; title: string; domainId: string }[]> {
    return (await this.listByDomain(tenantId, domainId)).map(({ value: { id, title } }) => ({ id, title, domainId }));
  }

  async pageByDomain(tenantId: string, domainId: string, page: { readonly size: number; readonly continuation?: string }): Promise<Result<WorkItemPage & FiguresAsRead>> {
    let offset = 0;
    if (page.continuation !== undefined) {
      const parsed = /^([^:]+):(\d+)$/.exec(Buffer.from(page.continuation, 'base64url').toString('utf8'));
      if (!parsed || parsed[1] !== domainId) return invalid('The continuation token is not one this portfolio issued; start again from the first page.');
      offset = Number(parsed[2]);
    }
    const all = await this.listByDomain(tenantId, domainId);
    const next = offset + page.size;
    const stats = statsOf(all.map((v) => v.value));
    // Any write to one of the domain's items changes its etag, so their etags together version the figures.
    const statsVersion = all.map((v) => v.etag).join(',');
    return ok({ items: all.slice(offset, next), stats, statsVersion, ...(next < all.length ? { continuation: Buffer.from(`${domainId}:${next}`).toString('base64url') } : {}) });
  }

  async stats(tenantId: string, domainId: string): Promise<DomainStats> {
    return statsOf((await this.listByDomain(tenantId, domainId)).map((v) => v.value));
  }

  async figures(tenantId: string, domainId: string): Promise<FiguresAsRead> {
    const all = await this.listByDomain(tenantId, domainId);
    return { stats: statsOf(all.map((v) => v.value)), statsVersion: all.map((v) => v.etag).join(',') };
  }

  async history(tenantId: string, item: Pick<WorkItem, 'id' | 'domainId'>): Promise<StatusReport[]> {
    return copy(this.reports.peek(tenantId).get(item.id) ?? []);
  }

  async create(write: ItemWrite): Promise<Result<Versioned<WorkItem>>> {
    const made = await this.items.create(write.item);
    if (made.ok) this.report(write);
    return made;
  }

  async update(write: ItemWrite, etag: string): Promise<Result<Versioned<WorkItem>>> {
    const saved = await this.items.update(write.item, etag);
    if (saved.ok) this.report(write);
    return saved;
  }

  async createMany(items: readonly WorkItem[], reports?: ReadonlyMap<string, readonly StatusReport[]>): Promise<void> {
    await this.items.createMany(items);
    for (const item of items) for (const report of reports?.get(item.id) ?? []) this.report({ item, report });
  }

  async deleteTenant(tenantId: string): Promise<void> {
    await this.items.deleteTenant(tenantId);
    this.reports.deleteTenant(tenantId);
  }

  private report(write: ItemWrite): void {
    if (!write.report) return;
    const rows = this.reports.of(write.item.tenantId);
    rows.set(write.item.id, [...(rows.get(write.item.id) ?? []), copy(write.report)]);
  }
}

class MemoryLinks implements LinkRepository {
  /** Keyed by conversation id and target key, so a conversation holds each link once. */
  private readonly rows = new Partitions<ConversationLink>();

  private static key(conversationId: string, target: ConversationLink['target']): string {
    return JSON.stringify([conversationId, linkKey(target)]);
  }

  async put(link: ConversationLink): Promise<void> {
    this.rows.of(link.tenantId).set(MemoryLinks.key(link.conversationId, link.target), copy(link));
  }

  async remove(tenantId: string, conversationId: string, target: ConversationLink['target']): Promise<void> {
    this.rows.of(tenantId).delete(MemoryLinks.key(conversationId, target));
  }

  async listByConversation(tenantId: string, conversationId: string): Promise<ConversationLink[]> {
    return this.rows.values(tenantId).filter((l) => l.conversationId === conversationId).map(copy);
  }

  async listByTarget(tenantId: string, target: ConversationLink['target']): Promise<ConversationLink[]> {
    const key = linkKey(target);
    return this.rows.values(tenantId).filter((l) => linkKey(l.target) === key).map(copy);
  }

  async listByRoster(tenantId: string, rosterId: string): Promise<ConversationLink[]> {
    return this.rows.values(tenantId).filter((l) => l.rosterId === rosterId).map(copy);
  }

  async list(tenantId: string): Promise<ConversationLink[]> {
    return this.rows.values(tenantId).map(copy);
  }

  async deleteTenant(tenantId: string): Promise<void> {
    this.rows.deleteTenant(tenantId);
  }
}

/** Activity rows per tenant and domain, with the Tables adapter's ETag rules. */
class MemoryActivity implements ActivityProjectionStore {
  private readonly rows = new Map<string, StoredActivity>();

  async read(tenantId: string, domainId: string): Promise<StoredActivity | undefined> {
    const row = this.rows.get(JSON.stringify([tenantId, domainId]));
    return row && copy(row);
  }

  async save(tenantId: string, domainId: string, computed: ComputedActivity, etag: string | undefined): Promise<boolean> {
    const key = JSON.stringify([tenantId, domainId]);
    if (this.rows.get(key)?.etag !== etag) return false;
    this.rows.set(key, { gen: computed.gen, etag: nextEtag(), computed: copy(computed) });
    return true;
  }

  async markChanged(tenantId: string, domainIds: readonly string[]): Promise<void> {
    for (const domainId of domainIds) {
      const key = JSON.stringify([tenantId, domainId]);
      const row = this.rows.get(key);
      this.rows.set(key, { ...row, gen: nextEtag(), etag: nextEtag() });
    }
  }
}

class MemoryRosters implements RosterStore {
  /** Keyed by roster id, then Entra id. */
  private readonly rows = new Partitions<Map<string, RosterMember>>();

  async members(tenantId: string, rosterId: string): Promise<RosterMember[]> {
    return [...(this.rows.peek(tenantId).get(rosterId)?.values() ?? [])].map(copy);
  }

  async replace(tenantId: string, rosterId: string, members: readonly RosterMember[]): Promise<void> {
    this.rows.of(tenantId).set(rosterId, new Map(members.map((m) => [m.userId, copy(m)])));
  }

  async rostersOf(tenantId: string, userId: string): Promise<string[]> {
    return [...this.rows.peek(tenantId).entries()].filter(([, members]) => members.has(userId)).map(([rosterId]) => rosterId);
  }

  async deleteTenant(tenantId: string): Promise<void> {
    this.rows.deleteTenant(tenantId);
  }
}

/** A fresh, empty in-memory store. Each call is independent. */
export function createMemoryRepositories(): Repositories {
  const tenants = new Map<string, Tenant>();
  const users = new Partitions<Versioned<User>>();
  const conversations = new Partitions<ConversationRef>();
  const teamsUsers = new Partitions<TeamsUser>();

  return {
    tenants: {
      get: async (tenantId) => {
        const t = tenants.get(tenantId);
        return t && copy(t);
      },
      upsert: async (tenant) => {
        tenants.set(tenant.tenantId, copy(tenant));
      },
      list: async () => [...tenants.values()].map(copy),
      delete: async (tenantId) => {
        tenants.delete(tenantId);
      },
    },
    domains: new MemoryCollection<Domain>('domain'),
    objectives: new MemoryCollection<StrategicObjective>('objective'),
    workItems: new MemoryWorkItems(),
    activity: new MemoryActivity(),
    users: {
      get: async (tenantId, userId) => {
        const u = users.peek(tenantId).get(userId);
        return u && copy(u.value);
      },
      list: async (tenantId) => users.values(tenantId).map((u) => copy(u.value)),
      listVersioned: async (tenantId) => users.values(tenantId).map(copy),
      upsert: async (user) => {
        users.of(user.tenantId).set(user.userId, { value: copy(user), etag: nextEtag() });
      },
      replaceIfUnchanged: async (user, version, witness) => {
        if (witness && (witness.value.tenantId !== user.tenantId || witness.value.userId === user.userId)) throw new Error('The witness must be another person of the same tenant');
        const rows = users.of(user.tenantId);
        if (rows.get(user.userId)?.etag !== version) return false;
        if (witness && rows.get(witness.value.userId)?.etag !== witness.etag) return false;
        rows.set(user.userId, { value: copy(user), etag: nextEtag() });
        if (witness) rows.set(witness.value.userId, { value: copy(witness.value), etag: nextEtag() });
        return true;
      },
      deleteTenant: async (tenantId) => users.deleteTenant(tenantId),
    },
    conversations: {
      save: async (ref) => {
        conversations.of(ref.tenantId).set(ref.conversationId, copy(ref));
      },
      get: async (tenantId, conversationId) => {
        const c = conversations.peek(tenantId).get(conversationId);
        return c && copy(c);
      },
      list: async (tenantId) => conversations.values(tenantId).map(copy),
      deleteTenant: async (tenantId) => conversations.deleteTenant(tenantId),
    },
    links: new MemoryLinks(),
    teamsUsers: {
      get: async (tenantId, userId) => {
        const u = teamsUsers.peek(tenantId).get(userId);
        return u && copy(u);
      },
      getMany: async (tenantId, userIds) => userIds.flatMap((id) => teamsUsers.peek(tenantId).get(id) ?? []).map(copy),
      list: async (tenantId) => teamsUsers.values(tenantId).map(copy),
      saveMany: async (users) => {
        for (const user of users) teamsUsers.of(user.tenantId).set(user.userId, copy(user));
      },
      deleteTenant: async (tenantId) => teamsUsers.deleteTenant(tenantId),
    },
    rosters: new MemoryRosters(),
    ping: async () => undefined,
  };
}
