/** The EPMO decision panel's pure logic: the draft and what each outcome requires. */
import { fromDateInput } from '../shared/dates';
import type { DecisionOutcome, SignalOption } from '../signals/types';

export interface DecisionDraft {
  readonly outcome: DecisionOutcome | '';
  /** For `choose_other`: the option chosen instead of the recommendation. */
  readonly chosenOptionId: string;
  /** For `defer`: `YYYY-MM-DD`. */
  readonly deferUntil: string;
  readonly rationale: string;
}

export const EMPTY_DECISION: DecisionDraft = { outcome: '', chosenOptionId: '', deferUntil: '', rationale: '' };

export interface DecisionErrors {
  readonly outcome?: string;
  readonly chosenOptionId?: string;
  readonly deferUntil?: string;
  readonly rationale?: string;
}

/** What the panel asks for, in the words a strategy owner would use. */
export const OUTCOME_CHOICES: readonly { readonly value: DecisionOutcome; readonly label: string; readonly hint: string }[] = [
  { value: 'approve_recommended', label: 'Approve the recommended option', hint: 'Go ahead with what the PMO recommends.' },
  { value: 'choose_other', label: 'Choose another option', hint: 'Go ahead with a different option.' },
  { value: 'reject', label: 'Reject', hint: 'Do none of the options.' },
  { value: 'defer', label: 'Defer until a date', hint: 'Decide later; it comes back to the queue on that date.' },
  { value: 'request_info', label: 'Request more information', hint: 'Send it back to the PMO for more analysis.' },
];

/** Every outcome needs a rationale; choosing another option needs the option; deferring needs a future date. */
export function validateDecision(draft: DecisionDraft, options: readonly Pick<SignalOption, 'id'>[], recommendedId: string | undefined, now: number): DecisionErrors {
  const errors: { -readonly [K in keyof DecisionErrors]: string } = {};
  if (draft.outcome === '') errors.outcome = 'Choose an outcome.';
  if (draft.outcome === 'choose_other') {
    if (!options.some((o) => o.id === draft.chosenOptionId)) errors.chosenOptionId = 'Choose the option to go ahead with.';
    else if (draft.chosenOptionId === recommendedId) errors.chosenOptionId = 'That is the recommended option: approve the recommendation instead.';
  }
  if (draft.outcome === 'defer') {
    const until = fromDateInput(draft.deferUntil);
    if (!until) errors.deferUntil = 'Choose the date to decide by.';
    else if (Date.parse(until) <= now) errors.deferUntil = 'Choose a date in the future.';
  }
  if (draft.rationale.trim() === '') errors.rationale = 'Give the rationale for this decision.';
  return errors;
}
