/**
 * The bot's signal turns: the `raise` and `my signals` commands, the signal card actions
 * (including the raise form's submit) and the *Raise with PMO* message action (its dialog opens
 * the raise form pre-filled from the message; its submit raises the signal linked back to the
 * message). Each calls one use case and builds the card from what it returns.
 */
import type { ConversationRef, ConversationSighting } from '../conversations';
import type { DomainError, Result } from '../kernel/result';
import type { Principal } from '../kernel/roles';
import type { AdaptiveCard } from '../kernel/cards/adaptive-card';
import type { CardActionHandlers, CardReply, RejectedActionHandler } from '../kernel/cards/card-action';
import type { DialogReply } from '../kernel/cards/dialog';
import { errorCard, messageCard } from '../kernel/cards/message-card';
import { type Signal, signalLabel } from './domain/signal';
import { type SignalAnswer, decideOnCard, closeOnCard, refusedOnSignal, resolveOnCard, triageOnCard, viewSignal } from './app/card-answers';
import type { RaiseData } from './app/card-inputs';
import type { SignalCardModel } from './app/card-models';
import { mySignals } from './app/card-views';
import type { SignalDeps } from './app/deps';
import { type RaiseContext, type Raised, raiseContext } from './app/raise';
import { type SourceMessage, originOf, raiseFormAgain, raiseFromMessage, raiseOnCard } from './app/raise-from-teams';
import { RAISE_INPUTS, type SignalCardAction } from './cards/actions';
import { type RaiseFormInput, type RaiseFormModel, raiseFormCard } from './cards/raise-form';
import { mySignalsCard, mySignalsElsewhereCard, signalViewCard } from './cards/signal-cards';

function raisedNotice({ signal, domainName, pmoChannels }: Pick<Raised, 'domainName' | 'pmoChannels'> & { readonly signal: { readonly value: Signal } }): string {
  const where = pmoChannels > 0 ? `The ${domainName} PMO has it in their channel` : `The ${domainName} PMO will see it in PMO Relay (their channel is not linked yet)`;
  return `Raised ${signalLabel(signal.value)} with the ${domainName} PMO. ${where}; your receipt card shows where it stands.`;
}

/** Why an action was refused, on top of the unchanged card. */
function refusalNotice(error: DomainError): NonNullable<SignalCardModel['notice']> {
  const forbidden = error.code === 'AUTH.FORBIDDEN';
  return { tone: forbidden ? 'warning' : 'attention', text: `${error.message}${forbidden || error.code.startsWith('SIGNAL.') ? '' : ' Nothing was changed.'}` };
}

/** The answer of a signal card action: the card, with what happened (`done`) or why not. */
function answerCard(answer: Result<SignalAnswer>, done: string): CardReply {
  if (!answer.ok) return { card: errorCard(answer.error) };
  const { card, refused } = answer.value;
  return { card: signalViewCard(card, refused ? refusalNotice(refused) : { tone: 'good', text: `${done} Everyone's cards are being updated.` }) };
}

/** The raise form in a conversation, from what it is linked to (or the raiser's own items and the domains). */
const raiseForm = (form: RaiseContext, extra: Omit<RaiseFormModel, 'workItems' | 'itemsFrom' | 'routeName' | 'domains'>): AdaptiveCard =>
  raiseFormCard({ workItems: form.workItems, itemsFrom: form.itemsFrom, domains: form.domains, ...(form.domainName ? { routeName: form.domainName } : {}), ...extra });

const FIELD_NOTICE_TITLES: Readonly<Record<string, string>> = {
  [RAISE_INPUTS.workItemId]: 'Choose a work item from the list',
  [RAISE_INPUTS.domainId]: 'Choose a domain from the list',
  [RAISE_INPUTS.title]: 'Give the signal a title',
  [RAISE_INPUTS.kind]: 'Choose what kind of signal this is',
  [RAISE_INPUTS.urgency]: 'Choose an urgency',
};

/** Why the raise form came back, titled for what the raiser has to do. */
function raiseNotice(error: DomainError): NonNullable<RaiseFormModel['notice']> {
  if (error.code === 'SIGNAL.NO_ROUTE') return { title: 'Choose where it goes', text: error.message };
  const at = error.details?.[0]?.at;
  return { title: (at && FIELD_NOTICE_TITLES[at]) ?? 'Check the form', text: `${error.message} Nothing was raised.` };
}

/** A raise refused for who the raiser is (not for what they typed): what to do about it, not the form. */
function raiseRefusedCard(error: DomainError): AdaptiveCard {
  return error.code === 'AUTH.FORBIDDEN' ? messageCard({ tone: 'warning', title: 'You cannot raise signals yet', text: error.message }) : errorCard(error);
}

/** What the raiser typed and chose, from a submit's values as they came (only text is kept). */
const RAISE_FORM_FIELDS = ['kind', 'title', 'details', 'urgency', 'workItemId', 'domainId'] as const satisfies readonly (keyof RaiseFormInput)[];
function typedInput(values: Readonly<Record<string, unknown>>): RaiseFormInput {
  const kept: Partial<Record<keyof RaiseFormInput, string>> = {};
  for (const field of RAISE_FORM_FIELDS) {
    const value = values[field];
    if (typeof value === 'string' && value !== '') kept[field] = value;
  }
  return kept;
}

/** `my signals`: what I raised and its state — in the personal chat only (see mySignalsElsewhereCard). */
export async function mySignalsCommand(deps: SignalDeps, p: Principal, conversation: Pick<ConversationRef, 'kind' | 'botId'>): Promise<AdaptiveCard> {
  if (conversation.kind !== 'personal') {
    const tabUrl = deps.tabBaseUrl();
    return mySignalsElsewhereCard({ botId: conversation.botId, ...(tabUrl ? { tabUrl } : {}) });
  }
  return mySignalsCard(await mySignals(deps, p));
}

/** The signal card actions, one handler per verb. */
export function signalCardHandlers(deps: SignalDeps): CardActionHandlers<SignalCardAction> {
  return {
    'signal.raise': async (context, { data }) => {
      const raised = await raiseOnCard(deps, context.principal, {
        conversationId: context.conversationId,
        ...(context.threadId ? { threadId: context.threadId } : {}),
        ...(context.cardMessageId ? { formMessageId: context.cardMessageId } : {}),
        data,
      });
      if (!raised.ok) return { card: raiseRefusedCard(raised.error) };
      if (raised.value.kind === 'form') {
        return { card: raiseForm(raised.value.form, { mode: 'execute', notice: raiseNotice(raised.value.refused), prefill: typedInput({ ...data }) }) };
      }
      const { raised: done, receipt } = raised.value;
      const notice = done.alreadyRaised ? `${signalLabel(done.signal.value)} was already raised from this form; nothing was raised twice.` : raisedNotice(done);
      return { card: signalViewCard(receipt, { tone: 'good', text: notice }) };
    },
    'signal.triage': async (context, { data }) => answerCard(await triageOnCard(deps, context.principal, data), 'Accepted: triaged.'),
    'signal.resolve': async (context, { data }) => answerCard(await resolveOnCard(deps, context.principal, data), 'Resolved locally.'),
    'signal.close': async (context, { data }) => answerCard(await closeOnCard(deps, context.principal, data), 'Closed.'),
    'signal.decide': async (context, { data }) => {
      const decided = await decideOnCard(deps, context.principal, data);
      const done = decided.ok && decided.value.repeated ? 'Your decision was already recorded; nothing was recorded twice.' : 'Your decision is recorded.';
      return answerCard(decided, done);
    },
    'signal.view': async (context, { data }) => {
      const viewed = await viewSignal(deps, context.principal, data.signalId, data.view);
      return { card: viewed.ok ? signalViewCard(viewed.value.card) : errorCard(viewed.error) };
    },
  };
}

/**
 * A signal action whose data could not be read: the raise form again with the problem, or the
 * signal's card as it stands (if the person may see it) with the problem on top.
 */
export function signalRejectedHandler(deps: SignalDeps): RejectedActionHandler<SignalCardAction['verb']> {
  return async (context, { verb, data, error }) => {
    if (verb === 'signal.raise') {
      const form = await raiseFormAgain(deps, context.principal, context.conversationId);
      return { card: form ? raiseForm(form, { mode: 'execute', notice: raiseNotice(error), prefill: typedInput(data) }) : errorCard(error) };
    }
    const signalId = data['signalId'];
    if (typeof signalId !== 'string') return { card: errorCard(error) };
    const current = await refusedOnSignal(deps, context.principal, signalId, verb, error);
    return answerCard(current, '');
  };
}

/**
 * `raise`: the form, with the work items linked to this conversation (or, where it is no team's,
 * the raiser's own and the domains); text after `raise` fills the title.
 */
export async function raiseCommand(deps: SignalDeps, p: Principal, conversation: ConversationRef, text: string): Promise<AdaptiveCard> {
  const form = await raiseContext(deps, p, conversation.conversationId);
  return raiseForm(form, { mode: 'execute', ...(text ? { prefill: { title: text } } : {}) });
}

const raiseDialog = (card: AdaptiveCard): DialogReply => ({ kind: 'dialog', title: 'Raise with PMO', height: 'large', width: 'medium', card });

/**
 * *Raise with PMO* opened on a message: the raise form in a dialog (offering what `raise` would
 * there), its title the message's first line.
 */
export async function raiseWithPmoDialog(deps: SignalDeps, p: Principal, conversationId: string, message?: SourceMessage): Promise<DialogReply> {
  const form = await raiseContext(deps, p, conversationId);
  const text = message?.text ?? '';
  const firstLine = text.split('\n').find((l) => l.trim() !== '') ?? '';
  return raiseDialog(
    raiseForm(form, { mode: 'submit', prefill: { title: firstLine.slice(0, 120), details: text.slice(0, 4000) }, ...(message ? { origin: originOf(message, conversationId) } : {}) }),
  );
}

/** The dialog's submit: the form's data as parsed (or why it could not be read), and as typed. */
export interface RaiseSubmit {
  readonly parsed: Result<RaiseData>;
  readonly typed: Readonly<Record<string, unknown>>;
}

/** *Raise with PMO* submitted: raises the signal linked back to the message, or gives the form back with why not. */
export async function raiseWithPmoSubmit(
  deps: SignalDeps,
  p: Principal,
  sighting: ConversationSighting,
  submit: RaiseSubmit,
  message?: SourceMessage,
  threadId?: string,
): Promise<DialogReply> {
  const origin = message ? originOf(message, sighting.conversationId) : undefined;
  const raised = await raiseFromMessage(deps, p, sighting, submit.parsed, message, threadId);
  if (!raised.ok) return { kind: 'message', text: raised.error.message };
  if (raised.value.kind === 'form') {
    return raiseDialog(raiseForm(raised.value.form, { mode: 'submit', notice: raiseNotice(raised.value.refused), prefill: typedInput(submit.typed), ...(origin ? { origin } : {}) }));
  }
  const done = raised.value.raised;
  return { kind: 'message', text: done.alreadyRaised ? `${signalLabel(done.signal.value)} was already raised from this message; nothing was raised twice.` : raisedNotice(done) };
}
