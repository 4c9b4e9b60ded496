/**
 * Conversations (PRODUCT.md §5): Teams conversation references and their links to a domain's PMO,
 * the EPMO or a work item's team. This file is the feature's one door: what other features,
 * platform adapters and composition may use.
 */

export { type ConversationEvent, conversationSeen, onConversationEvent } from './app/conversation-events';
export { knownConversation } from './app/known-conversation';
export type { LinkTargetQuery } from './app/link-conversation';
export { type ConversationSighting, recordConversation, refreshServiceUrl } from './app/record-conversation';
export { linkAction, linkActionSchemas, type LinkCardAction } from './cards/actions';
export type { ConversationKind, ConversationLink, ConversationRef } from './domain/conversation';
export { type RosterMember, rosterIdOf } from './domain/teams-people';
export { createTeamsPeople, teamsUserIds, teamsUsersOf } from './app/teams-people';
export { personalChatWith } from './app/personal-chat';
export { type ConversationHandlerDeps, linkCardHandlers, linkCommand } from './handlers';
export type { ConversationStore, LinkRepository, PersonalChatOpener, RosterReader, RosterStore, TeamsUserStore } from './ports';
export { TableConversationStore } from './tables/conversation-store';
export { TableLinkRepository } from './tables/link-repository';
export { TableRosterStore } from './tables/roster-store';
export { TableTeamsUserStore } from './tables/teams-user-store';
