/**
 * One registry from every card verb to its feature's handler, typed exhaustively: a verb of
 * `CardAction` without a handler does not compile. A feature missing from this server (no
 * strategy changes or signals wired) answers each of its verbs with why.
 */
import { type ChangeDeps, changeActionSchemas, changeCardHandlers } from '../changes';
import { type CheckInDeps, checkInActionSchemas, checkInCardHandlers, checkInRejectedHandler } from '../checkins';
import { type ConversationHandlerDeps, linkCardHandlers } from '../conversations';
import type { CardActionContext, CardActionHandlers, CardReply, DataByVerb, RejectedAction, RejectedActionHandler } from '../kernel/cards/card-action';
import { errorCard } from '../kernel/cards/message-card';
import { type SignalDeps, signalActionSchemas, signalCardHandlers, signalRejectedHandler } from '../signals';
import type { CardAction, CardVerb } from './card-actions';

/** Answers for card actions whose data did not parse, for the verbs whose feature re-shows the card. */
type RejectedHandlers = { readonly [V in CardVerb]?: RejectedActionHandler<V> };

export interface CardActionRegistry {
  readonly handlers: CardActionHandlers<CardAction>;
  readonly rejected: RejectedHandlers;
}

export interface CardActionFeatures {
  readonly links: ConversationHandlerDeps;
  readonly changes?: ChangeDeps;
  readonly signals?: SignalDeps;
  readonly checkIns?: CheckInDeps;
}

/** One value for every verb of a feature (its schema table lists exactly its verbs). */
function everyVerb<V extends string, T>(schemas: Readonly<Record<V, unknown>>, value: T): Record<V, T> {
  return Object.fromEntries(Object.keys(schemas).map((verb) => [verb, value])) as Record<V, T>;
}

const unavailable = (message: string) => async (): Promise<CardReply> => ({ card: errorCard({ code: 'NOT_FOUND', message }) });

export function cardActionRegistry(features: CardActionFeatures): CardActionRegistry {
  const { changes, signals, checkIns } = features;
  return {
    handlers: {
      ...linkCardHandlers(features.links),
      ...(changes ? changeCardHandlers(changes) : everyVerb(changeActionSchemas, unavailable('Strategy changes are not available on this server.'))),
      ...(signals ? signalCardHandlers(signals) : everyVerb(signalActionSchemas, unavailable('Signals are not available on this server.'))),
      ...(checkIns ? checkInCardHandlers(checkIns) : everyVerb(checkInActionSchemas, unavailable('Check-ins are not available on this server.'))),
    },
    rejected: {
      ...(signals ? everyVerb(signalActionSchemas, signalRejectedHandler(signals)) : {}),
      ...(checkIns ? everyVerb(checkInActionSchemas, checkInRejectedHandler(checkIns)) : {}),
    },
  };
}

/** Runs the handler of the action's verb. */
export function runCardAction<V extends CardVerb>(handlers: CardActionHandlers<CardAction>, context: CardActionContext, action: { readonly verb: V; readonly data: DataByVerb<CardAction>[V] }): Promise<CardReply> {
  return handlers[action.verb](context, action);
}

/** Runs the rejected-action handler of the verb, if its feature has one. */
export function runRejected<V extends CardVerb>(rejected: RejectedHandlers, context: CardActionContext, action: RejectedAction<V>): Promise<CardReply> | undefined {
  return rejected[action.verb]?.(context, action);
}
