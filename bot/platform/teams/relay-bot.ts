/**
 * The Teams activity handler. It stays thin: read the activity into a typed turn, hand it to
 * the chat router (which calls one feature handler), and send what comes back — a card, an
 * invoke response, a dialog.
 */
import {
  type Activity,
  ActivityTypes,
  CardFactory,
  type InvokeResponse,
  type MessagingExtensionAction,
  type MessagingExtensionActionResponse,
  TeamsActivityHandler,
  type TurnContext,
} from 'botbuilder';
import { type Chat, parseCardAction, parseCommand } from '../../chat';
import type { Logger } from '../../kernel/logger';
import { ADAPTIVE_CARD_CONTENT_TYPE, type AdaptiveCard, MAX_CARD_BYTES, cardBytes } from '../../kernel/cards/adaptive-card';
import type { DialogReply } from '../../kernel/cards/dialog';
import { messageCard } from '../../kernel/cards/message-card';
import { STORAGE_BUSY_MESSAGE, STORAGE_SLOW_MESSAGE, STORAGE_UNAVAILABLE_MESSAGE, storageUnavailableIn } from '../../kernel/storage-unavailable';
import { callerOf, commandTextOf, conversationIdOf, conversationUpdateOf, installationUpdateOf, sightingOf, tenantOf, threadIdOf } from './activity';
import { sourceMessageOf } from './message-payload';
import { rosterReaderOf } from './roster';

/** Turn-state key under which the endpoint puts the tab's URL for this request. */
export const TAB_URL_KEY = Symbol('pmoRelay.tabUrl');

const NO_TENANT_CARD = messageCard({
  tone: 'error',
  title: 'Unknown organisation',
  text: 'PMO Relay could not tell which organisation (Microsoft Entra tenant) this came from, so it did nothing. Use PMO Relay from Microsoft Teams in your organisation.',
  code: 'AUTH.UNAUTHENTICATED',
});

const TURN_ERROR_CARD = messageCard({
  tone: 'error',
  title: 'Something went wrong',
  text: 'Sorry, PMO Relay hit a problem on its side and could not finish. Nothing was changed by the failed step; please try again in a moment.',
  code: 'INTERNAL',
});

/** Storage is down: nothing could be read or saved; the person should simply try again later. */
const STORAGE_UNAVAILABLE_CARD = messageCard({
  tone: 'error',
  title: 'PMO Relay is unavailable for a moment',
  text: STORAGE_UNAVAILABLE_MESSAGE,
  code: 'STORAGE.UNAVAILABLE',
});

/** Too many changes to one domain at once: this one was not saved; the person should try again. */
const STORAGE_BUSY_CARD = messageCard({
  tone: 'error',
  title: 'PMO Relay is busy for a moment',
  text: STORAGE_BUSY_MESSAGE,
  code: 'STORAGE.BUSY',
});

/** Storage answering too slowly under load: nothing is wrong, the person should try again in a moment. */
const STORAGE_SLOW_CARD = messageCard({
  tone: 'error',
  title: 'PMO Relay is busy for a moment',
  text: STORAGE_SLOW_MESSAGE,
  code: 'STORAGE.BUSY',
});

/** The card a turn that failed answers with: storage down, busy or slow says to try again; anything else is ours. */
export function turnErrorCard(error: unknown): AdaptiveCard {
  const unavailable = storageUnavailableIn(error);
  return !unavailable ? TURN_ERROR_CARD : unavailable.busy ? STORAGE_BUSY_CARD : unavailable.slow ? STORAGE_SLOW_CARD : STORAGE_UNAVAILABLE_CARD;
}

/** Teams' answer format for Universal Actions: the card replaces the one the user acted on. */
export const cardInvokeResponse = (card: AdaptiveCard): InvokeResponse => ({
  status: 200,
  body: { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: card },
});

/** A message action's answer: a dialog (`continue`) showing a card, or a line of text. */
const dialogResponse = (reply: DialogReply): MessagingExtensionActionResponse =>
  reply.kind === 'message'
    ? { task: { type: 'message', value: reply.text } }
    : { task: { type: 'continue', value: { title: reply.title, height: reply.height, width: reply.width, card: CardFactory.adaptiveCard(reply.card) } } };

export class PmoRelayBot extends TeamsActivityHandler {
  constructor(
    private readonly chat: Chat,
    private readonly logger: Logger,
  ) {
    super();
  }

  /** Every activity needs a tenant; without one nothing is read or written. */
  protected override async onTurnActivity(context: TurnContext): Promise<void> {
    if (tenantOf(context.activity)) {
      await this.chat.senderSeen({ tenantId: this.tenant(context.activity), caller: callerOf(context.activity) });
      return super.onTurnActivity(context);
    }
    this.logger.warn({ type: context.activity.type, conversationId: context.activity.conversation?.id }, 'refused an activity without a tenant id');
    if (context.activity.type === ActivityTypes.Message) await this.sendCard(context, NO_TENANT_CARD);
    if (context.activity.type === ActivityTypes.Invoke) {
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: cardInvokeResponse(NO_TENANT_CARD) });
    }
  }

  protected override async onMessageActivity(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const card = await this.chat.message({
      ...this.turnOf(activity),
      sighting: sightingOf(activity, this.tenant(activity)),
      command: parseCommand(commandTextOf(activity)),
      roster: rosterReaderOf(context),
      ...this.tabUrl(context),
    });
    await this.sendCard(context, card);
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const activity = context.activity;
    if (activity.name !== 'adaptiveCard/action') return super.onInvokeActivity(context);
    const reply = await this.chat.cardAction({
      ...this.turnOf(activity),
      action: parseCardAction(activity.value),
      ...(activity.serviceUrl ? { serviceUrl: activity.serviceUrl } : {}),
      ...(activity.replyToId ? { cardMessageId: activity.replyToId } : {}),
      roster: rosterReaderOf(context),
    });
    if (reply.forEveryone) await this.replaceCardForEveryone(context, reply.shared ?? reply.card);
    return cardInvokeResponse(reply.card);
  }

  /** A message action opened (e.g. *Raise with PMO*): its dialog. */
  protected override async handleTeamsMessagingExtensionFetchTask(context: TurnContext, action: MessagingExtensionAction): Promise<MessagingExtensionActionResponse> {
    const reply = await this.chat.messageActionOpened(this.messageActionOf(context.activity, action));
    return reply ? dialogResponse(reply) : super.handleTeamsMessagingExtensionFetchTask(context, action);
  }

  /** A message action's dialog submitted. */
  protected override async handleTeamsMessagingExtensionSubmitAction(context: TurnContext, action: MessagingExtensionAction): Promise<MessagingExtensionActionResponse> {
    const reply = await this.chat.messageActionSubmitted({ ...this.messageActionOf(context.activity, action), data: action.data });
    return reply ? dialogResponse(reply) : super.handleTeamsMessagingExtensionSubmitAction(context, action);
  }

  protected override async onConversationUpdateActivity(context: TurnContext): Promise<void> {
    const update = conversationUpdateOf(context.activity, this.tenant(context.activity));
    if (!update) return;
    const card = await this.chat.conversationUpdate({ ...update, roster: rosterReaderOf(context), ...this.tabUrl(context) });
    if (card) await this.sendCard(context, card);
  }

  protected override async onInstallationUpdateActivity(context: TurnContext): Promise<void> {
    const event = installationUpdateOf(context.activity, this.tenant(context.activity));
    if (event) await this.chat.conversationUpdate({ event, botAdded: false });
  }

  /** Checked by onTurnActivity before any handler runs. */
  private tenant(activity: Activity): string {
    return tenantOf(activity) as string;
  }

  private turnOf(activity: Activity) {
    const threadId = threadIdOf(activity);
    return { tenantId: this.tenant(activity), caller: callerOf(activity), conversationId: conversationIdOf(activity), ...(threadId ? { threadId } : {}) };
  }

  private messageActionOf(activity: Activity, action: MessagingExtensionAction) {
    const message = sourceMessageOf(action);
    return { ...this.turnOf(activity), commandId: action.commandId ?? '', sighting: sightingOf(activity, this.tenant(activity)), ...(message ? { message } : {}) };
  }

  private tabUrl(context: TurnContext): { tabUrl?: string } {
    const url: unknown = context.turnState.get(TAB_URL_KEY);
    return typeof url === 'string' ? { tabUrl: url } : {};
  }

  private async sendCard(context: TurnContext, card: AdaptiveCard): Promise<void> {
    await context.sendActivity({ type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(guardSize(card, this.logger))] });
  }

  /** The card a user acted on is shared; after a successful action everyone should see the result. */
  private async replaceCardForEveryone(context: TurnContext, card: AdaptiveCard): Promise<void> {
    const messageId = context.activity.replyToId;
    if (!messageId) return;
    try {
      await context.updateActivity({ type: ActivityTypes.Message, id: messageId, attachments: [CardFactory.adaptiveCard(card)] } as Partial<Activity>);
    } catch (error) {
      // The user still gets the card in the invoke response; others keep seeing the old one.
      this.logger.warn({ err: error, messageId }, 'could not update the card for everyone');
    }
  }
}

/** A card over Teams' limit would be rejected outright; say so instead of failing silently. */
function guardSize(card: AdaptiveCard, logger: Logger): AdaptiveCard {
  const bytes = cardBytes(card);
  if (bytes < MAX_CARD_BYTES) return card;
  logger.error({ bytes }, 'card over the Teams size limit; sent a notice instead');
  return messageCard({ tone: 'error', title: 'Too much to show', text: 'The answer is too large for a Teams card. Open the PMO Relay tab to see it.' });
}
