/**
 * Strategy changes on Azure Tables. Three tables, PartitionKey = tenant:
 * - `<prefix>Changes`: one row per version, RowKey `<changeId>.<version, 6 digits>` so a prefix
 *   range lists a change's versions in order; and, in the same partition so that a transition and
 *   its record are one table transaction, the audit trail: insert-only rows
 *   `aud.<changeId>.<version>.<seq, 6 digits>` (change ids are `chg-…`, never `aud`);
 * - `<prefix>ChangeRecipients`: the targeting snapshot of each published version,
 *   RowKey `<changeId>.<version>.<conversationId>`;
 * - `<prefix>ChangeResponses`: one row per person, conversation and version,
 *   RowKey `<changeId>.<version>.<conversationId>.<userId>` — a double click finds the same row.
 * Rows are validated on read; 412 maps to `CONFLICT.STALE`, 409 to `CONFLICT.ALREADY_EXISTS`.
 */
import { fail, notFound, ok } from '../../kernel/result';
import type { Result } from '../../kernel/result';
import type { ChangeAuditEvent } from '../domain/change-audit';
import type { Transition } from '../domain/change-rules';
import type { ChangeResponse, StrategyChange } from '../domain/strategy-change';
import type { ChangeRecipientRecord, ChangeRecipientRepository, ChangeRepository, ChangeResponseRepository, ChangeStores } from '../ports';
import { auditEventSchema, changeSchema, recipientSchema, responseSchema } from './change-schemas';
import type { Versioned } from '../../kernel/versioned';
import { CoalescedReads } from '../../kernel/coalesced-reads';
import { type Codec, defineCodec } from '../../platform/storage/codec';
import { compositeKey, encodeKey, prefixRange } from '../../platform/storage/keys';
import { type Row, type TableClient, type TransactionAction, deletePartition, ensureTable, odata, openTable, queryRows, row, rowKeyRange, statusOf, submitInTransactions } from '../../platform/storage/table-client';

const ver = (n: number): string => String(n).padStart(6, '0');

const changeKey = (c: Pick<StrategyChange, 'id' | 'version'>): string => compositeKey(c.id, ver(c.version));
const recipientKey = (r: Pick<ChangeRecipientRecord, 'changeId' | 'version' | 'conversationId'>): string => compositeKey(r.changeId, ver(r.version), r.conversationId);
const responseKey = (r: Pick<ChangeResponse, 'changeId' | 'version' | 'conversationId' | 'userId'>): string =>
  compositeKey(r.changeId, ver(r.version), r.conversationId, r.userId);
const AUDIT = 'aud';
const PUBLISHED: StrategyChange['state'] = 'published';
const auditKey = (e: Pick<ChangeAuditEvent, 'changeId' | 'version' | 'seq'>): string => compositeKey(AUDIT, e.changeId, ver(e.version), ver(e.seq));
const auditCodec = defineCodec<ChangeAuditEvent>({ schema: auditEventSchema, jsonColumns: [], partitionKey: (e) => encodeKey(e.tenantId), rowKeys: (e) => [auditKey(e)] });
const auditRow = (e: ChangeAuditEvent): Row => row(encodeKey(e.tenantId), auditKey(e), auditCodec.toColumns(e));
/** Events are only ever inserted: a second writer of the same number fails the whole transaction. */
const appendEvents = (events: readonly ChangeAuditEvent[]): TransactionAction[] => events.map((e) => ['create', auditRow(e)]);

/** Reads, writes and maps one record kind; the three repositories share it. */
class Store<T extends { readonly tenantId: string }> {
  constructor(
    readonly client: TableClient,
    private readonly codec: Codec<T>,
    private readonly key: (r: T) => string,
    private readonly label: string,
  ) {}

  toRow(r: T): Row {
    return row(encodeKey(r.tenantId), this.key(r), this.codec.toColumns(r));
  }

  async get(tenantId: string, rowKey: string): Promise<Versioned<T> | undefined> {
    try {
      const e = await this.client.getEntity<Record<string, unknown>>(encodeKey(tenantId), rowKey);
      return { value: this.codec.fromRow(this.client.tableName, e), etag: etagOf(e.etag) };
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw err;
    }
  }

  async query(filter: string): Promise<Versioned<T>[]> {
    const rows = await queryRows(this.client, filter);
    return rows.map((r) => ({ value: this.codec.fromRow(this.client.tableName, r), etag: etagOf(r.etag) }));
  }

  async range(tenantId: string, ...parts: string[]): Promise<Versioned<T>[]> {
    const { from, to } = prefixRange(...parts);
    return this.query(rowKeyRange(encodeKey(tenantId), from, to));
  }

  async create(r: T): Promise<Result<Versioned<T>>> {
    try {
      const res = await this.client.createEntity(this.toRow(r));
      return ok({ value: r, etag: etagOf(res.etag) });
    } catch (err) {
      if (statusOf(err) === 409) return fail('CONFLICT.ALREADY_EXISTS', `That ${this.label} already exists.`);
      throw err;
    }
  }

  async update(r: T, etag: string): Promise<Result<Versioned<T>>> {
    try {
      const res = await this.client.updateEntity(this.toRow(r), 'Replace', { etag });
      return ok({ value: r, etag: etagOf(res.etag) });
    } catch (err) {
      const status = statusOf(err);
      if (status === 412) return fail('CONFLICT.STALE', `The ${this.label} was changed by someone else; reload it and try again.`);
      if (status === 404) return notFound(`The ${this.label}`);
      throw err;
    }
  }

  async upsertMany(records: readonly T[]): Promise<void> {
    await submitInTransactions(this.client, records.map((r): TransactionAction => ['upsert', this.toRow(r), 'Replace']));
  }

  async createMany(records: readonly T[]): Promise<void> {
    await submitInTransactions(this.client, records.map((r): TransactionAction => ['create', this.toRow(r)]));
  }

  deleteTenant(tenantId: string): Promise<void> {
    return deletePartition(this.client, encodeKey(tenantId));
  }
}

function etagOf(etag: unknown): string {
  if (typeof etag !== 'string' || !etag) throw new Error('Table Storage returned no etag');
  return etag;
}

class TableChangeRepository implements ChangeRepository {
  /** Every portfolio page and item panel asks which changes are active: concurrent askers share one query. */
  private readonly active = new CoalescedReads<Versioned<StrategyChange>[]>();

  constructor(private readonly s: Store<StrategyChange>) {}

  async create({ value: change, events }: Transition<StrategyChange>) {
    const written = await this.submit([['create', this.s.toRow(change)], ...appendEvents(events)], (status) =>
      status === 409 ? fail('CONFLICT.ALREADY_EXISTS', `Version ${change.version} of "${change.title}" already exists.`) : undefined,
    );
    return written.ok ? ok({ value: change, etag: etagOf(written.value[0]) }) : written;
  }

  async update({ value: change, events }: Transition<StrategyChange>, etag: string) {
    const written = await this.submit([['update', this.s.toRow(change), 'Replace', { etag }], ...appendEvents(events)], (status) => {
      // 409: an event with that number exists, so the version moved on meanwhile.
      if (status === 412 || status === 409) return fail('CONFLICT.STALE', `"${change.title}" was changed by someone else; reload it and try again.`);
      return status === 404 ? notFound(`Version ${change.version} of the change`) : undefined;
    });
    return written.ok ? ok({ value: change, etag: etagOf(written.value[0]) }) : written;
  }

  async supersede({ value: { previous, next }, events }: Transition<{ readonly previous: StrategyChange; readonly next: StrategyChange }>, etag: string) {
    const written = await this.submit(
      [['update', this.s.toRow(previous), 'Replace', { etag }], ['create', this.s.toRow(next)], ...appendEvents(events)],
      (status) => {
        if (status === 412) return fail('CONFLICT.STALE', `"${previous.title}" was changed by someone else; reload it and try again.`);
        if (status === 409) return fail('CONFLICT.ALREADY_EXISTS', `Version ${next.version} of "${next.title}" already exists; reload and try again.`);
        return status === 404 ? notFound(`Version ${previous.version} of the change`) : undefined;
      },
    );
    if (!written.ok) return written;
    return ok({ previous: { value: previous, etag: etagOf(written.value[0]) }, next: { value: next, etag: etagOf(written.value[1]) } });
  }

  get(tenantId: string, id: string, version: number) {
    return this.s.get(tenantId, changeKey({ id, version }));
  }
  async versions(tenantId: string, id: string) {
    return (await this.s.range(tenantId, id)).reverse();
  }
  list(tenantId: string) {
    const audit = prefixRange(AUDIT);
    return this.s.query(odata`PartitionKey eq ${encodeKey(tenantId)} and (RowKey lt ${audit.from} or RowKey ge ${audit.to})`);
  }
  listActive(tenantId: string) {
    // Audit rows carry `to`, never `state`, so this filter alone leaves them out.
    return this.active.read(tenantId, () => this.s.query(odata`PartitionKey eq ${encodeKey(tenantId)} and state eq ${PUBLISHED}`));
  }
  async history(tenantId: string, id: string) {
    const { from, to } = prefixRange(AUDIT, id);
    const rows = await queryRows(this.s.client, rowKeyRange(encodeKey(tenantId), from, to));
    return rows.map((r) => auditCodec.fromRow(this.s.client.tableName, r)).sort((a, b) => a.version - b.version || a.seq - b.seq);
  }
  async createMany(changes: readonly StrategyChange[], history: readonly ChangeAuditEvent[]) {
    // Events first and replaceable, versions last: a seed interrupted half-way is redone whole.
    await submitInTransactions(this.s.client, [
      ...history.map((e): TransactionAction => ['upsert', auditRow(e), 'Replace']),
      ...changes.map((c): TransactionAction => ['create', this.s.toRow(c)]),
    ]);
  }
  deleteTenant(tenantId: string) {
    return this.s.deleteTenant(tenantId);
  }

  /** One entity-group transaction (one partition, the tenant): every row or none. `refused` maps an expected status to a failure. */
  private async submit(actions: TransactionAction[], refused: (status: number | undefined) => Result<never> | undefined): Promise<Result<(string | undefined)[]>> {
    try {
      const res = await this.s.client.submitTransaction(actions);
      return ok(res.subResponses.map((r) => r.etag));
    } catch (err) {
      const failure = refused(statusOf(err));
      if (failure) return failure;
      throw err;
    }
  }
}

class TableRecipientRepository implements ChangeRecipientRepository {
  constructor(private readonly s: Store<ChangeRecipientRecord>) {}
  putMany(records: readonly ChangeRecipientRecord[]) {
    return this.s.upsertMany(records);
  }
  listByVersion(tenantId: string, changeId: string, version: number, domainId?: string) {
    if (domainId === undefined) return this.s.range(tenantId, changeId, ver(version));
    const { from, to } = prefixRange(changeId, ver(version));
    return this.s.query(`${rowKeyRange(encodeKey(tenantId), from, to)} and ${odata`domainId eq ${domainId}`}`);
  }
  update(record: ChangeRecipientRecord, etag: string) {
    return this.s.update(record, etag);
  }
  deleteTenant(tenantId: string) {
    return this.s.deleteTenant(tenantId);
  }
}

class TableResponseRepository implements ChangeResponseRepository {
  constructor(private readonly s: Store<ChangeResponse>) {}
  get(tenantId: string, changeId: string, version: number, conversationId: string, userId: string) {
    return this.s.get(tenantId, responseKey({ changeId, version, conversationId, userId }));
  }
  create(response: ChangeResponse) {
    return this.s.create(response);
  }
  update(response: ChangeResponse, etag: string) {
    return this.s.update(response, etag);
  }
  async listByVersion(tenantId: string, changeId: string, version: number) {
    return (await this.s.range(tenantId, changeId, ver(version))).map((r) => r.value);
  }
  createMany(responses: readonly ChangeResponse[]) {
    return this.s.createMany(responses);
  }
  deleteTenant(tenantId: string) {
    return this.s.deleteTenant(tenantId);
  }
}

export function changeTableNames(prefix: string) {
  return { changes: `${prefix}Changes`, recipients: `${prefix}ChangeRecipients`, responses: `${prefix}ChangeResponses` } as const;
}

/** Opens (creating once when missing) the change tables. */
export async function createChangeTables(opts: { readonly connectionString: string; readonly tablePrefix: string }): Promise<ChangeStores> {
  const names = changeTableNames(opts.tablePrefix);
  const clients = {
    changes: openTable(opts.connectionString, names.changes),
    recipients: openTable(opts.connectionString, names.recipients),
    responses: openTable(opts.connectionString, names.responses),
  };
  await Promise.all(Object.values(clients).map(ensureTable));
  return changeStoresOn(clients);
}

/** The repositories on the open change tables (tests pass clients that record their queries). */
export function changeStoresOn(clients: { readonly changes: TableClient; readonly recipients: TableClient; readonly responses: TableClient }): ChangeStores {
  const tenantPk = (r: { tenantId: string }) => encodeKey(r.tenantId);
  return {
    changes: new TableChangeRepository(
      new Store(clients.changes, defineCodec({ schema: changeSchema, jsonColumns: ['objectiveIds', 'domainIds'], partitionKey: tenantPk, rowKeys: (c) => [changeKey(c)] }), changeKey, 'change'),
    ),
    recipients: new TableRecipientRepository(
      new Store(clients.recipients, defineCodec({ schema: recipientSchema, jsonColumns: ['workItemIds'], partitionKey: tenantPk, rowKeys: (r) => [recipientKey(r)] }), recipientKey, 'recipient'),
    ),
    responses: new TableResponseRepository(
      new Store(clients.responses, defineCodec({ schema: responseSchema, jsonColumns: [], partitionKey: tenantPk, rowKeys: (r) => [responseKey(r)] }), responseKey, 'response'),
    ),
  };
}
