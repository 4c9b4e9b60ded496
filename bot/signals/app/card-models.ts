/**
 * What the signal cards show: the view models the use cases fill from stored records, and the
 * card builders (cards/) render.
 */
import type { Decision, Signal } from '../domain/signal';

/** Which card of a signal: the raiser's receipt, the PMO card or the EPMO card (a `signal.view` refresh names one). */
export const SIGNAL_CARD_KINDS = ['receipt', 'pmo', 'epmo'] as const;
export type SignalCardKind = (typeof SIGNAL_CARD_KINDS)[number];

/** Everything a signal card shows, resolved from stored records. */
export interface SignalCardModel {
  readonly signal: Signal;
  readonly domainName: string;
  readonly workItemTitle?: string;
  /** Titles of the objectives the context names. */
  readonly objectiveTitles?: readonly string[];
  /** The latest decision, when there is one. */
  readonly decision?: Decision;
  /** Base URL of the tab (ends with `/`), for deep links. */
  readonly tabUrl?: string;
  readonly overdue?: boolean;
  /** A line shown above the card: what just happened or what went wrong. */
  readonly notice?: { readonly tone: 'good' | 'attention' | 'warning'; readonly text: string };
  /**
   * Teams user ids (MRIs, at most 60) of the people who can act on this card — the domain's PMO
   * leads for the PMO card, the strategy owners for the EPMO card — for the refresh that gives
   * them their own view. People whose MRI is not known yet are not listed.
   */
  readonly refreshUserIds?: readonly string[];
  /**
   * Rendered for one person (a refresh or the answer to their action). The shared card, sent to
   * a channel, is for everyone: it offers "Show my view" instead of anyone's actions.
   */
  readonly personal?: boolean;
  /** In a personal view of the PMO card: the person may triage (a PMO lead of the signal's domain). */
  readonly canTriage?: boolean;
}

export interface EpmoCardModel extends SignalCardModel {
  /** The personal view of a strategy owner: with the decision inputs. */
  readonly canDecide: boolean;
  /** Today (`YYYY-MM-DD`), the earliest deferral date minus one. */
  readonly today: string;
}

/** Someone a card names with an `<at>` mention: their Teams user id (MRI) and name. */
export interface MentionedPerson {
  readonly mri: string;
  readonly name: string;
}

/** One card of a signal as one viewer sees it: which card, and its view model. */
export type SignalCardView =
  | { readonly view: 'receipt' | 'pmo'; readonly model: SignalCardModel }
  | { readonly view: 'epmo'; readonly model: EpmoCardModel };

/** `my signals`: what a person raised, newest first. */
export interface MySignalsModel {
  readonly items: readonly { readonly signal: Signal; readonly domainName: string; readonly overdue: boolean }[];
  readonly tabUrl?: string;
}
