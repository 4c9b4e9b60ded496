/**
 * The bot's one way in: each typed turn goes to one feature handler — a command to the
 * feature that owns it, a card action through the verb registry, a message action to signals,
 * a conversation update to conversations. Who acted is resolved here, from the tenant's
 * directory, for the turns that need roles.
 */
import { type ChangeDeps, announceCommand, changesCommand } from '../changes';
import { type CheckInDeps, checkInCommand } from '../checkins';
import { type ConversationRef, type RosterReader, conversationSeen, createTeamsPeople, linkCommand, onConversationEvent, refreshServiceUrl } from '../conversations';
import type { Repositories } from '../directory';
import { resolvePrincipal } from '../people';
import { type SignalDeps, mySignalsCommand, raiseCommand, raiseWithPmoDialog, raiseWithPmoSubmit } from '../signals';
import type { AdaptiveCard } from '../kernel/cards/adaptive-card';
import type { CardActionContext, CardReply } from '../kernel/cards/card-action';
import type { DialogReply } from '../kernel/cards/dialog';
import { errorCard } from '../kernel/cards/message-card';
import type { Logger } from '../kernel/logger';
import { type Result, fail, ok } from '../kernel/result';
import type { Principal } from '../kernel/roles';
import type { Clock } from '../kernel/runtime';
import { cardActionRegistry, runCardAction, runRejected } from './card-action-registry';
import { parseActionData } from './card-actions';
import type { BotCommand } from './commands';
import { helpCard } from './help-card';
import type { CardActionTurn, Caller, ConversationUpdateTurn, MessageActionSubmitTurn, MessageActionTurn, MessageTurn, SenderTurn } from './turns';

export interface ChatDeps {
  readonly repos: Repositories;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Strategy changes (PRODUCT.md §3); without them `changes`, `announce` and change cards say they are unavailable. */
  readonly changes?: ChangeDeps;
  /** Signals (PRODUCT.md §4); without them `raise`, `my signals` and signal cards say they are unavailable. */
  readonly signals?: SignalDeps;
  /** Check-ins (PRODUCT.md §5); without them `check-in` and check-in cards say they are unavailable. */
  readonly checkIns?: CheckInDeps;
}

/** What the bot answers each kind of turn with. */
export interface Chat {
  message(turn: MessageTurn): Promise<AdaptiveCard>;
  cardAction(turn: CardActionTurn): Promise<CardReply>;
  /** Undefined for a message action that is not PMO Relay's. */
  messageActionOpened(turn: MessageActionTurn): Promise<DialogReply | undefined>;
  messageActionSubmitted(turn: MessageActionSubmitTurn): Promise<DialogReply | undefined>;
  /** A card to post in the conversation (the welcome), if any. */
  conversationUpdate(turn: ConversationUpdateTurn): Promise<AdaptiveCard | undefined>;
  /** Every activity, first: its sender's Teams user id is kept next to their Entra id. */
  senderSeen(turn: SenderTurn): Promise<void>;
}

/** The manifest's message action (`composeExtensions[].commands[].id`). */
const RAISE_WITH_PMO = 'raiseWithPmo';

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function createChat(deps: ChatDeps): Chat {
  const { changes, signals, checkIns } = deps;
  const links = { repos: deps.repos, clock: deps.clock, logger: deps.logger };
  const registry = cardActionRegistry({ links, ...(changes ? { changes } : {}), ...(signals ? { signals } : {}), ...(checkIns ? { checkIns } : {}) });
  const teamsPeople = createTeamsPeople({ repos: deps.repos, clock: deps.clock });

  /**
   * Keeps the roster of a linked team or chat current. A roster that cannot be read (Teams
   * down, the app's access revoked) costs nobody their answer: the next change reads it again.
   */
  async function refreshRoster(conversation: ConversationRef | undefined, roster: RosterReader | undefined): Promise<void> {
    if (!conversation || !roster) return;
    try {
      const read = await teamsPeople.refreshRoster(conversation, roster);
      if (read !== undefined) deps.logger.info({ tenantId: conversation.tenantId, conversationId: conversation.conversationId, members: read }, 'roster read');
    } catch (error) {
      deps.logger.warn({ err: error, tenantId: conversation.tenantId, conversationId: conversation.conversationId }, 'could not read the roster');
    }
  }

  async function principalOf(tenantId: string, caller: Caller): Promise<Result<Principal>> {
    if (!caller.userId) return fail('AUTH.UNAUTHENTICATED', 'Teams did not say who you are (no Microsoft Entra id on this message), so PMO Relay cannot check your roles.');
    return ok(await resolvePrincipal(deps.repos.users, { tenantId, userId: caller.userId, ...(caller.name ? { displayName: caller.name } : {}) }));
  }

  async function asMember(turn: MessageTurn, answer: (p: Principal) => Promise<AdaptiveCard>): Promise<AdaptiveCard> {
    const principal = await principalOf(turn.tenantId, turn.caller);
    return principal.ok ? answer(principal.value) : errorCard(principal.error);
  }

  function answer(turn: MessageTurn, command: BotCommand, conversation: ConversationRef): Promise<AdaptiveCard> | AdaptiveCard {
    const help = (notice?: string) => helpCard({ conversationKind: conversation.kind, ...(turn.tabUrl ? { tabUrl: turn.tabUrl } : {}), ...(notice ? { notice } : {}) });
    switch (command.name) {
      case 'help':
        return help();
      case 'unknown':
        return help(`I don't know "${command.text.slice(0, 80)}". Here is what I can do:`);
      case 'linkUsage':
        return help('To link this conversation, send "link" and choose, or type "link pmo <domain>", "link epmo" or "link team <work item>".');
      case 'link':
        return asMember(turn, async (p) => {
          const card = await linkCommand(links, p, conversation, command.target);
          // Linked now (or already): its people become who its cards are for.
          if (command.target) await refreshRoster(conversation, turn.roster);
          return card;
        });
      case 'raise':
        return signals ? asMember(turn, (p) => raiseCommand(signals, p, conversation, command.text)) : help('Signals are not available on this server.');
      case 'mySignals':
        return signals ? asMember(turn, (p) => mySignalsCommand(signals, p, conversation)) : help('Signals are not available on this server.');
      case 'checkIn':
        return checkIns ? asMember(turn, (p) => checkInCommand(checkIns, p, conversation, turn.tabUrl)) : help('Check-ins are not available on this server.');
      case 'changes':
      case 'announce':
        return asMember(turn, async (p) => {
          if (!changes) return help(`"${command.name}" is not available on this server.`);
          return command.name === 'changes' ? changesCommand(changes, p, conversation) : announceCommand(changes, p, conversation);
        });
    }
  }

  return {
    async message(turn) {
      // Refreshing the reference on every message heals a missed install event.
      const conversation = await conversationSeen(links, turn.sighting);
      return answer(turn, turn.command, conversation);
    },

    async cardAction(turn) {
      const { action } = turn;
      if (turn.serviceUrl) await refreshServiceUrl({ conversations: deps.repos.conversations, clock: deps.clock }, { tenantId: turn.tenantId, conversationId: turn.conversationId, serviceUrl: turn.serviceUrl });
      const context = (principal: Principal): CardActionContext => ({
        principal,
        conversationId: turn.conversationId,
        ...(turn.threadId ? { threadId: turn.threadId } : {}),
        ...(turn.cardMessageId ? { cardMessageId: turn.cardMessageId } : {}),
      });
      if (!action.ok) {
        deps.logger.info({ error: action.error }, 'rejected a card action');
        // Only a feature that re-shows its card (with why) needs to know who acted.
        if (!action.rejected || !registry.rejected[action.rejected.verb]) return { card: errorCard(action.error) };
        const principal = await principalOf(turn.tenantId, turn.caller);
        if (!principal.ok) return { card: errorCard(principal.error) };
        return (await runRejected(registry.rejected, context(principal.value), action.rejected)) ?? { card: errorCard(action.error) };
      }
      const principal = await principalOf(turn.tenantId, turn.caller);
      if (!principal.ok) return { card: errorCard(principal.error) };
      const reply = await runCardAction(registry.handlers, context(principal.value), action.value);
      if (action.value.verb === 'link.submit' && reply.forEveryone) await refreshRoster(await deps.repos.conversations.get(turn.tenantId, turn.conversationId), turn.roster);
      return reply;
    },

    async messageActionOpened(turn) {
      if (!signals || turn.commandId !== RAISE_WITH_PMO) return undefined;
      // The form offers the raiser's own items where the conversation is no team's: who it is matters.
      const principal = await principalOf(turn.tenantId, turn.caller);
      if (!principal.ok) return { kind: 'message', text: principal.error.message };
      return raiseWithPmoDialog(signals, principal.value, turn.conversationId, turn.message);
    },

    async messageActionSubmitted(turn) {
      if (!signals || turn.commandId !== RAISE_WITH_PMO) return undefined;
      const principal = await principalOf(turn.tenantId, turn.caller);
      if (!principal.ok) return { kind: 'message', text: principal.error.message };
      // A dialog takes only Action.Submit: the verb travels inside its data.
      const parsed = parseActionData('signal.raise', turn.data);
      return raiseWithPmoSubmit(
        signals,
        principal.value,
        turn.sighting,
        { parsed: parsed.ok ? ok(parsed.value.data) : parsed, typed: isRecord(turn.data) ? turn.data : {} },
        turn.message,
        turn.threadId,
      );
    },

    async conversationUpdate(turn) {
      const ref = await onConversationEvent(links, turn.event);
      if (turn.botAdded || turn.membersChanged) await refreshRoster(ref, turn.roster);
      // Removed from a team (its id) or a chat (the conversation's): its roster goes too.
      if (turn.event.kind === 'removed') await teamsPeople.forgetRoster(turn.event.tenantId, turn.event.teamId ?? turn.event.conversationId);
      if (!turn.botAdded || !ref) return undefined;
      deps.logger.info({ tenantId: ref.tenantId, conversationId: ref.conversationId, kind: ref.kind }, 'PMO Relay was added to a conversation');
      return helpCard({ conversationKind: ref.kind, ...(turn.tabUrl ? { tabUrl: turn.tabUrl } : {}), notice: 'Thanks for adding PMO Relay.' });
    },

    async senderSeen(turn) {
      const { userId, teamsUserId, name } = turn.caller;
      // Only people: bots (`28:`) have no Entra id, and without one there is no one to match.
      if (!userId || !teamsUserId) return;
      try {
        await teamsPeople.seen({ tenantId: turn.tenantId, userId, mri: teamsUserId, ...(name ? { name } : {}) });
      } catch (error) {
        // Recording who is who must never cost the person their answer.
        deps.logger.warn({ err: error, tenantId: turn.tenantId }, 'could not record a Teams user id');
      }
    },
  };
}
