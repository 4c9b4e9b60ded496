/**
 * The check-in card's model, read now: the request and its round, the item as it stands, the
 * rules' suggestions, the newer request that replaced it (if one did), and who answers it.
 */
import type { CheckInRequest } from '../domain/check-in';
import { suggestedHealth } from '../domain/suggested-health';
import { type Principal, type User, can } from '../../kernel/roles';
import { MAX_REFRESH_USERS } from '../../kernel/cards/adaptive-card';
import { type WorkItem, isFinished } from '../../portfolio';
import { teamsUsersOf } from '../../conversations';
import type { CheckInCardModel, NewerRequest } from '../cards/card-model';
import type { CheckInDeps, RequestKey } from './deps';

/** The tenant's people with their roles (who answers a check-in is decided by role). */
export type UsersOf = (tenantId: string) => Promise<readonly User[]>;

/** How long a round's cards reuse one read of the tenant's people: one read per round, not per card. */
const PEOPLE_TTL_MS = 30_000;

/** The tenant's people, read once per tenant and reused for a while (the renderer of a round's cards). */
export function cachedUsers(deps: Pick<CheckInDeps, 'repos' | 'clock'>): UsersOf {
  const cache = new Map<string, { readonly at: number; readonly users: Promise<readonly User[]> }>();
  return (tenantId) => {
    const now = deps.clock.now().getTime();
    const hit = cache.get(tenantId);
    if (hit && now - hit.at < PEOPLE_TTL_MS) return hit.users;
    const users = deps.repos.users.list(tenantId);
    users.catch(() => cache.delete(tenantId));
    cache.set(tenantId, { at: now, users });
    return users;
  };
}

/** Rounds replacing rounds: a card follows a few to the newest before it stops looking. */
const MAX_NEWER_HOPS = 10;

/** The item's facts the rules read, with the benefit realised the answer gives (if it gives one). */
export function factsOf(item: WorkItem, realised?: number) {
  return {
    startDate: item.startDate,
    endDate: item.endDate,
    finished: isFinished(item),
    ...(item.benefits ? { benefits: { planned: item.benefits.planned.value, realised: realised ?? item.benefits.realised.value } } : {}),
  };
}

/** The item's newest request, following the requests that replaced `request`. */
async function newestAfter(deps: CheckInDeps, request: CheckInRequest): Promise<NewerRequest | undefined> {
  let newer: CheckInRequest | undefined;
  for (let next = request.supersededBy, hops = 0; next !== undefined && hops < MAX_NEWER_HOPS; hops++) {
    newer = (await deps.store.getRequest(request.tenantId, request.domainId, next, request.workItemId))?.value;
    next = newer?.supersededBy;
  }
  return newer && { requestedAt: newer.requestedAt, dueAt: newer.dueAt, state: newer.state, ...(newer.answer ? { answer: newer.answer } : {}) };
}

/**
 * The Teams user ids (MRIs, at most 60) of those who answer: the item's team by role first, then
 * the domain's PMO leads. People whose MRI is not known are left out (Teams matches only MRIs).
 */
async function answererIds(deps: CheckInDeps, usersOf: UsersOf, tenantId: string, key: Pick<RequestKey, 'domainId' | 'workItemId'>): Promise<string[]> {
  const users = (await usersOf(tenantId)).filter((u) => can(u, 'checkin.answer', key));
  const team = (u: (typeof users)[number]) => u.roles.some((r) => r.role === 'team_member' && r.workItemId === key.workItemId);
  const ordered = [...users].sort((a, b) => Number(team(b)) - Number(team(a)));
  const known = new Map((await teamsUsersOf(deps, tenantId, ordered.map((u) => u.userId))).map((u) => [u.userId, u.mri]));
  return ordered.flatMap((u) => known.get(u.userId) ?? []).slice(0, MAX_REFRESH_USERS);
}

/**
 * The card of a stored request; undefined when its round or item is gone. `viewer` makes it a
 * personal view; `usersOf` reads who answers (fresh by default).
 */
export async function cardModelOf(deps: CheckInDeps, request: CheckInRequest, viewer?: Principal, usersOf: UsersOf = (t) => deps.repos.users.list(t)): Promise<CheckInCardModel | undefined> {
  const { tenantId, domainId, roundId, workItemId } = request;
  const [round, item, domain, refreshUserIds, newer] = await Promise.all([
    deps.store.getRound(tenantId, domainId, roundId),
    deps.repos.workItems.get(tenantId, workItemId),
    deps.repos.domains.get(tenantId, domainId),
    answererIds(deps, usersOf, tenantId, { domainId, workItemId }),
    request.state === 'superseded' ? newestAfter(deps, request) : Promise.resolve(undefined),
  ]);
  if (!round || !item) return undefined;
  const now = deps.clock.now();
  const i = item.value;
  return {
    ref: { roundId, workItemId, domainId },
    domainName: domain?.value.name ?? domainId,
    ...(round.value.trigger.kind === 'manual' ? { requestedBy: round.value.trigger.by.displayName } : {}),
    requestedAt: request.requestedAt,
    dueAt: request.dueAt,
    state: request.state,
    item: {
      title: i.title,
      health: i.health,
      stage: i.stage,
      ...(i.statusNote ? { note: i.statusNote } : {}),
      ...(i.statusReportedAt ? { reportedAt: i.statusReportedAt } : {}),
      ...(i.benefits ? { benefits: i.benefits } : {}),
    },
    suggested: suggestedHealth(factsOf(i), now),
    ...(request.answer ? { answer: request.answer } : {}),
    ...(newer ? { newer } : {}),
    refreshUserIds,
    ...(viewer ? { mayAnswer: can(viewer, 'checkin.answer', { domainId, workItemId }) } : {}),
    now: now.toISOString(),
  };
}
