/**
 * A person's 1:1 chat with the bot, for what is meant for them alone when no shared
 * conversation can carry it: the one PMO Relay already knows, or one Teams opens for the bot
 * with the person's Teams user id (MRI) as its member. Without a known MRI there is no way to
 * address them, and nothing is opened.
 */
import type { Clock } from '../../kernel/runtime';
import type { ConversationRef } from '../domain/conversation';
import type { ConversationStore, PersonalChatOpener, TeamsUserStore } from '../ports';

export interface PersonalChatDeps {
  readonly repos: { readonly conversations: ConversationStore; readonly teamsUsers: Pick<TeamsUserStore, 'get'> };
  readonly clock: Clock;
  readonly opener: PersonalChatOpener;
}

/** The person's 1:1 chat with the bot, known or newly opened and recorded; undefined when they cannot be addressed. */
export async function personalChatWith(deps: PersonalChatDeps, tenantId: string, userId: string): Promise<ConversationRef | undefined> {
  const active = (await deps.repos.conversations.list(tenantId)).filter((c) => c.active);
  const known = active.find((c) => c.kind === 'personal' && c.userId === userId);
  if (known) return known;
  const person = await deps.repos.teamsUsers.get(tenantId, userId);
  // The bot and service of the tenant, from any conversation it is in.
  const via = active.find((c) => c.botId !== '' && c.serviceUrl !== '');
  if (!person || !via) return undefined;
  const conversationId = await deps.opener.open(via, person.mri);
  const now = deps.clock.now().toISOString();
  const ref: ConversationRef = {
    tenantId,
    conversationId,
    kind: 'personal',
    serviceUrl: via.serviceUrl,
    channelId: via.channelId,
    botId: via.botId,
    ...(via.botName ? { botName: via.botName } : {}),
    userId,
    title: person.name ? `Chat with ${person.name}` : 'A personal chat',
    installedAt: now,
    updatedAt: now,
    active: true,
  };
  await deps.repos.conversations.save(ref);
  return ref;
}
