/**
 * What Teams tells about conversations — installs, the bot added or removed, channels created,
 * renamed or deleted, teams renamed, and every message — kept in the conversation references.
 */
import type { Clock } from '../../kernel/runtime';
import type { ConversationRef } from '../domain/conversation';
import type { ConversationStore } from '../ports';
import { type ConversationSighting, recordConversation, recordTeamRenamed, recordUninstall } from './record-conversation';

/** What Teams told about a conversation, read from an activity. */
export type ConversationEvent =
  /** Seen: a message, an install, the bot added, a channel created, renamed or restored. */
  | { readonly kind: 'seen'; readonly sighting: ConversationSighting }
  /** The bot was removed, or the channel or team deleted. */
  | { readonly kind: 'removed'; readonly tenantId: string; readonly conversationId: string; readonly teamId?: string }
  | { readonly kind: 'teamRenamed'; readonly tenantId: string; readonly teamId: string; readonly teamName: string };

/** Where conversation references are kept, and the time they are stamped with. */
export interface ConversationEventDeps {
  readonly repos: { readonly conversations: ConversationStore };
  readonly clock: Clock;
}

/** A conversation seen on an activity: its reference, recorded or refreshed. */
export const conversationSeen = (deps: ConversationEventDeps, sighting: ConversationSighting): Promise<ConversationRef> =>
  recordConversation({ conversations: deps.repos.conversations, clock: deps.clock }, sighting);

/** Keeps the conversation references current; answers the reference of a conversation seen. */
export async function onConversationEvent(deps: ConversationEventDeps, event: ConversationEvent): Promise<ConversationRef | undefined> {
  const record = { conversations: deps.repos.conversations, clock: deps.clock };
  switch (event.kind) {
    case 'seen':
      return conversationSeen(deps, event.sighting);
    case 'removed':
      await recordUninstall(record, { tenantId: event.tenantId, conversationId: event.conversationId, ...(event.teamId ? { teamId: event.teamId } : {}) });
      return undefined;
    case 'teamRenamed':
      await recordTeamRenamed(record, { tenantId: event.tenantId, teamId: event.teamId, teamName: event.teamName });
      return undefined;
  }
}
