/**
 * The ContentRenderers of signal cards: they turn a delivery's content reference into the card
 * at send time, from the signal's current state.
 *
 * Where cards live:
 * - receipt: the raise form the raiser submitted (its activity id is stored on the signal), or,
 *   for the message action, a receipt sent to the originating conversation (batch `…:receipt`);
 * - PMO card: the PMO channel(s) linked to the signal's domain (batch `…:pmo`);
 * - EPMO card: the EPMO channel(s), sent at the first escalation (batch `…:epmo`);
 * - decision notice: the originating conversation, once per decision (batch `…:notice:<id>`) —
 *   a reply in the channel thread the signal was raised in, when it was raised in one.
 */
import { teamsUsersOf } from '../../conversations';
import type { ContentRenderer, ContentRenderers } from '../../delivery';
import type { SignalCardKind } from './card-models';
import { decisionNoticeCard, reminderCard, signalViewCard } from '../cards/signal-cards';
import { type CardViewDeps, actorsOf, cardModel, signalCardView } from './card-views';
import { SIGNAL_CONTENT, type SignalContent } from './deps';

const STEP_OWNER: Readonly<Record<string, { step: string; owner: string; card: 'pmo' | 'epmo' }>> = {
  raised: { step: 'Triage', owner: 'PMO leads', card: 'pmo' },
  triaged: { step: 'Analysis', owner: 'PMO leads', card: 'pmo' },
  analysing: { step: 'Analysis', owner: 'PMO leads', card: 'pmo' },
  escalated: { step: 'The decision', owner: 'Strategy owners', card: 'epmo' },
};

/** Mentions of a reminder stay readable: the first owners are named, the rest are in the role. */
const MAX_REMINDER_MENTIONS = 10;

/** The renderers of signal content, one per kind. */
export function signalRenderers(deps: CardViewDeps): ContentRenderers<SignalContent> {
  const load = async (tenantId: string, signalId: string) => (await deps.stores.signals.get(tenantId, signalId))?.value;
  const view = (v: SignalCardKind): ContentRenderer<SignalContent> => ({
    async render(tenantId, content) {
      const signal = await load(tenantId, content.ref);
      return signal ? signalViewCard(await signalCardView(deps, signal, v)) : undefined;
    },
  });
  return {
    [SIGNAL_CONTENT.receipt]: view('receipt'),
    [SIGNAL_CONTENT.pmo]: view('pmo'),
    [SIGNAL_CONTENT.epmo]: view('epmo'),
    [SIGNAL_CONTENT.decision]: {
      async render(tenantId, content) {
        const signal = await load(tenantId, content.ref);
        const decision = content.variant ? await deps.stores.decisions.get(tenantId, content.variant) : undefined;
        if (!signal || !decision) return undefined;
        // The raiser is @mentioned when Teams' id for them is known; otherwise named in plain text.
        const [raiser] = await teamsUsersOf(deps, tenantId, [signal.raisedBy.userId]);
        const mentioned = raiser ? { raiser: { mri: raiser.mri, name: signal.raisedBy.displayName } } : {};
        return decisionNoticeCard({ ...(await cardModel(deps, signal)), decision, ...mentioned });
      },
    },
    [SIGNAL_CONTENT.reminder]: {
      async render(tenantId, content) {
        const signal = await load(tenantId, content.ref);
        const who = signal ? STEP_OWNER[signal.state] : undefined;
        if (!signal || !who) return undefined;
        // The owners of the overdue step are @mentioned (Teams notifies them) when their Teams user id is known.
        const owners = await actorsOf(deps, signal, who.card);
        const known = new Map((await teamsUsersOf(deps, tenantId, owners.map((u) => u.userId))).map((u) => [u.userId, u.mri]));
        const mentioned = owners.flatMap((u) => (known.has(u.userId) ? [{ mri: known.get(u.userId) as string, name: u.displayName }] : [])).slice(0, MAX_REMINDER_MENTIONS);
        return reminderCard({ ...(await cardModel(deps, signal)), step: who.step, owner: who.owner, owners: mentioned });
      },
    },
  };
}
