/**
 * Raising a signal (PRODUCT.md §4): from the `raise` form card or the *Raise with PMO* message
 * action. Routing: the chosen work item's domain, else the domain linked to the conversation
 * (its PMO link, or the domain of the work item whose team it is). The raiser must be allowed:
 * a team member of the chosen item or of an item linked to this conversation, a PMO lead of the
 * domain, or an EPMO member.
 */
import type { WorkItem } from '../../domain/portfolio';
import { type Result, fail, forbidden, invalid, ok } from '../../domain/result';
import { type Principal, can, isEpmo, leadsDomain, onTeamOf } from '../../domain/roles';
import type { Signal, SignalKind, SignalOrigin, Urgency } from '../../domain/signal';
import { raise } from '../../domain/signal-machine';
import type { Versioned } from '../../ports/repositories';
import { scheduleTimers, sendPmoCards } from './effects';
import { BATCH, SIGNAL_CONTENT, type SignalDeps } from './deps';

export interface RaiseContext {
  /** Work items whose team this conversation is. */
  readonly workItems: readonly Pick<WorkItem, 'id' | 'title' | 'domainId'>[];
  /** The domain a signal without a work item goes to, when the conversation tells. */
  readonly domainId?: string;
  readonly domainName?: string;
}

/** What the conversation is linked to, for the form and for routing. */
export async function raiseContext(deps: Pick<SignalDeps, 'repos'>, tenantId: string, conversationId: string): Promise<RaiseContext> {
  const links = await deps.repos.links.listByConversation(tenantId, conversationId);
  const itemIds = links.flatMap((l) => (l.target.kind === 'team' ? [l.target.workItemId] : []));
  const items = (await Promise.all(itemIds.map((id) => deps.repos.workItems.get(tenantId, id)))).flatMap((v) => (v ? [v.value] : []));
  const pmo = links.find((l) => l.target.kind === 'pmo')?.target;
  const itemDomains = [...new Set(items.map((i) => i.domainId))];
  const domainId = pmo?.kind === 'pmo' ? pmo.domainId : itemDomains.length === 1 ? itemDomains[0] : undefined;
  const domain = domainId ? await deps.repos.domains.get(tenantId, domainId) : undefined;
  return {
    workItems: items.map((i) => ({ id: i.id, title: i.title, domainId: i.domainId })).sort((a, b) => a.title.localeCompare(b.title)),
    ...(domain ? { domainId: domain.value.id, domainName: `the ${domain.value.name} PMO` } : {}),
  };
}

export interface RaiseRequest {
  readonly conversationId: string;
  readonly kind: SignalKind;
  readonly title: string;
  readonly details: string;
  readonly urgency: Urgency;
  readonly workItemId?: string;
  readonly origin?: Omit<SignalOrigin, 'conversationId'>;
  /**
   * The activity id of the form card the raiser submitted: it becomes the receipt and is
   * updated in place. Without it (message action) a receipt is sent to the conversation.
   */
  readonly receiptActivityId?: string;
}

export const NO_ROUTE_MESSAGE =
  'PMO Relay does not know which PMO this conversation belongs to. Choose a work item, or link this channel first: send "@PMO Relay link" here (a PMO lead links their PMO channel, a team member their work item\'s team).';

export interface Raised {
  readonly signal: Versioned<Signal>;
  /** How many PMO channels the PMO card goes to (0: the PMO sees it in the tab only). */
  readonly pmoChannels: number;
  readonly domainName: string;
}

export async function raiseSignal(deps: SignalDeps, p: Principal, req: RaiseRequest): Promise<Result<Raised>> {
  const context = await raiseContext(deps, p.tenantId, req.conversationId);
  let item: WorkItem | undefined;
  if (req.workItemId) {
    if (!context.workItems.some((w) => w.id === req.workItemId)) {
      return invalid('Choose a work item linked to this conversation.', [{ at: 'workItemId', message: 'Not linked to this conversation.' }]);
    }
    item = (await deps.repos.workItems.get(p.tenantId, req.workItemId))?.value;
  }
  const domainId = item?.domainId ?? context.domainId;
  if (!domainId) return fail('SIGNAL.NO_ROUTE', NO_ROUTE_MESSAGE);
  const domain = await deps.repos.domains.get(p.tenantId, domainId);
  if (!domain) return fail('SIGNAL.NO_ROUTE', NO_ROUTE_MESSAGE);

  const allowed =
    can(p, 'signal.raise', { ...(item ? { workItemId: item.id } : {}), domainId }) ||
    context.workItems.some((w) => onTeamOf(p, w.id)) ||
    leadsDomain(p, domainId) ||
    isEpmo(p);
  if (!allowed) {
    return forbidden('Only members of a delivery team linked to this conversation (or its PMO leads and the EPMO) can raise signals here. Ask your PMO lead to add you to the team in PMO Relay.');
  }

  const origin: SignalOrigin = { conversationId: req.conversationId, ...req.origin };
  let failure: Result<never> | undefined;
  const id = deps.ids.next('sig');
  const now = deps.clock.now();
  // Validate before taking a number, so a bad request uses none.
  const check = raise({ tenantId: p.tenantId, id, number: 1, kind: req.kind, title: req.title, details: req.details, urgency: req.urgency, domainId, workItemId: item?.id, origin }, p, now, deps.policy);
  if (!check.ok) return check;
  const make = (number: number) => {
    const made = raise(
      { tenantId: p.tenantId, id, number, kind: req.kind, title: req.title, details: req.details, urgency: req.urgency, domainId, workItemId: item?.id, origin },
      p,
      now,
      deps.policy,
    );
    if (!made.ok) {
      failure = made;
      throw new Error(made.error.message);
    }
    const withReceipt = req.receiptActivityId ? { ...made.value.signal, receiptActivityId: req.receiptActivityId } : made.value.signal;
    return { ...made.value, signal: withReceipt };
  };
  let created: Versioned<Signal>;
  try {
    created = await deps.stores.signals.createNumbered(p.tenantId, make);
  } catch (error) {
    if (failure) return failure;
    throw error;
  }
  deps.logger.info({ tenantId: p.tenantId, signalId: id, number: created.value.number, domainId, by: p.userId }, 'signal raised');

  let pmoChannels = 0;
  try {
    pmoChannels = await sendPmoCards(deps, created.value);
    const receipt = req.receiptActivityId
      ? { conversationId: req.conversationId, operation: 'update' as const, targetActivityId: req.receiptActivityId, content: { kind: SIGNAL_CONTENT.receipt, ref: id } }
      : { conversationId: req.conversationId, operation: 'send' as const, content: { kind: SIGNAL_CONTENT.receipt, ref: id } };
    await deps.delivery.dispatch(p.tenantId, BATCH.receipt(id), [receipt]);
    await scheduleTimers(deps, created.value);
  } catch (error) {
    deps.logger.error({ err: error, tenantId: p.tenantId, signalId: id }, 'signal raised, but its cards or timers could not be dispatched');
  }
  return ok({ signal: created, pmoChannels, domainName: domain.value.name });
}
