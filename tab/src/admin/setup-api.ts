/** The setup part of the API: what the tenant has not set up yet, and what a channel is linked to. Shapes come from the server's contract. */
import type { ConversationLinkResponse, SetupGapsResponse } from '../../../bot/api-contract/setup';
import type { Transport } from '../api/client';

export const setupGaps = (transport: Transport, signal?: AbortSignal): Promise<SetupGapsResponse> =>
  transport.json<SetupGapsResponse>('GET', '/api/setup/gaps', signal ? { signal } : {});

export const conversationLink = (transport: Transport, conversationId: string, signal?: AbortSignal): Promise<ConversationLinkResponse> =>
  transport.json<ConversationLinkResponse>('GET', `/api/conversations/${encodeURIComponent(conversationId)}/link`, signal ? { signal } : {});
