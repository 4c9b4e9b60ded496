/** Storage ports of conversations and their links, in domain words. */
import type { ConversationLink, ConversationRef, LinkTarget } from './domain/conversation';

/** Conversation references captured from installs and conversation updates. */
export interface ConversationStore {
  save(ref: ConversationRef): Promise<void>;
  get(tenantId: string, conversationId: string): Promise<ConversationRef | undefined>;
  list(tenantId: string): Promise<ConversationRef[]>;
  deleteTenant(tenantId: string): Promise<void>;
}

/** Links between conversations and PMO, EPMO or team targets. */
export interface LinkRepository {
  /** Adds or replaces the link of this conversation to this target. */
  put(link: ConversationLink): Promise<void>;
  remove(tenantId: string, conversationId: string, target: LinkTarget): Promise<void>;
  listByConversation(tenantId: string, conversationId: string): Promise<ConversationLink[]>;
  listByTarget(tenantId: string, target: LinkTarget): Promise<ConversationLink[]>;
  list(tenantId: string): Promise<ConversationLink[]>;
  deleteTenant(tenantId: string): Promise<void>;
}
