/**
 * Durable timers of the check-in cadence (Scheduler jobs, surviving restarts, each run by one
 * process):
 * - `checkin.cadence`, one per domain, due at the cadence's next occurrence. When it runs it
 *   reads the domain's cadence again (it may have changed), starts the round of the latest
 *   occurrence if it is enabled and that round is not yet due (a process down for a while
 *   catches up on the round still worth sending, not on older ones), then schedules the next
 *   occurrence. The round id is the occurrence's, so a retry or a second process sends nothing twice.
 * - `checkin.remind` and `checkin.digest` per round (round-timers.ts), set when a round is written.
 */
import { DEFAULT_CHECK_IN_CADENCE, type Domain } from '../../portfolio';
import type { CheckInCadence } from '../domain/cadence';
import type { ScheduledJob } from '../../delivery';
import { nextOccurrence, previousOccurrence } from '../domain/cadence';
import { CADENCE_JOBS, type CadenceDeps, type CadenceJob, type CadenceTimers, cadenceJobId, cadenceRoundId } from './cadence-deps';

const HOUR_MS = 3_600_000;

/** A domain's cadence: its own, or the default (weekly) until its PMO lead sets one. */
export const cadenceOf = (domain: Pick<Domain, 'checkInCadence'>): CheckInCadence => domain.checkInCadence ?? DEFAULT_CHECK_IN_CADENCE;

/** When the domain's cadence next sends check-ins; undefined while it is off. */
export const nextCadenceAt = (domain: Pick<Domain, 'checkInCadence'>, now: Date): Date | undefined => {
  const cadence = cadenceOf(domain);
  return cadence.enabled ? nextOccurrence(cadence, now) : undefined;
};

const cadenceJob = (tenantId: string, domainId: string, dueAt: Date): CadenceJob => ({
  tenantId,
  id: cadenceJobId(domainId),
  kind: CADENCE_JOBS.cadence,
  dueAt: dueAt.toISOString(),
  payload: { domainId },
});

async function runCadence(deps: CadenceDeps, job: ScheduledJob): Promise<void> {
  const domainId = job.payload['domainId'] ?? '';
  const domain = (await deps.repos.domains.get(job.tenantId, domainId))?.value;
  if (!domain) return; // removed: its timer ends with it
  const cadence = cadenceOf(domain);
  if (!cadence.enabled) return; // turned off: turning it on schedules again
  const now = deps.clock.now();
  const occurrence = previousOccurrence(cadence, now);
  // The round of an occurrence already due is not worth sending (the process was down for long).
  const worthSending = now.getTime() < occurrence.getTime() + cadence.answerWithinHours * HOUR_MS && occurrence.getTime() >= Date.parse(domain.createdAt);
  if (worthSending) {
    const started = await deps.startRound({
      tenantId: job.tenantId,
      domainId,
      roundId: cadenceRoundId(domainId, occurrence),
      skipReportedSince: previousOccurrence(cadence, new Date(occurrence.getTime() - 1)),
    });
    // Throwing makes the scheduler try again; a refusal (nothing to ask, no such domain) would only be refused again.
    if (!started.ok) deps.logger.info({ tenantId: job.tenantId, domainId, reason: started.error.message }, 'cadence check-in round not started');
    else deps.logger.info({ tenantId: job.tenantId, domainId, roundId: started.value.id, items: started.value.itemIds.length }, 'cadence check-in round started');
  } else {
    deps.logger.warn({ tenantId: job.tenantId, domainId, occurrence: occurrence.toISOString() }, 'cadence check-in round skipped: its answers would already be due');
  }
  // Scheduled after the round: a failure above leaves this job to be retried, not replaced.
  await deps.scheduler.schedule(cadenceJob(job.tenantId, domainId, nextOccurrence(cadence, now)));
}

export function cadenceJobHandler(deps: CadenceDeps): { run(job: ScheduledJob): Promise<void> } {
  return { run: (job) => runCadence(deps, job) };
}

/** The domain-facing side: keeping each domain's cadence job in step with its cadence. */
export function cadenceTimers(deps: CadenceDeps): CadenceTimers & { ensureAll(): Promise<number> } {
  const ensure = async (tenantId: string, domain: Domain): Promise<boolean> => {
    const next = nextCadenceAt(domain, deps.clock.now());
    return next ? deps.scheduler.scheduleIfAbsent(cadenceJob(tenantId, domain.id, next)) : false;
  };
  return {
    async changed(tenantId, domainId) {
      const domain = (await deps.repos.domains.get(tenantId, domainId))?.value;
      const next = domain ? nextCadenceAt(domain, deps.clock.now()) : undefined;
      if (next) await deps.scheduler.schedule(cadenceJob(tenantId, domainId, next));
      else await deps.scheduler.cancel(tenantId, cadenceJobId(domainId));
    },
    /** At start: every domain of every tenant has its job (a job already there, even overdue, stays). */
    async ensureAll() {
      let added = 0;
      for (const tenant of await deps.repos.tenants.list()) {
        for (const d of await deps.repos.domains.list(tenant.tenantId)) if (await ensure(tenant.tenantId, d.value)) added++;
      }
      return added;
    },
  };
}
