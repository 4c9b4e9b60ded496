/**
 * What the check-in cadence, its reminder and its PMO digest share: their dependencies, the
 * scheduled-job and content kinds they own, and their deterministic ids (a retry, or a second
 * process after a crash, computes the same round, job and batch ids, so nothing goes twice).
 */
import type { Result } from '../../kernel/result';
import type { DeliveryService, ScheduledJob, Scheduler } from '../../delivery';
import type { Logger } from '../../kernel/logger';
import type { Clock } from '../../kernel/runtime';
import type { Repositories } from '../../directory';
import type { CheckInRound } from '../domain/check-in';
import type { CheckInStore } from '../ports';

/** A cadence round as the timer asks for it: the round's own id, and since when a report counts as recent. */
export interface CadenceRoundRequest {
  readonly tenantId: string;
  readonly domainId: string;
  readonly roundId: string;
  /** Items reported at or after this time are skipped as "reported recently". */
  readonly skipReportedSince: Date;
}

/**
 * Starts a round through the check-in request use case (its card, its delivery). Idempotent by
 * round id: a round that exists already is answered as it is, and nothing is sent again.
 */
export type CadenceRoundStarter = (request: CadenceRoundRequest) => Promise<Result<CheckInRound>>;

export interface CadenceDeps {
  readonly repos: Pick<Repositories, 'domains' | 'links' | 'tenants' | 'workItems'>;
  readonly store: CheckInStore;
  readonly delivery: DeliveryService<CadenceContent>;
  readonly scheduler: Scheduler<CadenceJob>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly startRound: CadenceRoundStarter;
  /** Batch id of a round's check-in cards (owned by the request use case), to reply in their threads. */
  readonly cardBatch: (round: Pick<CheckInRound, 'domainId' | 'id'>) => string;
  /** Base URL of the tab (ends with `/`), for the digest's link to the Check-ins page. */
  readonly tabBaseUrl: () => string | undefined;
}

/**
 * Called after a domain is created or its cadence changes, so its timer follows: the domain's
 * cadence job is (re)scheduled at its next occurrence, or removed while the cadence is off.
 */
export interface CadenceTimers {
  changed(tenantId: string, domainId: string): Promise<void>;
}

export const CADENCE_JOBS = { cadence: 'checkin.cadence', remind: 'checkin.remind', digest: 'checkin.digest' } as const;

/** Stored: keep the kinds and payload. `cadence` names the domain; the others a round of it. */
export type CadenceJob =
  | (ScheduledJob & { readonly kind: typeof CADENCE_JOBS.cadence; readonly payload: { readonly domainId: string } })
  | (ScheduledJob & { readonly kind: typeof CADENCE_JOBS.remind | typeof CADENCE_JOBS.digest; readonly payload: { readonly domainId: string; readonly roundId: string } });

export const CADENCE_CONTENT = { reminder: 'checkin.reminder', digest: 'checkin.digest' } as const;

/**
 * What the timers deliver, by reference, rendered when sent: the reminder to an item's team
 * (`variant` the item id) and the digest to the PMO channels; `ref` names the round
 * (`roundRef`). Stored on delivery records: keep the kinds and fields.
 */
export type CadenceContent =
  | { readonly kind: typeof CADENCE_CONTENT.reminder; readonly ref: string; readonly variant: string }
  | { readonly kind: typeof CADENCE_CONTENT.digest; readonly ref: string };

/** A round's reference in content: `<domainId>/<roundId>` (domain ids hold no `/`). */
export const roundRef = (r: Pick<CheckInRound, 'domainId' | 'id'>): string => `${r.domainId}/${r.id}`;
export function parseRoundRef(ref: string): { readonly domainId: string; readonly roundId: string } | undefined {
  const at = ref.indexOf('/');
  return at > 0 ? { domainId: ref.slice(0, at), roundId: ref.slice(at + 1) } : undefined;
}

export const cadenceJobId = (domainId: string): string => `checkin-cadence:${domainId}`;
export const remindJobId = (domainId: string, roundId: string): string => `checkin-remind:${domainId}:${roundId}`;
export const digestJobId = (domainId: string, roundId: string): string => `checkin-digest:${domainId}:${roundId}`;

/** One cadence round per domain and occurrence, `cad-<domainId>-<yyyymmddThhmm UTC>`: unique in the tenant, as the rounds' card batches are. */
export const cadenceRoundId = (domainId: string, occurrence: Date): string => `cad-${domainId}-${occurrence.toISOString().slice(0, 16).replace(/[-:]/g, '')}`;

export const CADENCE_BATCH = {
  reminder: (domainId: string, roundId: string) => `checkin:${domainId}:${roundId}:remind`,
  digest: (domainId: string, roundId: string) => `checkin:${domainId}:${roundId}:digest`,
} as const;
