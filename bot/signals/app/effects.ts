/**
 * What follows a committed transition: cards updated in place, the EPMO card sent at the first
 * escalation, the decision notice, and the due-time timers. All delivery goes through the
 * durable DeliveryService; timers through the durable Scheduler. The transition is already
 * stored when these run; a failure here is logged and does not undo it (a later transition
 * re-renders every card from current state).
 */
import { type Decision, type Signal, FINAL_OUTCOMES } from '../domain/signal';
import { type TransitionResult, waitingOn } from '../domain/transition-kit';
import type { Delivery, DeliveryRequest } from '../../delivery';
import type { SignalCardKind } from './card-models';
import { BATCH, SIGNAL_CONTENT, SIGNAL_JOBS, type SignalContent, type SignalDeps, dueJobId, undeferJobId } from './deps';
import { feedNotices } from './feed-notices';

type SignalDelivery = DeliveryRequest<SignalContent>;

/** Cards already delivered for a signal, with the activity ids Teams returned. */
interface CardLocation {
  readonly view: SignalCardKind;
  readonly conversationId: string;
  readonly activityId: string;
  /** The delivery that sent the card; none for a receipt posted in the raise's own turn. */
  readonly sentBy?: string;
  /** The channel thread the card is a reply in (a receipt to a raise in a thread). */
  readonly threadId?: string;
}

const sent = (deliveries: readonly Delivery[]) =>
  deliveries
    .filter((d) => d.operation === 'send' && d.state === 'sent' && d.activityId)
    .map((d) => ({ conversationId: d.conversationId, activityId: d.activityId as string, sentBy: d.id, ...(d.threadId ? { threadId: d.threadId } : {}) }));

/** Where replies to the raiser go: the thread they raised it in, when it was one (PMO and EPMO cards are new posts). */
const raiserThread = (signal: Signal) => (signal.origin.threadId ? { threadId: signal.origin.threadId } : {});

async function cardLocations(deps: Pick<SignalDeps, 'delivery'>, signal: Signal): Promise<CardLocation[]> {
  const [receipts, pmo, epmo] = await Promise.all([
    signal.receiptActivityId ? Promise.resolve([]) : deps.delivery.listBatch(signal.tenantId, BATCH.receipt(signal.id)),
    deps.delivery.listBatch(signal.tenantId, BATCH.pmo(signal.id)),
    deps.delivery.listBatch(signal.tenantId, BATCH.epmo(signal.id)),
  ]);
  const receipt = signal.receiptActivityId ? [{ conversationId: signal.origin.conversationId, activityId: signal.receiptActivityId, ...raiserThread(signal) }] : sent(receipts);
  return [
    ...receipt.map((l) => ({ view: 'receipt' as const, ...l })),
    ...sent(pmo).map((l) => ({ view: 'pmo' as const, ...l })),
    ...sent(epmo).map((l) => ({ view: 'epmo' as const, ...l })),
  ];
}

const KIND_OF_VIEW: { readonly [V in SignalCardKind]: (typeof SIGNAL_CONTENT)[V] } = { receipt: SIGNAL_CONTENT.receipt, pmo: SIGNAL_CONTENT.pmo, epmo: SIGNAL_CONTENT.epmo };

/**
 * One update per delivered card, rendered from the state at send time. A card whose first send
 * is still queued needs none: it is rendered when it goes out. Delivery sends an update only
 * when it changes what the card shows, and one per card for a burst of transitions.
 */
function updateRequests(signal: Signal, locations: readonly CardLocation[]): SignalDelivery[] {
  return locations.map((l) => ({
    conversationId: l.conversationId,
    ...(l.threadId ? { threadId: l.threadId } : {}),
    ...(l.sentBy ? { sentBy: l.sentBy } : {}),
    operation: 'update',
    targetActivityId: l.activityId,
    content: { kind: KIND_OF_VIEW[l.view], ref: signal.id, variant: `r${signal.revision}` },
  }));
}

/**
 * Where the decision notice goes: the conversation the signal was raised in, or — when PMO
 * Relay cannot post there (it was removed, or never was there) — the raiser's 1:1 chat with
 * the bot, opened with their Teams user id. Without either, the origin is tried and its
 * delivery records why it could not be reached.
 */
async function noticeConversation(deps: SignalDeps, signal: Signal): Promise<string> {
  const origin = await deps.repos.conversations.get(signal.tenantId, signal.origin.conversationId);
  if (origin?.active || !deps.personalChat) return signal.origin.conversationId;
  try {
    return (await deps.personalChat(signal.tenantId, signal.raisedBy.userId))?.conversationId ?? signal.origin.conversationId;
  } catch (error) {
    deps.logger.warn({ err: error, tenantId: signal.tenantId, signalId: signal.id }, 'could not open a 1:1 chat with the raiser');
    return signal.origin.conversationId;
  }
}

/** The decision notice answers the raiser: in their thread when it goes where they raised it in one. */
const decisionNoticeRequest = (conversationId: string, signal: Signal, decision: Decision): SignalDelivery => ({
  conversationId,
  ...(conversationId === signal.origin.conversationId ? raiserThread(signal) : {}),
  operation: 'send',
  content: { kind: SIGNAL_CONTENT.decision, ref: signal.id, variant: decision.id },
});

/** Sends the PMO card to the domain's PMO channel(s); answers how many channels. */
export async function sendPmoCards(deps: SignalDeps, signal: Signal): Promise<number> {
  const links = await deps.repos.links.listByTarget(signal.tenantId, { kind: 'pmo', domainId: signal.domainId });
  const requests: SignalDelivery[] = links.map((l) => ({ conversationId: l.conversationId, operation: 'send', content: { kind: SIGNAL_CONTENT.pmo, ref: signal.id } }));
  if (requests.length > 0) await deps.delivery.dispatch(signal.tenantId, BATCH.pmo(signal.id), requests);
  return requests.length;
}

async function sendEpmoCards(deps: SignalDeps, signal: Signal): Promise<void> {
  const links = await deps.repos.links.listByTarget(signal.tenantId, { kind: 'epmo' });
  const requests: SignalDelivery[] = links.map((l) => ({ conversationId: l.conversationId, operation: 'send', content: { kind: SIGNAL_CONTENT.epmo, ref: signal.id } }));
  // Same batch and request every time: dispatch delivers it once; later rounds update it in place.
  if (requests.length > 0) await deps.delivery.dispatch(signal.tenantId, BATCH.epmo(signal.id), requests);
}

/** Schedules (or cancels) the timers the signal's new state needs. Scheduling an id again replaces it. */
export async function scheduleTimers(deps: SignalDeps, signal: Signal): Promise<void> {
  const payload = { signalId: signal.id, revision: String(signal.revision) };
  if (signal.state === 'deferred' && signal.dueAt) {
    await deps.scheduler.cancel(signal.tenantId, dueJobId(signal.id));
    await deps.scheduler.schedule({ tenantId: signal.tenantId, id: undeferJobId(signal.id), kind: SIGNAL_JOBS.undefer, dueAt: signal.dueAt, payload });
    return;
  }
  if (signal.dueAt && waitingOn(signal.state) !== 'nobody' && !signal.remindedAt) {
    await deps.scheduler.schedule({ tenantId: signal.tenantId, id: dueJobId(signal.id), kind: SIGNAL_JOBS.due, dueAt: signal.dueAt, payload });
  } else if (!signal.dueAt) {
    await deps.scheduler.cancel(signal.tenantId, dueJobId(signal.id));
  }
}

export async function afterCommit(deps: SignalDeps, change: TransitionResult): Promise<void> {
  const { signal, decision } = change;
  const actions = change.events.map((e) => e.action);
  if (actions.every((a) => a === 'remind')) return;
  try {
    const locations = await cardLocations(deps, signal);
    const updates = updateRequests(signal, locations);
    const sends: SignalDelivery[] = [];
    if (decision && FINAL_OUTCOMES.includes(decision.outcome)) sends.push(decisionNoticeRequest(await noticeConversation(deps, signal), signal, decision));
    if (updates.length > 0) await deps.delivery.dispatch(signal.tenantId, BATCH.updates(signal.id, signal.revision), updates);
    if (decision && sends.length > 0) await deps.delivery.dispatch(signal.tenantId, BATCH.notice(signal.id, decision.id), sends);
    if (signal.state === 'escalated' && !locations.some((l) => l.view === 'epmo')) await sendEpmoCards(deps, signal);
  } catch (error) {
    deps.logger.error({ err: error, tenantId: signal.tenantId, signalId: signal.id }, 'could not dispatch the signal card updates');
  }
  try {
    await scheduleTimers(deps, signal);
  } catch (error) {
    deps.logger.error({ err: error, tenantId: signal.tenantId, signalId: signal.id }, 'could not schedule the signal due-time timers');
  }
  if (deps.notifier) {
    try {
      await deps.notifier.notify(await feedNotices(deps, change));
    } catch (error) {
      deps.logger.error({ err: error, tenantId: signal.tenantId, signalId: signal.id }, 'could not queue the activity-feed notifications');
    }
  }
}
