/** Storage ports of conversations and their links, in domain words. */
import type { ConversationLink, ConversationRef, LinkTarget } from './domain/conversation';
import type { RosterMember, TeamsUser } from './domain/teams-people';

/** Conversation references captured from installs and conversation updates. */
export interface ConversationStore {
  save(ref: ConversationRef): Promise<void>;
  get(tenantId: string, conversationId: string): Promise<ConversationRef | undefined>;
  list(tenantId: string): Promise<ConversationRef[]>;
  deleteTenant(tenantId: string): Promise<void>;
}

/** Links between conversations and PMO, EPMO or team targets. */
export interface LinkRepository {
  /** Adds or replaces the link of this conversation to this target. */
  put(link: ConversationLink): Promise<void>;
  remove(tenantId: string, conversationId: string, target: LinkTarget): Promise<void>;
  listByConversation(tenantId: string, conversationId: string): Promise<ConversationLink[]>;
  listByTarget(tenantId: string, target: LinkTarget): Promise<ConversationLink[]>;
  /** The links of the conversations whose members are this roster's (a team's channels, a group chat). */
  listByRoster(tenantId: string, rosterId: string): Promise<ConversationLink[]>;
  list(tenantId: string): Promise<ConversationLink[]>;
  deleteTenant(tenantId: string): Promise<void>;
}

/** Teams user ids (MRIs) next to Entra object ids, per tenant. */
export interface TeamsUserStore {
  get(tenantId: string, userId: string): Promise<TeamsUser | undefined>;
  /** Those of `userIds` whose MRI is known, in no particular order (point reads: for a few people). */
  getMany(tenantId: string, userIds: readonly string[]): Promise<TeamsUser[]>;
  /** Everyone of the tenant whose MRI is known (one partition read, for fan-outs that name many people). */
  list(tenantId: string): Promise<TeamsUser[]>;
  /** Saves people of one tenant, many at a time (a roster's worth in a few table transactions). */
  saveMany(users: readonly TeamsUser[]): Promise<void>;
  deleteTenant(tenantId: string): Promise<void>;
}

/** The last roster read of each team and group chat, per tenant. */
export interface RosterStore {
  members(tenantId: string, rosterId: string): Promise<RosterMember[]>;
  /** Makes the stored roster exactly `members`, writing only who joined, left or changed. */
  replace(tenantId: string, rosterId: string, members: readonly RosterMember[]): Promise<void>;
  /** The ids of the stored rosters this person is on (one range read, however large the tenant). */
  rostersOf(tenantId: string, userId: string): Promise<string[]>;
  deleteTenant(tenantId: string): Promise<void>;
}

/**
 * Reads the current roster of the conversation a turn came from, from Teams (every page).
 * Implemented by the Teams platform adapter; a port so that the rule of when to read it
 * stays here.
 */
export interface RosterReader {
  members(): Promise<readonly RosterMember[]>;
}

/** Opens a person's 1:1 chat with the bot in Teams; implemented by the Teams platform adapter. */
export interface PersonalChatOpener {
  /**
   * The conversation id of the 1:1 chat with the person whose Teams user id is `mri`, opened
   * through the service and bot of `via` (any conversation of the tenant). Throws when Teams refuses.
   */
  open(via: ConversationRef, mri: string): Promise<string>;
}
