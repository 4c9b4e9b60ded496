/**
 * What a domain's check-ins page reads (PRODUCT.md §2): the domain's cadence, its rounds of the
 * last 30 days with who answered and what is overdue (counted at read time), from the domain's
 * partition only.
 */
import type { CheckInItemView, CheckInRoundView, CheckInsResponse } from '../../api-contract/checkins';
import type { CheckInRequest, CheckInRound } from '../domain/check-in';
import { type Result, forbidden, notFound, ok } from '../../kernel/result';
import { type Principal, can, isEpmo } from '../../kernel/roles';
import { DEFAULT_CHECK_IN_CADENCE } from '../../portfolio';
import { CHECK_IN_BATCH, type CheckInDeps } from './deps';
import { undeliveredItems } from './undelivered';
import { nextCadenceAt } from './cadence-timers';

const DAY_MS = 24 * 60 * 60 * 1000;
/** How far back the page lists rounds. */
export const RECENT_ROUND_DAYS = 30;

/** One item of a round as the PMO lead sees it: open past the due time is overdue, unless its card never arrived. */
function itemView(request: CheckInRequest | undefined, workItemId: string, title: string, now: Date, undelivered: boolean): CheckInItemView {
  const state = request?.state ?? 'open';
  const overdue = state === 'open' && request !== undefined && Date.parse(request.dueAt) < now.getTime();
  return {
    workItemId,
    title,
    state: state === 'open' && undelivered ? 'undelivered' : overdue ? 'overdue' : state,
    ...(request?.answer ? { answeredBy: request.answer.by.displayName, answeredAt: request.answer.at } : {}),
  };
}

/** A round with its items' states, as the page and the POST answer show it. */
export function roundView(round: CheckInRound, requests: readonly CheckInRequest[], titles: ReadonlyMap<string, string>, now: Date, undelivered: ReadonlySet<string> = new Set()): CheckInRoundView {
  const byItem = new Map(requests.map((r) => [r.workItemId, r]));
  const title = (id: string) => titles.get(id) ?? id;
  return {
    id: round.id,
    trigger: round.trigger.kind,
    ...(round.trigger.kind === 'manual' ? { requestedBy: round.trigger.by.displayName } : {}),
    requestedAt: round.requestedAt,
    dueAt: round.dueAt,
    ...(round.remindedAt ? { remindedAt: round.remindedAt } : {}),
    items: round.itemIds.map((id) => itemView(byItem.get(id), id, title(id), now, undelivered.has(id))),
    skipped: round.skipped.map((s) => ({ ...s, title: title(s.workItemId) })),
  };
}

/** Titles of the domain's items, by id. */
export async function itemTitles(deps: CheckInDeps, tenantId: string, domainId: string): Promise<Map<string, string>> {
  return new Map((await deps.repos.workItems.listByDomain(tenantId, domainId)).map((i) => [i.value.id, i.value.title]));
}

/** A round as the caller sees it right after requesting it. */
export async function newRoundView(deps: CheckInDeps, round: CheckInRound): Promise<CheckInRoundView> {
  const [requests, titles] = await Promise.all([deps.store.listRequests(round.tenantId, round.domainId, round.id), itemTitles(deps, round.tenantId, round.domainId)]);
  return roundView(round, requests, titles, deps.clock.now());
}

/** Per round id, the items whose card never arrived: one read of each round's card batch. */
async function undeliveredByRound(deps: CheckInDeps, tenantId: string, roundIds: ReadonlySet<string>): Promise<Map<string, Set<string>>> {
  const ids = [...roundIds];
  const batches = await Promise.all(ids.map((id) => deps.delivery.listBatch(tenantId, CHECK_IN_BATCH.round(id))));
  return new Map(ids.map((id, i) => [id, undeliveredItems(batches[i] ?? [])]));
}

/** The domain's check-ins page: its PMO lead or a tenant admin, and the EPMO (which follows every domain, read-only). */
export async function domainCheckIns(deps: CheckInDeps, p: Principal, domainId: string): Promise<Result<CheckInsResponse>> {
  if (!can(p, 'checkin.request', { domainId }) && !isEpmo(p)) return forbidden('Only the PMO lead of this domain, a tenant admin or the EPMO can see its check-ins.');
  const now = deps.clock.now();
  const [domain, rounds, open, titles] = await Promise.all([
    deps.repos.domains.get(p.tenantId, domainId),
    deps.store.listRounds(p.tenantId, domainId, new Date(now.getTime() - RECENT_ROUND_DAYS * DAY_MS)),
    deps.store.listOpen(p.tenantId, domainId),
    itemTitles(deps, p.tenantId, domainId),
  ]);
  if (!domain) return notFound('The domain');
  const [requests, undelivered] = await Promise.all([
    Promise.all(rounds.map((r) => deps.store.listRequests(p.tenantId, domainId, r.id))),
    undeliveredByRound(deps, p.tenantId, new Set([...rounds.map((r) => r.id), ...open.map((r) => r.roundId)])),
  ]);
  const next = nextCadenceAt(domain.value, now);
  // A card that never arrived is not the team's delay: it shows as "Not delivered", not overdue.
  const overdue = open.filter((r) => Date.parse(r.dueAt) < now.getTime() && !undelivered.get(r.roundId)?.has(r.workItemId));
  return ok({
    domainId,
    cadence: domain.value.checkInCadence ?? DEFAULT_CHECK_IN_CADENCE,
    ...(next ? { nextAt: next.toISOString() } : {}),
    overdue: overdue.length,
    rounds: rounds.map((r, i) => roundView(r, requests[i] ?? [], titles, now, undelivered.get(r.id))),
  });
}
