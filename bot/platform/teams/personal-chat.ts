/**
 * Opens (or finds again) a person's 1:1 chat with the bot, proactively: `POST /v3/conversations`
 * with `isGroup: false`, the tenant, and exactly one member whose id is the person's Teams user
 * id — "Member ID must be in MRI format (`29:...`)" (microsoft/teams.net,
 * core/docs/CreateConversation-API-Behavior.md). Teams answers with the same `a:…` conversation
 * for the same bot and person, so opening again is harmless.
 */
import type { ConversationParameters } from 'botbuilder';
import type { Config } from '../../config';
import type { PersonalChatOpener } from '../../conversations';
import { connectorClients } from './connector-clients';

export interface PersonalChatOptions {
  readonly bot: Config['bot'];
  /** A call that takes longer is abandoned. */
  readonly timeoutMs: number;
}

export function createPersonalChatOpener(opts: PersonalChatOptions): PersonalChatOpener {
  const clientFor = connectorClients(opts.bot);
  return {
    async open(via, mri) {
      const connector = await clientFor(via.serviceUrl);
      const parameters = {
        isGroup: false,
        bot: { id: via.botId, name: via.botName ?? '' },
        members: [{ id: mri, name: '' }],
        tenantId: via.tenantId,
        channelData: { tenant: { id: via.tenantId } },
      } as ConversationParameters;
      const created = await connector.conversations.createConversation(parameters, { timeout: opts.timeoutMs });
      if (!created.id) throw new Error('Teams opened the 1:1 chat but returned no conversation id');
      return created.id;
    },
  };
}
