/**
 * Signal cards as delivered: view models read from current state, the ContentRenderers that
 * turn a delivery's content reference into a card at send time, and the delivery requests that
 * keep every delivered card true after a transition (one update per card, through the durable
 * DeliveryService).
 *
 * Where cards live:
 * - receipt: the raise form the raiser submitted (its activity id is stored on the signal), or,
 *   for the message action, a receipt sent to the originating conversation (batch `…:receipt`);
 * - PMO card: the PMO channel(s) linked to the signal's domain (batch `…:pmo`);
 * - EPMO card: the EPMO channel(s), sent at the first escalation (batch `…:epmo`);
 * - decision notice: the originating conversation, once per decision (batch `…:notice:<id>`).
 */
import type { ConversationRef } from '../../conversations';
import type { Delivery, MessageContent } from '../../delivery';
import { type Principal, can } from '../../kernel/roles';
import type { Decision, Signal } from '../domain/signal';
import { isOverdue } from '../domain/signal-machine';
import { isoDate } from '../domain/working-days';
import type { AdaptiveCard } from '../../kernel/cards/adaptive-card';
import { type SignalCardModel, decisionNoticeCard, epmoCard, pmoCard, receiptCard, reminderCard } from '../cards/signal-cards';
import type { ContentRenderer, DeliveryRequest } from '../../delivery';
import { BATCH, SIGNAL_CONTENT, type SignalDeps } from './deps';

export type CardView = 'receipt' | 'pmo' | 'epmo';

/** Everything a card shows about a signal, from stored records. */
export async function cardModel(deps: Pick<SignalDeps, 'repos' | 'stores' | 'clock' | 'tabBaseUrl'>, signal: Signal, notice?: SignalCardModel['notice']): Promise<SignalCardModel> {
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
    ...(notice ? { notice } : {}),
  };
}

async function strategyOwnerIds(deps: Pick<SignalDeps, 'repos'>, tenantId: string): Promise<string[]> {
  const users = await deps.repos.users.list(tenantId);
  return users.filter((u) => u.roles.some((r) => r.role === 'strategy_owner')).map((u) => u.userId);
}

/**
 * One card of a signal as `viewer` should see it. Without a viewer (a card sent to a channel)
 * the EPMO card is the read-only view; strategy owners get their view through the card's refresh.
 */
export async function renderView(
  deps: Pick<SignalDeps, 'repos' | 'stores' | 'clock' | 'tabBaseUrl'>,
  signal: Signal,
  view: CardView,
  viewer?: Principal,
  notice?: SignalCardModel['notice'],
): Promise<AdaptiveCard> {
  const model = await cardModel(deps, signal, notice);
  switch (view) {
    case 'receipt':
      return receiptCard(model);
    case 'pmo':
      return pmoCard(model);
    case 'epmo':
      return epmoCard({
        ...model,
        canDecide: viewer ? can(viewer, 'escalation.decide', { domainId: signal.domainId }) : false,
        deciderIds: await strategyOwnerIds(deps, signal.tenantId),
        today: isoDate(deps.clock.now()),
      });
  }
}

const VIEW_OF_KIND: Readonly<Record<string, CardView>> = {
  [SIGNAL_CONTENT.receipt]: 'receipt',
  [SIGNAL_CONTENT.pmo]: 'pmo',
  [SIGNAL_CONTENT.epmo]: 'epmo',
};

const STEP_OWNER: Readonly<Record<string, { step: string; owner: string }>> = {
  raised: { step: 'Triage', owner: 'PMO leads' },
  triaged: { step: 'Analysis', owner: 'PMO leads' },
  analysing: { step: 'Analysis', owner: 'PMO leads' },
  escalated: { step: 'The decision', owner: 'Strategy owners' },
};

/** The renderers this feature registers with the delivery registry. */
export function signalRenderers(deps: Pick<SignalDeps, 'repos' | 'stores' | 'clock' | 'tabBaseUrl'>): ContentRenderer[] {
  const load = async (tenantId: string, content: MessageContent) => (await deps.stores.signals.get(tenantId, content.ref))?.value;
  const views: ContentRenderer[] = Object.entries(VIEW_OF_KIND).map(([kind, view]) => ({
    kind,
    async render(tenantId: string, content: MessageContent, _conversation: ConversationRef) {
      const signal = await load(tenantId, content);
      return signal ? renderView(deps, signal, view) : undefined;
    },
  }));
  return [
    ...views,
    {
      kind: SIGNAL_CONTENT.decision,
      async render(tenantId, content) {
        const signal = await load(tenantId, content);
        const decision = content.variant ? await deps.stores.decisions.get(tenantId, content.variant) : undefined;
        if (!signal || !decision) return undefined;
        return decisionNoticeCard({ ...(await cardModel(deps, signal)), decision });
      },
    },
    {
      kind: SIGNAL_CONTENT.reminder,
      async render(tenantId, content) {
        const signal = await load(tenantId, content);
        const who = signal ? STEP_OWNER[signal.state] : undefined;
        if (!signal || !who) return undefined;
        return reminderCard({ ...(await cardModel(deps, signal)), ...who });
      },
    },
  ];
}

/** Cards already delivered for a signal, with the activity ids Teams returned. */
export interface CardLocation {
  readonly view: CardView;
  readonly conversationId: string;
  readonly activityId: string;
}

const sent = (deliveries: readonly Delivery[]) =>
  deliveries.filter((d) => d.operation === 'send' && d.state === 'sent' && d.activityId).map((d) => ({ conversationId: d.conversationId, activityId: d.activityId as string }));

export async function cardLocations(deps: Pick<SignalDeps, 'delivery'>, signal: Signal): Promise<CardLocation[]> {
  const [receipts, pmo, epmo] = await Promise.all([
    signal.receiptActivityId ? Promise.resolve([]) : deps.delivery.listBatch(signal.tenantId, BATCH.receipt(signal.id)),
    deps.delivery.listBatch(signal.tenantId, BATCH.pmo(signal.id)),
    deps.delivery.listBatch(signal.tenantId, BATCH.epmo(signal.id)),
  ]);
  const receipt = signal.receiptActivityId ? [{ conversationId: signal.origin.conversationId, activityId: signal.receiptActivityId }] : sent(receipts);
  return [
    ...receipt.map((l) => ({ view: 'receipt' as const, ...l })),
    ...sent(pmo).map((l) => ({ view: 'pmo' as const, ...l })),
    ...sent(epmo).map((l) => ({ view: 'epmo' as const, ...l })),
  ];
}

const KIND_OF_VIEW: Readonly<Record<CardView, string>> = { receipt: SIGNAL_CONTENT.receipt, pmo: SIGNAL_CONTENT.pmo, epmo: SIGNAL_CONTENT.epmo };

/**
 * One update per delivered card, rendered from the state at send time. A card whose first send
 * is still queued needs none: it is rendered when it goes out.
 */
export function updateRequests(signal: Signal, locations: readonly CardLocation[]): DeliveryRequest[] {
  return locations.map((l) => ({
    conversationId: l.conversationId,
    operation: 'update',
    targetActivityId: l.activityId,
    content: { kind: KIND_OF_VIEW[l.view], ref: signal.id, variant: `r${signal.revision}` },
  }));
}

export const decisionNoticeRequest = (signal: Signal, decision: Decision): DeliveryRequest => ({
  conversationId: signal.origin.conversationId,
  operation: 'send',
  content: { kind: SIGNAL_CONTENT.decision, ref: signal.id, variant: decision.id },
});
