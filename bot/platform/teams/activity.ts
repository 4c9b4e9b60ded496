/**
 * Reads what PMO Relay needs from a Teams activity: the tenant, the caller and the
 * conversation, as plain values. The only place that knows Teams' channelData shape.
 */
import { type Activity, type TeamsChannelData, TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Caller } from '../../chat';
import type { ConversationEvent, ConversationKind, ConversationSighting } from '../../conversations';
import { normaliseEntraId } from '../../kernel/tenant';
import { plainTextOf } from './message-text';

const channelData = (activity: Partial<Activity>): TeamsChannelData => {
  const data: unknown = activity.channelData;
  return data && typeof data === 'object' ? (data as TeamsChannelData) : {};
};

/** The Entra tenant of the conversation: Teams puts it on the conversation, older payloads in channelData. */
export function tenantOf(activity: Partial<Activity>): string | undefined {
  const id = activity.conversation?.tenantId ?? channelData(activity).tenant?.id;
  return typeof id === 'string' && id.trim() !== '' ? normaliseEntraId(id) : undefined;
}

/**
 * A reply in a channel thread arrives as `<channel id>;messageid=<root id>`; the channel
 * itself is what PMO Relay stores and links.
 */
export const conversationIdOf = (activity: Partial<Activity>): string => (activity.conversation?.id ?? '').split(';messageid=')[0] ?? '';

/** The root message id of the channel thread the activity came from (the `;messageid=` part), if any. */
export function threadIdOf(activity: Partial<Activity>): string | undefined {
  const id = (activity.conversation?.id ?? '').split(';messageid=')[1]?.trim();
  return id ? id : undefined;
}

function kindOf(activity: Partial<Activity>): ConversationKind {
  const type = activity.conversation?.conversationType;
  if (type === 'personal' || type === 'groupChat' || type === 'channel') return type;
  if (channelData(activity).team) return 'channel';
  return activity.conversation?.isGroup ? 'groupChat' : 'personal';
}

/** The sender's Entra object id, in lower case like every stored id (Teams may send it in either case). */
const aadObjectIdOf = (activity: Partial<Activity>): string | undefined => (activity.from?.aadObjectId ? normaliseEntraId(activity.from.aadObjectId) : undefined);

/** The conversation this activity came from, as the record-conversation use case wants it. */
export function sightingOf(activity: Partial<Activity>, tenantId: string): ConversationSighting {
  const data = channelData(activity);
  const kind = kindOf(activity);
  const conversationId = conversationIdOf(activity);
  const channelName = data.channel?.id === conversationId ? data.channel?.name : undefined;
  return {
    tenantId,
    conversationId,
    kind,
    serviceUrl: activity.serviceUrl ?? '',
    channelId: activity.channelId ?? 'msteams',
    botId: activity.recipient?.id ?? '',
    botName: activity.recipient?.name,
    teamId: data.team?.id,
    teamName: data.team?.name,
    channelName,
    ...(kind === 'personal' ? { userId: aadObjectIdOf(activity), userName: activity.from?.name } : {}),
    ...(kind === 'groupChat' ? { chatName: activity.conversation?.name } : {}),
  };
}

/** A channel named in channelData (channelCreated/Renamed/Deleted), as its own conversation. */
function channelSightingOf(activity: Partial<Activity>, tenantId: string): ConversationSighting | undefined {
  const data = channelData(activity);
  if (!data.channel?.id) return undefined;
  return {
    ...sightingOf(activity, tenantId),
    kind: 'channel',
    conversationId: data.channel.id,
    channelName: data.channel.name,
  };
}

const eventTypeOf = (activity: Partial<Activity>): string | undefined => channelData(activity).eventType;
const teamOf = (activity: Partial<Activity>): { id: string; name?: string } | undefined => {
  const team = channelData(activity).team;
  return team?.id ? { id: team.id, ...(team.name ? { name: team.name } : {}) } : undefined;
};

/** Who acted: their Entra object id, Teams user id (MRI, `from.id`) and name, as Teams sent them. */
export const callerOf = (activity: Partial<Activity>): Caller => ({
  ...(aadObjectIdOf(activity) ? { userId: aadObjectIdOf(activity) } : {}),
  ...(activity.from?.id ? { teamsUserId: activity.from.id } : {}),
  ...(activity.from?.name ? { name: activity.from.name } : {}),
});

const botIn = (members: Activity['membersAdded'] | undefined, botId: string | undefined): boolean => Boolean(members?.some((m) => m.id === botId));
const othersIn = (members: Activity['membersAdded'] | undefined, botId: string | undefined): boolean => Boolean(members?.some((m) => m.id !== botId));

/** What a `conversationUpdate` tells, read. */
export interface ConversationUpdate {
  readonly event: ConversationEvent;
  /** The bot itself was just added. */
  readonly botAdded: boolean;
  /** People other than the bot joined or left (`membersAdded` / `membersRemoved`). */
  readonly membersChanged: boolean;
}

/**
 * What a `conversationUpdate` tells: a channel created, renamed, restored or deleted, a team
 * renamed or deleted, the bot removed, or otherwise the conversation as seen (with `botAdded`
 * when the bot itself was just added, `membersChanged` when people joined or left). Undefined
 * when there is nothing to record.
 */
export function conversationUpdateOf(activity: Partial<Activity>, tenantId: string): ConversationUpdate | undefined {
  const team = teamOf(activity);
  const only = (event: ConversationEvent | undefined) => (event ? { event, botAdded: false, membersChanged: false } : undefined);
  switch (eventTypeOf(activity)) {
    case 'channelCreated':
    case 'channelRenamed':
    case 'channelRestored': {
      const channel = channelSightingOf(activity, tenantId);
      return only(channel && { kind: 'seen', sighting: channel });
    }
    case 'channelDeleted': {
      const channel = channelSightingOf(activity, tenantId);
      return only(channel && { kind: 'removed', tenantId, conversationId: channel.conversationId });
    }
    case 'teamRenamed':
      return only(team?.name ? { kind: 'teamRenamed', tenantId, teamId: team.id, teamName: team.name } : undefined);
    case 'teamDeleted':
      return only(team && { kind: 'removed', tenantId, conversationId: conversationIdOf(activity), teamId: team.id });
  }
  const botId = activity.recipient?.id;
  if (botIn(activity.membersRemoved, botId)) return only({ kind: 'removed', tenantId, conversationId: conversationIdOf(activity), ...(team ? { teamId: team.id } : {}) });
  return {
    event: { kind: 'seen', sighting: sightingOf(activity, tenantId) },
    botAdded: botIn(activity.membersAdded, botId),
    membersChanged: othersIn(activity.membersAdded, botId) || othersIn(activity.membersRemoved, botId),
  };
}

/** What an `installationUpdate` tells: the app added (or upgraded) or removed. */
export function installationUpdateOf(activity: Partial<Activity>, tenantId: string): ConversationEvent | undefined {
  const action = typeof activity.action === 'string' ? activity.action : '';
  if (action === 'add' || action === 'add-upgrade') return { kind: 'seen', sighting: sightingOf(activity, tenantId) };
  if (action !== 'remove') return undefined;
  const team = kindOf(activity) === 'channel' ? teamOf(activity) : undefined;
  return { kind: 'removed', tenantId, conversationId: conversationIdOf(activity), ...(team ? { teamId: team.id } : {}) };
}

/** The text a person typed, without the bot's @mention (channels require one), as plain text. */
export function commandTextOf(activity: Activity): string {
  if (typeof activity.text !== 'string') return '';
  const copy = { ...activity, entities: Array.isArray(activity.entities) ? activity.entities : [] };
  try {
    return plainTextOf(TurnContext.removeRecipientMention(copy) ?? '');
  } catch {
    // A malformed mention entity must not cost the user an answer.
    return plainTextOf(activity.text);
  }
}

/**
 * Shape checks before botbuilder sees the body: the SDK throws on a missing `type` and
 * assumes a conversation and service URL on the activities PMO Relay acts on.
 */
const handled = z.object({
  type: z.string().min(1),
  serviceUrl: z.string().url(),
  conversation: z.object({ id: z.string().min(1) }),
  recipient: z.object({ id: z.string().min(1) }),
  from: z.object({ id: z.string() }).optional(),
});
const anyActivity = z.object({ type: z.string().min(1).max(100) });
const HANDLED_TYPES = new Set(['message', 'invoke', 'conversationUpdate', 'installationUpdate']);

/** A reason the body is not an activity PMO Relay can process, or undefined when it is. */
export function activityProblem(body: unknown): string | undefined {
  const base = anyActivity.safeParse(body);
  if (!base.success) return 'The request body is not a Bot Framework activity (it needs a "type").';
  if (!HANDLED_TYPES.has(base.data.type)) return undefined;
  const full = handled.safeParse(body);
  if (!full.success) {
    const issue = full.error.issues[0];
    return `The ${base.data.type} activity is malformed: ${issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'invalid'}.`;
  }
  return undefined;
}
