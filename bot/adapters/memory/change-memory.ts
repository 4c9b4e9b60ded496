/**
 * In-memory strategy-change stores for use-case tests, with the Table adapter's contract:
 * tenant-scoped, `CONFLICT.ALREADY_EXISTS` on a taken key, `CONFLICT.STALE` on an old etag
 * with nothing written, and copies in and out.
 */
import { fail, notFound, ok } from '../../domain/result';
import type { Result } from '../../domain/result';
import type { ChangeResponse, StrategyChange } from '../../domain/strategy-change';
import type { ChangeRecipientRecord, ChangeRecipientRepository, ChangeRepository, ChangeResponseRepository, ChangeStores } from '../../ports/changes';
import type { Versioned } from '../../ports/repositories';

const copy = <T>(value: T): T => structuredClone(value);
let counter = 0;
const nextEtag = (): string => `W/"chg-mem-${++counter}"`;

/** Rows keyed by tenant, then by a composite key that sorts like the table's row keys. */
class Rows<T> {
  private readonly byTenant = new Map<string, Map<string, Versioned<T>>>();
  constructor(
    private readonly key: (r: T) => string,
    private readonly tenant: (r: T) => string,
    private readonly label: string,
  ) {}
  private of(tenantId: string): Map<string, Versioned<T>> {
    let m = this.byTenant.get(tenantId);
    if (!m) this.byTenant.set(tenantId, (m = new Map()));
    return m;
  }
  get(tenantId: string, key: string): Versioned<T> | undefined {
    const v = this.byTenant.get(tenantId)?.get(key);
    return v && copy(v);
  }
  values(tenantId: string, prefix = ''): Versioned<T>[] {
    return [...(this.byTenant.get(tenantId) ?? new Map<string, Versioned<T>>()).entries()]
      .filter(([k]) => k.startsWith(prefix))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, v]) => copy(v));
  }
  canCreate(r: T): boolean {
    return !this.of(this.tenant(r)).has(this.key(r));
  }
  create(r: T): Result<Versioned<T>> {
    if (!this.canCreate(r)) return fail('CONFLICT.ALREADY_EXISTS', `That ${this.label} already exists.`);
    return ok(this.put(r));
  }
  check(r: T, etag: string): Result<true> {
    const current = this.of(this.tenant(r)).get(this.key(r));
    if (!current) return notFound(`The ${this.label}`);
    if (etag !== '*' && etag !== current.etag) return fail('CONFLICT.STALE', `The ${this.label} was changed by someone else; reload it and try again.`);
    return ok(true);
  }
  update(r: T, etag: string): Result<Versioned<T>> {
    const checked = this.check(r, etag);
    return checked.ok ? ok(this.put(r)) : checked;
  }
  put(r: T): Versioned<T> {
    const stored = { value: copy(r), etag: nextEtag() };
    this.of(this.tenant(r)).set(this.key(r), stored);
    return copy(stored);
  }
  deleteTenant(tenantId: string): void {
    this.byTenant.delete(tenantId);
  }
}

const v = (n: number): string => String(n).padStart(6, '0');

class MemoryChangeRepository implements ChangeRepository {
  private readonly rows = new Rows<StrategyChange>((c) => `${c.id}\u0000${v(c.version)}`, (c) => c.tenantId, 'change version');
  async create(change: StrategyChange) {
    return this.rows.create(change);
  }
  async update(change: StrategyChange, etag: string) {
    return this.rows.update(change, etag);
  }
  async supersede(previous: StrategyChange, etag: string, next: StrategyChange) {
    const checked = this.rows.check(previous, etag);
    if (!checked.ok) return checked;
    if (!this.rows.canCreate(next)) return fail('CONFLICT.ALREADY_EXISTS', `Version ${next.version} of ${next.id} already exists.`);
    return ok({ previous: this.rows.put(previous), next: this.rows.put(next) });
  }
  async get(tenantId: string, id: string, version: number) {
    return this.rows.get(tenantId, `${id}\u0000${v(version)}`);
  }
  async versions(tenantId: string, id: string) {
    return this.rows.values(tenantId, `${id}\u0000`).reverse();
  }
  async list(tenantId: string) {
    return this.rows.values(tenantId);
  }
  async createMany(changes: readonly StrategyChange[]) {
    for (const c of changes) this.rows.create(c);
  }
  async deleteTenant(tenantId: string) {
    this.rows.deleteTenant(tenantId);
  }
}

const recipientKey = (r: ChangeRecipientRecord): string => `${r.changeId}\u0000${v(r.version)}\u0000${r.conversationId}`;

class MemoryRecipientRepository implements ChangeRecipientRepository {
  private readonly rows = new Rows<ChangeRecipientRecord>(recipientKey, (r) => r.tenantId, 'recipient');
  async putMany(records: readonly ChangeRecipientRecord[]) {
    for (const r of records) this.rows.put(r);
  }
  async listByVersion(tenantId: string, changeId: string, version: number) {
    return this.rows.values(tenantId, `${changeId}\u0000${v(version)}\u0000`);
  }
  async update(record: ChangeRecipientRecord, etag: string) {
    return this.rows.update(record, etag);
  }
  async deleteTenant(tenantId: string) {
    this.rows.deleteTenant(tenantId);
  }
}

const responseKey = (r: Pick<ChangeResponse, 'changeId' | 'version' | 'conversationId' | 'userId'>): string =>
  `${r.changeId}\u0000${v(r.version)}\u0000${r.conversationId}\u0000${r.userId}`;

class MemoryResponseRepository implements ChangeResponseRepository {
  private readonly rows = new Rows<ChangeResponse>(responseKey, (r) => r.tenantId, 'response');
  async get(tenantId: string, changeId: string, version: number, conversationId: string, userId: string) {
    return this.rows.get(tenantId, responseKey({ changeId, version, conversationId, userId }));
  }
  async create(response: ChangeResponse) {
    return this.rows.create(response);
  }
  async update(response: ChangeResponse, etag: string) {
    return this.rows.update(response, etag);
  }
  async listByVersion(tenantId: string, changeId: string, version: number) {
    return this.rows.values(tenantId, `${changeId}\u0000${v(version)}\u0000`).map((r) => r.value);
  }
  async createMany(responses: readonly ChangeResponse[]) {
    for (const r of responses) this.rows.create(r);
  }
  async deleteTenant(tenantId: string) {
    this.rows.deleteTenant(tenantId);
  }
}

export function createMemoryChangeStores(): ChangeStores {
  return { changes: new MemoryChangeRepository(), recipients: new MemoryRecipientRepository(), responses: new MemoryResponseRepository() };
}
