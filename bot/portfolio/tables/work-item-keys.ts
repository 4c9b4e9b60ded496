/**
 * Keys of the portfolio read model (table `PortfolioItems`): one partition per tenant AND domain,
 * so a domain's portfolio is one partition and no read spans the tenant. In that partition:
 * `item.<id>` the items, `hist.<id>.<at>.<n>` their status reports, `stats` the domain's figures, `activity` its
 * activity projection (activity-rows.ts), `move.<id>` the intent of a move of the item out of the domain
 * under way (item-move.ts).
 * Table `PortfolioItemIndex` (PK = tenant, RK = item id) finds an item's domain by point read;
 * its partition `!moves` points at the move intents, so a repair at start reads them without a scan.
 */
import { compositeKey, encodeKey, prefixRange } from '../../platform/storage/keys';

export const itemPartition = (tenantId: string, domainId: string): string => compositeKey(tenantId, domainId);
export const itemRowKey = (id: string): string => compositeKey('item', id);
export const STATS_ROW_KEY = 'stats';
export const ACTIVITY_ROW_KEY = 'activity';

/** Row keys of every item of a partition. */
export const ITEM_RANGE = prefixRange('item');

/** The intent row of a move of item `id` out of the partition's domain. */
export const intentRowKey = (id: string): string => compositeKey('move', id);

/** Row keys of one item's status reports; `at` sorts them oldest first. */
export const historyRange = (id: string): { readonly from: string; readonly to: string } => prefixRange('hist', id);

/** A report's row key; `n` keeps two reports of the same millisecond apart. */
export const historyRowKey = (id: string, at: string, n: number): string => `${compositeKey('hist', id)}.${at}.${String(n).padStart(4, '0')}`;

export const indexKeys = (tenantId: string, id: string) => ({ partitionKey: encodeKey(tenantId), rowKey: encodeKey(id) }) as const;

/** The index table's partition of pointers to move intents (`!` is outside every encoded tenant key). */
export const MOVES_PARTITION = '!moves';

/** A pointer's row key: the intent's partition and item. */
export const movePointerKey = (source: string, id: string): string => `${source}.${encodeKey(id)}`;
