/**
 * In-memory signal stores for use-case tests, with the Table adapter's contract: a commit is
 * all or nothing, a stale ETag is `CONFLICT.STALE`, a second decision for a round is
 * `SIGNAL.ALREADY_DECIDED`, audit events and decisions are insert-only. Records are copied in
 * and out, so a test cannot change stored state by mutating an object.
 */
import type { AuditEvent, Decision, Signal } from '../../bot/signals/domain/signal';
import type { TransitionResult } from '../../bot/signals/domain/transition-kit';
import { type Result, fail, ok } from '../../bot/kernel/result';
import type { Versioned } from '../../bot/kernel/versioned';
import type { DecisionLog, SignalRepository, SignalStores } from '../../bot/signals/ports';

const copy = <T>(value: T): T => structuredClone(value);
let version = 0;
const nextEtag = (): string => `W/"sig-${++version}"`;

interface TenantData {
  counter: number;
  readonly signals: Map<string, Versioned<Signal>>;
  readonly events: Map<string, AuditEvent[]>;
  readonly decisions: Map<string, Decision>;
  readonly changeLinks: Map<string, string>;
}

export function createMemorySignalStores(): SignalStores {
  const tenants = new Map<string, TenantData>();
  const of = (tenantId: string): TenantData => {
    let t = tenants.get(tenantId);
    if (!t) {
      t = { counter: 0, signals: new Map(), events: new Map(), decisions: new Map(), changeLinks: new Map() };
      tenants.set(tenantId, t);
    }
    return t;
  };

  const append = (t: TenantData, events: readonly AuditEvent[]): boolean => {
    for (const e of events) if ((t.events.get(e.subjectId) ?? []).some((x) => x.seq === e.seq)) return false;
    for (const e of events) t.events.set(e.subjectId, [...(t.events.get(e.subjectId) ?? []), copy(e)]);
    return true;
  };

  const signals: SignalRepository = {
    async get(tenantId, id) {
      const v = tenants.get(tenantId)?.signals.get(id);
      return v ? copy(v) : undefined;
    },
    async list(tenantId) {
      return [...(tenants.get(tenantId)?.signals.values() ?? [])].map(copy);
    },
    async find(tenantId, where) {
      return [...(tenants.get(tenantId)?.signals.values() ?? [])]
        .map((v) => copy(v.value))
        .filter((s) => (where.domainId === undefined || s.domainId === where.domainId) && (where.workItemId === undefined || s.workItemId === where.workItemId) && (!where.openOnly || s.state !== 'closed'));
    },
    async createNumbered(tenantId, make) {
      const t = of(tenantId);
      const change = make(t.counter + 1);
      const existing = t.signals.get(change.signal.id);
      if (existing) return { ...copy(existing), created: false };
      t.counter += 1;
      const stored = { value: copy(change.signal), etag: nextEtag() };
      t.signals.set(change.signal.id, stored);
      append(t, change.events);
      return { ...copy(stored), created: true };
    },
    async commit(change, etag): Promise<Result<Versioned<Signal>>> {
      const t = of(change.signal.tenantId);
      const current = t.signals.get(change.signal.id);
      if (!current) return fail('NOT_FOUND', `S-${change.signal.number} was not found.`);
      if (change.decision && t.decisions.has(change.decision.id)) {
        return fail('SIGNAL.ALREADY_DECIDED', `A decision is already recorded for this escalation of S-${change.signal.number}.`);
      }
      if (current.etag !== etag) return fail('CONFLICT.STALE', `S-${change.signal.number} was changed by someone else meanwhile; nothing was written.`);
      if (!append(t, change.events)) return fail('CONFLICT.STALE', 'Audit sequence taken.');
      const stored = { value: copy(change.signal), etag: nextEtag() };
      t.signals.set(change.signal.id, stored);
      if (change.decision) t.decisions.set(change.decision.id, copy(change.decision));
      return ok(copy(stored));
    },
    async timeline(tenantId, signalId) {
      return [...(tenants.get(tenantId)?.events.get(signalId) ?? [])].sort((a, b) => a.seq - b.seq).map(copy);
    },
    async importMany(tenantId, changes: readonly TransitionResult[], lastNumber) {
      const t = of(tenantId);
      t.counter = lastNumber;
      for (const c of changes) {
        t.signals.set(c.signal.id, { value: copy(c.signal), etag: nextEtag() });
        append(t, c.events);
        if (c.decision) t.decisions.set(c.decision.id, copy(c.decision));
      }
    },
    async deleteTenant(tenantId) {
      tenants.delete(tenantId);
    },
  };

  const decisions: DecisionLog = {
    async get(tenantId, id) {
      const d = tenants.get(tenantId)?.decisions.get(id);
      return d ? copy(d) : undefined;
    },
    async list(tenantId) {
      return [...(tenants.get(tenantId)?.decisions.values() ?? [])].map(copy);
    },
    async listBySignal(tenantId, signalId) {
      return [...(tenants.get(tenantId)?.decisions.values() ?? [])].filter((d) => d.signalId === signalId).sort((a, b) => a.round - b.round).map(copy);
    },
    async linkStrategyChange(tenantId, decisionId, changeId) {
      const t = of(tenantId);
      const existing = t.changeLinks.get(decisionId);
      if (existing) return { changeId: existing, created: false };
      t.changeLinks.set(decisionId, changeId);
      return { changeId, created: true };
    },
    async strategyChangeOf(tenantId, decisionId) {
      return tenants.get(tenantId)?.changeLinks.get(decisionId);
    },
    async strategyChanges(tenantId) {
      return new Map(tenants.get(tenantId)?.changeLinks ?? []);
    },
  };

  return { signals, decisions };
}
