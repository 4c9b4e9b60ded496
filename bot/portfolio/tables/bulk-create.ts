/** Writing many new items of one domain (seed, import): a transaction at a time, each with the figures it changes. */
import { restate } from '../domain/projection';
import type { WorkItem } from '../domain/portfolio';
import type { StatusReport } from '../domain/status-report';
import { type TransactionAction, MAX_TRANSACTION_OPERATIONS } from '../../platform/storage/table-client';
import { ItemsExistAlready } from '../ports';
import type { DomainFigures } from './domain-figures';
import { itemRow, reportActions } from './item-rows';

/** A new item of a bulk write, with its reports. */
export interface BulkWrite {
  readonly item: WorkItem;
  readonly reports: readonly StatusReport[];
}

/** Writes new items of one domain (partition `pk`) a transaction at a time, each with the figures it changes. */
export async function createInDomain(figures: DomainFigures, pk: string, writes: readonly BulkWrite[]): Promise<void> {
  let current = await figures.read(pk);
  for (let i = 0; i < writes.length; ) {
    // One row for the figures; every item takes one or two (with its report).
    const chunk: BulkWrite[] = [];
    let ops = 1;
    for (; i < writes.length; i += 1) {
      const w = writes[i] as BulkWrite;
      const cost = 1 + w.reports.length;
      if (ops + cost > MAX_TRANSACTION_OPERATIONS) break;
      chunk.push(w);
      ops += cost;
    }
    current = await figures.withRetry(
      pk,
      current,
      async (stats) => {
        const next = chunk.reduce((s, w) => restate(s, undefined, w.item), stats.stats);
        const actions: TransactionAction[] = chunk.flatMap((w) => [['create', itemRow(w.item)] as TransactionAction, ...reportActions(pk, w.item, w.reports)]);
        return figures.submit(pk, stats, next, actions);
      },
      // Figures unchanged since the failed attempt: an item of the chunk exists already, and retrying cannot help.
      async (tried) => {
        if ((await figures.read(pk)).etag === tried.etag) throw new ItemsExistAlready(`A work item among ${chunk[0]?.item.id ?? ''}… already exists; nothing of this transaction was written.`);
      },
    );
  }
}
