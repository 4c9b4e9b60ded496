/**
 * `change.show` from a card (the `changes` list's "Assess impact"): the change card as this
 * person may see it now, with the same rule as GET /api/changes/:id.
 */
import { knownConversation } from '../../conversations';
import { type Result, fail, ok } from '../../kernel/result';
import { type Principal, isEpmo } from '../../kernel/roles';
import type { ChangeCardModel } from '../cards/change-card';
import type { ChangeDeps } from './deps';
import { changeCardModel } from './renderers';
import { staleVersionError } from './respond';
import { mayRespondFor } from './responders';
import { changeVisibleTo, recipientVisibleTo } from './visibility';
import { versionStatus } from './versions';

export interface ShowChangeCommand {
  readonly changeId: string;
  readonly version: number;
  /** The conversation the card was acted on in. */
  readonly conversationId: string;
  /** The recipient conversation named on the card (a list card in a personal chat). */
  readonly forConversationId?: string;
}

/**
 * The card model of the version asked for. A version closed since is `CHANGE.STALE_VERSION`
 * (the card links to the latest); whose responses it shows depends on who is looking.
 */
export async function showChange(deps: ChangeDeps, p: Principal, cmd: ShowChangeCommand): Promise<Result<ChangeCardModel>> {
  const conversation = await knownConversation(deps.repos.conversations, p.tenantId, cmd.conversationId);
  if (!conversation.ok) return conversation;
  const found = (await deps.stores.changes.get(p.tenantId, cmd.changeId, cmd.version))?.value;
  const unknown = fail('NOT_FOUND', 'This strategy change was not found in your organisation.');
  if (!found || found.state === 'draft') return unknown;
  const status = await versionStatus(deps, found);
  const records = status.recipients.map((r) => r.record.value);
  // Not addressed to the caller: the same answer as a change that does not exist.
  if (!changeVisibleTo(p, found, records)) return unknown;
  if (found.state !== 'published') {
    const stale = await staleVersionError(deps, found);
    return stale.ok ? fail('NOT_FOUND', 'Not found.') : stale;
  }
  // The card's conversation is client data: its responses are shown only to someone who may see or answer for it.
  const named = cmd.forConversationId ? records.find((r) => r.conversationId === cmd.forConversationId) : undefined;
  const viewed = named && (recipientVisibleTo(p, named) || mayRespondFor(p, named)) ? named.conversationId : cmd.conversationId;
  const recipient = records.find((r) => r.conversationId === viewed);
  // Whether this person may answer here decides whether their view has the response inputs.
  const mayRespond = isEpmo(p) || (recipient !== undefined && mayRespondFor(p, recipient));
  return ok({ ...(await changeCardModel(deps, found, { conversationId: viewed, viewerId: p.userId }, status)), mayRespond });
}
