/**
 * Teams conversations PMO Relay can reach, and what each is linked to. Stored as plain
 * objects so the storage and domain never depend on a bot SDK's types.
 */

export type ConversationKind = 'personal' | 'groupChat' | 'channel';

/**
 * Everything needed to message a conversation proactively later. Mirrors the fields of a
 * Bot Framework conversation reference, as plain data.
 */
export interface ConversationRef {
  readonly tenantId: string;
  /** The conversation id (a channel's thread id, a chat id, or a personal chat id). */
  readonly conversationId: string;
  readonly kind: ConversationKind;
  readonly serviceUrl: string;
  readonly channelId: string;
  readonly botId: string;
  readonly botName?: string;
  /** Team and channel ids/names, for channels. */
  readonly teamId?: string;
  readonly teamName?: string;
  readonly channelName?: string;
  /** For personal chats: whose chat it is. */
  readonly userId?: string;
  /** Display name people recognise: "IT PMO › General", "Chat with Dana". */
  readonly title: string;
  readonly installedAt: string;
  readonly updatedAt: string;
  /** False after the app was removed from the conversation. */
  readonly active: boolean;
}

/** What a conversation is linked to. */
export type LinkTarget =
  | { readonly kind: 'pmo'; readonly domainId: string }
  | { readonly kind: 'epmo' }
  | { readonly kind: 'team'; readonly workItemId: string };

export interface ConversationLink {
  readonly tenantId: string;
  readonly conversationId: string;
  /**
   * The roster whose members are the conversation's (`rosterIdOf`): a channel's team, a group
   * chat itself. Lets a person's own items be found from the rosters they are on.
   */
  readonly rosterId?: string;
  readonly target: LinkTarget;
  readonly linkedBy: string;
  readonly linkedAt: string;
}

/** A stable key per target, so a conversation holds each link once. */
export function linkKey(target: LinkTarget): string {
  switch (target.kind) {
    case 'pmo':
      return `pmo:${target.domainId}`;
    case 'epmo':
      return 'epmo';
    case 'team':
      return `team:${target.workItemId}`;
  }
}

export function describeTarget(target: LinkTarget, names: { domain?: string; workItem?: string }): string {
  switch (target.kind) {
    case 'pmo':
      return `the ${names.domain ?? target.domainId} PMO`;
    case 'epmo':
      return 'the EPMO';
    case 'team':
      return `the team of ${names.workItem ?? target.workItemId}`;
  }
}
