/** Teams-shaped activities for bot tests, as Teams sends them to `/api/messages`. */
import { randomUUID } from 'node:crypto';

export const BOT = { id: '28:00000000-0000-4000-8000-00000000b0b0', name: 'PMO Relay' };

export interface Where {
  readonly serviceUrl: string;
  readonly tenantId?: string;
  readonly kind: 'personal' | 'groupChat' | 'channel';
  readonly conversationId: string;
  readonly team?: { readonly id: string; readonly name?: string };
  readonly chatName?: string;
}

export interface Who {
  readonly aadObjectId?: string;
  readonly name: string;
  /** Teams user id (MRI) as Teams puts it in `from.id`; `29:<aadObjectId>` when not given. */
  readonly mri?: string;
}

/** The Teams user id an activity from `who` carries. */
export const mriOf = (who: Who): string => who.mri ?? `29:${who.aadObjectId ?? 'anonymous'}`;

let seq = 1_700_000_000_000;
export const nextActivityId = (): string => String(seq++);

/**
 * In a channel Teams names the thread in the conversation id: `<channel>;messageid=<root id>`,
 * where a new post is the root of its own thread.
 */
function envelope(where: Where, who: Who, id: string, threadRoot = id) {
  const conversationId = where.kind === 'channel' ? `${where.conversationId};messageid=${threadRoot}` : where.conversationId;
  return {
    id,
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    serviceUrl: where.serviceUrl,
    channelId: 'msteams',
    from: { id: mriOf(who), name: who.name, ...(who.aadObjectId ? { aadObjectId: who.aadObjectId } : {}) },
    conversation: {
      id: conversationId,
      conversationType: where.kind,
      ...(where.kind !== 'personal' ? { isGroup: true } : {}),
      ...(where.tenantId ? { tenantId: where.tenantId } : {}),
      ...(where.chatName ? { name: where.chatName } : {}),
    },
    recipient: BOT,
    channelData: {
      ...(where.tenantId ? { tenant: { id: where.tenantId } } : {}),
      ...(where.team ? { team: where.team, channel: { id: where.conversationId }, teamsTeamId: where.team.id, teamsChannelId: where.conversationId } : {}),
    },
  };
}

/**
 * A message; in channels it starts with the bot's @mention, as Teams requires. In a channel it is
 * a new post, or with `threadRoot` a reply in the thread of that post.
 */
export function message(where: Where, who: Who, text: string, threadRoot?: string) {
  const mention = `<at>${BOT.name}</at>`;
  const inChannel = where.kind === 'channel';
  const id = nextActivityId();
  return {
    type: 'message',
    ...envelope(where, who, id, threadRoot ?? id),
    text: inChannel ? `${mention} ${text}` : text,
    textFormat: 'plain',
    entities: [
      ...(inChannel ? [{ type: 'mention', text: mention, mentioned: BOT }] : []),
      { type: 'clientInfo', locale: 'en-GB', country: 'GB', platform: 'Web', timezone: 'Europe/London' },
    ],
    locale: 'en-GB',
  };
}

/**
 * A Universal Action (`Action.Execute`) from a card the bot sent as message `cardMessageId`; in a
 * channel, in the thread of `threadRoot` (the card itself when it is a post, the message it
 * replied to when it is a reply).
 */
export function cardAction(where: Where, who: Who, value: unknown, cardMessageId = nextActivityId(), threadRoot = cardMessageId) {
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    ...envelope(where, who, `f:${randomUUID()}`, threadRoot),
    replyToId: cardMessageId,
    value,
  };
}

export const execute = (verb: string, data: Record<string, unknown> = {}) => ({ action: { type: 'Action.Execute', id: randomUUID(), verb, data }, trigger: 'manual' });

/** The bot was added to a team (team-scope install) or a chat. */
export function botAdded(where: Where, who: Who) {
  const base = envelope(where, who, nextActivityId());
  const { id: _id, ...rest } = base;
  return {
    type: 'conversationUpdate',
    ...rest,
    membersAdded: [{ id: BOT.id }],
    channelData: { ...base.channelData, ...(where.team ? { eventType: 'teamMemberAdded' } : {}) },
  };
}

/** People joined or left a team or chat, as Teams tells the bot (`membersAdded` / `membersRemoved` name them by MRI and Entra id). */
export function membersChanged(where: Where, who: Who, change: { readonly added?: readonly Who[]; readonly removed?: readonly Who[] }) {
  const base = envelope(where, who, nextActivityId());
  const { id: _id, ...rest } = base;
  const account = (w: Who) => ({ id: mriOf(w), ...(w.aadObjectId ? { aadObjectId: w.aadObjectId } : {}) });
  return {
    type: 'conversationUpdate',
    ...rest,
    ...(change.added ? { membersAdded: change.added.map(account) } : {}),
    ...(change.removed ? { membersRemoved: change.removed.map(account) } : {}),
    channelData: { ...base.channelData, ...(where.team ? { eventType: change.added ? 'teamMemberAdded' : 'teamMemberRemoved' } : {}) },
  };
}

export function installationUpdate(where: Where, who: Who, action: 'add' | 'remove') {
  return { type: 'installationUpdate', action, ...envelope(where, who, nextActivityId()) };
}

export function channelEvent(where: Where, who: Who, eventType: 'channelCreated' | 'channelRenamed' | 'channelDeleted', channel: { id: string; name?: string }) {
  const base = envelope(where, who, nextActivityId());
  return { type: 'conversationUpdate', ...base, channelData: { ...base.channelData, eventType, channel } };
}

export function teamRenamed(where: Where, who: Who, name: string) {
  const base = envelope(where, who, nextActivityId());
  return { type: 'conversationUpdate', ...base, channelData: { ...base.channelData, eventType: 'teamRenamed', team: { id: where.team?.id, name } } };
}
