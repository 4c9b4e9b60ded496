/**
 * How people answer a strategy change (PRODUCT.md §3): one response per person and conversation,
 * whether it is what the change asks for, overdue, and the roll-ups the cascade view shows.
 * Pure: no I/O, no SDK.
 */
import { type Result, fail, ok } from '../../kernel/result';
import type { ChangeResponse, Impact, ImpactRollup, RecipientStatus, StrategyChange } from './strategy-change';
import { IMPACTS } from './strategy-change';

export type ResponseInput =
  | { readonly type: 'acknowledge' }
  | { readonly type: 'assess'; readonly impact: Impact; readonly comment?: string };

/**
 * Records one person's response for one conversation. A second acknowledgement is the same
 * response (`changed: false`: a double click records one response); an assessment updates it.
 */
export function respondToChange(
  change: StrategyChange,
  existing: ChangeResponse | undefined,
  who: { readonly tenantId: string; readonly userId: string; readonly userName: string; readonly conversationId: string },
  input: ResponseInput,
  now: Date,
): Result<{ readonly response: ChangeResponse; readonly changed: boolean }> {
  if (who.tenantId !== change.tenantId) return fail('AUTH.FORBIDDEN', 'This change belongs to another organisation.');
  if (change.state === 'draft') return fail('CHANGE.NOT_PUBLISHED', `"${change.title}" has not been published.`);
  if (change.state !== 'published') {
    return fail('CHANGE.STALE_VERSION', `Version ${change.version} of "${change.title}" was ${change.state}; no response is needed to it.`);
  }
  const comment = input.type === 'assess' ? input.comment?.trim() || undefined : undefined;
  if (existing) {
    const same =
      input.type === 'acknowledge' ? existing.acknowledged : existing.impact === input.impact && (existing.comment ?? undefined) === comment;
    if (same) return ok({ response: existing, changed: false });
  }
  const response: ChangeResponse = {
    tenantId: change.tenantId,
    changeId: change.id,
    version: change.version,
    conversationId: who.conversationId,
    userId: who.userId,
    userName: who.userName,
    acknowledged: true,
    ...(input.type === 'assess' ? { impact: input.impact, ...(comment ? { comment } : {}) } : existing?.impact ? { impact: existing.impact, ...(existing.comment ? { comment: existing.comment } : {}) } : {}),
    respondedAt: now.toISOString(),
  };
  return ok({ response, changed: true });
}

/** Whether a response is what the change asks for. */
export const satisfies = (change: Pick<StrategyChange, 'requiredResponse'>, r: Pick<ChangeResponse, 'acknowledged' | 'impact'>): boolean =>
  change.requiredResponse === 'assess' ? r.impact !== undefined : r.acknowledged;

/** A change is overdue for a recipient when respond-by has passed and it has not responded as asked. */
export const isPastDue = (change: Pick<StrategyChange, 'respondBy' | 'state'>, now: Date): boolean =>
  change.state === 'published' && Date.parse(change.respondBy) < now.getTime();

const IMPACT_RANK: Readonly<Record<Impact, number>> = { none: 0, low: 1, medium: 2, high: 3 };

export const maxImpact = (impacts: readonly (Impact | undefined)[]): Impact | undefined =>
  impacts.reduce<Impact | undefined>((m, i) => (i === undefined ? m : m === undefined || IMPACT_RANK[i] > IMPACT_RANK[m] ? i : m), undefined);

export interface RecipientOutcome {
  readonly status: RecipientStatus;
  readonly acknowledged: boolean;
  readonly impact?: Impact;
  readonly comment?: string;
  readonly overdue: boolean;
  /** Responded as the change asks. */
  readonly responded: boolean;
}

/** Where one recipient conversation stands, from its responses and whether it was reached. */
export function recipientOutcome(
  change: Pick<StrategyChange, 'requiredResponse' | 'respondBy' | 'state'>,
  responses: readonly ChangeResponse[],
  reachable: boolean,
  now: Date,
): RecipientOutcome {
  const acknowledged = responses.some((r) => r.acknowledged);
  const impact = maxImpact(responses.map((r) => r.impact));
  const latestComment = [...responses].filter((r) => r.comment).sort((a, b) => b.respondedAt.localeCompare(a.respondedAt))[0]?.comment;
  const done = responses.some((r) => satisfies(change, r));
  const base = { acknowledged, ...(impact ? { impact } : {}), ...(latestComment ? { comment: latestComment } : {}) };
  if (!reachable) return { status: 'unreachable', overdue: false, responded: done, ...base };
  if (done) return { status: impact ? 'assessed' : 'acknowledged', overdue: false, responded: true, ...base };
  const overdue = isPastDue(change, now);
  // Acknowledged but not yet assessed (when an assessment is asked) is still pending.
  return { status: overdue ? 'overdue' : acknowledged ? 'acknowledged' : 'pending', overdue, responded: false, ...base };
}

const emptyImpacts = (): Record<Impact, number> => Object.fromEntries(IMPACTS.map((i) => [i, 0])) as Record<Impact, number>;

/** Counts and impact over a set of recipient outcomes (PMO and team conversations). */
export function rollUp(outcomes: readonly RecipientOutcome[]): ImpactRollup {
  const impacts = emptyImpacts();
  const r = { recipients: outcomes.length, responded: 0, acknowledged: 0, assessed: 0, pending: 0, overdue: 0, unreachable: 0 };
  for (const o of outcomes) {
    if (o.impact) impacts[o.impact] += 1;
    if (o.acknowledged) r.acknowledged += 1;
    if (o.impact) r.assessed += 1;
    if (o.status === 'unreachable') r.unreachable += 1;
    else if (o.responded) r.responded += 1;
    else r.pending += 1;
    if (o.overdue) r.overdue += 1;
  }
  const top = maxImpact(outcomes.map((o) => o.impact));
  return { ...r, ...(top ? { maxImpact: top } : {}), impacts };
}
