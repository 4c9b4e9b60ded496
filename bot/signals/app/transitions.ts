/**
 * The PMO's and the EPMO's actions on a signal, shared by the API and the cards: load the
 * signal in the caller's tenant, run the domain transition, commit it with the ETag it was read
 * with, then update cards and timers. When somebody else committed first, the signal is read
 * again and the transition re-run, which then answers "already <state> by <person>".
 */
import { type Result, fail, forbidden, notFound, ok } from '../../kernel/result';
import type { Principal } from '../../kernel/roles';
import type { Decision, Signal } from '../domain/signal';
import { type AnalysisInput, escalate, saveAnalysis, startAnalysis } from '../domain/analysis';
import { type CloseInput, close, resolveLocally, triage } from '../domain/signal-machine';
import { type DecisionInput, decide } from '../domain/decision';
import { type Actor, type TransitionResult } from '../domain/transition-kit';
import type { Versioned } from '../../kernel/versioned';
import type { SignalDeps } from './deps';
import { afterCommit } from './effects';
import { SIGNAL_FORBIDDEN_MESSAGE, canSeeSignal } from './queries';

const MAX_ATTEMPTS = 5;

export interface Applied {
  readonly signal: Versioned<Signal>;
  readonly change: TransitionResult;
}

/**
 * The signal's domain as this person may read it named: its name for those who may see the
 * signal (its page names the domain), its id only if the domain no longer exists, and nothing
 * for anyone else, who then reads "its domain" (PRODUCT.md §7: no other domain's data).
 */
async function domainNameFor(deps: SignalDeps, p: Principal, signal: Signal): Promise<string | undefined> {
  if (!canSeeSignal(p, signal)) return undefined;
  return (await deps.repos.domains.get(p.tenantId, signal.domainId))?.value.name ?? signal.domainId;
}

/**
 * Runs `transition` against the current signal and commits it. `expectedEtag` (the API's
 * If-Match for analysis edits) refuses to apply an edit to a version the caller did not see.
 */
async function applyTransition(
  deps: SignalDeps,
  p: Principal,
  signalId: string,
  transition: (signal: Signal, now: Date, actor: Actor) => Result<TransitionResult>,
  expectedEtag?: string,
): Promise<Result<Applied>> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    // Reads are in the caller's tenant only: another tenant's signal is "not found".
    const current = await deps.stores.signals.get(p.tenantId, signalId);
    if (!current) return notFound(`Signal ${signalId}`);
    // Someone who may not see the signal hears what its page says, not which domain's lead may act.
    if (!canSeeSignal(p, current.value)) return forbidden(SIGNAL_FORBIDDEN_MESSAGE);
    // The transition checks the caller's right first: only someone allowed to act learns of a newer version and who made it.
    const now = deps.clock.now();
    let result = transition(current.value, now, p);
    // A refusal says whose step it is, naming the domain: its name is read only then.
    if (!result.ok && result.error.code === 'AUTH.FORBIDDEN') result = transition(current.value, now, { ...p, domainName: await domainNameFor(deps, p, current.value) });
    if (!result.ok) return result;
    if (expectedEtag && expectedEtag !== current.etag) {
      return fail('CONFLICT.STALE', `S-${current.value.number} was changed by ${current.value.stateChangedBy.displayName} or someone else since you loaded it; reload it and try again. Nothing was saved.`);
    }
    const saved = await deps.stores.signals.commit(result.value, current.etag);
    if (saved.ok) {
      deps.logger.info({ tenantId: p.tenantId, signalId, by: p.userId, events: result.value.events.map((e) => e.action), state: saved.value.value.state }, 'signal changed');
      await afterCommit(deps, result.value);
      return ok({ signal: saved.value, change: result.value });
    }
    // Somebody else committed first; their change decides what we answer (next round).
    if (saved.error.code !== 'CONFLICT.STALE' && saved.error.code !== 'SIGNAL.ALREADY_DECIDED') return saved;
  }
  return fail('CONFLICT.STALE', 'This signal is being changed by several people right now; reload it and try again.');
}

export const triageSignal = (deps: SignalDeps, p: Principal, id: string, comment?: string) =>
  applyTransition(deps, p, id, (s, now, a) => triage(s, a, now, deps.policy, comment));

export const resolveSignal = (deps: SignalDeps, p: Principal, id: string, resolution: string) =>
  applyTransition(deps, p, id, (s, now, a) => resolveLocally(s, a, now, resolution));

export const closeSignal = (deps: SignalDeps, p: Principal, id: string, input: CloseInput) => applyTransition(deps, p, id, (s, now, a) => close(s, a, now, input));

export const startSignalAnalysis = (deps: SignalDeps, p: Principal, id: string, comment?: string) =>
  applyTransition(deps, p, id, (s, now, a) => startAnalysis(s, a, now, comment));

export const saveSignalAnalysis = (deps: SignalDeps, p: Principal, id: string, input: AnalysisInput, etag: string) =>
  applyTransition(deps, p, id, (s, now, a) => saveAnalysis(s, a, now, input), etag);

export const escalateSignal = (deps: SignalDeps, p: Principal, id: string, decisionWorkingDays?: number, comment?: string) =>
  applyTransition(deps, p, id, (s, now, a) => escalate(s, a, now, deps.policy, decisionWorkingDays, comment));

export interface Decided {
  readonly signal: Versioned<Signal>;
  readonly decision: Decision;
  /** False when this was a repeat of a decision already recorded (a double submit). */
  readonly created: boolean;
}

const sameDecision = (d: Decision, p: Principal, input: DecisionInput): boolean =>
  d.decidedBy.userId === p.userId &&
  d.outcome === input.outcome &&
  (input.outcome !== 'choose_other' || d.chosenOptionId === input.chosenOptionId) &&
  (input.outcome !== 'defer' || d.deferredUntil === input.deferredUntil);

/**
 * A strategy owner's decision. `round` (from the card) pins the escalation the person looked
 * at: a decision for an earlier round is "already decided". A repeat of the same decision by
 * the same person (a double submit) answers with the decision already recorded: one record.
 */
export async function decideSignal(deps: SignalDeps, p: Principal, id: string, input: DecisionInput, round?: number): Promise<Result<Decided>> {
  const applied = await applyTransition(deps, p, id, (s, now, a) => {
    if (round !== undefined && round !== s.decisionRound && s.state === 'escalated') {
      return fail('SIGNAL.ALREADY_DECIDED', `This card is from an earlier escalation of S-${s.number}; it has been escalated again since. Refresh the card to decide on the current one.`);
    }
    return decide(s, a, now, deps.policy, input);
  });
  if (applied.ok) {
    const decision = applied.value.change.decision;
    if (!decision) throw new Error('a decision transition returned no decision record');
    return ok({ signal: applied.value.signal, decision, created: true });
  }
  if (applied.error.code === 'SIGNAL.ALREADY_DECIDED') {
    const current = await deps.stores.signals.get(p.tenantId, id);
    const latest = current?.value.decisionId ? await deps.stores.decisions.get(p.tenantId, current.value.decisionId) : undefined;
    if (current && latest && (round === undefined || latest.round === round) && sameDecision(latest, p, input)) {
      return ok({ signal: current, decision: latest, created: false });
    }
  }
  return applied;
}
