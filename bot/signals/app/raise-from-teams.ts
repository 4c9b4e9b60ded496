/**
 * Raising from Teams (PRODUCT.md §4): the raise form's submit (`signal.raise`, whose form card
 * becomes the receipt) and the *Raise with PMO* message action (raised from a message, linked
 * back to it). A raise refused for a reason the raiser can fix gives the form back with why.
 */
import { type ConversationSighting, knownConversation, recordConversation } from '../../conversations';
import { type DomainError, type Result, ok } from '../../kernel/result';
import type { Principal } from '../../kernel/roles';
import type { OriginData, RaiseData } from './card-inputs';
import type { SignalCardView } from './card-models';
import { signalCardView } from './card-views';
import type { SignalDeps } from './deps';
import { type RaiseContext, type Raised, raiseContext, raiseSignal } from './raise';

/** The message a message action was started on, as plain text. */
export interface SourceMessage {
  readonly id?: string;
  readonly link?: string;
  readonly text: string;
}

/**
 * Teams' deep link to a message, for when the action did not carry one: the conversation (a
 * channel's or chat's `19:…` id, without the thread suffix) and the message id.
 */
const messageDeepLink = (conversationId: string, messageId: string): string =>
  `https://teams.microsoft.com/l/message/${encodeURIComponent(conversationId.split(';')[0] ?? conversationId)}/${encodeURIComponent(messageId)}`;

/** Where a message's text goes on a signal: its id, link (Teams' own, else its deep link in `conversationId`) and a preview. */
export function originOf(message: SourceMessage, conversationId?: string): OriginData {
  const link = message.link ?? (message.id && conversationId ? messageDeepLink(conversationId, message.id) : undefined);
  return {
    ...(message.id ? { messageId: message.id.slice(0, 300) } : {}),
    ...(link ? { messageLink: link.slice(0, 2000) } : {}),
    ...(message.text ? { messagePreview: message.text.slice(0, 300) } : {}),
  };
}

/** A raise from Teams: raised, or the form again with why not. */
export type RaiseAnswer<R> = { readonly kind: 'raised'; readonly raised: Raised } & R | { readonly kind: 'form'; readonly form: RaiseContext; readonly refused: DomainError };

/** Refusals the raiser fixes in the form itself (a field, or where it goes): the form comes back with their input. */
const formCanFix = (error: DomainError): boolean => error.code === 'VALIDATION.INVALID' || error.code === 'SIGNAL.NO_ROUTE';

const UNKNOWN_CONVERSATION_MESSAGE = 'PMO Relay does not know this conversation in your organisation. Send "help" here first, then "raise".';

/** The raise form again, in a conversation PMO Relay knows (for a submit it could not read). */
export async function raiseFormAgain(deps: SignalDeps, p: Principal, conversationId: string): Promise<RaiseContext | undefined> {
  const conversation = await knownConversation(deps.repos.conversations, p.tenantId, conversationId);
  return conversation.ok ? raiseContext(deps, p, conversationId) : undefined;
}

/**
 * `signal.raise` from the form card. The form was sent by PMO Relay, so the conversation is
 * known; the form's message becomes the receipt (and names the raise, so a double submit raises
 * one signal). Answers the receipt as the raiser sees it.
 */
export async function raiseOnCard(
  deps: SignalDeps,
  p: Principal,
  req: { readonly conversationId: string; readonly threadId?: string; readonly formMessageId?: string; readonly data: RaiseData },
): Promise<Result<RaiseAnswer<{ readonly receipt: SignalCardView }>>> {
  const conversation = await knownConversation(deps.repos.conversations, p.tenantId, req.conversationId, UNKNOWN_CONVERSATION_MESSAGE);
  if (!conversation.ok) return conversation;
  const d = req.data;
  const raised = await raiseSignal(deps, p, {
    conversationId: req.conversationId,
    ...(req.threadId ? { threadId: req.threadId } : {}),
    kind: d.kind,
    title: d.title,
    details: d.details,
    urgency: d.urgency,
    ...(d.workItemId ? { workItemId: d.workItemId } : {}),
    ...(d.domainId ? { domainId: d.domainId } : {}),
    ...(req.formMessageId ? { receiptActivityId: req.formMessageId } : {}),
  });
  if (!raised.ok) {
    if (!formCanFix(raised.error)) return raised;
    return ok({ kind: 'form', form: await raiseContext(deps, p, req.conversationId), refused: raised.error });
  }
  return ok({ kind: 'raised', raised: raised.value, receipt: await signalCardView(deps, raised.value.signal.value, 'receipt', p) });
}

/**
 * The message action's submit: its form's data as parsed, or why it could not be read (the form
 * then goes back with why, and nothing is recorded). The conversation may be one PMO Relay has
 * not seen yet: it is recorded, so the receipt can go there. The message Teams names in the
 * invoke wins over what the form carried; the same person raising the same thing from the same
 * message raises it once (the dialog can be submitted twice).
 */
export async function raiseFromMessage(
  deps: SignalDeps,
  p: Principal,
  sighting: ConversationSighting,
  submitted: Result<RaiseData>,
  message?: SourceMessage,
  threadId?: string,
): Promise<Result<RaiseAnswer<object>>> {
  if (!submitted.ok) return ok({ kind: 'form', form: await raiseContext(deps, p, sighting.conversationId), refused: submitted.error });
  const data = submitted.value;
  await recordConversation({ conversations: deps.repos.conversations, clock: deps.clock }, sighting);
  const origin = message ? originOf(message, sighting.conversationId) : data.origin;
  const raised = await raiseSignal(deps, p, {
    conversationId: sighting.conversationId,
    ...(threadId ? { threadId } : {}),
    kind: data.kind,
    title: data.title,
    details: data.details,
    urgency: data.urgency,
    ...(data.workItemId ? { workItemId: data.workItemId } : {}),
    ...(data.domainId ? { domainId: data.domainId } : {}),
    ...(origin ? { origin } : {}),
    ...(origin?.messageId ? { idempotencyKey: JSON.stringify(['message', origin.messageId, p.userId, data.kind, data.title]) } : {}),
  });
  if (!raised.ok) {
    if (!formCanFix(raised.error)) return raised;
    return ok({ kind: 'form', form: await raiseContext(deps, p, sighting.conversationId), refused: raised.error });
  }
  return ok({ kind: 'raised', raised: raised.value });
}
