/**
 * The bot's strategy-change turns: the `changes` and `announce` commands and the change card
 * actions. Activity in (already parsed by pmo-relay-bot.ts), use case, card out.
 */
import { type ChangeDeps, composerUrl } from './app/deps';
import { changeVisibleTo, recipientVisibleTo } from './app/visibility';
import { versionStatus } from './app/versions';
import { createDraft } from './app/manage';
import { changesFor } from './app/queries';
import { changeCardModel } from './app/renderers';
import { mayRespondFor, respond, staleVersionError } from './app/respond';
import { respondBySchema } from './app/inputs';
import type { ConversationRef } from '../conversations';
import type { DomainError } from '../kernel/result';
import { type Principal, isEpmo } from '../kernel/roles';
import type { ChangeCardAction } from './cards/action-schemas';
import type { AdaptiveCard } from '../kernel/cards/adaptive-card';
import { changeCard } from './cards/change-card';
import { announceFormCard, changeListCard, draftCreatedCard } from './cards/change-list-card';
import { errorCard, messageCard } from '../kernel/cards/message-card';

export interface ChangeTurnResult {
  readonly card: AdaptiveCard;
}

/** A stale card (superseded or withdrawn change) says so and links to the latest version. */
function stalenessCard(deps: ChangeDeps, error: DomainError, changeId: string): AdaptiveCard {
  const card = messageCard({ tone: 'warning', title: 'This card is out of date', text: error.message, code: error.code });
  return { ...card, actions: [{ type: 'Action.OpenUrl', title: 'Open the latest', url: `${deps.tabBaseUrl()}#/changes/${encodeURIComponent(changeId)}` }] };
}

const failureCard = (deps: ChangeDeps, error: DomainError, changeId: string): AdaptiveCard =>
  error.code === 'CHANGE.STALE_VERSION' ? stalenessCard(deps, error, changeId) : errorCard(error);

export async function handleChangeAction(deps: ChangeDeps, p: Principal, conversation: ConversationRef, action: ChangeCardAction): Promise<AdaptiveCard> {
  switch (action.verb) {
    case 'change.ack':
    case 'change.assess': {
      const { changeId, version, conversationId } = action.data;
      const outcome = await respond(deps, p, {
        changeId,
        version,
        conversationId: conversation.conversationId,
        ...(conversationId ? { forConversationId: conversationId } : {}),
        input: action.verb === 'change.ack' ? { type: 'acknowledge' } : { type: 'assess', impact: action.data.impact, ...(action.data.comment ? { comment: action.data.comment } : {}) },
      });
      if (!outcome.ok) return failureCard(deps, outcome.error, changeId);
      const notice = outcome.value.changed ? 'Thanks — your response is recorded.' : 'Your response was already recorded.';
      return changeCard(await changeCardModel(deps, outcome.value.change, { conversationId: outcome.value.recipient.conversationId, viewerId: p.userId, notice }));
    }
    case 'change.show': {
      const { changeId, version, conversationId } = action.data;
      const found = (await deps.stores.changes.get(p.tenantId, changeId, version))?.value;
      if (!found || found.state === 'draft') return errorCard({ code: 'NOT_FOUND', message: 'This strategy change was not found in your organisation.' });
      // The same rule as GET /api/changes/:id: only those the change is addressed to see it.
      const status = await versionStatus(deps, found);
      const records = status.recipients.map((r) => r.record.value);
      if (!changeVisibleTo(p, found, records)) return errorCard({ code: 'AUTH.FORBIDDEN', message: 'This strategy change is not addressed to your domain or team.' });
      if (found.state !== 'published') {
        const stale = await staleVersionError(deps, found);
        return stale.ok ? errorCard({ code: 'NOT_FOUND', message: 'Not found.' }) : failureCard(deps, stale.error, changeId);
      }
      // The card's conversation is client data: its responses are shown only to someone who may see or answer for it.
      const named = conversationId ? records.find((r) => r.conversationId === conversationId) : undefined;
      const viewed = named && (recipientVisibleTo(p, named) || mayRespondFor(p, named)) ? named.conversationId : conversation.conversationId;
      return changeCard(await changeCardModel(deps, found, { conversationId: viewed, viewerId: p.userId }, status));
    }
    case 'change.announce': {
      const gate = await announceGate(deps, p, conversation);
      if (gate) return gate;
      const respondBy = respondBySchema.safeParse(action.data.respondBy);
      if (!respondBy.success) return errorCard({ code: 'VALIDATION.INVALID', message: 'Choose a respond-by date.' });
      const made = await createDraft(deps, p, {
        title: action.data.title,
        summary: action.data.summary,
        kind: action.data.kind,
        objectiveIds: [],
        domainIds: [],
        requiredResponse: action.data.requiredResponse,
        respondBy: respondBy.data,
      });
      if (!made.ok) return errorCard(made.error);
      return draftCreatedCard({ title: made.value.change.title, composerUrl: composerUrl(deps, made.value.change.id) });
    }
  }
}

/** `announce` works for EPMO members in the EPMO channel; anyone else gets a clear answer, not a form. */
async function announceGate(deps: ChangeDeps, p: Principal, conversation: ConversationRef): Promise<AdaptiveCard | undefined> {
  if (!isEpmo(p)) {
    return messageCard({ tone: 'warning', title: 'Only the EPMO announces changes', text: 'Strategy changes are drafted and published by EPMO members. Ask your EPMO if something should change.', code: 'AUTH.FORBIDDEN' });
  }
  const links = await deps.repos.links.listByConversation(p.tenantId, conversation.conversationId);
  if (!links.some((l) => l.target.kind === 'epmo')) {
    return messageCard({
      tone: 'info',
      title: 'Announce from the EPMO channel',
      text: 'Send "announce" in the channel linked to the EPMO (mention @PMO Relay there), or draft the change in the Strategy changes tab. To make this channel the EPMO channel, send "link epmo".',
      code: 'AUTH.FORBIDDEN',
    });
  }
  return undefined;
}

export async function announceCommand(deps: ChangeDeps, p: Principal, conversation: ConversationRef): Promise<AdaptiveCard> {
  const gate = await announceGate(deps, p, conversation);
  if (gate) return gate;
  const now = deps.clock.now();
  const inAWeek = new Date(now.getTime() + 7 * 86_400_000);
  return announceFormCard({ today: now.toISOString().slice(0, 10), defaultRespondBy: inAWeek.toISOString().slice(0, 10) });
}

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
