/**
 * Check-ins on Azure Table Storage. One table, `${prefix}CheckIns`, one partition per tenant and
 * domain (`tenant.domain`, as the portfolio's items), so everything a PMO lead's page reads is in
 * one partition and no read spans the tenant.
 *
 * Row keys (composite, see keys.ts):
 * - `round.<roundId>` a round (ETag-guarded updates: reminder, digest);
 * - `req.<roundId>.<workItemId>` an item's request in a round, and its answer;
 * - `open.<workItemId>` the index of the item's one open request (`roundId`), so what is due or
 *   overdue is read from one row per item with an open request, never from the rounds' history.
 *
 * A request and its index row change in one transaction: superseding writes the old request
 * (guarded by its ETag) and points the index at the new round; answering writes the request
 * (guarded) and removes the index row. A request is open exactly when the index names it.
 */
import type { CheckInRequest, CheckInRound } from '../domain/check-in';
import { type Result, fail, ok } from '../../kernel/result';
import type { Versioned } from '../../kernel/versioned';
import type { CheckInStore } from '../ports';
import { defineCodec } from '../../platform/storage/codec';
import { compositeKey, decodeKey, prefixRange } from '../../platform/storage/keys';
import { type TableClient, type TransactionAction, deletePartition, ensureTable, isConflict, odata, openTable, queryRows, row, rowKeyRange, statusOf } from '../../platform/storage/table-client';
import { requestSchema, roundSchema } from './check-in-schemas';

const pk = (tenantId: string, domainId: string): string => compositeKey(tenantId, domainId);
const roundKey = (id: string): string => compositeKey('round', id);
const requestKey = (roundId: string, workItemId: string): string => compositeKey('req', roundId, workItemId);
const openKey = (workItemId: string): string => compositeKey('open', workItemId);

const roundCodec = defineCodec<CheckInRound>({ schema: roundSchema, jsonColumns: ['trigger', 'itemIds', 'skipped'], partitionKey: (r) => pk(r.tenantId, r.domainId), rowKeys: (r) => [roundKey(r.id)] });
const requestCodec = defineCodec<CheckInRequest>({
  schema: requestSchema,
  jsonColumns: ['answer'],
  partitionKey: (r) => pk(r.tenantId, r.domainId),
  rowKeys: (r) => [requestKey(r.roundId, r.workItemId)],
});

const requestRow = (r: CheckInRequest) => row(pk(r.tenantId, r.domainId), requestKey(r.roundId, r.workItemId), requestCodec.toColumns(r));
const openRow = (r: Pick<CheckInRequest, 'tenantId' | 'domainId' | 'roundId' | 'workItemId'>) => row(pk(r.tenantId, r.domainId), openKey(r.workItemId), { roundId: r.roundId });

/** Items whose rows go in one transaction: three rows each (request, index, the request it supersedes) within the limit of 100. */
const ITEMS_PER_TRANSACTION = 33;
/** Attempts at one transaction of items before giving up (each retry follows a concurrent answer or round). */
const MAX_ATTEMPTS = 10;

function requireEtag(etag: string | undefined): string {
  if (!etag) throw new Error('Table Storage returned no etag');
  return etag;
}


interface OpenIndex {
  readonly roundId: string;
  readonly etag: string;
}

class TableCheckInStore implements CheckInStore {
  constructor(private readonly client: TableClient) {}

  async createRound(round: CheckInRound): Promise<void> {
    if (await this.getRound(round.tenantId, round.domainId, round.id)) return;
    // The items first, the round last: a round row means its requests are all written, and a
    // second attempt after a failure in between writes only the items still missing.
    const written = new Set((await this.listRequests(round.tenantId, round.domainId, round.id)).map((r) => r.workItemId));
    const items = round.itemIds.filter((id) => !written.has(id));
    for (let i = 0; i < items.length; i += ITEMS_PER_TRANSACTION) await this.openRequests(round, items.slice(i, i + ITEMS_PER_TRANSACTION));
    try {
      await this.client.createEntity(row(pk(round.tenantId, round.domainId), roundKey(round.id), roundCodec.toColumns(round)));
    } catch (err) {
      if (statusOf(err) !== 409) throw err;
    }
  }

  async getRound(tenantId: string, domainId: string, roundId: string): Promise<Versioned<CheckInRound> | undefined> {
    const entity = await this.point(pk(tenantId, domainId), roundKey(roundId));
    return entity && { value: roundCodec.fromRow(this.client.tableName, entity), etag: requireEtag(entity.etag) };
  }

  async updateRound(round: CheckInRound, etag: string): Promise<Result<Versioned<CheckInRound>>> {
    try {
      const res = await this.client.updateEntity(row(pk(round.tenantId, round.domainId), roundKey(round.id), roundCodec.toColumns(round)), 'Replace', { etag });
      return ok({ value: round, etag: requireEtag(res.etag) });
    } catch (err) {
      if (statusOf(err) === 412) return fail('CONFLICT.STALE', 'The check-in round was changed meanwhile; nothing was written.');
      if (statusOf(err) === 404) return fail('NOT_FOUND', 'The check-in round was not found.');
      throw err;
    }
  }

  async listRounds(tenantId: string, domainId: string, since: Date): Promise<CheckInRound[]> {
    const { from, to } = prefixRange('round');
    // `requestedAt` is a column of its own, so the service filters on it.
    const rows = await queryRows(this.client, `${rowKeyRange(pk(tenantId, domainId), from, to)} and ${odata`requestedAt ge ${since.toISOString()}`}`);
    return rows.map((r) => roundCodec.fromRow(this.client.tableName, r)).sort((a, b) => b.requestedAt.localeCompare(a.requestedAt) || b.id.localeCompare(a.id));
  }

  async getRequest(tenantId: string, domainId: string, roundId: string, workItemId: string): Promise<Versioned<CheckInRequest> | undefined> {
    const entity = await this.point(pk(tenantId, domainId), requestKey(roundId, workItemId));
    return entity && { value: requestCodec.fromRow(this.client.tableName, entity), etag: requireEtag(entity.etag) };
  }

  async updateRequest(request: CheckInRequest, etag: string): Promise<Result<Versioned<CheckInRequest>>> {
    const index = await this.openIndex(request.tenantId, request.domainId, request.workItemId);
    const closesIndex = request.state !== 'open' && index?.roundId === request.roundId;
    const actions: TransactionAction[] = [
      ['update', requestRow(request), 'Replace', { etag }],
      // Unguarded (transactions take no ETag on delete), yet safe: the index changes only with the request it names, whose ETag guards this write.
      ...(closesIndex ? [['delete', openRow(request)] as TransactionAction] : []),
    ];
    try {
      await this.client.submitTransaction(actions);
    } catch (err) {
      if (statusOf(err) === 404 && !(await this.getRequest(request.tenantId, request.domainId, request.roundId, request.workItemId))) return fail('NOT_FOUND', 'The check-in was not found.');
      if (isConflict(err)) return fail('CONFLICT.STALE', 'The check-in was answered or replaced meanwhile; nothing was written.');
      throw err;
    }
    const stored = await this.getRequest(request.tenantId, request.domainId, request.roundId, request.workItemId);
    if (!stored) throw new Error(`Check-in request ${request.roundId}/${request.workItemId} vanished after its write`);
    return ok(stored);
  }

  async listRequests(tenantId: string, domainId: string, roundId: string): Promise<CheckInRequest[]> {
    const { from, to } = prefixRange('req', roundId);
    const rows = await queryRows(this.client, rowKeyRange(pk(tenantId, domainId), from, to));
    return rows.map((r) => requestCodec.fromRow(this.client.tableName, r));
  }

  async listOpen(tenantId: string, domainId: string): Promise<CheckInRequest[]> {
    const { from, to } = prefixRange('open');
    const index = await queryRows(this.client, rowKeyRange(pk(tenantId, domainId), from, to));
    const requests = await Promise.all(
      index.flatMap((r) => {
        const roundId = r['roundId'];
        const workItemId = r.rowKey?.slice(from.length);
        return typeof roundId === 'string' && workItemId ? [this.getRequest(tenantId, domainId, roundId, decodeKey(workItemId))] : [];
      }),
    );
    return requests.flatMap((r) => (r && r.value.state === 'open' ? [r.value] : []));
  }

  async deleteTenant(tenantId: string, domainIds: readonly string[]): Promise<void> {
    for (const domainId of domainIds) await deletePartition(this.client, pk(tenantId, domainId));
  }

  /** Writes the open requests of some items of a round, superseding each item's older open request, in one transaction. */
  private async openRequests(round: CheckInRound, itemIds: readonly string[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const actions: TransactionAction[] = [];
      for (const workItemId of itemIds) {
        const request: CheckInRequest = { tenantId: round.tenantId, domainId: round.domainId, roundId: round.id, workItemId, state: 'open', requestedAt: round.requestedAt, dueAt: round.dueAt };
        actions.push(['create', requestRow(request)], ...(await this.supersede(round, workItemId)));
      }
      try {
        await this.client.submitTransaction(actions);
        return;
      } catch (err) {
        // An older request was answered, or another round took the index, meanwhile: read again.
        if (!isConflict(err) || attempt >= MAX_ATTEMPTS) throw err;
      }
    }
  }

  /** The actions that point the item's index at `round`, marking the request it named superseded. */
  private async supersede(round: CheckInRound, workItemId: string): Promise<TransactionAction[]> {
    const next = openRow({ tenantId: round.tenantId, domainId: round.domainId, roundId: round.id, workItemId });
    const index = await this.openIndex(round.tenantId, round.domainId, workItemId);
    if (!index) return [['create', next]];
    const older = await this.getRequest(round.tenantId, round.domainId, index.roundId, workItemId);
    const point: TransactionAction = ['update', next, 'Replace', { etag: index.etag }];
    if (!older || older.value.state !== 'open') return [point];
    return [point, ['update', requestRow({ ...older.value, state: 'superseded', supersededBy: round.id }), 'Replace', { etag: older.etag }]];
  }

  private async openIndex(tenantId: string, domainId: string, workItemId: string): Promise<OpenIndex | undefined> {
    const entity = await this.point(pk(tenantId, domainId), openKey(workItemId));
    const roundId = entity?.['roundId'];
    return entity && typeof roundId === 'string' ? { roundId, etag: requireEtag(entity.etag) } : undefined;
  }

  private async point(partitionKey: string, rowKey: string): Promise<(Record<string, unknown> & { etag?: string; partitionKey?: string; rowKey?: string }) | undefined> {
    try {
      return await this.client.getEntity<Record<string, unknown>>(partitionKey, rowKey);
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw err;
    }
  }
}

export const checkInTableName = (prefix: string): string => `${prefix}CheckIns`;

/** Opens (creating once) the check-ins table and returns the store on it. */
export async function createTableCheckInStore(opts: { readonly connectionString: string; readonly tablePrefix: string }): Promise<CheckInStore> {
  const client = openTable(opts.connectionString, checkInTableName(opts.tablePrefix));
  await ensureTable(client);
  return new TableCheckInStore(client);
}
