/**
 * Composition of the check-in cadence for start-app.ts: the domains' cadence timers, each round's
 * reminder and PMO digest (timers set whenever a round is written, manual or cadence), their
 * cards on the delivery registry, and the cadence route. A cadence round goes through the check-in
 * request use case with the occurrence's round id, so a retry or a second process finds the
 * round written and its cards' batch dispatched already.
 */
import {
  CHECK_IN_BATCH,
  type CadenceDeps,
  type CadenceTimers,
  type CheckInDeps,
  type CheckInStore,
  cadenceJobHandlers,
  cadenceRenderers,
  cadenceTimers,
  requestRound,
  scheduleRoundTimers,
} from '../checkins';
import { cadenceRoutes } from '../checkins/cadence-routes';
import type { DeliveryRegistry, DeliveryService, Scheduler } from '../delivery';
import type { RouteTable } from '../kernel/http-routes';
import type { Logger } from '../kernel/logger';

/** The check-in store, each new round followed by setting its reminder and digest timers. */
export function withRoundTimers(store: CheckInStore, deps: Pick<CadenceDeps, 'repos' | 'scheduler'>): CheckInStore {
  return {
    getRound: (tenantId, domainId, roundId) => store.getRound(tenantId, domainId, roundId),
    updateRound: (round, etag) => store.updateRound(round, etag),
    listRounds: (tenantId, domainId, since) => store.listRounds(tenantId, domainId, since),
    getRequest: (tenantId, domainId, roundId, workItemId) => store.getRequest(tenantId, domainId, roundId, workItemId),
    updateRequest: (request, etag) => store.updateRequest(request, etag),
    listRequests: (tenantId, domainId, roundId) => store.listRequests(tenantId, domainId, roundId),
    listOpen: (tenantId, domainId) => store.listOpen(tenantId, domainId),
    deleteTenant: (tenantId, domainIds) => store.deleteTenant(tenantId, domainIds),
    async createRound(round) {
      await store.createRound(round);
      await scheduleRoundTimers(deps, round);
    },
  };
}

export interface CadenceFeature {
  /** The hook for domain create and update: the domain's cadence timer follows its cadence. */
  readonly timers: CadenceTimers & { ensureAll(): Promise<number> };
  readonly routes: RouteTable;
}

export interface CadenceFeatureOptions {
  /** The check-in request use case's dependencies (their store with `withRoundTimers`). */
  readonly checkIns: CheckInDeps;
  readonly delivery: DeliveryService;
  readonly scheduler: Scheduler;
  readonly registry: DeliveryRegistry;
  readonly logger: Logger;
}

export function createCadenceFeature(o: CadenceFeatureOptions): CadenceFeature {
  const { checkIns } = o;
  const deps: CadenceDeps = {
    repos: checkIns.repos,
    store: checkIns.store,
    delivery: o.delivery,
    scheduler: o.scheduler,
    clock: checkIns.clock,
    logger: o.logger.child({ component: 'check-in-cadence' }),
    tabBaseUrl: checkIns.tabBaseUrl,
    cardBatch: (round) => CHECK_IN_BATCH.round(round.id),
    // The occurrence's id is the round's: the use case takes its round id from its id source.
    startRound: (r) =>
      requestRound(
        { ...checkIns, ids: { next: () => r.roundId } },
        { tenantId: r.tenantId, domainId: r.domainId, trigger: { kind: 'cadence' }, now: checkIns.clock.now(), skipReportedSince: r.skipReportedSince },
      ),
  };
  o.registry.addRenderers(cadenceRenderers(deps));
  o.registry.addJobHandlers(cadenceJobHandlers(deps));
  const timers = cadenceTimers(deps);
  return { timers, routes: cadenceRoutes({ repos: checkIns.repos, clock: checkIns.clock, timers }) };
}
