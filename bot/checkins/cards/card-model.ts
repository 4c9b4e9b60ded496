/** What the check-in card shows: the request, the item as it stands, the rules' suggestions, and the answer once given. */
import type { CheckInAnswer, Health, RequestState } from '../domain/check-in';
import type { SuggestedHealth } from '../domain/suggested-health';
import type { CheckInRef } from './actions';

export interface Quantity {
  readonly value: number;
  readonly unit: string;
}

/** The item as the card pre-fills it: its last reported status. */
export interface ItemStatus {
  readonly title: string;
  readonly health: Health;
  readonly stage: string;
  readonly note?: string;
  readonly reportedAt?: string;
  readonly benefits?: { readonly planned: Quantity; readonly realised: Quantity };
}

/** The newest request of the item, for a card a newer round replaced. */
export interface NewerRequest {
  readonly requestedAt: string;
  readonly dueAt: string;
  readonly state: RequestState;
  readonly answer?: CheckInAnswer;
}

export interface CheckInCardModel {
  readonly ref: CheckInRef;
  readonly domainName: string;
  /** Who asked, for a round a person started; absent for the cadence's. */
  readonly requestedBy?: string;
  readonly requestedAt: string;
  readonly dueAt: string;
  readonly state: RequestState;
  readonly item: ItemStatus;
  readonly suggested: SuggestedHealth;
  readonly answer?: CheckInAnswer;
  readonly newer?: NewerRequest;
  /** Teams user ids (MRIs, at most 60) refreshed into their own view: the item's team and the domain's PMO leads. */
  readonly refreshUserIds: readonly string[];
  /** In a personal view: false when this person may not answer (the card is read-only for them). */
  readonly mayAnswer?: boolean;
  readonly notice?: { readonly tone: 'good' | 'warning' | 'attention'; readonly text: string };
  /** What was typed into the card before an answer was refused, by input id: given back as typed. */
  readonly typed?: Readonly<Record<string, string>>;
  /** Today's date and time (ISO), for "overdue". */
  readonly now: string;
}
