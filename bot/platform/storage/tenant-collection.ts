/**
 * A tenant-scoped collection on one table: PartitionKey = tenant id, RowKey = record id (both
 * through `encodeKey`). One partition per tenant keeps every query of a use case inside one
 * partition and makes tenant isolation structural: no read here spans partitions.
 */
import type { Versioned, TenantCollection } from '../../kernel/versioned';
import { type Result, fail, notFound, ok } from '../../kernel/result';
import { type Codec, defineCodec } from './codec';
import { encodeKey } from './keys';
import { type Row, type TableClient, deletePartition, odata, queryRows, requireEtag, row, statusOf, submitInTransactions } from './table-client';
import type { z } from 'zod';

type Keyed = { readonly tenantId: string; readonly id: string };

/** The codec of a tenant-scoped record kind. */
export function collectionCodec<T extends Keyed>(schema: z.ZodType<T>, jsonColumns: readonly (keyof T & string)[]): Codec<T> {
  return defineCodec<T>({
    schema,
    jsonColumns,
    partitionKey: (r) => encodeKey(r.tenantId),
    rowKeys: (r) => [encodeKey(r.id)],
  });
}

export class TableCollection<T extends Keyed> implements TenantCollection<T> {
  /**
   * @param client the table, already created
   * @param codec maps records to columns and validates rows
   * @param label what a record is called in messages ("work item")
   */
  constructor(
    protected readonly client: TableClient,
    protected readonly codec: Codec<T>,
    protected readonly label: string,
  ) {}

  list(tenantId: string): Promise<Versioned<T>[]> {
    return this.query(odata`PartitionKey eq ${encodeKey(tenantId)}`);
  }

  async get(tenantId: string, id: string): Promise<Versioned<T> | undefined> {
    try {
      const entity = await this.client.getEntity<Record<string, unknown>>(encodeKey(tenantId), encodeKey(id));
      return this.versioned(entity);
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw err;
    }
  }

  async create(record: T): Promise<Result<Versioned<T>>> {
    try {
      const res = await this.client.createEntity(this.toRow(record));
      return ok({ value: record, etag: requireEtag(res.etag) });
    } catch (err) {
      if (statusOf(err) === 409) return fail('CONFLICT.ALREADY_EXISTS', `A ${this.label} with id ${record.id} already exists.`);
      throw err;
    }
  }

  async update(record: T, etag: string): Promise<Result<Versioned<T>>> {
    try {
      // 'Replace' so fields removed from the record are removed from the row too.
      const res = await this.client.updateEntity(this.toRow(record), 'Replace', { etag });
      return ok({ value: record, etag: requireEtag(res.etag) });
    } catch (err) {
      const status = statusOf(err);
      if (status === 412) {
        return fail('CONFLICT.STALE', `The ${this.label} ${record.id} was changed by someone else; reload it and try again.`);
      }
      if (status === 404) return notFound(`The ${this.label} ${record.id}`);
      throw err;
    }
  }

  async remove(tenantId: string, id: string, etag: string): Promise<Result<void>> {
    try {
      await this.client.deleteEntity(encodeKey(tenantId), encodeKey(id), { etag });
      return ok(undefined);
    } catch (err) {
      const status = statusOf(err);
      if (status === 412) return fail('CONFLICT.STALE', `The ${this.label} ${id} was changed by someone else; reload it and try again.`);
      if (status === 404) return notFound(`The ${this.label} ${id}`);
      throw err;
    }
  }

  async createMany(records: readonly T[]): Promise<void> {
    await submitInTransactions(
      this.client,
      records.map((r) => ['create', this.toRow(r)] as const),
    );
  }

  deleteTenant(tenantId: string): Promise<void> {
    return deletePartition(this.client, encodeKey(tenantId));
  }

  protected async query(filter: string): Promise<Versioned<T>[]> {
    const rows = await queryRows(this.client, filter);
    return rows.map((r) => this.versioned(r));
  }

  private versioned(entity: { readonly etag?: string; readonly partitionKey?: string; readonly rowKey?: string }): Versioned<T> {
    return { value: this.codec.fromRow(this.client.tableName, entity), etag: requireEtag(entity.etag) };
  }

  private toRow(record: T): Row {
    return row(encodeKey(record.tenantId), encodeKey(record.id), this.codec.toColumns(record));
  }
}
