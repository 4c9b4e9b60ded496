/**
 * Signal use cases as the signal cards call them. Each answers with the card as it now stands
 * for the person who acted: after the transition, or unchanged with the reason it was refused.
 * Nothing of a signal is shown to whoever may not see it (the rule of GET /api/signals/:id).
 */
import { type DomainError, type Result, fail, ok } from '../../kernel/result';
import type { Principal } from '../../kernel/roles';
import type { Versioned } from '../../kernel/versioned';
import type { Signal } from '../domain/signal';
import type { CloseData, DecideData, ResolveData, SignalVerb, TriageData } from './card-inputs';
import type { SignalCardKind, SignalCardView } from './card-models';
import { signalCardView } from './card-views';
import type { SignalDeps } from './deps';
import { SIGNAL_FORBIDDEN_MESSAGE, canSeeSignal } from './queries';
import { closeSignal, decideSignal, resolveSignal, triageSignal } from './transitions';

/** The card to answer with, and why the action was refused when it was (the card is then unchanged). */
export interface SignalAnswer {
  readonly card: SignalCardView;
  readonly refused?: DomainError;
}

/** The card as it stands now for this viewer; undefined when the signal does not exist in their tenant. */
async function current(deps: SignalDeps, p: Principal, signalId: string, view: SignalCardKind, refused?: DomainError): Promise<Result<SignalAnswer> | undefined> {
  const found = await deps.stores.signals.get(p.tenantId, signalId);
  if (!found) return undefined;
  if (!canSeeSignal(p, found.value)) return fail('AUTH.FORBIDDEN', SIGNAL_FORBIDDEN_MESSAGE);
  return ok({ card: await signalCardView(deps, found.value, view, p), ...(refused ? { refused } : {}) });
}

/** `signal.view`: a card's refresh. */
export async function viewSignal(deps: SignalDeps, p: Principal, signalId: string, view: SignalCardKind): Promise<Result<SignalAnswer>> {
  return (await current(deps, p, signalId, view)) ?? fail('NOT_FOUND', 'This signal was not found in your organisation.');
}

/**
 * The card an action of `verb` was taken on: a decision on the EPMO card, the others on the PMO
 * card (a refresh whose data could not be read does not say which card it was; the PMO card then).
 */
const cardOfVerb = (verb: SignalVerb): SignalCardKind => (verb === 'signal.decide' ? 'epmo' : 'pmo');

/** An action refused before it ran (its data could not be read): the card it was taken on, as it stands, with why. */
export async function refusedOnSignal(deps: SignalDeps, p: Principal, signalId: string, verb: SignalVerb, error: DomainError): Promise<Result<SignalAnswer>> {
  return refusedOnCard(deps, p, signalId, cardOfVerb(verb), error);
}

async function refusedOnCard(deps: SignalDeps, p: Principal, signalId: string, view: SignalCardKind, error: DomainError): Promise<Result<SignalAnswer>> {
  return (await current(deps, p, signalId, view, error)) ?? { ok: false, error };
}

async function answered(deps: SignalDeps, p: Principal, signalId: string, view: SignalCardKind, result: Result<{ readonly signal: Versioned<Signal> }>): Promise<Result<SignalAnswer>> {
  if (result.ok) return ok({ card: await signalCardView(deps, result.value.signal.value, view, p) });
  deps.logger.info({ tenantId: p.tenantId, userId: p.userId, signalId, code: result.error.code }, 'signal card action refused');
  return refusedOnCard(deps, p, signalId, view, result.error);
}

/** `signal.triage` from the PMO card. */
export const triageOnCard = async (deps: SignalDeps, p: Principal, d: TriageData): Promise<Result<SignalAnswer>> =>
  answered(deps, p, d.signalId, 'pmo', await triageSignal(deps, p, d.signalId, d.comment));

/** `signal.resolve` from the PMO card. */
export const resolveOnCard = async (deps: SignalDeps, p: Principal, d: ResolveData): Promise<Result<SignalAnswer>> =>
  answered(deps, p, d.signalId, 'pmo', await resolveSignal(deps, p, d.signalId, d.resolution));

/** `signal.close` from the PMO card. */
export const closeOnCard = async (deps: SignalDeps, p: Principal, d: CloseData): Promise<Result<SignalAnswer>> =>
  answered(deps, p, d.signalId, 'pmo', await closeSignal(deps, p, d.signalId, { reason: d.reason, comment: d.comment, ...(d.duplicateOf ? { duplicateOf: d.duplicateOf } : {}) }));

/** `signal.decide` from a strategy owner's EPMO card; `repeated` when the same decision was recorded before. */
export async function decideOnCard(deps: SignalDeps, p: Principal, d: DecideData): Promise<Result<SignalAnswer & { readonly repeated: boolean }>> {
  const input = { outcome: d.outcome, rationale: d.rationale, ...(d.chosenOptionId ? { chosenOptionId: d.chosenOptionId } : {}), ...(d.deferredUntil ? { deferredUntil: d.deferredUntil } : {}) };
  const decided = await decideSignal(deps, p, d.signalId, input, d.round);
  const answer = await answered(deps, p, d.signalId, 'epmo', decided.ok ? ok({ signal: decided.value.signal }) : decided);
  return answer.ok ? ok({ ...answer.value, repeated: decided.ok && !decided.value.created }) : answer;
}
