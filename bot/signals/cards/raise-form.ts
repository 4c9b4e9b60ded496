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
import { URGENCY_LABELS } from './card-parts';

/** What the raiser typed and chose, kept when the form comes back (values the form does not offer are dropped). */
export interface RaiseFormInput {
  readonly kind?: string;
  readonly title?: string;
  readonly details?: string;
  readonly urgency?: string;
  readonly workItemId?: string;
  readonly domainId?: string;
}

export interface RaiseFormModel {
  /** Work items to choose from: the conversation's, or the raiser's own. */
  readonly workItems: readonly { readonly id: string; readonly title: string }[];
  /** Where the work items come from: the conversation's links, or the raiser's own teams. */
  readonly itemsFrom?: 'conversation' | 'raiser';
  /** Where it will go when no work item is chosen ("the IT PMO"), if the conversation tells. */
  readonly routeName?: string;
  /** When the conversation tells no domain: the domains whose PMO the raiser may choose instead. */
  readonly domains?: readonly { readonly id: string; readonly name: string }[];
  readonly prefill?: RaiseFormInput;
  readonly origin?: OriginData;
  /** `execute` in conversations (Universal Action `signal.raise`); `submit` inside a dialog (message action). */
  readonly mode: 'execute' | 'submit';
  /** Why the form came back: a title naming the condition, and what to do. */
  readonly notice?: { readonly title: string; readonly text: string };
}

/** The value of a choice, kept only if it is one of the choices. */
const keptChoice = (value: string | undefined, choices: readonly { readonly value: string }[]): string | undefined =>
  value !== undefined && choices.some((c) => c.value === value) ? value : undefined;

function whereItGoes(model: RaiseFormModel): string {
  if (model.routeName) return `It goes to ${model.routeName} (or to the PMO of the work item you choose).`;
  if (model.workItems.length > 0) return 'It goes to the PMO of the work item you choose, or of the domain you choose if it is about none of them.';
  return model.domains && model.domains.length > 0
    ? 'You are on no work item\'s team in PMO Relay yet: choose the domain whose PMO should have it.'
    : 'It goes to the PMO of the work item you choose.';
}

export function raiseFormCard(model: RaiseFormModel): AdaptiveCard {
  const input = model.prefill ?? {};
  const kinds = SIGNAL_KINDS.map((k) => ({ title: KIND_LABELS[k], value: k }));
  const urgencies = URGENCIES.map((u) => ({ title: URGENCY_LABELS[u], value: u }));
  const body: CardElement[] = [
    ...(model.notice
      ? [{ type: 'Container', style: 'attention', bleed: true, items: [text(model.notice.title, { weight: 'bolder', size: 'medium', color: 'attention' }), text(model.notice.text, { spacing: 'small' })] } satisfies CardElement]
      : []),
    heading('Raise a signal with the PMO'),
    text(whereItGoes(model), { isSubtle: true, spacing: 'small' }),
    {
      type: 'Input.ChoiceSet',
      id: RAISE_INPUTS.kind,
      label: 'Kind',
      style: 'compact',
      value: keptChoice(input.kind, kinds) ?? 'issue',
      isRequired: true,
      errorMessage: 'Choose what kind of signal this is.',
      choices: kinds,
    },
    {
      type: 'Input.Text',
      id: RAISE_INPUTS.title,
      label: 'Title',
      placeholder: 'One line: what did you spot?',
      maxLength: 200,
      isRequired: true,
      errorMessage: 'Give the signal a title.',
      ...(input.title ? { value: input.title.slice(0, 200) } : {}),
    },
    {
      type: 'Input.Text',
      id: RAISE_INPUTS.details,
      label: 'Details',
      placeholder: 'What happened, what it affects, what you suggest',
      isMultiline: true,
      maxLength: 4000,
      ...(input.details ? { value: input.details.slice(0, 4000) } : {}),
    },
    {
      type: 'Input.ChoiceSet',
      id: RAISE_INPUTS.urgency,
      label: 'Urgency',
      style: 'compact',
      value: keptChoice(input.urgency, urgencies) ?? 'normal',
      choices: urgencies,
    },
  ];
  const ownItems = model.itemsFrom === 'raiser';
  if (model.workItems.length > 0) {
    const choices = model.workItems.slice(0, 100).map((w) => ({ title: w.title, value: w.id }));
    const only = !ownItems && choices.length === 1 ? choices[0]?.value : undefined;
    const value = keptChoice(input.workItemId, choices) ?? only;
    body.push({
      type: 'Input.ChoiceSet',
      id: RAISE_INPUTS.workItemId,
      // Where the conversation tells the route, the raiser's own item is optional too.
      label: ownItems && !model.routeName ? 'Your work item' : ownItems ? 'Your work item (optional)' : 'Work item (optional)',
      style: 'compact',
      placeholder: ownItems ? 'Choose one of your work items' : 'Not about one work item',
      choices,
      ...(value ? { value } : {}),
    });
  }
  if (model.domains && model.domains.length > 0) {
    const choices = model.domains.map((d) => ({ title: `${d.name} PMO`, value: d.id }));
    const value = keptChoice(input.domainId, choices);
    body.push({
      type: 'Input.ChoiceSet',
      id: RAISE_INPUTS.domainId,
      label: model.workItems.length > 0 ? 'Or another domain\'s PMO' : 'Domain\'s PMO',
      style: 'compact',
      placeholder: 'Choose a domain',
      choices,
      ...(value ? { value } : {}),
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
