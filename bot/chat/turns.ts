/**
 * A Teams activity as PMO Relay reads it: plain values the platform takes from the activity
 * (tenant, caller, conversation, and the typed command, card action or message action), with
 * nothing of the SDK left in them.
 */
import type { ConversationEvent, ConversationSighting, RosterReader } from '../conversations';
import type { SourceMessage } from '../signals';
import type { ParsedCardAction } from './card-actions';
import type { BotCommand } from './commands';

/** Who acted, as Teams named them; roles come from the tenant's directory. */
export interface Caller {
  /** The Microsoft Entra object id; Teams sends it for every person. */
  readonly userId?: string;
  /** The Teams user id (MRI, `29:…`) Teams knows them by: what cards, mentions and 1:1 chats address. */
  readonly teamsUserId?: string;
  readonly name?: string;
}

interface Turn {
  readonly tenantId: string;
  readonly caller: Caller;
  /** The conversation (for a channel thread, the channel). */
  readonly conversationId: string;
  /** In a channel thread: the thread's root message id, so replies can go into the thread. */
  readonly threadId?: string;
}

/** A message typed to the bot. */
export interface MessageTurn extends Turn {
  /** The conversation as this activity shows it, to keep its reference current. */
  readonly sighting: ConversationSighting;
  readonly command: BotCommand;
  /** Where the tab is served, for "open" buttons. */
  readonly tabUrl?: string;
  /** Reads this conversation's roster from Teams, once `link` made it worth keeping. */
  readonly roster?: RosterReader;
}

/** A Universal Action (`adaptiveCard/action`) on a card PMO Relay sent. */
export interface CardActionTurn extends Turn {
  readonly action: ParsedCardAction;
  /** The connector endpoint the action came through; a known conversation follows it. */
  readonly serviceUrl?: string;
  /** The message holding the card acted on. */
  readonly cardMessageId?: string;
  /** Reads this conversation's roster from Teams, once the link form made it worth keeping. */
  readonly roster?: RosterReader;
}

/** A message action (`composeExtension/fetchTask` or `…/submitAction`). */
export interface MessageActionTurn extends Turn {
  readonly commandId: string;
  readonly sighting: ConversationSighting;
  /** The message it was started on. */
  readonly message?: SourceMessage;
}

/** A message action's dialog submitted, with the values of its form. */
export interface MessageActionSubmitTurn extends MessageActionTurn {
  readonly data: unknown;
}

/** Teams telling about a conversation: installs, renames, removals. */
export interface ConversationUpdateTurn {
  readonly event: ConversationEvent;
  /** PMO Relay itself was just added: it says hello. */
  readonly botAdded: boolean;
  /** People joined or left: the roster of a linked team or chat is read again. */
  readonly membersChanged?: boolean;
  /** Reads this conversation's roster from Teams. */
  readonly roster?: RosterReader;
  readonly tabUrl?: string;
}

/** Any activity, for who sent it. */
export interface SenderTurn {
  readonly tenantId: string;
  readonly caller: Caller;
}
