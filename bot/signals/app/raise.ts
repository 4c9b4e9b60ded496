/**
 * Raising a signal (PRODUCT.md §4): from the `raise` form card or the *Raise with PMO* message
 * action. Routing: the chosen work item's domain, else the domain linked to the conversation
 * (its PMO link, or the domain of the work item whose team it is). The raiser must be allowed:
 * a team member of the chosen item or of an item linked to this conversation, a PMO lead of the
 * domain, or an EPMO member.
 */
import { createHash } from 'node:crypto';
import type { WorkItem } from '../../portfolio';
import { type Result, fail, forbidden, invalid, ok } from '../../kernel/result';
import { type Principal, can, isEpmo, leadsDomain, onTeamOf } from '../../kernel/roles';
import type { Signal, SignalKind, SignalOrigin, Urgency } from '../domain/signal';
import { raise } from '../domain/signal-machine';
import type { Versioned } from '../../kernel/versioned';
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
  /**
   * Names this raise when it can be submitted twice without a form card to tell (the message
   * action's dialog): the same key in the same conversation raises one signal. A raise with
   * `receiptActivityId` is keyed by it.
   */
  readonly idempotencyKey?: string;
}

/**
 * The id of the signal a keyed raise makes: derived from tenant, conversation and key, so a
 * form submitted twice (a double click; the form stays clickable until the receipt replaces it)
 * names the same signal, and the second submit finds it instead of raising another.
 */
function keyedSignalId(tenantId: string, conversationId: string, key: string): string {
  return `sig-${createHash('sha256').update(`${tenantId}\n${conversationId}\n${key}`).digest('hex').slice(0, 32)}`;
}

const NO_ROUTE_MESSAGE =
  'PMO Relay does not know which PMO this conversation belongs to. Choose a work item, or link this channel first: send "@PMO Relay link" here (a PMO lead links their PMO channel, a team member their work item\'s team).';

export interface Raised {
  readonly signal: Versioned<Signal>;
  /** How many PMO channels the PMO card goes to (0: the PMO sees it in the tab only). */
  readonly pmoChannels: number;
  readonly domainName: string;
  /** True when this raise had been submitted before: `signal` is the one raised then, and nothing was written or sent now. */
  readonly alreadyRaised: boolean;
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

  const key = req.receiptActivityId ? `form:${req.receiptActivityId}` : req.idempotencyKey;
  const id = key ? keyedSignalId(p.tenantId, req.conversationId, key) : deps.ids.next('sig');
  const already = async (existing: Versioned<Signal>): Promise<Result<Raised>> => {
    const [links, raisedIn] = await Promise.all([
      deps.repos.links.listByTarget(p.tenantId, { kind: 'pmo', domainId: existing.value.domainId }),
      deps.repos.domains.get(p.tenantId, existing.value.domainId),
    ]);
    deps.logger.info({ tenantId: p.tenantId, signalId: id, by: p.userId }, 'signal raise submitted again; answered with the signal raised before');
    return ok({ signal: existing, pmoChannels: links.length, domainName: raisedIn?.value.name ?? domain.value.name, alreadyRaised: true });
  };
  if (key) {
    const existing = await deps.stores.signals.get(p.tenantId, id);
    if (existing) return already(existing);
  }

  const origin: SignalOrigin = { conversationId: req.conversationId, ...req.origin };
  let failure: Result<never> | undefined;
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
    const stored = await deps.stores.signals.createNumbered(p.tenantId, make);
    // A concurrent submit of the same raise wrote it first.
    if (!stored.created) return already(stored);
    created = stored;
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
  return ok({ signal: created, pmoChannels, domainName: domain.value.name, alreadyRaised: false });
}
