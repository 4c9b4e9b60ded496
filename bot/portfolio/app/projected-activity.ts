/**
 * A domain's activity (open signals, unanswered changes, cascade coverage) read from its stored
 * projection, and computed only when that projection is out of date: written for an older
 * generation (a write has marked the domain since), never written, or older than
 * `ACTIVITY_MAX_AGE_MS`. A computed projection is stored guarded by the ETag read before
 * computing, so a write that marks the domain meanwhile wins and the next reader computes
 * again; the request itself is answered with what it computed, at least as new as the request.
 */
import type { IdSource } from '../../kernel/runtime';
import type { ActivityProjection, ActivityProjectionStore, DomainActivity, RollupActivity, StoredActivity } from '../ports';

/**
 * Writers mark a domain after their own write; one that dies in between leaves the projection
 * stale without a mark. Recomputing a projection older than this bounds how long that lasts,
 * at the cost of one recompute per domain read in that time.
 */
export const ACTIVITY_MAX_AGE_MS = 5 * 60_000;

/** Computes a domain's projection from the other features' records (wired in composition). */
export type ComputeActivity = (tenantId: string, domainId: string, now: Date) => Promise<ActivityProjection>;

/** A domain's projection and the generation it answers for. */
interface Projected {
  readonly gen: string;
  readonly projection: ActivityProjection;
}

export interface ProjectedActivityDeps {
  readonly store: ActivityProjectionStore;
  readonly compute: ComputeActivity;
  readonly ids: IdSource;
}

/** Reached conversations whose respond-by has passed by `now` without an answer. */
const overdueAt = (p: ActivityProjection, now: Date): number =>
  Object.entries(p.unansweredDue).reduce((n, [due, count]) => (Date.parse(due) < now.getTime() ? n + count : n), 0);

/** Items whose open check-in is due before `now`. */
const overdueCheckInsAt = (p: ActivityProjection, now: Date): Set<string> =>
  new Set(Object.entries(p.checkInsDue ?? {}).flatMap(([itemId, due]) => (Date.parse(due) < now.getTime() ? [itemId] : [])));

/** Changes with the generation and, as time passes, with the overdue counts: what a cache of built pages keys on. */
const versionOf = (gen: string, overdue: number, overdueCheckIns: number): string => `${gen}.${overdue}.${overdueCheckIns}`;

export function domainActivityOf({ gen, projection: p }: Projected, now: Date): DomainActivity {
  const overdueResponses = overdueAt(p, now);
  const overdueCheckIns = overdueCheckInsAt(p, now);
  return {
    version: versionOf(gen, overdueResponses, overdueCheckIns.size),
    openSignalsByItem: new Map(Object.entries(p.openSignalsByItem)),
    unansweredByItem: new Map(Object.entries(p.unansweredByItem)),
    openSignalsByState: p.openSignalsByState,
    overdueResponses,
    overdueCheckIns,
  };
}

export function rollupActivityOf({ gen, projection: p }: Projected, now: Date): RollupActivity {
  const overdueResponses = overdueAt(p, now);
  const overdueCheckIns = overdueCheckInsAt(p, now).size;
  return {
    version: versionOf(gen, overdueResponses, overdueCheckIns),
    openSignalsByState: p.openSignalsByState,
    overdueResponses,
    overdueCheckIns,
    openEscalations: p.openSignalsByState.escalated ?? 0,
    cascade: p.cascade,
  };
}

/** Key order fixed, so two computations of the same activity serialise alike. */
const canonical = (p: ActivityProjection): string => JSON.stringify(p, (_key, value: unknown) =>
  value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b))) : value);

/** Reads (or computes and stores) one domain's projection at a time; concurrent reads of the same row share one computation. */
export function projectedActivity(deps: ProjectedActivityDeps): (tenantId: string, domainId: string, now: Date) => Promise<Projected> {
  const computing = new Map<string, Promise<Projected>>();

  async function recompute(tenantId: string, domainId: string, now: Date, stored: StoredActivity | undefined): Promise<Projected> {
    const projection = await deps.compute(tenantId, domainId, now);
    const previous = stored?.computed?.projection;
    // Unchanged activity keeps its generation, so a recompute for age alone does not change `version`.
    const gen = stored && previous && canonical(previous) === canonical(projection) ? stored.gen : deps.ids.next('gen');
    // False: a write marked the domain meanwhile; the next reader computes again. Not retried.
    await deps.store.save(tenantId, domainId, { gen, at: now.toISOString(), projection }, stored?.etag);
    return { gen, projection };
  }

  return async (tenantId, domainId, now) => {
    const stored = await deps.store.read(tenantId, domainId);
    const c = stored?.computed;
    if (stored && c && c.gen === stored.gen && now.getTime() - Date.parse(c.at) < ACTIVITY_MAX_AGE_MS) return { gen: c.gen, projection: c.projection };
    const key = JSON.stringify([tenantId, domainId, stored?.etag ?? '']);
    const running = computing.get(key);
    if (running) return running;
    const started = recompute(tenantId, domainId, now, stored).finally(() => computing.delete(key));
    computing.set(key, started);
    return started;
  };
}
