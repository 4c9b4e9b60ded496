/**
 * Who is who, the way Teams knows them: every activity names its sender by Teams user id (MRI,
 * `from.id`) and Entra object id (`from.aadObjectId`), and the roster of a linked team or group
 * chat names all its members. Both are kept (domain/teams-people.ts), so cards, mentions and
 * 1:1 messages can address people by the id Teams expects.
 */
import type { Clock } from '../../kernel/runtime';
import type { ConversationRef } from '../domain/conversation';
import { MAX_REFRESH_USERS } from '../../kernel/cards/adaptive-card';
import { type RosterMember, type TeamsUser, rosterIdOf, sameTeamsUser } from '../domain/teams-people';
import type { ConversationStore, LinkRepository, RosterReader, RosterStore, TeamsUserStore } from '../ports';

export interface TeamsPeopleDeps {
  readonly repos: {
    readonly teamsUsers: TeamsUserStore;
    readonly rosters: RosterStore;
    readonly links: Pick<LinkRepository, 'list' | 'listByConversation'>;
    readonly conversations: Pick<ConversationStore, 'list'>;
  };
  readonly clock: Clock;
}

/** A person as one activity names them. */
export interface TeamsSighting {
  readonly tenantId: string;
  readonly userId: string;
  readonly mri: string;
  readonly name?: string;
}

/** How many people an instance remembers as already recorded; past it, it starts over. */
const MEMO_LIMIT = 10_000;
/** Up to this many people are looked up one by one; more (a roster) in one read of the tenant's ids. */
const FEW = 20;

export interface TeamsPeople {
  /** The sender of an activity: recorded when new or changed, otherwise nothing is read or written twice. */
  seen(person: TeamsSighting): Promise<void>;
  /**
   * Reads the roster of a linked team or group chat from Teams and keeps it (who joined and
   * left) with everyone's MRI. Unlinked conversations and personal chats are not read: nothing
   * PMO Relay sends there names people. Answers how many members were read, or undefined.
   */
  refreshRoster(conversation: ConversationRef, reader: RosterReader): Promise<number | undefined>;
  /** PMO Relay left a team or chat (or it was deleted): who is in it is no longer PMO Relay's to keep. */
  forgetRoster(tenantId: string, rosterId: string): Promise<void>;
}

export function createTeamsPeople(deps: TeamsPeopleDeps): TeamsPeople {
  // Every activity names its sender: a memo per instance spares a storage read per message.
  const recorded = new Map<string, { readonly value: string; readonly talked: boolean }>();
  const memoKey = (tenantId: string, userId: string) => `${tenantId}|${userId}`;
  const memoValue = (p: Pick<TeamsUser, 'mri' | 'name'>) => `${p.mri}|${p.name ?? ''}`;
  // Each value is the person's MRI and name, and whether they were recorded as having talked.
  const remember = (tenantId: string, p: Pick<TeamsUser, 'userId' | 'mri' | 'name'>, talked: boolean) => {
    if (recorded.size >= MEMO_LIMIT) recorded.clear();
    const key = memoKey(tenantId, p.userId);
    const talkedBefore = recorded.get(key)?.talked === true && recorded.get(key)?.value === memoValue(p);
    recorded.set(key, { value: memoValue(p), talked: talked || talkedBefore });
  };
  const isRemembered = (tenantId: string, p: Pick<TeamsUser, 'userId' | 'mri' | 'name'>, talked: boolean): boolean => {
    const memo = recorded.get(memoKey(tenantId, p.userId));
    return memo !== undefined && memo.value === memoValue(p) && (!talked || memo.talked);
  };

  /**
   * Saves those whose MRI or name differs from what is stored, or who talk to the bot for the
   * first time (`talked`: the sender of an activity). A few people are point reads; a roster's
   * worth is one read of the tenant's ids and its changes written in table transactions.
   */
  async function record(tenantId: string, people: readonly RosterMember[], talked: boolean): Promise<void> {
    // Once per person (a table transaction refuses a row twice), and only who is not remembered as recorded.
    const fresh = [...new Map(people.map((p) => [p.userId, p])).values()].filter((p) => !isRemembered(tenantId, p, talked));
    if (fresh.length === 0) return;
    const known = fresh.length > FEW ? await deps.repos.teamsUsers.list(tenantId) : await deps.repos.teamsUsers.getMany(tenantId, fresh.map((p) => p.userId));
    const stored = new Map(known.map((u) => [u.userId, u]));
    const updatedAt = deps.clock.now().toISOString();
    const changed = fresh.flatMap((p): TeamsUser[] => {
      const old = stored.get(p.userId);
      if (old && sameTeamsUser(old, p) && (!talked || old.talkedAt !== undefined)) return [];
      const name = p.name ?? old?.name;
      // A roster read keeps what an earlier activity recorded: the row is replaced whole.
      const talkedAt = old?.talkedAt ?? (talked ? updatedAt : undefined);
      return [{ tenantId, userId: p.userId, mri: p.mri, ...(name !== undefined ? { name } : {}), updatedAt, ...(talkedAt !== undefined ? { talkedAt } : {}) }];
    });
    if (changed.length > 0) await deps.repos.teamsUsers.saveMany(changed);
    for (const p of fresh) remember(tenantId, p, talked);
  }

  async function isLinked(conversation: ConversationRef): Promise<boolean> {
    const { tenantId } = conversation;
    if (conversation.kind === 'groupChat') return (await deps.repos.links.listByConversation(tenantId, conversation.conversationId)).length > 0;
    // A team's roster matters when any of its channels is linked (links are per channel).
    const links = await deps.repos.links.list(tenantId);
    if (links.length === 0) return false;
    const channels = new Set((await deps.repos.conversations.list(tenantId)).filter((c) => c.teamId === conversation.teamId).map((c) => c.conversationId));
    return links.some((l) => channels.has(l.conversationId));
  }

  return {
    seen: (person) => record(person.tenantId, [{ userId: person.userId, mri: person.mri, ...(person.name !== undefined ? { name: person.name } : {}) }], true),

    async refreshRoster(conversation, reader) {
      const rosterId = rosterIdOf(conversation);
      if (!rosterId || !(await isLinked(conversation))) return undefined;
      const members = await reader.members();
      await deps.repos.rosters.replace(conversation.tenantId, rosterId, members);
      await record(conversation.tenantId, members, false);
      return members.length;
    },

    forgetRoster: (tenantId, rosterId) => deps.repos.rosters.replace(tenantId, rosterId, []),
  };
}

/**
 * The Teams user ids (MRIs) of `userIds`, in their order, at most `limit`. People whose MRI is
 * not known yet (never seen in an activity or a linked roster) are left out rather than given
 * their Entra id: Teams would not match an Entra id in `refresh.userIds`, and a mention or 1:1
 * conversation needs the MRI.
 */
export async function teamsUserIds(
  deps: { readonly repos: { readonly teamsUsers: Pick<TeamsUserStore, 'getMany'> } },
  tenantId: string,
  userIds: readonly string[],
  limit: number = MAX_REFRESH_USERS,
): Promise<string[]> {
  const wanted = [...new Set(userIds)];
  if (wanted.length === 0) return [];
  const byUser = new Map((await deps.repos.teamsUsers.getMany(tenantId, wanted)).map((u) => [u.userId, u.mri]));
  return wanted.flatMap((id) => byUser.get(id) ?? []).slice(0, limit);
}

/** Everyone of `userIds` with their MRI and name, for mentions; those without a known MRI are left out. */
export async function teamsUsersOf(deps: { readonly repos: { readonly teamsUsers: Pick<TeamsUserStore, 'getMany'> } }, tenantId: string, userIds: readonly string[]): Promise<TeamsUser[]> {
  const byUser = new Map((await deps.repos.teamsUsers.getMany(tenantId, [...new Set(userIds)])).map((u) => [u.userId, u]));
  return userIds.flatMap((id) => byUser.get(id) ?? []);
}
