/**
 * Card actions come from cards PMO Relay sent, so their conversation is known already. Looking
 * it up (not recording it) keeps a forged or foreign invoke from writing anything.
 */
import { type Result, fail, ok } from '../../kernel/result';
import type { ConversationRef } from '../domain/conversation';
import type { ConversationStore } from '../ports';

const UNKNOWN_CONVERSATION_MESSAGE = 'PMO Relay does not know this conversation in your organisation. Send "help" here first, then try again.';

/** The conversation as PMO Relay recorded it in this tenant, or NOT_FOUND with `unknownMessage`. */
export async function knownConversation(
  conversations: Pick<ConversationStore, 'get'>,
  tenantId: string,
  conversationId: string,
  unknownMessage = UNKNOWN_CONVERSATION_MESSAGE,
): Promise<Result<ConversationRef>> {
  const conversation = await conversations.get(tenantId, conversationId);
  return conversation ? ok(conversation) : fail('NOT_FOUND', unknownMessage);
}
