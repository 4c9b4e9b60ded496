/**
 * What a channel is linked to, for the channel tab's configuration page: it suggests the portfolio
 * of the PMO the channel is linked to. Only what the caller may see is answered (domains whose
 * portfolio they may view, the EPMO for its members and admins); anything else reads as unlinked.
 */
import type { LinkRepository } from '../../conversations';
import { type Principal, can, isEpmo } from '../../kernel/roles';

export interface ChannelBinding {
  /** Domains whose PMO the conversation is linked as, among those the caller may view. */
  readonly pmoDomainIds: readonly string[];
  /** Linked as the EPMO, for callers who may see the roll-up. */
  readonly epmo: boolean;
}

export async function channelBinding(deps: { readonly repos: { readonly links: Pick<LinkRepository, 'listByConversation'> } }, p: Principal, conversationId: string): Promise<ChannelBinding> {
  const links = await deps.repos.links.listByConversation(p.tenantId, conversationId);
  const seesRollup = isEpmo(p) || p.roles.some((r) => r.role === 'tenant_admin');
  return {
    pmoDomainIds: links.flatMap((l) => (l.target.kind === 'pmo' && can(p, 'portfolio.view', { domainId: l.target.domainId }) ? [l.target.domainId] : [])),
    epmo: seesRollup && links.some((l) => l.target.kind === 'epmo'),
  };
}
