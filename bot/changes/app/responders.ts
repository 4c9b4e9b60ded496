/**
 * Who a change card in a recipient conversation is for: the people who may respond for it (its
 * team's members or its domain's PMO leads, by role), as Teams user ids for the card's refresh,
 * so each of them sees their own view (their response, the team's).
 */
import { rosterIdOf } from '../../conversations';
import { MAX_REFRESH_USERS } from '../../kernel/cards/adaptive-card';
import { type Principal, type User, can, isEpmo } from '../../kernel/roles';
import type { Clock } from '../../kernel/runtime';
import type { ChangeRecipientRecord } from '../ports';
import type { ChangeDeps } from './deps';

/** Whether a person may answer for a recipient conversation: by its link, or as EPMO anywhere. */
export function mayRespondFor(p: Principal, r: Pick<ChangeRecipientRecord, 'role' | 'domainId' | 'workItemIds'>): boolean {
  if (isEpmo(p)) return true;
  if (r.role === 'pmo') return can(p, 'change.respond', { ...(r.domainId ? { domainId: r.domainId } : {}) });
  if (r.role === 'team') return (r.workItemIds ?? []).some((w) => can(p, 'change.respond', { ...(r.domainId ? { domainId: r.domainId } : {}), workItemId: w }));
  return false;
}

/** Everyone of a tenant with their roles, and the Teams user ids (MRIs) known, by Entra id. */
export interface TenantPeople {
  readonly users: readonly User[];
  readonly mris: ReadonlyMap<string, string>;
}
export type PeopleOf = (tenantId: string) => Promise<TenantPeople>;

/** The tenant's people, read now. */
export const readPeople = (deps: Pick<ChangeDeps, 'repos'>): PeopleOf => async (tenantId) => {
  const [users, known] = await Promise.all([deps.repos.users.list(tenantId), deps.repos.teamsUsers.list(tenantId)]);
  return { users, mris: new Map(known.map((u) => [u.userId, u.mri])) };
};

/** How long a fan-out reuses one read of the tenant's people: one read per burst, not per card. */
const PEOPLE_TTL_MS = 30_000;

/**
 * The tenant's people, read once per tenant and reused for a while: a fan-out renders thousands
 * of cards, each naming its responders, and two partition reads serve them all.
 */
export function cachedPeople(deps: Pick<ChangeDeps, 'repos'> & { readonly clock: Clock }): PeopleOf {
  const read = readPeople(deps);
  const cache = new Map<string, { readonly at: number; readonly people: Promise<TenantPeople> }>();
  return (tenantId) => {
    const now = deps.clock.now().getTime();
    const hit = cache.get(tenantId);
    if (hit && now - hit.at < PEOPLE_TTL_MS) return hit.people;
    const people = read(tenantId);
    people.catch(() => cache.delete(tenantId));
    cache.set(tenantId, { at: now, people });
    return people;
  };
}

/**
 * The Teams user ids (MRIs, at most 60) of the people who respond for `recipient`: those on the
 * conversation's roster first (they are the ones who see the card), then the rest. EPMO members
 * may answer anywhere but are nobody's team, so they are not listed. People whose MRI is not
 * known are left out: Teams matches only MRIs in `refresh.userIds`.
 */
export async function responderIds(deps: Pick<ChangeDeps, 'repos'>, peopleOf: PeopleOf, recipient: ChangeRecipientRecord): Promise<string[]> {
  const { tenantId } = recipient;
  const [people, conversation] = await Promise.all([peopleOf(tenantId), deps.repos.conversations.get(tenantId, recipient.conversationId)]);
  // Only people Teams has named can be listed: Teams matches only MRIs in `refresh.userIds`.
  const responders = people.users.filter((u) => people.mris.has(u.userId) && !isEpmo(u) && mayRespondFor(u, recipient));
  if (responders.length === 0) return [];
  const rosterId = conversation && rosterIdOf(conversation);
  const onRoster = new Set(rosterId ? (await deps.repos.rosters.members(tenantId, rosterId)).map((m) => m.userId) : []);
  const ordered = [...responders].sort((a, b) => Number(onRoster.has(b.userId)) - Number(onRoster.has(a.userId)));
  return ordered.flatMap((u) => people.mris.get(u.userId) ?? []).slice(0, MAX_REFRESH_USERS);
}
