/**
 * Durable timers of signals (Scheduler jobs, surviving restarts):
 * - `signal.due` at the current state's due time: if the signal is still in that state (same
 *   revision) and nobody was reminded yet, the owner of the step is reminded ONCE — PMO leads
 *   through a reminder card in their domain's PMO channel (triage, analysis), strategy owners in
 *   the EPMO channel (decision). Channels, not personal chats: PMO Relay may not be installed
 *   for every person, and a channel reminder reaches whoever covers the step. The reminder is
 *   dispatched first, in one batch per revision (delivered once, however often it is
 *   dispatched), and then recorded on the signal, so a failed dispatch is retried, not lost.
 *   In a channel the reminder is a reply in the thread of the signal's card there (the PMO or
 *   EPMO card), where the discussion of that signal is; a new post where the card is not known.
 * - `signal.undefer` at a deferral's date: the signal returns to `escalated` for a new decision.
 */
import { markReminded, undefer } from '../domain/decision';
import { waitingOn } from '../domain/transition-kit';
import type { JobHandlers, ScheduledJob } from '../../delivery';
import { BATCH, SIGNAL_CONTENT, SIGNAL_JOBS, type SignalDeps, type SignalJob } from './deps';
import { afterCommit } from './effects';

async function remind(deps: SignalDeps, job: ScheduledJob): Promise<void> {
  const signalId = job.payload['signalId'] ?? '';
  const current = await deps.stores.signals.get(job.tenantId, signalId);
  if (!current) return;
  const s = current.value;
  const now = deps.clock.now();
  // Moved on since this timer was set, or already reminded: nothing to do.
  if (String(s.revision) !== job.payload['revision'] || s.remindedAt || !s.dueAt || Date.parse(s.dueAt) > now.getTime()) return;
  const owner = waitingOn(s.state);
  if (owner === 'nobody' || s.state === 'deferred') return;
  const target = owner === 'pmo' ? ({ kind: 'pmo', domainId: s.domainId } as const) : ({ kind: 'epmo' } as const);
  const marked = markReminded(s, now, owner === 'pmo' ? 'the PMO leads' : 'the strategy owners');
  if (!marked.ok) return;
  // Send first, then record it: a failed dispatch throws before anything is recorded, so the
  // scheduler's retry reminds again. The batch is per revision, so a retry (or a second
  // process) after a dispatch that went through delivers nothing twice.
  const links = await deps.repos.links.listByTarget(job.tenantId, target);
  if (links.length > 0) {
    const cards = await deps.delivery.listBatch(job.tenantId, owner === 'pmo' ? BATCH.pmo(s.id) : BATCH.epmo(s.id));
    const cardIn = new Map(cards.filter((d) => d.state === 'sent' && d.activityId).map((d) => [d.conversationId, d.activityId as string]));
    await deps.delivery.dispatch(
      job.tenantId,
      BATCH.reminder(s.id, s.revision),
      links.map((l) => {
        const card = cardIn.get(l.conversationId);
        return { conversationId: l.conversationId, ...(card ? { threadId: card } : {}), operation: 'send' as const, content: { kind: SIGNAL_CONTENT.reminder, ref: s.id } };
      }),
    );
  }
  const saved = await deps.stores.signals.commit(marked.value, current.etag);
  if (!saved.ok) return; // changed meanwhile: the change scheduled its own timer
  if (links.length === 0) {
    deps.logger.warn({ tenantId: job.tenantId, signalId, owner }, 'overdue signal: no channel to remind');
    return;
  }
  deps.logger.info({ tenantId: job.tenantId, signalId, owner, channels: links.length }, 'reminded the owner of an overdue signal');
}

async function endDeferral(deps: SignalDeps, job: ScheduledJob): Promise<void> {
  const signalId = job.payload['signalId'] ?? '';
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await deps.stores.signals.get(job.tenantId, signalId);
    if (!current || current.value.state !== 'deferred') return;
    const next = undefer(current.value, deps.clock.now(), deps.policy);
    if (!next.ok) return;
    const saved = await deps.stores.signals.commit(next.value, current.etag);
    if (saved.ok) {
      await afterCommit(deps, next.value);
      return;
    }
  }
  throw new Error(`could not end the deferral of signal ${signalId}; will retry`);
}

export function signalJobHandlers(deps: SignalDeps): JobHandlers<SignalJob> {
  return {
    [SIGNAL_JOBS.due]: { run: (job) => remind(deps, job) },
    [SIGNAL_JOBS.undefer]: { run: (job) => endDeferral(deps, job) },
  };
}
