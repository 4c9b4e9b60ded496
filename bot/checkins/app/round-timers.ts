/**
 * A round's two timers (Scheduler jobs), set when the round is written, manual or cadence:
 * - `checkin.remind` at the reminder time (`remindHoursBefore` the due time, never before the
 *   round went out): one reminder to each item team that has not answered, a reply in the
 *   thread of the item's check-in card where its activity id is known; then `remindedAt`.
 * - `checkin.digest` at the due time: one card to the domain's PMO channel(s) saying what is
 *   still unanswered (now overdue) and who answered; then `digestAt`.
 * Each dispatches first, in one batch per round (delivered once, however often dispatched), and
 * records after, so a failed dispatch is retried by the scheduler, and a retry or a second
 * process after a dispatch that went through sends nothing twice.
 */
import type { JobHandlers, ScheduledJob } from '../../delivery';
import type { CheckInRound } from '../domain/check-in';
import { reminderAt } from '../domain/cadence';
import { CADENCE_BATCH, CADENCE_CONTENT, CADENCE_JOBS, type CadenceDeps, type CadenceJob, digestJobId, remindJobId, roundRef } from './cadence-deps';
import { cadenceJobHandler, cadenceOf } from './cadence-timers';

/** Sets the reminder and digest timers of a round just written (nothing for a round that asked nobody). */
export async function scheduleRoundTimers(deps: Pick<CadenceDeps, 'repos' | 'scheduler'>, round: CheckInRound): Promise<void> {
  if (round.itemIds.length === 0) return;
  const domain = (await deps.repos.domains.get(round.tenantId, round.domainId))?.value;
  const cadence = cadenceOf(domain ?? {});
  const payload = { domainId: round.domainId, roundId: round.id };
  const remindAt = reminderAt(cadence, new Date(round.requestedAt), new Date(round.dueAt));
  const jobs: CadenceJob[] = [
    { tenantId: round.tenantId, id: digestJobId(round.domainId, round.id), kind: CADENCE_JOBS.digest, dueAt: round.dueAt, payload },
  ];
  // A reminder at the due time itself would only repeat the digest.
  if (remindAt.getTime() < Date.parse(round.dueAt)) jobs.push({ tenantId: round.tenantId, id: remindJobId(round.domainId, round.id), kind: CADENCE_JOBS.remind, dueAt: remindAt.toISOString(), payload });
  for (const job of jobs) await deps.scheduler.schedule(job);
}

/** Records `field` on the round (ETag-guarded, read again on a conflict). */
async function record(deps: CadenceDeps, round: CheckInRound, field: 'remindedAt' | 'digestAt', at: string): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await deps.store.getRound(round.tenantId, round.domainId, round.id);
    if (!current || current.value[field]) return;
    const saved = await deps.store.updateRound({ ...current.value, [field]: at }, current.etag);
    if (saved.ok) return;
  }
  throw new Error(`could not record ${field} on check-in round ${round.id}; will retry`);
}

async function loadRound(deps: CadenceDeps, job: ScheduledJob): Promise<CheckInRound | undefined> {
  const domainId = job.payload['domainId'];
  const roundId = job.payload['roundId'];
  if (!domainId || !roundId) return undefined;
  return (await deps.store.getRound(job.tenantId, domainId, roundId))?.value;
}

async function remind(deps: CadenceDeps, job: ScheduledJob): Promise<void> {
  const round = await loadRound(deps, job);
  if (!round || round.remindedAt) return;
  const now = deps.clock.now();
  if (now.getTime() >= Date.parse(round.dueAt)) return; // late: the digest says what is overdue
  const open = (await deps.store.listRequests(round.tenantId, round.domainId, round.id)).filter((r) => r.state === 'open');
  const cards = await deps.delivery.listBatch(round.tenantId, deps.cardBatch(round));
  const cardIn = new Map(cards.filter((d) => d.state === 'sent' && d.activityId).map((d) => [d.conversationId, d.activityId as string]));
  const requests = [];
  for (const r of open) {
    for (const link of await deps.repos.links.listByTarget(round.tenantId, { kind: 'team', workItemId: r.workItemId })) {
      const thread = cardIn.get(link.conversationId);
      requests.push({
        conversationId: link.conversationId,
        ...(thread ? { threadId: thread } : {}),
        operation: 'send' as const,
        content: { kind: CADENCE_CONTENT.reminder, ref: roundRef(round), variant: r.workItemId },
      });
    }
  }
  if (requests.length > 0) await deps.delivery.dispatch(round.tenantId, CADENCE_BATCH.reminder(round.domainId, round.id), requests);
  await record(deps, round, 'remindedAt', now.toISOString());
  deps.logger.info({ tenantId: round.tenantId, domainId: round.domainId, roundId: round.id, teams: requests.length }, 'reminded the teams that have not answered a check-in');
}

async function digest(deps: CadenceDeps, job: ScheduledJob): Promise<void> {
  const round = await loadRound(deps, job);
  if (!round || round.digestAt) return;
  const links = await deps.repos.links.listByTarget(round.tenantId, { kind: 'pmo', domainId: round.domainId });
  if (links.length > 0) {
    await deps.delivery.dispatch(
      round.tenantId,
      CADENCE_BATCH.digest(round.domainId, round.id),
      links.map((l) => ({ conversationId: l.conversationId, operation: 'send' as const, content: { kind: CADENCE_CONTENT.digest, ref: roundRef(round) } })),
    );
  } else {
    deps.logger.warn({ tenantId: round.tenantId, domainId: round.domainId, roundId: round.id }, 'check-in digest: the domain has no PMO channel to send it to');
  }
  await record(deps, round, 'digestAt', deps.clock.now().toISOString());
}

/** The handlers of every job kind of the cadence: its own timer, and each round's reminder and digest. */
export function cadenceJobHandlers(deps: CadenceDeps): JobHandlers<CadenceJob> {
  return {
    [CADENCE_JOBS.cadence]: cadenceJobHandler(deps),
    [CADENCE_JOBS.remind]: { run: (job) => remind(deps, job) },
    [CADENCE_JOBS.digest]: { run: (job) => digest(deps, job) },
  };
}
