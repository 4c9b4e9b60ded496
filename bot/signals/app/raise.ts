/**
 * Raising a signal (PRODUCT.md §4): from the `raise` form card or the *Raise with PMO* message
 * action, in any conversation. The work item is chosen from the items linked to the conversation,
 * or — where none are (personal and group chats, unlinked channels) — from the raiser's own items
 * (those whose team they are on: by role, or by the roster of a team or group chat linked to the
 * item). Routing: the chosen work item's domain, else the domain linked
 * to the conversation, else the domain the raiser chose. Anyone who may raise at all (a team
 * member by role or roster, a PMO lead, the EPMO) may raise to any domain of their tenant.
 */
import { createHash } from 'node:crypto';
import type { WorkItem } from '../../portfolio';
import type { ConversationLink } from '../../conversations';
import { type Result, fail, forbidden, invalid, ok } from '../../kernel/result';
import { type Principal, isEpmo, ledDomains, onTeamOf, teamWorkItems } from '../../kernel/roles';
import type { Signal, SignalKind, SignalOrigin, Urgency } from '../domain/signal';
import { raise } from '../domain/signal-machine';
import type { Versioned } from '../../kernel/versioned';
import { scheduleTimers, sendPmoCards } from './effects';
import { BATCH, SIGNAL_CONTENT, type SignalDeps } from './deps';

/** How many of the raiser's own items the form offers (most recently updated first). */
const OWN_ITEMS_OFFERED = 25;

type RaiseItem = Pick<WorkItem, 'id' | 'title' | 'domainId'>;

export interface RaiseContext {
  /**
   * The work items to choose from: those whose team this conversation is, or (when it is no
   * team's) the raiser's own, most recently updated first.
   */
  readonly workItems: readonly RaiseItem[];
  /** Where `workItems` come from. */
  readonly itemsFrom: 'conversation' | 'raiser';
  /** The domain a signal without a work item goes to, when the conversation tells. */
  readonly domainId?: string;
  readonly domainName?: string;
  /** When the conversation tells no domain: the tenant's domains, to choose one's PMO instead of a work item. */
  readonly domains: readonly { readonly id: string; readonly name: string }[];
}

type Raiser = Pick<Principal, 'tenantId' | 'userId' | 'roles'>;

const teamTargets = (links: readonly ConversationLink[]): string[] => links.flatMap((l) => (l.target.kind === 'team' ? [l.target.workItemId] : []));

/**
 * The work items of the teams and group chats whose roster the raiser is on: the items their
 * conversations are linked to. One range read of the raiser's rosters and one per roster,
 * never a scan of the tenant.
 */
async function rosterWorkItems(deps: Pick<SignalDeps, 'repos'>, p: Raiser): Promise<string[]> {
  const rosterIds = await deps.repos.rosters.rostersOf(p.tenantId, p.userId);
  const links = await Promise.all(rosterIds.map((rosterId) => deps.repos.links.listByRoster(p.tenantId, rosterId)));
  return teamTargets(links.flat());
}

/** What the conversation is linked to and, where it tells nothing, the raiser's own items and the domains to choose from. */
export async function raiseContext(deps: Pick<SignalDeps, 'repos'>, p: Raiser, conversationId: string): Promise<RaiseContext> {
  const { tenantId } = p;
  const links = await deps.repos.links.listByConversation(tenantId, conversationId);
  const linkedIds = teamTargets(links);
  const itemsFrom = linkedIds.length > 0 ? 'conversation' : 'raiser';
  // Own items come from the raiser's roles and rosters: point and range reads, never a scan of the tenant.
  const ids = itemsFrom === 'conversation' ? linkedIds : [...new Set([...teamWorkItems(p), ...(await rosterWorkItems(deps, p))])];
  const items = ids.length > 0 ? (await deps.repos.workItems.getMany(tenantId, ids)).map((v) => v.value) : [];
  const offered =
    itemsFrom === 'conversation'
      ? [...items].sort((a, b) => a.title.localeCompare(b.title))
      : [...items].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.title.localeCompare(b.title)).slice(0, OWN_ITEMS_OFFERED);
  const pmo = links.find((l) => l.target.kind === 'pmo')?.target;
  const itemDomains = itemsFrom === 'conversation' ? [...new Set(items.map((i) => i.domainId))] : [];
  const domainId = pmo?.kind === 'pmo' ? pmo.domainId : itemDomains.length === 1 ? itemDomains[0] : undefined;
  const domain = domainId ? await deps.repos.domains.get(tenantId, domainId) : undefined;
  // Domains are few and cached: the fallback choice lists them all.
  const domains = domain ? [] : (await deps.repos.domains.list(tenantId)).map((d) => ({ id: d.value.id, name: d.value.name })).sort((a, b) => a.name.localeCompare(b.name));
  return {
    workItems: offered.map((i) => ({ id: i.id, title: i.title, domainId: i.domainId })),
    itemsFrom,
    domains,
    ...(domain ? { domainId: domain.value.id, domainName: `the ${domain.value.name} PMO` } : {}),
  };
}

export interface RaiseRequest {
  readonly conversationId: string;
  /** Raised in a channel thread: its root message id (from Teams, never from the form). */
  readonly threadId?: string;
  readonly kind: SignalKind;
  readonly title: string;
  readonly details: string;
  readonly urgency: Urgency;
  readonly workItemId?: string;
  /** The domain whose PMO gets it when no work item is chosen and the conversation tells none. */
  readonly domainId?: string;
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

/** The raise names no work item and no domain, and the conversation tells none: the raiser chooses. */
const NO_ROUTE_MESSAGE = 'Choose one of your work items, or the domain whose PMO should have it, then choose Raise again.';
const NOT_OFFERED_ITEM = 'Choose one of the work items in the list.';
const NOT_OFFERED_DOMAIN = 'Choose one of the domains in the list.';
const BOTH_CHOSEN = "You chose a work item and another domain's PMO: keep one of the two, then choose Raise again.";

/**
 * Team members (by role, or on the roster of a team or chat linked to a work item), PMO leads
 * and the EPMO raise signals (PRODUCT.md §1); to any domain of their tenant.
 */
const mayRaise = async (deps: Pick<SignalDeps, 'repos'>, p: Principal): Promise<boolean> =>
  teamWorkItems(p).length > 0 || ledDomains(p).length > 0 || isEpmo(p) || (await rosterWorkItems(deps, p)).length > 0;

/**
 * The domain a raise goes to and its work item, from what was chosen. An item or domain the
 * raiser was not offered is refused with the same words as one that does not exist, so a
 * guessed id tells nothing.
 */
async function routeOf(deps: Pick<SignalDeps, 'repos'>, p: Principal, context: RaiseContext, req: RaiseRequest): Promise<Result<{ readonly domainId: string; readonly item?: WorkItem }>> {
  if (req.workItemId) {
    // Own items past the offered few may still be chosen by role (the form's list is capped).
    const offered = context.workItems.some((w) => w.id === req.workItemId) || (context.itemsFrom === 'raiser' && onTeamOf(p, req.workItemId));
    const item = offered ? (await deps.repos.workItems.get(p.tenantId, req.workItemId))?.value : undefined;
    if (!item) return invalid(NOT_OFFERED_ITEM, [{ at: 'workItemId', message: NOT_OFFERED_ITEM }]);
    // Both, pointing at different PMOs: which one the raiser meant is theirs to say, not ours to guess.
    if (req.domainId && req.domainId !== item.domainId) return fail('SIGNAL.NO_ROUTE', BOTH_CHOSEN);
    return ok({ domainId: item.domainId, item });
  }
  if (context.domainId) return ok({ domainId: context.domainId });
  if (!req.domainId) return fail('SIGNAL.NO_ROUTE', NO_ROUTE_MESSAGE);
  const chosen = await deps.repos.domains.get(p.tenantId, req.domainId);
  if (!chosen) return invalid(NOT_OFFERED_DOMAIN, [{ at: 'domainId', message: NOT_OFFERED_DOMAIN }]);
  return ok({ domainId: chosen.value.id });
}

export interface Raised {
  readonly signal: Versioned<Signal>;
  /** How many PMO channels the PMO card goes to (0: the PMO sees it in the tab only). */
  readonly pmoChannels: number;
  readonly domainName: string;
  /** True when this raise had been submitted before: `signal` is the one raised then, and nothing was written or sent now. */
  readonly alreadyRaised: boolean;
}

export async function raiseSignal(deps: SignalDeps, p: Principal, req: RaiseRequest): Promise<Result<Raised>> {
  if (!(await mayRaise(deps, p))) {
    return forbidden('Only delivery team members, PMO leads and the EPMO can raise signals. Ask your PMO lead to add you to your work item\'s team in PMO Relay, then raise again.');
  }
  const context = await raiseContext(deps, p, req.conversationId);
  const route = await routeOf(deps, p, context, req);
  if (!route.ok) return route;
  const { domainId, item } = route.value;
  const domain = await deps.repos.domains.get(p.tenantId, domainId);
  if (!domain) return fail('SIGNAL.NO_ROUTE', NO_ROUTE_MESSAGE);

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

  const origin: SignalOrigin = { conversationId: req.conversationId, ...req.origin, ...(req.threadId ? { threadId: req.threadId } : {}) };
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
    // The receipt answers the raiser: in a channel thread it is a reply in that thread.
    const thread = origin.threadId ? { threadId: origin.threadId } : {};
    const receipt = req.receiptActivityId
      ? { conversationId: req.conversationId, ...thread, operation: 'update' as const, targetActivityId: req.receiptActivityId, content: { kind: SIGNAL_CONTENT.receipt, ref: id } }
      : { conversationId: req.conversationId, ...thread, operation: 'send' as const, content: { kind: SIGNAL_CONTENT.receipt, ref: id } };
    await deps.delivery.dispatch(p.tenantId, BATCH.receipt(id), [receipt]);
    await scheduleTimers(deps, created.value);
  } catch (error) {
    deps.logger.error({ err: error, tenantId: p.tenantId, signalId: id }, 'signal raised, but its cards or timers could not be dispatched');
  }
  return ok({ signal: created, pmoChannels, domainName: domain.value.name, alreadyRaised: false });
}
