/**
 * Keeps the tenant's conversation references current, so PMO Relay can message a channel or
 * chat later (cascades, replies to signals) and `link` knows the conversation it runs in.
 * Fed from installs, conversation updates and every message, so a missed install event
 * heals itself on the next message.
 */
import type { ConversationKind, ConversationRef } from '../domain/conversation';
import type { ConversationStore } from '../ports';
import type { Clock } from '../../kernel/runtime';

export interface RecordConversationDeps {
  readonly conversations: ConversationStore;
  readonly clock: Clock;
}

/** What one activity tells us about the conversation it came from. Absent names are unknown, not empty. */
export interface ConversationSighting {
  readonly tenantId: string;
  readonly conversationId: string;
  readonly kind: ConversationKind;
  readonly serviceUrl: string;
  readonly channelId: string;
  readonly botId: string;
  readonly botName?: string;
  readonly teamId?: string;
  readonly teamName?: string;
  readonly channelName?: string;
  /** Personal chats: whose chat it is. */
  readonly userId?: string;
  readonly userName?: string;
  /** Group chats can be named by their members. */
  readonly chatName?: string;
}

const defined = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;

function titleOf(ref: Omit<ConversationRef, 'title'>, sighting: ConversationSighting, previous: string | undefined): string {
  switch (ref.kind) {
    case 'channel': {
      // The General channel's id is the team's id.
      const channel = ref.channelName ?? (ref.teamId !== undefined && ref.conversationId === ref.teamId ? 'General' : undefined);
      if (ref.teamName && channel) return `${ref.teamName} › ${channel}`;
      return previous ?? (ref.teamName ? `${ref.teamName} › a channel` : 'A Teams channel');
    }
    case 'personal':
      return sighting.userName ? `Chat with ${sighting.userName}` : (previous ?? 'A personal chat');
    case 'groupChat':
      return sighting.chatName ?? previous ?? 'A group chat';
  }
}

/** Fields that matter; `updatedAt` alone changing is not worth a write. */
const sameRef = (a: ConversationRef, b: ConversationRef): boolean =>
  JSON.stringify({ ...a, updatedAt: '' }) === JSON.stringify({ ...b, updatedAt: '' });

/**
 * Stores or refreshes the reference of a conversation PMO Relay is in, and marks it active.
 * Names the activity does not carry (messages rarely name their team) are kept from before.
 * Writes only when something changed, so a busy channel costs no extra storage writes.
 */
export async function recordConversation(deps: RecordConversationDeps, sighting: ConversationSighting): Promise<ConversationRef> {
  const existing = await deps.conversations.get(sighting.tenantId, sighting.conversationId);
  const now = deps.clock.now().toISOString();
  const seen = defined({
    serviceUrl: sighting.serviceUrl,
    channelId: sighting.channelId,
    botId: sighting.botId,
    botName: sighting.botName,
    teamId: sighting.teamId,
    teamName: sighting.teamName,
    channelName: sighting.channelName,
    userId: sighting.userId,
  });
  const { title: previousTitle, ...base } = existing ?? { title: undefined };
  const merged = {
    ...base,
    ...seen,
    tenantId: sighting.tenantId,
    conversationId: sighting.conversationId,
    kind: sighting.kind,
    serviceUrl: sighting.serviceUrl,
    channelId: sighting.channelId,
    botId: sighting.botId,
    installedAt: existing?.installedAt ?? now,
    updatedAt: now,
    active: true,
  };
  const ref: ConversationRef = { ...merged, title: titleOf(merged, sighting, previousTitle) };
  if (existing && sameRef(existing, ref)) return existing;
  await deps.conversations.save(ref);
  return ref;
}

/**
 * Teams can move a conversation to another connector endpoint; Bot Framework's guidance is to
 * take the service URL from each incoming activity. Card actions do not record a conversation
 * (see ./known-conversation.ts), but one already known follows their service URL, so the next
 * card goes where Teams now expects it. Unknown conversations stay unknown.
 */
export async function refreshServiceUrl(deps: RecordConversationDeps, at: { tenantId: string; conversationId: string; serviceUrl: string }): Promise<void> {
  if (at.serviceUrl === '') return;
  const existing = await deps.conversations.get(at.tenantId, at.conversationId);
  if (!existing || existing.serviceUrl === at.serviceUrl) return;
  await deps.conversations.save({ ...existing, serviceUrl: at.serviceUrl, updatedAt: deps.clock.now().toISOString() });
}

export interface Uninstall {
  readonly tenantId: string;
  readonly conversationId: string;
  /** When the app left a team, every channel of that team becomes unreachable. */
  readonly teamId?: string;
}

/**
 * Marks conversations inactive after the app was removed (or a channel deleted). References
 * are kept, not deleted, so links and history still name them. Returns how many changed.
 */
export async function recordUninstall(deps: RecordConversationDeps, uninstall: Uninstall): Promise<number> {
  const now = deps.clock.now().toISOString();
  const affected = uninstall.teamId
    ? (await deps.conversations.list(uninstall.tenantId)).filter((c) => c.teamId === uninstall.teamId || c.conversationId === uninstall.conversationId)
    : [await deps.conversations.get(uninstall.tenantId, uninstall.conversationId)].filter((c): c is ConversationRef => c !== undefined);
  const changed = affected.filter((c) => c.active);
  for (const c of changed) await deps.conversations.save({ ...c, active: false, updatedAt: now });
  return changed.length;
}

/** A team was renamed: every stored channel of that team shows the new name. */
export async function recordTeamRenamed(deps: RecordConversationDeps, rename: { tenantId: string; teamId: string; teamName: string }): Promise<number> {
  const now = deps.clock.now().toISOString();
  const channels = (await deps.conversations.list(rename.tenantId)).filter((c) => c.teamId === rename.teamId && c.teamName !== rename.teamName);
  for (const c of channels) {
    const channel = c.channelName ?? (c.conversationId === c.teamId ? 'General' : undefined);
    await deps.conversations.save({ ...c, teamName: rename.teamName, title: channel ? `${rename.teamName} › ${channel}` : c.title, updatedAt: now });
  }
  return channels.length;
}
