/**
 * Signals on Azure Table Storage. One table, `${prefix}Signals`, PartitionKey = tenant id, and
 * every kind of row of a tenant in that one partition, so that a transition — the new signal
 * version (ETag-guarded), its audit events and its decision record — is one table transaction:
 * written whole or not at all.
 *
 * Row keys (composite, see keys.ts):
 * - `sig.<signalId>` the signal (replaced on every transition, guarded by its ETag);
 * - `aud.<signalId>.<seq, 6 digits>` audit events, insert-only (a second writer of the same
 *   sequence number fails the whole transaction);
 * - `dec.<decisionId>` decision records, insert-only: the adapter has no update or delete for them;
 * - `dcl.<decisionId>` the strategy-change draft made from a decision, insert-only;
 * - `cnt.signals` the tenant's signal-number counter, ETag-guarded.
 */
import type { Decision, Signal, AuditEvent } from '../domain/signal';
import type { TransitionResult } from '../domain/transition-kit';
import { type Result, fail, ok } from '../../kernel/result';
import type { Versioned } from '../../kernel/versioned';
import type { DecisionLog, SignalFilter, SignalRepository, SignalStores, StrategyChangeLink } from '../ports';
import { defineCodec } from '../../platform/storage/codec';
import { compositeKey, decodeKey, encodeKey, prefixRange } from '../../platform/storage/keys';
import { auditEventSchema, decisionSchema, signalSchema } from './signal-schemas';
import { type Row, type TableClient, type TransactionAction, deletePartition, ensureTable, odata, openTable, queryRows, row, rowKeyRange, statusOf, submitInTransactions } from '../../platform/storage/table-client';

const pk = (tenantId: string): string => encodeKey(tenantId);
const seqKey = (seq: number): string => String(seq).padStart(6, '0');

const signalKey = (id: string): string => compositeKey('sig', id);
const auditKey = (signalId: string, seq: number): string => compositeKey('aud', signalId, seqKey(seq));
const decisionKey = (id: string): string => compositeKey('dec', id);
const changeLinkKey = (decisionId: string): string => compositeKey('dcl', decisionId);
const COUNTER_KEY = compositeKey('cnt', 'signals');

const signalCodec = defineCodec<Signal>({ schema: signalSchema, jsonColumns: ['raisedBy', 'origin', 'stateChangedBy', 'context', 'options', 'recommendation'], partitionKey: (s) => pk(s.tenantId), rowKeys: (s) => [signalKey(s.id)] });
const decisionCodec = defineCodec<Decision>({ schema: decisionSchema, jsonColumns: ['context', 'options', 'recommendation', 'decidedBy'], partitionKey: (d) => pk(d.tenantId), rowKeys: (d) => [decisionKey(d.id)] });
const auditCodec = defineCodec<AuditEvent>({ schema: auditEventSchema, jsonColumns: [], partitionKey: (e) => pk(e.tenantId), rowKeys: (e) => [auditKey(e.subjectId, e.seq)] });

const signalRow = (s: Signal): Row => row(pk(s.tenantId), signalKey(s.id), signalCodec.toColumns(s));
const auditRow = (e: AuditEvent): Row => row(pk(e.tenantId), auditKey(e.subjectId, e.seq), auditCodec.toColumns(e));
const decisionRow = (d: Decision): Row => row(pk(d.tenantId), decisionKey(d.id), decisionCodec.toColumns(d));

const CLOSED: Signal['state'] = 'closed';

/** Attempts at taking a signal number before giving up (each retry follows a concurrent raise). */
const MAX_NUMBER_ATTEMPTS = 25;

function requireEtag(etag: string | undefined): string {
  if (!etag) throw new Error('Table Storage returned no etag');
  return etag;
}

/** The ETag of the signal row after a transaction: the service does not return per-row ETags for batches, so read it. */
async function readEtag(client: TableClient, tenantId: string, id: string): Promise<string> {
  const entity = await client.getEntity(pk(tenantId), signalKey(id), { queryOptions: { select: ['PartitionKey'] } });
  return requireEtag(entity.etag);
}

class TableSignalRepository implements SignalRepository {
  constructor(private readonly client: TableClient) {}

  async get(tenantId: string, id: string): Promise<Versioned<Signal> | undefined> {
    try {
      const entity = await this.client.getEntity<Record<string, unknown>>(pk(tenantId), signalKey(id));
      return { value: signalCodec.fromRow(this.client.tableName, entity), etag: requireEtag(entity.etag) };
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw err;
    }
  }

  async list(tenantId: string): Promise<Versioned<Signal>[]> {
    const { from, to } = prefixRange('sig');
    const rows = await queryRows(this.client, rowKeyRange(pk(tenantId), from, to));
    return rows.map((r) => ({ value: signalCodec.fromRow(this.client.tableName, r), etag: requireEtag(r['etag'] as string | undefined) }));
  }

  async find(tenantId: string, where: SignalFilter): Promise<Signal[]> {
    const { from, to } = prefixRange('sig');
    // `domainId`, `workItemId` and `state` are columns of their own (see the codec), so the service filters on them.
    const clauses = [
      rowKeyRange(pk(tenantId), from, to),
      ...(where.domainId !== undefined ? [odata`domainId eq ${where.domainId}`] : []),
      ...(where.workItemId !== undefined ? [odata`workItemId eq ${where.workItemId}`] : []),
      ...(where.openOnly ? [odata`state ne ${CLOSED}`] : []),
    ];
    const rows = await queryRows(this.client, clauses.join(' and '));
    return rows.map((r) => signalCodec.fromRow(this.client.tableName, r));
  }

  async createNumbered(tenantId: string, make: (number: number) => TransitionResult): Promise<Versioned<Signal> & { readonly created: boolean }> {
    for (let attempt = 1; attempt <= MAX_NUMBER_ATTEMPTS; attempt++) {
      const counter = await this.counter(tenantId);
      const number = counter.value + 1;
      const change = make(number);
      const counterColumns = { value: number };
      const actions: TransactionAction[] = [
        counter.etag
          ? ['update', row(pk(tenantId), COUNTER_KEY, counterColumns), 'Replace', { etag: counter.etag }]
          : ['create', row(pk(tenantId), COUNTER_KEY, counterColumns)],
        ['create', signalRow(change.signal)],
        ...change.events.map((e): TransactionAction => ['create', auditRow(e)]),
      ];
      try {
        await this.client.submitTransaction(actions);
        return { value: change.signal, etag: await readEtag(this.client, tenantId, change.signal.id), created: true };
      } catch (err) {
        const status = statusOf(err);
        if (status !== 412 && status !== 409) throw err;
        // The signal row is there already: this raise was submitted before (a double submit), so that signal is the answer.
        const existing = await this.get(tenantId, change.signal.id);
        if (existing) return { ...existing, created: false };
        // Someone else took this number (or created the counter) first: take the next one.
        continue;
      }
    }
    throw new Error(`Could not take a signal number for tenant ${tenantId} after ${MAX_NUMBER_ATTEMPTS} attempts`);
  }

  async commit(change: TransitionResult, etag: string): Promise<Result<Versioned<Signal>>> {
    const { signal, events, decision } = change;
    const actions: TransactionAction[] = [
      ['update', signalRow(signal), 'Replace', { etag }],
      ...events.map((e): TransactionAction => ['create', auditRow(e)]),
      ...(decision ? [['create', decisionRow(decision)] as TransactionAction] : []),
    ];
    try {
      await this.client.submitTransaction(actions);
    } catch (err) {
      const status = statusOf(err);
      if ((status === 409 || status === 412) && decision && (await this.hasRow(signal.tenantId, decisionKey(decision.id)))) {
        return fail('SIGNAL.ALREADY_DECIDED', `A decision is already recorded for this escalation of S-${signal.number}.`);
      }
      if (status === 412 || status === 409) return fail('CONFLICT.STALE', `S-${signal.number} was changed by someone else meanwhile; nothing was written.`);
      if (status === 404) return fail('NOT_FOUND', `S-${signal.number} was not found.`);
      throw err;
    }
    return ok({ value: signal, etag: await readEtag(this.client, signal.tenantId, signal.id) });
  }

  async timeline(tenantId: string, signalId: string): Promise<AuditEvent[]> {
    const { from, to } = prefixRange('aud', signalId);
    const rows = await queryRows(this.client, rowKeyRange(pk(tenantId), from, to));
    return rows.map((r) => auditCodec.fromRow(this.client.tableName, r)).sort((a, b) => a.seq - b.seq);
  }

  async importMany(tenantId: string, changes: readonly TransitionResult[], lastNumber: number): Promise<void> {
    const actions: TransactionAction[] = [['upsert', row(pk(tenantId), COUNTER_KEY, { value: lastNumber }), 'Replace']];
    for (const c of changes) {
      actions.push(['upsert', signalRow(c.signal), 'Replace']);
      for (const e of c.events) actions.push(['upsert', auditRow(e), 'Replace']);
      if (c.decision) actions.push(['create', decisionRow(c.decision)]);
    }
    await submitInTransactions(this.client, actions);
  }

  deleteTenant(tenantId: string): Promise<void> {
    return deletePartition(this.client, pk(tenantId));
  }

  private async counter(tenantId: string): Promise<{ value: number; etag?: string }> {
    try {
      const entity = await this.client.getEntity<{ value?: unknown }>(pk(tenantId), COUNTER_KEY);
      const value = typeof entity.value === 'number' && Number.isInteger(entity.value) && entity.value >= 0 ? entity.value : undefined;
      if (value === undefined) throw new Error(`Corrupt signal counter for tenant ${tenantId}`);
      return { value, etag: requireEtag(entity.etag) };
    } catch (err) {
      if (statusOf(err) === 404) return { value: 0 };
      throw err;
    }
  }

  private async hasRow(tenantId: string, rowKey: string): Promise<boolean> {
    try {
      await this.client.getEntity(pk(tenantId), rowKey, { queryOptions: { select: ['PartitionKey'] } });
      return true;
    } catch (err) {
      if (statusOf(err) === 404) return false;
      throw err;
    }
  }
}

class TableDecisionLog implements DecisionLog {
  constructor(private readonly client: TableClient) {}

  async get(tenantId: string, id: string): Promise<Decision | undefined> {
    try {
      const entity = await this.client.getEntity<Record<string, unknown>>(pk(tenantId), decisionKey(id));
      return decisionCodec.fromRow(this.client.tableName, entity);
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw err;
    }
  }

  async list(tenantId: string): Promise<Decision[]> {
    const { from, to } = prefixRange('dec');
    const rows = await queryRows(this.client, rowKeyRange(pk(tenantId), from, to));
    return rows.map((r) => decisionCodec.fromRow(this.client.tableName, r));
  }

  async listBySignal(tenantId: string, signalId: string): Promise<Decision[]> {
    return (await this.list(tenantId)).filter((d) => d.signalId === signalId).sort((a, b) => a.round - b.round);
  }

  async linkStrategyChange(tenantId: string, decisionId: string, changeId: string): Promise<StrategyChangeLink> {
    try {
      await this.client.createEntity(row(pk(tenantId), changeLinkKey(decisionId), { changeId }));
      return { changeId, created: true };
    } catch (err) {
      if (statusOf(err) !== 409) throw err;
      // Insert-only: the link that exists stays, and is the answer.
      const existing = await this.strategyChangeOf(tenantId, decisionId);
      if (!existing) throw new Error(`The strategy-change link of decision ${decisionId} exists but names no change`);
      return { changeId: existing, created: false };
    }
  }

  async strategyChangeOf(tenantId: string, decisionId: string): Promise<string | undefined> {
    try {
      const entity = await this.client.getEntity<{ changeId?: unknown }>(pk(tenantId), changeLinkKey(decisionId));
      return typeof entity.changeId === 'string' ? entity.changeId : undefined;
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw err;
    }
  }

  async strategyChanges(tenantId: string): Promise<ReadonlyMap<string, string>> {
    const { from, to } = prefixRange('dcl');
    const rows = await queryRows(this.client, rowKeyRange(pk(tenantId), from, to));
    const links = new Map<string, string>();
    for (const r of rows) {
      const decisionId = r.rowKey?.slice(from.length);
      if (decisionId && typeof r['changeId'] === 'string') links.set(decodeKey(decisionId), r['changeId']);
    }
    return links;
  }
}

export const signalTableName = (prefix: string): string => `${prefix}Signals`;

/** Opens (creating once) the signals table and returns the repositories on it. */
export async function createTableSignalStores(opts: { readonly connectionString: string; readonly tablePrefix: string }): Promise<SignalStores> {
  const client = openTable(opts.connectionString, signalTableName(opts.tablePrefix));
  await ensureTable(client);
  return signalStoresOn(client);
}

/** The repositories on an open signals table (tests pass a client that records its queries). */
export function signalStoresOn(client: TableClient): SignalStores {
  return { signals: new TableSignalRepository(client), decisions: new TableDecisionLog(client) };
}
