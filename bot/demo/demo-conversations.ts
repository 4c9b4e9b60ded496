/**
 * The seeded demo conversations are not real Teams conversations, so no Bot Connector exists
 * for them. Locally their messages go to the app's own demo connector instead (see
 * ./demo-connector.ts), so publishing in the demo completes like it would in Teams
 * and nothing ever leaves the machine.
 */
import type { ConversationRef } from '../conversations';
import type { Messenger } from '../delivery';

/** The service URL the demo seed gives its conversations. `.invalid` never resolves (RFC 2606). */
export const DEMO_SERVICE_URL = 'https://demo-connector.pmo-relay.invalid/';

/** Sends demo conversations' messages to `localConnectorUrl()`; every other conversation is untouched. */
export function routeDemoConversations(inner: Messenger, localConnectorUrl: () => string): Messenger {
  const route = (c: ConversationRef): ConversationRef => (c.serviceUrl === DEMO_SERVICE_URL ? { ...c, serviceUrl: localConnectorUrl() } : c);
  return {
    ready: (conversation) => inner.ready(route(conversation)),
    send: (conversation, card, threadId) => inner.send(route(conversation), card, threadId),
    update: (conversation, activityId, card, threadId) => inner.update(route(conversation), activityId, card, threadId),
  };
}
