/**
 * The ContentRenderers of signal cards: they turn a delivery's content reference into the card
 * at send time, from the signal's current state.
 *
 * Where cards live:
 * - receipt: the raise form the raiser submitted (its activity id is stored on the signal), or,
 *   for the message action, a receipt sent to the originating conversation (batch `…:receipt`);
 * - PMO card: the PMO channel(s) linked to the signal's domain (batch `…:pmo`);
 * - EPMO card: the EPMO channel(s), sent at the first escalation (batch `…:epmo`);
 * - decision notice: the originating conversation, once per decision (batch `…:notice:<id>`).
 */
import type { ConversationRef } from '../../conversations';
import type { MessageContent } from '../../delivery';
import type { ContentRenderer } from '../../delivery';
import type { SignalView } from '../cards/actions';
import { decisionNoticeCard, reminderCard, signalViewCard } from '../cards/signal-cards';
import { type CardViewDeps, cardModel, signalCardView } from './card-views';
import { SIGNAL_CONTENT } from './deps';

const VIEW_OF_KIND: Readonly<Record<string, SignalView>> = {
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
export function signalRenderers(deps: CardViewDeps): ContentRenderer[] {
  const load = async (tenantId: string, content: MessageContent) => (await deps.stores.signals.get(tenantId, content.ref))?.value;
  const views: ContentRenderer[] = Object.entries(VIEW_OF_KIND).map(([kind, view]) => ({
    kind,
    async render(tenantId: string, content: MessageContent, _conversation: ConversationRef) {
      const signal = await load(tenantId, content);
      return signal ? signalViewCard(await signalCardView(deps, signal, view)) : undefined;
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
