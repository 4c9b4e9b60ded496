/**
 * What a signal card shows, read from current state: the view model of every signal card, one
 * card of a signal as a given viewer should see it, and the `my signals` list. Cards are always
 * rendered from the current state, so a card delivered late or updated in place tells the truth.
 */
import { teamsUserIds } from '../../conversations';
import { type Principal, type User, can } from '../../kernel/roles';
import type { Signal } from '../domain/signal';
import { isOverdue } from '../domain/transition-kit';
import { isoDate } from '../domain/working-days';
import type { MySignalsModel, SignalCardKind, SignalCardModel, SignalCardView } from './card-models';
import type { SignalDeps } from './deps';
import { inbox } from './queries';

export type CardViewDeps = Pick<SignalDeps, 'repos' | 'stores' | 'clock' | 'tabBaseUrl'>;

/** Everything a card shows about a signal, from stored records. */
export async function cardModel(deps: CardViewDeps, signal: Signal): Promise<SignalCardModel> {
  const [domain, item, decision, objectives] = await Promise.all([
    deps.repos.domains.get(signal.tenantId, signal.domainId),
    signal.workItemId ? deps.repos.workItems.get(signal.tenantId, signal.workItemId) : Promise.resolve(undefined),
    signal.decisionId ? deps.stores.decisions.get(signal.tenantId, signal.decisionId) : Promise.resolve(undefined),
    signal.context && signal.context.objectiveIds.length > 0 ? deps.repos.objectives.list(signal.tenantId) : Promise.resolve([]),
  ]);
  const tabUrl = deps.tabBaseUrl();
  const wanted = new Set(signal.context?.objectiveIds ?? []);
  return {
    signal,
    domainName: domain?.value.name ?? signal.domainId,
    ...(item ? { workItemTitle: item.value.title } : {}),
    ...(decision ? { decision } : {}),
    objectiveTitles: objectives.filter((o) => wanted.has(o.value.id)).map((o) => `${o.value.code} ${o.value.title}`),
    ...(tabUrl ? { tabUrl } : {}),
    overdue: isOverdue(signal, deps.clock.now()),
  };
}

/**
 * Who can act on a signal's shared card: the domain's PMO leads on the PMO card (triage), the
 * strategy owners on the EPMO card (decide). The receipt is the raiser's own card.
 */
export async function actorsOf(deps: Pick<SignalDeps, 'repos'>, signal: Signal, view: 'pmo' | 'epmo'): Promise<User[]> {
  const users = await deps.repos.users.list(signal.tenantId);
  return users.filter((u) => u.roles.some((r) => (view === 'pmo' ? r.role === 'pmo_lead' && r.domainId === signal.domainId : r.role === 'strategy_owner')));
}

/** The actors of a shared card as Teams user ids, for its refresh (those without a known MRI left out). */
async function actorIds(deps: Pick<SignalDeps, 'repos'>, signal: Signal, view: SignalCardKind): Promise<string[] | undefined> {
  if (view === 'receipt') return undefined;
  return teamsUserIds(deps, signal.tenantId, (await actorsOf(deps, signal, view)).map((u) => u.userId));
}

/**
 * One card of a signal as `viewer` should see it. Without a viewer (a card sent to a channel)
 * the EPMO card is the read-only view; strategy owners get their view through the card's refresh.
 */
export async function signalCardView(deps: CardViewDeps, signal: Signal, view: SignalCardKind, viewer?: Principal): Promise<SignalCardView> {
  const [base, refreshUserIds] = await Promise.all([cardModel(deps, signal), actorIds(deps, signal, view)]);
  const model: SignalCardModel = {
    ...base,
    ...(refreshUserIds ? { refreshUserIds } : {}),
    ...(viewer ? { personal: true, canTriage: can(viewer, 'signal.handle', { domainId: signal.domainId }) } : {}),
  };
  if (view !== 'epmo') return { view, model };
  return {
    view,
    model: {
      ...model,
      canDecide: viewer ? can(viewer, 'escalation.decide', { domainId: signal.domainId }) : false,
      today: isoDate(deps.clock.now()),
    },
  };
}

/** `my signals`: what the person raised, newest first. */
export async function mySignals(deps: SignalDeps, p: Principal): Promise<MySignalsModel> {
  const mine = await inbox(deps, p, { mine: true });
  const items = [...mine.items].sort((a, b) => b.number - a.number).map((s) => ({ signal: s, domainName: s.domainName, overdue: s.overdue }));
  const tabUrl = deps.tabBaseUrl();
  return { items, ...(tabUrl ? { tabUrl } : {}) };
}
