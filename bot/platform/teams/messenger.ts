/**
 * Sends and updates cards in Teams conversations through the Bot Connector, proactively,
 * with botbuilder's connector client (its credentials handle authentication; with no
 * MicrosoftAppId, none is sent — local use only).
 *
 * We own retries: the delivery worker backs off with jitter, honours Retry-After and counts
 * attempts against its budget. botbuilder's client, left alone, retries 429s and 5xx itself
 * (core-rest-pipeline's `defaultRetryPolicy`: 3 more tries, checked against a local server —
 * four POSTs for one send), which would hide throttling from our limiter and multiply our rate
 * exactly when Teams asks us to slow down. So that policy is removed from every client.
 *
 * The access token is fetched by `ready`, which the worker awaits before it reserves a send's
 * slot: fetched inside the send instead (botbuilder signs each request), a slow token — a
 * fan-out's first, or one that expired — would hold every reserved request back on its way.
 */
import { type Activity, ActivityTypes, CardFactory } from 'botbuilder';

import type { Config } from '../../config';
import type { ConversationRef } from '../../conversations';
import type { Messenger, SendOutcome } from '../../delivery';
import { connectorClients, tokenAtHand } from './connector-clients';

export interface MessengerOptions {
  readonly bot: Config['bot'];
  /** A send that takes longer is abandoned and retried later. */
  readonly timeoutMs: number;
}

/** Reads status, Teams error code and Retry-After off a connector failure. */
function outcomeOfError(error: unknown): Extract<SendOutcome, { ok: false }> {
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    statusCode?: unknown;
    code?: unknown;
    message?: unknown;
    name?: unknown;
    details?: { error?: { code?: unknown; message?: unknown } };
    response?: { headers?: { get?(name: string): string | undefined } };
  };
  const status = typeof e.statusCode === 'number' && e.statusCode > 0 ? e.statusCode : undefined;
  const teamsCode = typeof e.details?.error?.code === 'string' ? e.details.error.code : undefined;
  const teamsMessage = typeof e.details?.error?.message === 'string' ? e.details.error.message : undefined;
  const retryAfterSeconds = parseRetryAfter(e.response?.headers?.get?.('retry-after'));
  const base = typeof e.message === 'string' && e.message ? e.message : String(error);
  const code = teamsCode ?? (status === undefined && typeof e.code === 'string' ? e.code : undefined);
  const message = status === undefined ? `network error: ${base}` : `HTTP ${status}${teamsCode ? ` ${teamsCode}` : ''}: ${teamsMessage ?? base}`;
  return { ok: false, message, ...(status !== undefined ? { status } : {}), ...(code ? { code } : {}), ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) };
}

/** Retry-After is either seconds or an HTTP date. */
function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, (at - now) / 1000);
}

/**
 * The conversation id that addresses a channel thread: the channel's id with
 * `;messageid=<root message id>` — the form Teams itself gives a reply in a thread
 * (`activity.conversation.id`), and the one the Teams SDK builds for proactive thread replies
 * (`Conversation.ToThreadedConversationId(conversationId, messageId)`, Teams SDK docs
 * "Threading", microsoft/teams-sdk#2742). Sending to it posts into the thread instead of as a
 * new post in the channel.
 */
function addressOf(conversation: ConversationRef, threadId: string | undefined): string {
  // Only channels have threads: in a chat the id alone addresses the conversation.
  if (!threadId || conversation.kind !== 'channel') return conversation.conversationId;
  return `${conversation.conversationId.split(';messageid=')[0] ?? conversation.conversationId};messageid=${threadId}`;
}

export function createBotMessenger(opts: MessengerOptions): Messenger {
  const clientFor = connectorClients(opts.bot);
  const activityOf = (conversation: ConversationRef, card: object): Partial<Activity> => ({
    type: ActivityTypes.Message,
    attachments: [CardFactory.adaptiveCard(card)],
    channelData: { tenant: { id: conversation.tenantId } },
  });

  return {
    async ready(conversation) {
      try {
        await tokenAtHand(await clientFor(conversation.serviceUrl), opts.timeoutMs);
        return { ok: true };
      } catch (error) {
        // Whatever the identity platform answered, the message is not at fault: no status, so it is retried.
        return { ok: false, message: `could not get the Bot Connector's access token: ${error instanceof Error ? error.message : String(error)}` };
      }
    },
    async send(conversation, card, threadId) {
      try {
        const connector = await clientFor(conversation.serviceUrl);
        const to = addressOf(conversation, threadId);
        const res = await connector.conversations.sendToConversation(to, activityOf(conversation, card) as Activity, { timeout: opts.timeoutMs });
        if (!res.id) return { ok: false, status: 502, message: 'the connector accepted the message but returned no activity id' };
        return { ok: true, activityId: res.id };
      } catch (error) {
        return outcomeOfError(error);
      }
    },
    async update(conversation, activityId, card, threadId) {
      try {
        const connector = await clientFor(conversation.serviceUrl);
        const activity = { ...activityOf(conversation, card), id: activityId } as Activity;
        // A message in a thread is edited through the conversation id it was posted to.
        await connector.conversations.updateActivity(addressOf(conversation, threadId), activityId, activity, { timeout: opts.timeoutMs });
        return { ok: true, activityId };
      } catch (error) {
        return outcomeOfError(error);
      }
    },
  };
}
