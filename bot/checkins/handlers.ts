/**
 * The bot's check-in turns: the `check-in` command (in a domain's PMO channel) and the check-in
 * card's actions (answer, refresh). Each calls one use case and builds the card from what it returns.
 */
import type { ConversationRef } from '../conversations';
import { type AdaptiveCard, adaptiveCard, text } from '../kernel/cards/adaptive-card';
import type { CardActionHandlers, CardReply, RejectedActionHandler } from '../kernel/cards/card-action';
import { errorCard, messageCard } from '../kernel/cards/message-card';
import type { Result } from '../kernel/result';
import type { Principal } from '../kernel/roles';
import { type AnswerOutcome, answerCheckIn, refusedOnCard, showCheckIn } from './app/answer';
import type { CheckInDeps } from './app/deps';
import { requestRoundAs } from './app/request';
import { ANSWER_INPUTS, type AnswerData, type CheckInCardAction, checkInAction } from './cards/actions';
import { checkInCard } from './cards/check-in-card';
import { roundCard } from './cards/round-card';
import { HEALTH_DIMENSIONS } from './domain/check-in';
import { checkInsUrl } from './app/cadence-renderers';

const INPUT_IDS: readonly string[] = [...HEALTH_DIMENSIONS.flatMap((d) => [ANSWER_INPUTS.colour(d), ANSWER_INPUTS.reason(d)]), ANSWER_INPUTS.stage, ANSWER_INPUTS.realised, ANSWER_INPUTS.note];

/** What the person typed and chose, from the action's values as they came (only text and numbers are kept). */
function typedInput(values: Readonly<Record<string, unknown>>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const id of INPUT_IDS) {
    const value = values[id];
    if (typeof value === 'string' || typeof value === 'number') kept[id] = String(value);
  }
  return kept;
}

/** An answer as typed, by input id, for the card to give back when it is refused. */
function typedAnswer(data: AnswerData): Record<string, string> {
  const typed: Record<string, string> = { [ANSWER_INPUTS.stage]: data.stage, [ANSWER_INPUTS.note]: data.note };
  for (const d of HEALTH_DIMENSIONS) {
    typed[ANSWER_INPUTS.colour(d)] = data.health[d];
    const reason = data.reasons[d];
    if (reason) typed[ANSWER_INPUTS.reason(d)] = reason;
  }
  if (data.benefitRealised !== undefined) typed[ANSWER_INPUTS.realised] = String(data.benefitRealised);
  return typed;
}

const reply = (outcome: Result<AnswerOutcome>): CardReply =>
  outcome.ok
    ? { card: checkInCard(outcome.value.card), ...(outcome.value.changed ? { forEveryone: true, ...(outcome.value.shared ? { shared: checkInCard(outcome.value.shared) } : {}) } : {}) }
    : { card: errorCard(outcome.error) };

/** The check-in card actions, one handler per verb. */
export function checkInCardHandlers(deps: CheckInDeps): CardActionHandlers<CheckInCardAction> {
  return {
    'checkin.answer': async (context, { data }) => {
      return reply(await answerCheckIn(deps, context.principal, data, typedAnswer(data)));
    },
    'checkin.show': async (context, { data }) => {
      const shown = await showCheckIn(deps, context.principal, data);
      return { card: shown.ok ? checkInCard(shown.value) : errorCard(shown.error) };
    },
    // The warning card is shared in the PMO channel: once confirmed, everyone sees the round that went out.
    'checkin.request': async (context, { data }) => {
      const { card, sent } = await roundRequested(deps, context.principal, data.domainId, true);
      return { card, ...(sent ? { forEveryone: true } : {}) };
    },
  };
}

/** A check-in action whose data could not be read: the card again with the problem, inputs kept as typed. */
export function checkInRejectedHandler(deps: CheckInDeps): RejectedActionHandler<CheckInCardAction['verb']> {
  return async (context, { data, error }) => {
    const { roundId, workItemId, domainId } = data;
    if (typeof roundId !== 'string' || typeof workItemId !== 'string' || typeof domainId !== 'string') return { card: errorCard(error) };
    return reply(await refusedOnCard(deps, context.principal, { roundId, workItemId, domainId }, typedInput(data), error));
  };
}

const WHERE_IT_WORKS = messageCard({
  tone: 'info',
  title: 'Check-ins start in a PMO channel',
  text: 'Send "check-in" in a channel linked to a domain\'s PMO (there, "link pmo <domain>" links it) to ask that domain\'s teams for their status now. PMO leads can also request check-ins from the domain\'s Check-ins page in the PMO Relay tab.',
});

/** `check-in`: in a channel linked to a domain's PMO, asks that domain's teams for their status now. */
export async function checkInCommand(deps: CheckInDeps, p: Principal, conversation: ConversationRef, tabUrl?: string): Promise<AdaptiveCard> {
  const links = await deps.repos.links.listByConversation(p.tenantId, conversation.conversationId);
  const pmo = links.flatMap((l) => (l.target.kind === 'pmo' ? [l.target.domainId] : []));
  if (pmo.length === 0) return WHERE_IT_WORKS;
  if (pmo.length > 1) return messageCard({ tone: 'info', title: 'Which domain?', text: 'This channel is the PMO channel of several domains. Request the check-in from the domain\'s Check-ins page in the PMO Relay tab.' });
  return (await roundRequested(deps, p, pmo[0] as string, false, tabUrl)).card;
}

/** Requests a round for the domain and answers its summary card; a round still open asks first, with an "Ask again anyway" button. */
async function roundRequested(deps: CheckInDeps, p: Principal, domainId: string, again: boolean, tabUrl?: string): Promise<{ readonly card: AdaptiveCard; readonly sent: boolean }> {
  const round = await requestRoundAs(deps, p, { domainId, again });
  if (!round.ok && round.error.code === 'CONFLICT.ALREADY_EXISTS') {
    const card = adaptiveCard([text('A check-in is already waiting for answers', { weight: 'bolder' }), text(round.error.message)], [checkInAction('Ask again anyway', { verb: 'checkin.request', data: { domainId, again: true } })]);
    return { card, sent: false };
  }
  if (!round.ok) return { card: errorCard(round.error), sent: false };
  const [domain, items] = await Promise.all([deps.repos.domains.get(p.tenantId, domainId), deps.repos.workItems.listByDomain(p.tenantId, domainId)]);
  const card = roundCard({
    round: round.value,
    domainName: domain?.value.name ?? domainId,
    titles: new Map(items.map((i) => [i.value.id, i.value.title])),
    ...(tabUrl ? { openUrl: checkInsUrl(tabUrl, domainId) } : {}),
  });
  return { card, sent: true };
}
