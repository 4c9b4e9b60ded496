/**
 * Storage ports of check-ins, in domain words. Rounds and requests of a domain live in the
 * domain's partition, so what a PMO lead's page shows (the open rounds, who answered, what is
 * overdue) is read from one partition, never from the tenant.
 */
import type { Result } from '../kernel/result';
import type { Versioned } from '../kernel/versioned';
import type { CheckInRequest, CheckInRound } from './domain/check-in';

export interface CheckInStore {
  /**
   * Writes a new round and one `open` request per item, and marks each item's older open
   * request `superseded` by it. Idempotent by round id: writing the same round twice changes nothing.
   */
  createRound(round: CheckInRound): Promise<void>;
  getRound(tenantId: string, domainId: string, roundId: string): Promise<Versioned<CheckInRound> | undefined>;
  /** ETag-guarded: `CONFLICT.STALE` when the round changed since it was read (reminder, digest). */
  updateRound(round: CheckInRound, etag: string): Promise<Result<Versioned<CheckInRound>>>;
  /** The domain's rounds requested at or after `since`, newest first. */
  listRounds(tenantId: string, domainId: string, since: Date): Promise<CheckInRound[]>;
  getRequest(tenantId: string, domainId: string, roundId: string, workItemId: string): Promise<Versioned<CheckInRequest> | undefined>;
  /** ETag-guarded: the one answer of a request wins; a second gets `CONFLICT.STALE`. */
  updateRequest(request: CheckInRequest, etag: string): Promise<Result<Versioned<CheckInRequest>>>;
  listRequests(tenantId: string, domainId: string, roundId: string): Promise<CheckInRequest[]>;
  /** The domain's requests still `open`, across its rounds (what is due or overdue). */
  listOpen(tenantId: string, domainId: string): Promise<CheckInRequest[]>;
  /** Removes the tenant's rounds and requests (seed `--reset`). */
  deleteTenant(tenantId: string, domainIds: readonly string[]): Promise<void>;
}
