/**
 * What a feature's card-action handlers take and give. The platform parses the invoke, finds
 * the handler of its verb and sends what it answers; a handler calls one use case and builds
 * the card from what the use case returns.
 */
import type { DomainError } from '../result';
import type { Principal } from '../roles';
import type { AdaptiveCard } from './adaptive-card';

/** Who acted on a card, and where. */
export interface CardActionContext {
  readonly principal: Principal;
  /** The conversation the card is in (for a channel thread, the channel). */
  readonly conversationId: string;
  /** In a channel thread: the thread's root message id. */
  readonly threadId?: string;
  /** The message holding the card that was acted on. */
  readonly cardMessageId?: string;
}

/** The answer to a card action. */
export interface CardReply {
  /** Replaces the card acted on, for whoever acted. */
  readonly card: AdaptiveCard;
  /** The card is shared and the action changed what it shows: update the message for everyone too. */
  readonly forEveryone?: boolean;
  /** With `forEveryone`: what everyone sees when it differs from the actor's card (which may carry a message for them alone). */
  readonly shared?: AdaptiveCard;
}

/** The data of each verb of a union of card actions. */
export type DataByVerb<A extends { readonly verb: string; readonly data: unknown }> = { [X in A as X['verb']]: X['data'] };

/** One handler per verb of a union of card actions: a verb without a handler does not compile. */
export type CardActionHandlers<A extends { readonly verb: string; readonly data: unknown }> = {
  readonly [V in keyof DataByVerb<A>]: (context: CardActionContext, action: { readonly verb: V; readonly data: DataByVerb<A>[V] }) => Promise<CardReply>;
};

/** A card action of a known verb whose data did not parse. */
export interface RejectedAction<V extends string = string> {
  readonly verb: V;
  readonly data: Readonly<Record<string, unknown>>;
  readonly error: DomainError;
}

/** How a feature answers its rejected actions, e.g. with the card as it stands and what was wrong. */
export type RejectedActionHandler<V extends string> = (context: CardActionContext, action: RejectedAction<V>) => Promise<CardReply>;
