/**
 * The bot's conversation turns: the `link` command and the link card actions (the form and
 * its submit). Each calls one use case and builds the card from what it returns. What Teams
 * tells about conversations (installs, renames, removals) is kept by app/conversation-events.ts.
 */
import type { Logger } from '../kernel/logger';
import type { Result } from '../kernel/result';
import type { Principal } from '../kernel/roles';
import type { AdaptiveCard } from '../kernel/cards/adaptive-card';
import type { CardActionHandlers } from '../kernel/cards/card-action';
import { errorCard, messageCard } from '../kernel/cards/message-card';
import type { ConversationRef } from './domain/conversation';
import { type LinkDeps, type LinkOutcome, type LinkTargetQuery, linkByName, linkConversation } from './app/link-conversation';
import { linkForm } from './app/link-form';
import type { LinkCardAction } from './cards/actions';
import { linkConfirmationCard, linkFormCard } from './cards/link-cards';

export interface ConversationHandlerDeps extends LinkDeps {
  readonly logger: Logger;
}

const PERSONAL_CARD = messageCard({
  tone: 'info',
  title: 'Link works in shared conversations',
  text: 'A personal chat cannot be linked. Send "link" in a team channel or a group chat (mention @PMO Relay in channels).',
});

const NOTHING_TO_LINK_CARD = messageCard({
  tone: 'warning',
  title: 'Nothing you can link',
  text: "Linking a conversation needs a role: tenant admins link anything, PMO leads their domain's PMO channel and its teams, EPMO members the EPMO channel, team members their work item's team. Ask your tenant admin for a role in PMO Relay.",
  code: 'AUTH.FORBIDDEN',
});

async function formCard(deps: ConversationHandlerDeps, principal: Principal, conversationId: string): Promise<AdaptiveCard> {
  const form = await linkForm(deps, principal, conversationId);
  if (!form.ok) return errorCard(form.error);
  switch (form.value.kind) {
    case 'personal':
      return PERSONAL_CARD;
    case 'nothing':
      return NOTHING_TO_LINK_CARD;
    case 'form': {
      const { conversation, options, currentLinks } = form.value;
      return linkFormCard({ conversationTitle: conversation.title, isChannel: conversation.kind === 'channel', ...options, currentLinks });
    }
  }
}

/** The confirmation of a link, or why it was refused. */
function linkedCard(deps: ConversationHandlerDeps, principal: Principal, conversationId: string, outcome: Result<LinkOutcome>): AdaptiveCard {
  if (!outcome.ok) {
    deps.logger.info({ tenantId: principal.tenantId, userId: principal.userId, code: outcome.error.code }, 'link refused');
    return errorCard(outcome.error);
  }
  const { conversation, link, targetName, replaced, alreadyLinked } = outcome.value;
  deps.logger.info({ tenantId: principal.tenantId, conversationId, target: link.target, replaced: replaced.length }, 'conversation linked');
  return linkConfirmationCard({
    conversationTitle: conversation.title,
    isChannel: conversation.kind === 'channel',
    targetName,
    linkedByName: principal.displayName,
    replacedTitles: replaced.map((r) => r.title),
    alreadyLinked,
  });
}

/** The link card actions, one handler per verb. */
export function linkCardHandlers(deps: ConversationHandlerDeps): CardActionHandlers<LinkCardAction> {
  return {
    'link.start': async (context) => ({ card: await formCard(deps, context.principal, context.conversationId) }),
    'link.submit': async (context, { data }) => {
      const outcome = await linkConversation(deps, context.principal, context.conversationId, data.target);
      // The form is shared: once linked, everyone sees the confirmation in its place.
      return { card: linkedCard(deps, context.principal, context.conversationId, outcome), forEveryone: outcome.ok };
    },
  };
}

/** `link` (the form) or `link pmo <domain>` / `link epmo` / `link team <work item>`. */
export async function linkCommand(deps: ConversationHandlerDeps, principal: Principal, conversation: ConversationRef, target?: LinkTargetQuery): Promise<AdaptiveCard> {
  if (!target) return formCard(deps, principal, conversation.conversationId);
  return linkedCard(deps, principal, conversation.conversationId, await linkByName(deps, principal, conversation.conversationId, target));
}
