/**
 * What a channel is linked to, for the channel tab's configuration page: it suggests the portfolio
 * of the PMO the channel is linked to. Only what the caller may see is answered (domains whose
 * portfolio they may view, the EPMO for its members and admins); anything else reads as unlinked.
 */
import type { LinkRepository } from '../../conversations';
import type { Principal } from '../../kernel/roles';
import { type PortfolioRepositories, canSeeRollup, canViewDomain, teamDomainIds } from '../../portfolio';

export interface ChannelBinding {
  /** Domains whose PMO the conversation is linked as, among those the caller may view. */
  readonly pmoDomainIds: readonly string[];
  /** Linked as the EPMO, for callers who may see the roll-up. */
  readonly epmo: boolean;
}

export interface ChannelBindingDeps {
  readonly repos: { readonly links: Pick<LinkRepository, 'listByConversation'>; readonly workItems: Pick<PortfolioRepositories['workItems'], 'domainsOf'> };
}

export async function channelBinding(deps: ChannelBindingDeps, p: Principal, conversationId: string): Promise<ChannelBinding> {
  const links = await deps.repos.links.listByConversation(p.tenantId, conversationId);
  const pmo = links.flatMap((l) => (l.target.kind === 'pmo' ? [l.target.domainId] : []));
  // Team members see their items' domains: resolved only when there is a PMO link to check.
  const teamDomains = pmo.length > 0 ? await teamDomainIds(p, deps.repos.workItems) : new Set<string>();
  return {
    pmoDomainIds: pmo.filter((domainId) => canViewDomain(p, domainId, teamDomains)),
    epmo: canSeeRollup(p) && links.some((l) => l.target.kind === 'epmo'),
  };
}
