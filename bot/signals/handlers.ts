/**
 * The Teams side of signals: the `raise` and `my signals` commands, the signal card actions
 * (`adaptiveCard/action` invokes with `signal.*` verbs, including the raise form) and the
 * *Raise with PMO* message action (`composeExtension/fetchTask` opens the raise form pre-filled
 * from the message in a dialog; `composeExtension/submitAction` raises the signal linked back to
 * the message). Thin: read the activity, call a use case, answer with a card.
 */
import { type Activity, CardFactory, type InvokeResponse, type MessagingExtensionAction, type MessagingExtensionActionResponse, type TurnContext } from 'botbuilder';
import { resolvePrincipal } from '../people';
import { recordConversation } from '../conversations';
import type { SignalDeps } from './app/deps';
import { SIGNAL_FORBIDDEN_MESSAGE, canSeeSignal, inbox } from './app/queries';
import { type RaiseRequest, raiseContext, raiseSignal } from './app/raise';
import { type CardView, renderView } from './app/renderers';
import { closeSignal, decideSignal, resolveSignal, triageSignal } from './app/transitions';
import type { ConversationRef } from '../conversations';
import { type DomainError, type Result, fail, ok } from '../kernel/result';
import type { Principal } from '../kernel/roles';
import { type Signal, signalLabel } from './domain/signal';
import type { AdaptiveCard } from '../kernel/cards/adaptive-card';
import { errorCard } from '../kernel/cards/message-card';
import { type OriginData, type SignalCardAction, signalActionSchemas } from './cards/actions';
import { mySignalsCard, raiseFormCard } from './cards/signal-cards';
import { ADAPTIVE_CARD_CONTENT_TYPE } from '../kernel/cards/adaptive-card';
import { conversationIdOf, sightingOf, tenantOf } from '../platform/teams/activity';

const invokeCard = (card: AdaptiveCard): InvokeResponse => ({ status: 200, body: { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: card } });

/** An `adaptiveCard/action` invoke with a signal verb, parsed; when only its data is wrong, the verb and data. */
export type SignalActionParse =
  | { readonly ok: true; readonly value: SignalCardAction }
  | { readonly ok: false; readonly error: DomainError; readonly rejected?: { readonly verb: SignalCardAction['verb']; readonly data: Readonly<Record<string, unknown>> } };

/** Whether a verb is a signal verb. */
export const isSignalVerb = (verb: string | undefined): verb is SignalCardAction['verb'] => verb !== undefined && Object.prototype.hasOwnProperty.call(signalActionSchemas, verb);

/** Title prefill from a message: its first line, without markup. */
function plainText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li)>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/[ \t]+/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

interface MessagePayload {
  readonly id?: string;
  readonly linkToMessage?: string;
  readonly body?: { readonly content?: string; readonly contentType?: string };
}

function originOf(payload: MessagePayload | undefined): { origin?: OriginData; text: string } {
  if (!payload) return { text: '' };
  const content = payload.body?.content ?? '';
  const text = payload.body?.contentType === 'html' || /<[a-z][^>]*>/i.test(content) ? plainText(content) : content.trim();
  const origin: OriginData = {
    ...(payload.id ? { messageId: String(payload.id).slice(0, 300) } : {}),
    ...(payload.linkToMessage ? { messageLink: String(payload.linkToMessage).slice(0, 2000) } : {}),
    ...(text ? { messagePreview: text.slice(0, 300) } : {}),
  };
  return { origin, text };
}

export class SignalBotHandlers {
  constructor(private readonly deps: SignalDeps) {}

  private async principal(context: TurnContext): Promise<Result<Principal>> {
    const tenantId = tenantOf(context.activity) as string;
    const userId = context.activity.from?.aadObjectId;
    if (!userId) return fail('AUTH.UNAUTHENTICATED', 'Teams did not say who you are (no Microsoft Entra id), so PMO Relay cannot check your roles.');
    return ok(await resolvePrincipal(this.deps.repos.users, { tenantId, userId, ...(context.activity.from.name ? { displayName: context.activity.from.name } : {}) }));
  }

  // ---------------------------------------------------------------- commands

  /** `raise`: the form, with the work items linked to this conversation. */
  async raiseForm(conversation: ConversationRef, notice?: string, prefill?: { title?: string; details?: string }): Promise<AdaptiveCard> {
    const ctx = await raiseContext(this.deps, conversation.tenantId, conversation.conversationId);
    return raiseFormCard({
      mode: 'execute',
      workItems: ctx.workItems,
      ...(ctx.domainName ? { routeName: ctx.domainName } : {}),
      ...(notice ? { notice } : {}),
      ...(prefill ? { prefill } : {}),
    });
  }

  /** `my signals`: what I raised and its state. */
  async mySignals(p: Principal): Promise<AdaptiveCard> {
    const mine = await inbox(this.deps, p, { mine: true });
    const items = [...mine.items].sort((a, b) => b.number - a.number).map((s) => ({ signal: s as Signal, domainName: s.domainName, overdue: s.overdue }));
    const tabUrl = this.deps.tabBaseUrl();
    return mySignalsCard({ items, ...(tabUrl ? { tabUrl } : {}) });
  }

  // ---------------------------------------------------------------- card actions

  /** An `adaptiveCard/action` invoke whose verb is a signal verb. */
  async cardAction(context: TurnContext, parsed: SignalActionParse): Promise<InvokeResponse> {
    const p = await this.principal(context);
    if (!p.ok) return invokeCard(errorCard(p.error));
    const conversationId = conversationIdOf(context.activity);
    if (!parsed.ok) {
      const verb = parsed.rejected?.verb;
      if (verb === 'signal.raise') {
        const conversation = await this.deps.repos.conversations.get(p.value.tenantId, conversationId);
        if (conversation) return invokeCard(await this.raiseForm(conversation, parsed.error.message));
      }
      const signalId = parsed.rejected?.data['signalId'];
      if (typeof signalId === 'string') {
        const card = await this.viewWithNotice(p.value, signalId, verb === 'signal.decide' ? 'epmo' : 'pmo', parsed.error);
        if (card) return invokeCard(card);
      }
      return invokeCard(errorCard(parsed.error));
    }
    return invokeCard(await this.act(context, p.value, conversationId, parsed.value));
  }

  private async act(context: TurnContext, p: Principal, conversationId: string, action: SignalCardAction): Promise<AdaptiveCard> {
    switch (action.verb) {
      case 'signal.raise': {
        // The form was sent by PMO Relay here, so the conversation is known; looking it up
        // (not recording it) keeps a forged invoke from writing anything.
        const conversation = await this.deps.repos.conversations.get(p.tenantId, conversationId);
        if (!conversation) return errorCard({ code: 'NOT_FOUND', message: 'PMO Relay does not know this conversation in your organisation. Send "help" here first, then "raise".' });
        const d = action.data;
        const request: RaiseRequest = {
          conversationId,
          kind: d.kind,
          title: d.title,
          details: d.details,
          urgency: d.urgency,
          ...(d.workItemId ? { workItemId: d.workItemId } : {}),
          ...(context.activity.replyToId ? { receiptActivityId: context.activity.replyToId } : {}),
        };
        const raised = await raiseSignal(this.deps, p, request);
        if (!raised.ok) {
          if (raised.error.code === 'AUTH.FORBIDDEN' || raised.error.code === 'SIGNAL.NO_ROUTE') return errorCard(raised.error);
          return this.raiseForm(conversation, raised.error.message, { title: d.title, details: d.details });
        }
        const notice = raised.value.alreadyRaised
          ? `${signalLabel(raised.value.signal.value)} was already raised from this form; nothing was raised twice.`
          : raisedNotice(raised.value.signal.value, raised.value.domainName, raised.value.pmoChannels);
        return renderView(this.deps, raised.value.signal.value, 'receipt', p, { tone: 'good', text: notice });
      }
      case 'signal.triage':
        return this.transitioned(p, action.data.signalId, 'pmo', await triageSignal(this.deps, p, action.data.signalId, action.data.comment), 'Accepted: triaged.');
      case 'signal.resolve':
        return this.transitioned(p, action.data.signalId, 'pmo', await resolveSignal(this.deps, p, action.data.signalId, action.data.resolution), 'Resolved locally.');
      case 'signal.close': {
        const d = action.data;
        const closed = await closeSignal(this.deps, p, d.signalId, { reason: d.reason, comment: d.comment, ...(d.duplicateOf ? { duplicateOf: d.duplicateOf } : {}) });
        return this.transitioned(p, d.signalId, 'pmo', closed, 'Closed.');
      }
      case 'signal.decide': {
        const d = action.data;
        const decided = await decideSignal(
          this.deps,
          p,
          d.signalId,
          { outcome: d.outcome, rationale: d.rationale, ...(d.chosenOptionId ? { chosenOptionId: d.chosenOptionId } : {}), ...(d.deferredUntil ? { deferredUntil: d.deferredUntil } : {}) },
          d.round,
        );
        const done = decided.ok ? (decided.value.created ? 'Your decision is recorded.' : 'Your decision was already recorded; nothing was recorded twice.') : '';
        return this.transitioned(p, d.signalId, 'epmo', decided.ok ? ok({ signal: decided.value.signal }) : decided, done);
      }
      case 'signal.view': {
        const card = await this.viewWithNotice(p, action.data.signalId, action.data.view);
        return card ?? errorCard({ code: 'NOT_FOUND', message: 'This signal was not found in your organisation.' });
      }
      case 'signal.mine':
        return this.mySignals(p);
    }
  }

  private async transitioned(p: Principal, signalId: string, view: CardView, result: Result<{ signal: { value: Signal } }>, done: string): Promise<AdaptiveCard> {
    if (result.ok) return renderView(this.deps, result.value.signal.value, view, p, { tone: 'good', text: `${done} Everyone's cards are being updated.` });
    this.deps.logger.info({ tenantId: p.tenantId, userId: p.userId, signalId, code: result.error.code }, 'signal card action refused');
    return (await this.viewWithNotice(p, signalId, view, result.error)) ?? errorCard(result.error);
  }

  /** The card as it stands now, for this viewer, with what went wrong on top. Nothing is changed. */
  private async viewWithNotice(p: Principal, signalId: string, view: CardView, error?: DomainError): Promise<AdaptiveCard | undefined> {
    const current = await this.deps.stores.signals.get(p.tenantId, signalId);
    if (!current) return undefined;
    // The same rule as GET /api/signals/:id: nothing of a signal is shown to whoever may not see it.
    if (!canSeeSignal(p, current.value)) return errorCard({ code: 'AUTH.FORBIDDEN', message: SIGNAL_FORBIDDEN_MESSAGE });
    const notice = error
      ? { tone: error.code === 'AUTH.FORBIDDEN' ? ('warning' as const) : ('attention' as const), text: `${error.message}${error.code === 'AUTH.FORBIDDEN' || error.code.startsWith('SIGNAL.') ? '' : ' Nothing was changed.'}` }
      : undefined;
    return renderView(this.deps, current.value, view, p, notice);
  }

  // ---------------------------------------------------------------- message action

  /** `composeExtension/fetchTask` for `raiseWithPmo`: the raise form in a dialog, pre-filled from the message. */
  async fetchTask(context: TurnContext, action: MessagingExtensionAction): Promise<MessagingExtensionActionResponse> {
    const tenantId = tenantOf(context.activity) as string;
    const { origin, text } = originOf(action.messagePayload as MessagePayload | undefined);
    const ctx = await raiseContext(this.deps, tenantId, conversationIdOf(context.activity));
    const firstLine = text.split('\n').find((l) => l.trim() !== '') ?? '';
    const card = raiseFormCard({
      mode: 'submit',
      workItems: ctx.workItems,
      ...(ctx.domainName ? { routeName: ctx.domainName } : {}),
      prefill: { title: firstLine.slice(0, 120), details: text.slice(0, 4000) },
      ...(origin ? { origin } : {}),
    });
    return { task: { type: 'continue', value: { title: 'Raise with PMO', height: 'large', width: 'medium', card: CardFactory.adaptiveCard(card) } } };
  }

  /** `composeExtension/submitAction`: raises the signal, linked back to the message. */
  async submitAction(context: TurnContext, action: MessagingExtensionAction, parsed: Result<Extract<SignalCardAction, { verb: 'signal.raise' }>>): Promise<MessagingExtensionActionResponse> {
    const tenantId = tenantOf(context.activity) as string;
    const message = (text: string): MessagingExtensionActionResponse => ({ task: { type: 'message', value: text } });
    const p = await this.principal(context);
    if (!p.ok) return message(p.error.message);
    const fromPayload = originOf(action.messagePayload as MessagePayload | undefined).origin;
    const retry = async (notice: string): Promise<MessagingExtensionActionResponse> => {
      const ctx = await raiseContext(this.deps, tenantId, conversationIdOf(context.activity));
      const data = (action.data ?? {}) as { title?: unknown; details?: unknown };
      const card = raiseFormCard({
        mode: 'submit',
        workItems: ctx.workItems,
        notice,
        prefill: { ...(typeof data.title === 'string' ? { title: data.title } : {}), ...(typeof data.details === 'string' ? { details: data.details } : {}) },
        ...(fromPayload ? { origin: fromPayload } : {}),
      });
      return { task: { type: 'continue', value: { title: 'Raise with PMO', height: 'large', width: 'medium', card: CardFactory.adaptiveCard(card) } } };
    };
    if (!parsed.ok) return retry(parsed.error.message);
    // A message action can come from a chat PMO Relay has not seen yet: remember it, so the receipt can go there.
    await recordConversation({ conversations: this.deps.repos.conversations, clock: this.deps.clock }, sightingOf(context.activity as Activity, tenantId));
    const d = parsed.value.data;
    // The message Teams names in this invoke wins over what the form carried.
    const origin = fromPayload ?? d.origin;
    const raised = await raiseSignal(this.deps, p.value, {
      conversationId: conversationIdOf(context.activity),
      kind: d.kind,
      title: d.title,
      details: d.details,
      urgency: d.urgency,
      ...(d.workItemId ? { workItemId: d.workItemId } : {}),
      ...(origin ? { origin } : {}),
      // The dialog can be submitted twice (a double click on Raise): the same person raising the
      // same thing from the same message raises it once.
      ...(origin?.messageId ? { idempotencyKey: JSON.stringify(['message', origin.messageId, p.value.userId, d.kind, d.title]) } : {}),
    });
    if (!raised.ok) {
      if (raised.error.code === 'VALIDATION.INVALID') return retry(raised.error.message);
      return message(raised.error.message);
    }
    if (raised.value.alreadyRaised) return message(`${signalLabel(raised.value.signal.value)} was already raised from this message; nothing was raised twice.`);
    return message(raisedNotice(raised.value.signal.value, raised.value.domainName, raised.value.pmoChannels));
  }
}

function raisedNotice(signal: Signal, domainName: string, pmoChannels: number): string {
  const where = pmoChannels > 0 ? `The ${domainName} PMO has it in their channel` : `The ${domainName} PMO will see it in PMO Relay (their channel is not linked yet)`;
  return `Raised ${signalLabel(signal)} with the ${domainName} PMO. ${where}; your receipt card shows where it stands.`;
}
