/**
 * Reads the roster of a team or group chat with botbuilder's `TeamsInfo.getPagedMembers`
 * (`GET /v3/conversations/{id}/pagedmembers` at the Bot Connector; no Graph permission). In a
 * channel it lists the team (TeamsInfo uses `channelData.team.id`), in a chat the chat.
 * Paged as Teams asks ("get-teams-context": page sizes below 50 count as 50, above 500 are
 * capped; chats return the whole roster at once), following `continuationToken` to the end.
 */
import { type ChannelAccount, TeamsInfo, type TurnContext } from 'botbuilder';
import type { RosterMember, RosterReader } from '../../conversations';
import { normaliseEntraId } from '../../kernel/tenant';

const PAGE_SIZE = 500;
/** A guard against a connector that keeps answering with a token: 500 pages is 250,000 people. */
const MAX_PAGES = 500;

/** A roster entry as the connector returns it; older payloads name the Entra id `objectId`. */
type Member = ChannelAccount & { readonly objectId?: string };

function memberOf(account: Member): RosterMember | undefined {
  const userId = account.aadObjectId ?? account.objectId;
  // Bots and guests without an Entra id in this tenant cannot hold roles: nothing to record.
  if (!userId || !account.id) return undefined;
  return { userId: normaliseEntraId(userId), mri: account.id, ...(account.name ? { name: account.name } : {}) };
}

/** The roster of the conversation `context` is in, read when asked. */
export function rosterReaderOf(context: TurnContext): RosterReader {
  return {
    async members() {
      const members: RosterMember[] = [];
      let token: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const result = await TeamsInfo.getPagedMembers(context, PAGE_SIZE, token);
        members.push(...(result.members as Member[]).flatMap((m) => memberOf(m) ?? []));
        token = result.continuationToken || undefined;
        if (!token) break;
      }
      return members;
    },
  };
}
