/**
 * The bot's strategy-change turns: the `changes` and `announce` commands and the change card
 * actions. Each calls one use case and builds the card from what it returns.
 */
import type { ConversationRef } from '../conversations';
import type { DomainError } from '../kernel/result';
import type { Principal } from '../kernel/roles';
import type { AdaptiveCard } from '../kernel/cards/adaptive-card';
import type { CardActionHandlers, CardReply } from '../kernel/cards/card-action';
import { errorCard, messageCard } from '../kernel/cards/message-card';
import type { ResponseInput } from './domain/change-responses';
import { type AnnounceRefusal, announceDraft, announceForm } from './app/announce';
import { type ChangeDeps, changeUrl } from './app/deps';
import { changesFor } from './app/queries';
import { respondOnCard } from './app/respond';
import { showChange } from './app/show-change';
import type { ChangeActionData } from './cards/actions';
import type { ChangeCardAction } from './cards/action-schemas';
import { changeCard } from './cards/change-card';
import { announceFormCard, changeListCard, draftCreatedCard } from './cards/change-list-card';

/** `announce` refused: a clear answer, not a form. */
const REFUSAL_CARDS: Readonly<Record<AnnounceRefusal, AdaptiveCard>> = {
  'not-epmo': messageCard({
    tone: 'warning',
    title: 'Only the EPMO announces changes',
    text: 'Strategy changes are drafted and published by EPMO members. Ask your EPMO if something should change.',
    code: 'AUTH.FORBIDDEN',
  }),
  'not-epmo-channel': messageCard({
    tone: 'info',
    title: 'Announce from the EPMO channel',
    text: 'Send "announce" in the channel linked to the EPMO (mention @PMO Relay there), or draft the change in the Strategy changes tab. To make this channel the EPMO channel, send "link epmo".',
    code: 'AUTH.FORBIDDEN',
  }),
};

/** A stale card (superseded or withdrawn change) says so and links to the latest version. */
function failureCard(deps: ChangeDeps, error: DomainError, changeId: string): AdaptiveCard {
  if (error.code !== 'CHANGE.STALE_VERSION') return errorCard(error);
  const card = messageCard({ tone: 'warning', title: 'This card is out of date', text: error.message, code: error.code });
  return { ...card, actions: [{ type: 'Action.OpenUrl', title: 'Open the latest', url: changeUrl(deps, changeId) }] };
}

/** The answer is the person's own view (their response, the team count); the shared card stays as it is. */
async function respondCard(deps: ChangeDeps, context: { readonly principal: Principal; readonly conversationId: string }, data: ChangeActionData, input: ResponseInput): Promise<CardReply> {
  const answered = await respondOnCard(deps, context.principal, {
    changeId: data.changeId,
    version: data.version,
    conversationId: context.conversationId,
    ...(data.conversationId ? { forConversationId: data.conversationId } : {}),
    input,
  });
  if (!answered.ok) return { card: failureCard(deps, answered.error, data.changeId) };
  const notice = answered.value.changed ? 'Thanks — your response is recorded.' : 'Your response was already recorded.';
  return { card: changeCard({ ...answered.value.card, notice }) };
}

/** The change card actions, one handler per verb. */
export function changeCardHandlers(deps: ChangeDeps): CardActionHandlers<ChangeCardAction> {
  return {
    'change.ack': (context, { data }) => respondCard(deps, context, data, { type: 'acknowledge' }),
    'change.assess': (context, { data }) => respondCard(deps, context, data, { type: 'assess', impact: data.impact, ...(data.comment ? { comment: data.comment } : {}) }),
    'change.show': async (context, { data }) => {
      const shown = await showChange(deps, context.principal, {
        changeId: data.changeId,
        version: data.version,
        conversationId: context.conversationId,
        ...(data.conversationId ? { forConversationId: data.conversationId } : {}),
      });
      return { card: shown.ok ? changeCard(shown.value) : failureCard(deps, shown.error, data.changeId) };
    },
    'change.announce': async (context, { data }) => {
      const made = await announceDraft(deps, context.principal, context.conversationId, data);
      if (!made.ok) return { card: errorCard(made.error) };
      return { card: made.value.open ? draftCreatedCard(made.value.value) : REFUSAL_CARDS[made.value.refusal] };
    },
  };
}

/** `announce`: the form that starts a draft, for EPMO members in the EPMO channel. */
export async function announceCommand(deps: ChangeDeps, p: Principal, conversation: ConversationRef): Promise<AdaptiveCard> {
  const form = await announceForm(deps, p, conversation.conversationId);
  return form.open ? announceFormCard(form.value) : REFUSAL_CARDS[form.refusal];
}

/** `changes`: the active changes for this person and conversation, soonest respond-by first. */
export async function changesCommand(deps: ChangeDeps, p: Principal, conversation: ConversationRef): Promise<AdaptiveCard> {
  const items = await changesFor(deps, p, conversation.conversationId);
  return changeListCard({
    scope: conversation.kind === 'personal' ? 'you' : 'this conversation and you',
    items: items.map((i) => ({
      changeId: i.change.id,
      version: i.change.version,
      kind: i.change.kind,
      title: i.change.title,
      respondBy: i.change.respondBy,
      requiredResponse: i.change.requiredResponse,
      status: i.status,
      ...(i.mine?.impact ? { impact: i.mine.impact } : {}),
      ...(i.conversationId ? { conversationId: i.conversationId } : {}),
      url: i.url,
    })),
  });
}
