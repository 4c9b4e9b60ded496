/**
 * The Teams activity handler. It stays thin: read the activity, call a use case, answer with
 * a card. Rules live in bot/app and bot/domain; card layouts in bot/cards.
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
import { type BotCommand, parseCommand } from '../../chat';
import { resolvePrincipal } from '../../people';
import { type ConversationHandlerDeps, linkCardHandlers, linkCommand } from '../../conversations';
import { recordConversation, recordTeamRenamed, recordUninstall } from '../../conversations';
import type { ConversationRef } from '../../conversations';
import { type Result, fail, ok } from '../../kernel/result';
import type { Principal } from '../../kernel/roles';
import type { Logger } from '../../kernel/logger';
import type { Repositories } from '../../directory';
import type { Clock } from '../../kernel/runtime';
import { parseActionData, parseCardAction } from '../../chat';
import { ADAPTIVE_CARD_CONTENT_TYPE, type AdaptiveCard, MAX_CARD_BYTES, cardBytes } from '../../kernel/cards/adaptive-card';
import { helpCard } from '../../chat';
import { errorCard, messageCard } from '../../kernel/cards/message-card';
import type { ChangeDeps } from '../../changes';
import { announceCommand, changeCardHandlers, changesCommand } from '../../changes';
import { type SignalActionParse, type SignalBotHandlers, isSignalVerb } from '../../signals';
import { channelSightingOf, commandTextOf, conversationIdOf, eventTypeOf, kindOf, sightingOf, teamOf, tenantOf } from './activity';

export interface BotHandlerDeps {
  readonly repos: Repositories;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Strategy changes (PRODUCT.md §3); without it `changes`/`announce` say they are unavailable. */
  readonly changes?: ChangeDeps;
  /** Signals (PRODUCT.md §4); without it `raise`/`my signals` say they are unavailable. */
  readonly signals?: SignalBotHandlers;
}

/** Turn-state key under which the endpoint puts the tab's URL for this request. */
export const TAB_URL_KEY = Symbol('pmoRelay.tabUrl');

export const NO_TENANT_CARD = messageCard({
  tone: 'error',
  title: 'Unknown organisation',
  text: 'PMO Relay could not tell which organisation (Microsoft Entra tenant) this came from, so it did nothing. Use PMO Relay from Microsoft Teams in your organisation.',
  code: 'AUTH.UNAUTHENTICATED',
});

export const TURN_ERROR_CARD = messageCard({
  tone: 'error',
  title: 'Something went wrong',
  text: 'Sorry, PMO Relay hit a problem on its side and could not finish. Nothing was changed by the failed step; please try again in a moment.',
  code: 'INTERNAL',
});

/** Teams' answer format for Universal Actions: the card replaces the one the user acted on. */
export const cardInvokeResponse = (card: AdaptiveCard): InvokeResponse => ({
  status: 200,
  body: { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: card },
});

export class PmoRelayBot extends TeamsActivityHandler {
  private readonly linkDeps: ConversationHandlerDeps;

  constructor(private readonly deps: BotHandlerDeps) {
    super();
    this.linkDeps = { repos: deps.repos, clock: deps.clock, logger: deps.logger };
  }

  /** Every activity needs a tenant; without one nothing is read or written. */
  protected override async onTurnActivity(context: TurnContext): Promise<void> {
    if (tenantOf(context.activity)) return super.onTurnActivity(context);
    this.deps.logger.warn({ type: context.activity.type, conversationId: context.activity.conversation?.id }, 'refused an activity without a tenant id');
    if (context.activity.type === ActivityTypes.Message) await this.sendCard(context, NO_TENANT_CARD);
    if (context.activity.type === ActivityTypes.Invoke) {
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: cardInvokeResponse(NO_TENANT_CARD) });
    }
  }

  protected override async onMessageActivity(context: TurnContext): Promise<void> {
    const tenantId = tenantOf(context.activity) as string;
    // Refreshing the reference on every message heals a missed install event.
    const conversation = await recordConversation({ conversations: this.deps.repos.conversations, clock: this.deps.clock }, sightingOf(context.activity, tenantId));
    const command = parseCommand(commandTextOf(context.activity));
    await this.sendCard(context, await this.answer(context, command, conversation));
  }

  private async answer(context: TurnContext, command: BotCommand, conversation: ConversationRef): Promise<AdaptiveCard> {
    const help = (notice?: string) => helpCard({ conversationKind: conversation.kind, ...this.tabUrl(context), ...(notice ? { notice } : {}) });
    switch (command.name) {
      case 'help':
        return help();
      case 'unknown':
        return help(`I don't know "${command.text.slice(0, 80)}". Here is what I can do:`);
      case 'raise':
      case 'mySignals': {
        if (!this.deps.signals) return help('Signals are not available on this server.');
        if (command.name === 'raise') return this.deps.signals.raiseForm(conversation, undefined, command.text ? { title: command.text } : undefined);
        const principal = await this.principalOf(context);
        return principal.ok ? this.deps.signals.mySignals(principal.value) : errorCard(principal.error);
      }
      case 'changes':
      case 'announce': {
        const principal = await this.principalOf(context);
        if (!principal.ok) return errorCard(principal.error);
        if (!this.deps.changes) return help(`"${command.name}" is not available on this server.`);
        return command.name === 'changes'
          ? changesCommand(this.deps.changes, principal.value, conversation)
          : announceCommand(this.deps.changes, principal.value, conversation);
      }
      case 'linkUsage':
        return help('To link this conversation, send "link" and choose, or type "link pmo <domain>", "link epmo" or "link team <work item>".');
      case 'link': {
        const principal = await this.principalOf(context);
        if (!principal.ok) return errorCard(principal.error);
        return linkCommand(this.linkDeps, principal.value, conversation, command.target);
      }
    }
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name !== 'adaptiveCard/action') return super.onInvokeActivity(context);
    const action = parseCardAction(context.activity.value);
    const verb = action.ok ? action.value.verb : action.rejected?.verb;
    if (this.deps.signals && isSignalVerb(verb)) return this.deps.signals.cardAction(context, action as SignalActionParse);
    if (!action.ok) {
      this.deps.logger.info({ error: action.error }, 'rejected a card action');
      return cardInvokeResponse(errorCard(action.error));
    }
    const principal = await this.principalOf(context);
    if (!principal.ok) return cardInvokeResponse(errorCard(principal.error));
    const tenantId = principal.value.tenantId;
    // Card actions come from cards PMO Relay sent, so the conversation is known already.
    // Looking it up (not recording it) keeps a forged or foreign invoke from writing anything.
    const conversation = await this.deps.repos.conversations.get(tenantId, conversationIdOf(context.activity));
    if (!conversation) {
      return cardInvokeResponse(errorCard({ code: 'NOT_FOUND', message: 'PMO Relay does not know this conversation in your organisation. Send "help" here first, then try again.' }));
    }
    switch (action.value.verb) {
      case 'link.start':
      case 'link.submit': {
        const handlers = linkCardHandlers(this.linkDeps);
        const ctx = { principal: principal.value, conversationId: conversation.conversationId };
        const reply = action.value.verb === 'link.start' ? await handlers['link.start'](ctx, action.value) : await handlers['link.submit'](ctx, action.value);
        if (reply.forEveryone) await this.replaceCardForEveryone(context, reply.card);
        return cardInvokeResponse(reply.card);
      }
      case 'change.ack':
      case 'change.assess':
      case 'change.show':
      case 'change.announce': {
        if (!this.deps.changes) return cardInvokeResponse(errorCard({ code: 'NOT_FOUND', message: 'Strategy changes are not available on this server.' }));
        const handlers = changeCardHandlers(this.deps.changes);
        const context = { principal: principal.value, conversationId: conversation.conversationId };
        const a = action.value;
        const reply =
          a.verb === 'change.ack' ? await handlers['change.ack'](context, a)
          : a.verb === 'change.assess' ? await handlers['change.assess'](context, a)
          : a.verb === 'change.show' ? await handlers['change.show'](context, a)
          : await handlers['change.announce'](context, a);
        return cardInvokeResponse(reply.card);
      }
      default:
        return cardInvokeResponse(errorCard({ code: 'NOT_FOUND', message: 'Signals are not available on this server.' }));
    }
  }

  /** *Raise with PMO* (message action `raiseWithPmo`): the raise form in a dialog, pre-filled from the message. */
  protected override async handleTeamsMessagingExtensionFetchTask(context: TurnContext, action: MessagingExtensionAction): Promise<MessagingExtensionActionResponse> {
    if (!this.deps.signals || action.commandId !== 'raiseWithPmo') return super.handleTeamsMessagingExtensionFetchTask(context, action);
    return this.deps.signals.fetchTask(context, action);
  }

  protected override async handleTeamsMessagingExtensionSubmitAction(context: TurnContext, action: MessagingExtensionAction): Promise<MessagingExtensionActionResponse> {
    if (!this.deps.signals || action.commandId !== 'raiseWithPmo') return super.handleTeamsMessagingExtensionSubmitAction(context, action);
    return this.deps.signals.submitAction(context, action, parseActionData('signal.raise', action.data));
  }

  protected override async onConversationUpdateActivity(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const tenantId = tenantOf(activity) as string;
    const deps = { conversations: this.deps.repos.conversations, clock: this.deps.clock };
    const team = teamOf(activity);
    const botId = activity.recipient?.id;
    switch (eventTypeOf(activity)) {
      case 'channelCreated':
      case 'channelRenamed':
      case 'channelRestored': {
        const channel = channelSightingOf(activity, tenantId);
        if (channel) await recordConversation(deps, channel);
        return;
      }
      case 'channelDeleted': {
        const channel = channelSightingOf(activity, tenantId);
        if (channel) await recordUninstall(deps, { tenantId, conversationId: channel.conversationId });
        return;
      }
      case 'teamRenamed':
        if (team?.name) await recordTeamRenamed(deps, { tenantId, teamId: team.id, teamName: team.name });
        return;
      case 'teamDeleted':
        if (team) await recordUninstall(deps, { tenantId, conversationId: conversationIdOf(activity), teamId: team.id });
        return;
    }
    if (activity.membersRemoved?.some((m) => m.id === botId)) {
      await recordUninstall(deps, { tenantId, conversationId: conversationIdOf(activity), ...(team ? { teamId: team.id } : {}) });
      return;
    }
    const ref = await recordConversation(deps, sightingOf(activity, tenantId));
    if (activity.membersAdded?.some((m) => m.id === botId)) {
      this.deps.logger.info({ tenantId, conversationId: ref.conversationId, kind: ref.kind }, 'PMO Relay was added to a conversation');
      await this.sendCard(context, helpCard({ conversationKind: ref.kind, ...this.tabUrl(context), notice: 'Thanks for adding PMO Relay.' }));
    }
  }

  protected override async onInstallationUpdateActivity(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const tenantId = tenantOf(activity) as string;
    const deps = { conversations: this.deps.repos.conversations, clock: this.deps.clock };
    const action = typeof activity.action === 'string' ? activity.action : '';
    if (action === 'add' || action === 'add-upgrade') {
      await recordConversation(deps, sightingOf(activity, tenantId));
    } else if (action === 'remove') {
      const team = kindOf(activity) === 'channel' ? teamOf(activity) : undefined;
      await recordUninstall(deps, { tenantId, conversationId: conversationIdOf(activity), ...(team ? { teamId: team.id } : {}) });
    }
  }

  private async principalOf(context: TurnContext): Promise<Result<Principal>> {
    const tenantId = tenantOf(context.activity) as string;
    const userId = context.activity.from?.aadObjectId;
    if (!userId) return fail('AUTH.UNAUTHENTICATED', 'Teams did not say who you are (no Microsoft Entra id on this message), so PMO Relay cannot check your roles.');
    return ok(await resolvePrincipal(this.deps.repos.users, { tenantId, userId, ...(context.activity.from.name ? { displayName: context.activity.from.name } : {}) }));
  }

  private tabUrl(context: TurnContext): { tabUrl?: string } {
    const url: unknown = context.turnState.get(TAB_URL_KEY);
    return typeof url === 'string' ? { tabUrl: url } : {};
  }

  private async sendCard(context: TurnContext, card: AdaptiveCard): Promise<void> {
    await context.sendActivity({ type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(guardSize(card, this.deps.logger))] });
  }

  /** The card a user acted on is shared; after a successful action everyone should see the result. */
  private async replaceCardForEveryone(context: TurnContext, card: AdaptiveCard): Promise<void> {
    const messageId = context.activity.replyToId;
    if (!messageId) return;
    try {
      await context.updateActivity({ type: ActivityTypes.Message, id: messageId, attachments: [CardFactory.adaptiveCard(card)] } as Partial<Activity>);
    } catch (error) {
      // The user still gets the card in the invoke response; others keep seeing the old one.
      this.deps.logger.warn({ err: error, messageId }, 'could not update the card for everyone');
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
