/**
 * Answering a check-in in its card (PRODUCT.md §5). Who: the item's team (by role) or its
 * domain's PMO lead (`checkin.answer`); authorized first, from the stored request, never from
 * the card. Then: only the item's newest open request is answered, and once; the answer's
 * colours need reasons where the rules say so; and the item is updated through the portfolio
 * with a status report naming the check-in.
 *
 * Once, in order: the request turns `answered` (ETag-guarded: of two answers at once, one wins),
 * then the item is written (retried on a concurrent edit; its history holds one report per
 * check-in). If the item write fails after the request was answered, the next action on the card
 * (or a refresh) writes it: an answered request whose report is missing is repaired.
 */
import { cardDateTime } from '../../kernel/cards/card-date';
import type { CheckInAnswer, CheckInRequest, HealthDimension } from '../domain/check-in';
import { missingReasons, suggestedHealth } from '../domain/suggested-health';
import { type DomainError, type Result, fail, forbidden, ok } from '../../kernel/result';
import { type Principal, can } from '../../kernel/roles';
import type { Versioned } from '../../kernel/versioned';
import { recordCheckInStatus } from '../../portfolio';
import type { AnswerData, CheckInRef } from '../cards/actions';
import type { CheckInCardModel } from '../cards/card-model';
import { updateSentCards } from './card-updates';
import { cardModelOf, factsOf } from './card-view';
import { CHECK_IN_BATCH, type CheckInDeps } from './deps';

/** The card to answer with, and whether the action changed what everyone's card shows. */
export interface AnswerOutcome {
  readonly card: CheckInCardModel;
  readonly changed: boolean;
  /** With `changed`: the card everyone in the conversation sees, without the notice meant for the one who acted. */
  readonly shared?: CheckInCardModel;
}

const WHY: Readonly<Record<'override' | 'to-red', string>> = { override: 'it differs from the colour the rules suggest', 'to-red': 'it turns red' };


async function load(deps: CheckInDeps, p: Principal, ref: CheckInRef): Promise<Result<Versioned<CheckInRequest>>> {
  const request = await deps.store.getRequest(p.tenantId, ref.domainId, ref.roundId, ref.workItemId);
  // The same answer for "no such check-in" and "not yours": ids on a card say nothing of others.
  if (!request || !can(p, 'checkin.answer', { domainId: request.value.domainId, workItemId: request.value.workItemId })) {
    return forbidden('Only the item\'s team and its domain\'s PMO leads can answer this check-in. Ask the PMO lead to add you to the team in PMO Relay.');
  }
  return ok(request);
}

async function modelOf(deps: CheckInDeps, p: Principal, request: CheckInRequest, extra: Partial<CheckInCardModel> = {}): Promise<Result<CheckInCardModel>> {
  const model = await cardModelOf(deps, request, p);
  return model ? ok({ ...model, ...extra }) : fail('NOT_FOUND', 'This check-in\'s work item no longer exists; nothing was recorded.');
}

/**
 * Writes an answered request's answer on the item (first time, or a repair after a failed write).
 * A storage failure is a value here: the answer is kept on the request, and the next action on
 * the card writes it.
 */
async function applyAnswer(deps: CheckInDeps, request: CheckInRequest, answer: CheckInAnswer): Promise<Result<unknown>> {
  try {
    return await writeAnswer(deps, request, answer);
  } catch (error) {
    deps.logger.error({ err: error, tenantId: request.tenantId, roundId: request.roundId, workItemId: request.workItemId }, 'could not write a check-in answer on its item');
    return fail('CONFLICT.STALE', 'storage did not answer');
  }
}

function writeAnswer(deps: CheckInDeps, request: CheckInRequest, answer: CheckInAnswer): Promise<Result<unknown>> {
  return recordCheckInStatus(deps.repos, {
    tenantId: request.tenantId,
    workItemId: request.workItemId,
    checkInId: request.roundId,
    by: answer.by,
    at: new Date(answer.at),
    health: answer.health,
    stage: answer.stage,
    ...(answer.benefitRealised !== undefined ? { benefitRealised: answer.benefitRealised } : {}),
    note: answer.note,
  });
}

/** The card of a request that cannot take this answer any more: replaced, or answered already. */
async function closedCard(deps: CheckInDeps, p: Principal, request: CheckInRequest): Promise<Result<AnswerOutcome>> {
  if (request.state === 'answered' && request.answer) {
    const repaired = await applyAnswer(deps, request, request.answer);
    if (!repaired.ok) deps.logger.error({ tenantId: request.tenantId, roundId: request.roundId, workItemId: request.workItemId, error: repaired.error }, 'could not write an answered check-in on its item');
    const text = `This check-in was already answered by ${request.answer.by.displayName} on ${cardDateTime(request.answer.at)}; your answer was not recorded.`;
    const model = await modelOf(deps, p, request, { notice: { tone: 'warning', text } });
    return model.ok ? ok({ card: model.value, changed: false }) : model;
  }
  const model = await modelOf(deps, p, request, { notice: { tone: 'warning', text: 'A newer check-in replaced this one; nothing was recorded. Answer the newer card.' } });
  return model.ok ? ok({ card: model.value, changed: false }) : model;
}

function reasonsNotice(missing: readonly { readonly dimension: HealthDimension; readonly why: 'override' | 'to-red' }[]): string {
  const parts = missing.map((m) => `${m.dimension} (${WHY[m.why]})`);
  return `Give a reason for ${parts.join(', ')}, then send again. Nothing was recorded.`;
}

/** Answers a check-in from its card; `typed` is what the card sent, given back as typed when the answer is refused. */
export async function answerCheckIn(deps: CheckInDeps, p: Principal, data: AnswerData, typed: Readonly<Record<string, string>>): Promise<Result<AnswerOutcome>> {
  const loaded = await load(deps, p, data);
  if (!loaded.ok) return loaded;
  const request = loaded.value;
  if (request.value.state !== 'open') return closedCard(deps, p, request.value);

  const item = await deps.repos.workItems.get(p.tenantId, request.value.workItemId);
  if (!item) return fail('NOT_FOUND', 'This check-in\'s work item no longer exists; nothing was recorded.');
  const now = deps.clock.now();
  const suggested = suggestedHealth(factsOf(item.value, data.benefitRealised), now);
  const missing = missingReasons(data.health, item.value.health, suggested, data.reasons);
  if (missing.length > 0) return refusedWith(deps, p, request.value, typed, reasonsNotice(missing));

  const answer: CheckInAnswer = {
    by: { userId: p.userId, displayName: p.displayName },
    at: now.toISOString(),
    health: data.health,
    stage: data.stage,
    ...(data.benefitRealised !== undefined && item.value.benefits ? { benefitRealised: data.benefitRealised } : {}),
    note: data.note,
    reasons: Object.fromEntries(Object.entries(data.reasons).filter(([, v]) => v !== undefined && v.trim() !== '')),
  };
  const answered = await deps.store.updateRequest({ ...request.value, state: 'answered', answer }, request.etag);
  if (!answered.ok) {
    // Answered or replaced meanwhile (a second click, a teammate, a newer round): show what happened.
    const current = await deps.store.getRequest(p.tenantId, data.domainId, data.roundId, data.workItemId);
    return current ? closedCard(deps, p, current.value) : answered;
  }
  const written = await applyAnswer(deps, answered.value.value, answer);
  await updateSentCards(deps, p.tenantId, CHECK_IN_BATCH.answered(data.roundId, data.workItemId), [data]);
  // The notice is for the answerer alone (the invoke response); everyone else sees the card's "Answered by …".
  const notice: CheckInCardModel['notice'] = written.ok
    ? { tone: 'good', text: 'Check-in recorded: the item\'s status is updated.' }
    : { tone: 'attention', text: `Your answer is kept, but the item could not be updated yet (${written.error.message}); it is written when this card is next opened or answered.` };
  const shared = await modelOf(deps, p, answered.value.value);
  return shared.ok ? ok({ card: { ...shared.value, notice }, changed: true, shared: shared.value }) : shared;
}

/** The card as it stands for the person, with why their action was refused and what they typed. */
async function refusedWith(deps: CheckInDeps, p: Principal, request: CheckInRequest, typed: Readonly<Record<string, string>>, text: string): Promise<Result<AnswerOutcome>> {
  const model = await modelOf(deps, p, request, { notice: { tone: 'attention', text }, typed });
  return model.ok ? ok({ card: model.value, changed: false }) : model;
}

/** A card action whose data did not parse: the card again with the problem, inputs kept. */
export async function refusedOnCard(deps: CheckInDeps, p: Principal, ref: CheckInRef, typed: Readonly<Record<string, string>>, error: DomainError): Promise<Result<AnswerOutcome>> {
  const loaded = await load(deps, p, ref);
  if (!loaded.ok) return loaded;
  if (loaded.value.value.state !== 'open') return closedCard(deps, p, loaded.value.value);
  return refusedWith(deps, p, loaded.value.value, typed, `${error.message} Nothing was recorded.`);
}

/** `checkin.show` (Teams' refresh, or a click): the card as it stands for this person; repairs an answer not yet on the item. */
export async function showCheckIn(deps: CheckInDeps, p: Principal, ref: CheckInRef): Promise<Result<CheckInCardModel>> {
  const request = await deps.store.getRequest(p.tenantId, ref.domainId, ref.roundId, ref.workItemId);
  const scope = request && { domainId: request.value.domainId, workItemId: request.value.workItemId };
  // Those who answer, and those who may see the item's portfolio; the same answer for "no such check-in".
  if (!request || !scope || !(can(p, 'checkin.answer', scope) || can(p, 'portfolio.view', scope))) {
    return fail('NOT_FOUND', 'This check-in was not found, or is not yours to see. Ask your PMO lead for a new one.');
  }
  if (request.value.state === 'answered' && request.value.answer && can(p, 'checkin.answer', scope)) await applyAnswer(deps, request.value, request.value.answer);
  return modelOf(deps, p, request.value);
}
