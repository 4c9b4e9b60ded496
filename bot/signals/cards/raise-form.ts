/** The raise form (PRODUCT.md §4): what a team fills in to raise a signal with its PMO. Pure. */
import { KIND_LABELS, SIGNAL_KINDS, URGENCIES } from '../domain/signal';
import {
  type AdaptiveCard,
  type CardActionElement,
  type CardElement,
  adaptiveCard,
  heading,
  text,
} from '../../kernel/cards/adaptive-card';
import type { OriginData } from '../app/card-inputs';
import { RAISE_INPUTS, type SignalBuiltAction, signalAction } from './actions';
import { URGENCY_LABELS, noticeBlock } from './card-parts';

export interface RaiseFormModel {
  /** Work items linked to this conversation, to choose from. */
  readonly workItems: readonly { readonly id: string; readonly title: string }[];
  /** Where it will go when no work item is chosen ("the IT PMO"), if known. */
  readonly routeName?: string;
  readonly prefill?: { readonly title?: string; readonly details?: string };
  readonly origin?: OriginData;
  /** `execute` in conversations (Universal Action `signal.raise`); `submit` inside a dialog (message action). */
  readonly mode: 'execute' | 'submit';
  readonly notice?: string;
}

export function raiseFormCard(model: RaiseFormModel): AdaptiveCard {
  const body: CardElement[] = [
    ...(model.notice ? noticeBlock({ tone: 'attention', text: model.notice }) : []),
    heading('Raise a signal with the PMO'),
    text(
      model.routeName ? `It goes to ${model.routeName} (or to the PMO of the work item you choose).` : 'It goes to the PMO of the work item you choose.',
      { isSubtle: true, spacing: 'small' },
    ),
    {
      type: 'Input.ChoiceSet',
      id: RAISE_INPUTS.kind,
      label: 'Kind',
      style: 'compact',
      value: 'issue',
      isRequired: true,
      errorMessage: 'Choose what kind of signal this is.',
      choices: SIGNAL_KINDS.map((k) => ({ title: KIND_LABELS[k], value: k })),
    },
    {
      type: 'Input.Text',
      id: RAISE_INPUTS.title,
      label: 'Title',
      placeholder: 'One line: what did you spot?',
      maxLength: 200,
      isRequired: true,
      errorMessage: 'Give the signal a title.',
      ...(model.prefill?.title ? { value: model.prefill.title.slice(0, 200) } : {}),
    },
    {
      type: 'Input.Text',
      id: RAISE_INPUTS.details,
      label: 'Details',
      placeholder: 'What happened, what it affects, what you suggest',
      isMultiline: true,
      maxLength: 4000,
      ...(model.prefill?.details ? { value: model.prefill.details.slice(0, 4000) } : {}),
    },
    {
      type: 'Input.ChoiceSet',
      id: RAISE_INPUTS.urgency,
      label: 'Urgency',
      style: 'compact',
      value: 'normal',
      choices: URGENCIES.map((u) => ({ title: URGENCY_LABELS[u], value: u })),
    },
  ];
  if (model.workItems.length > 0) {
    body.push({
      type: 'Input.ChoiceSet',
      id: RAISE_INPUTS.workItemId,
      label: 'Work item (optional)',
      style: 'compact',
      placeholder: 'Not about one work item',
      choices: model.workItems.slice(0, 100).map((w) => ({ title: w.title, value: w.id })),
      ...(model.workItems.length === 1 && model.workItems[0] ? { value: model.workItems[0].id } : {}),
    });
  }
  const raise: SignalBuiltAction = { verb: 'signal.raise', data: model.origin ? { origin: model.origin } : {} };
  // A dialog takes only Action.Submit: the verb travels inside its data.
  const action: CardActionElement =
    model.mode === 'execute'
      ? signalAction('Raise', raise, { style: 'positive', associatedInputs: 'auto' })
      : { type: 'Action.Submit', title: 'Raise', style: 'positive', data: { verb: raise.verb, ...raise.data } };
  return adaptiveCard(body, [action]);
}

