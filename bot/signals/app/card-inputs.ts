/**
 * What each signal card action hands its use case, by verb: the card's static data and the
 * values of its inputs, already checked for shape (cards/actions.ts parses them). Nothing here is
 * trusted beyond that shape: the use cases re-check who may act.
 */
import type { CloseReason, DecisionOutcome, SignalKind, Urgency } from '../domain/signal';
import type { SignalCardKind } from './card-models';

/** The Teams message a signal was raised from. */
export interface OriginData {
  readonly messageId?: string;
  readonly messageLink?: string;
  readonly messagePreview?: string;
}

/** What the raise form sends. */
export interface RaiseData {
  readonly kind: SignalKind;
  readonly title: string;
  readonly details: string;
  readonly urgency: Urgency;
  readonly workItemId?: string;
  /** The domain whose PMO gets it, when no work item is chosen (personal and group chats, unlinked channels). */
  readonly domainId?: string;
  readonly origin?: OriginData;
}

export interface TriageData {
  readonly signalId: string;
  readonly comment?: string;
}

export interface ResolveData {
  readonly signalId: string;
  readonly resolution: string;
}

export interface CloseData {
  readonly signalId: string;
  readonly reason: CloseReason;
  readonly comment: string;
  readonly duplicateOf?: number;
}

export interface DecideData {
  readonly signalId: string;
  readonly round: number;
  readonly outcome: DecisionOutcome;
  readonly chosenOptionId?: string;
  readonly deferredUntil?: string;
  readonly rationale: string;
}

/** The data of each signal verb. */
export interface SignalActionData {
  readonly 'signal.raise': RaiseData;
  readonly 'signal.triage': TriageData;
  readonly 'signal.resolve': ResolveData;
  readonly 'signal.close': CloseData;
  readonly 'signal.decide': DecideData;
  readonly 'signal.view': { readonly signalId: string; readonly view: SignalCardKind };
}

export type SignalVerb = keyof SignalActionData;
