/**
 * People as Teams knows them. PMO Relay's identity is the Entra object id (`from.aadObjectId`);
 * Teams addresses people by their Teams user id, an MRI (`29:…`, the activity's `from.id`), in
 * the places that name them: `refresh.userIds` of Universal Actions cards, `<at>` mention
 * entities, and the member of a 1:1 conversation the bot creates. So both are kept side by side.
 */

/** One person's Teams user id next to their Entra object id. */
export interface TeamsUser {
  readonly tenantId: string;
  /** Microsoft Entra object id. */
  readonly userId: string;
  /** Teams user id (MRI), e.g. `29:1a2b…`. */
  readonly mri: string;
  readonly name?: string;
  readonly updatedAt: string;
  /**
   * When they first sent the bot something (ISO). Absent for people known only from a linked
   * roster: those have not used PMO Relay themselves (the setup check lists only who has).
   */
  readonly talkedAt?: string;
}

/** Someone on the roster of a team or a group chat, as Teams lists them. */
export interface RosterMember {
  readonly userId: string;
  readonly mri: string;
  readonly name?: string;
}

/** Whether a stored record already says what an activity or roster says now: then nothing is written. */
export const sameTeamsUser = (a: Pick<TeamsUser, 'mri' | 'name'>, b: Pick<TeamsUser, 'mri' | 'name'>): boolean => a.mri === b.mri && (b.name === undefined || a.name === b.name);

/**
 * The roster a conversation belongs to: a channel's is its team's (Teams lists team members
 * by team id), a group chat's is its own. Personal chats have none worth keeping.
 */
export function rosterIdOf(conversation: { readonly kind: string; readonly conversationId: string; readonly teamId?: string }): string | undefined {
  if (conversation.kind === 'channel') return conversation.teamId;
  if (conversation.kind === 'groupChat') return conversation.conversationId;
  return undefined;
}
