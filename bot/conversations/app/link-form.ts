/**
 * The `link` form: the targets a person may link a conversation to (from the permission
 * matrix) and what the conversation is linked to now.
 */
import { type ConversationRef, type LinkTarget, describeTarget } from '../domain/conversation';
import { type Result, ok } from '../../kernel/result';
import { type Principal, can, teamWorkItems } from '../../kernel/roles';
import { knownConversation } from './known-conversation';
import type { LinkDeps } from './link-conversation';

/** One target the caller may link a conversation to, with a label people recognise. */
interface LinkOption {
  readonly target: LinkTarget;
  /** "IT PMO", "EPMO", "Website rebuild team". */
  readonly label: string;
  /** Extra context, e.g. the work item's domain. */
  readonly detail?: string;
}

export interface LinkOptions {
  readonly pmo: readonly LinkOption[];
  readonly epmo?: LinkOption;
  readonly teams: readonly LinkOption[];
}

const byLabel = (a: LinkOption, b: LinkOption): number => a.label.localeCompare(b.label);

/** The targets this person may link a conversation to, from the permission matrix. */
export async function linkOptions(deps: LinkDeps, principal: Principal): Promise<LinkOptions> {
  const domains = await deps.repos.domains.list(principal.tenantId);
  // The items a team link may name: those of the domains the caller leads (all, for an admin)
  // and the caller's own; each domain is one partition read.
  const ledDomains = domains.filter(({ value }) => can(principal, 'link.team', { domainId: value.id }));
  const [led, own] = await Promise.all([
    Promise.all(ledDomains.map(({ value }) => deps.repos.workItems.listByDomain(principal.tenantId, value.id))),
    deps.repos.workItems.getMany(principal.tenantId, teamWorkItems(principal)),
  ]);
  const items = [...new Map([...led.flat(), ...own].map((i) => [i.value.id, i])).values()];
  const domainNames = new Map(domains.map(({ value }) => [value.id, value.name]));
  const pmo = domains
    .map(({ value }) => value)
    .filter((d) => can(principal, 'link.pmo', { domainId: d.id }))
    .map((d): LinkOption => ({ target: { kind: 'pmo', domainId: d.id }, label: `${d.name} PMO` }))
    .sort(byLabel);
  const teams = items
    .map(({ value }) => value)
    .filter((w) => can(principal, 'link.team', { domainId: w.domainId, workItemId: w.id }))
    .map((w): LinkOption => {
      const domain = domainNames.get(w.domainId);
      return { target: { kind: 'team', workItemId: w.id }, label: `${w.title} team`, ...(domain ? { detail: domain } : {}) };
    })
    .sort(byLabel);
  return {
    pmo,
    ...(can(principal, 'link.epmo') ? { epmo: { target: { kind: 'epmo' }, label: 'EPMO' } } : {}),
    teams,
  };
}

const hasLinkOptions = (o: LinkOptions): boolean => o.pmo.length > 0 || o.epmo !== undefined || o.teams.length > 0;

/** The conversation's current links, described for people. */
async function currentLinks(deps: LinkDeps, tenantId: string, conversationId: string): Promise<string[]> {
  const links = await deps.repos.links.listByConversation(tenantId, conversationId);
  return Promise.all(links.map(async (l) => describeTarget(l.target, await targetNames(deps, tenantId, l.target))));
}

async function targetNames(deps: LinkDeps, tenantId: string, target: LinkTarget): Promise<{ domain?: string; workItem?: string }> {
  if (target.kind === 'pmo') {
    const d = await deps.repos.domains.get(tenantId, target.domainId);
    return d ? { domain: d.value.name } : {};
  }
  if (target.kind === 'team') {
    const w = await deps.repos.workItems.get(tenantId, target.workItemId);
    return w ? { workItem: w.value.title } : {};
  }
  return {};
}

/** What the `link` form shows in a conversation, or why there is no form. */
export type LinkForm =
  | { readonly kind: 'form'; readonly conversation: ConversationRef; readonly options: LinkOptions; readonly currentLinks: readonly string[] }
  /** A personal chat is nobody's PMO channel. */
  | { readonly kind: 'personal' }
  /** The person may link nothing: no role gives them a target. */
  | { readonly kind: 'nothing' };

/** The `link` form for this person in this conversation (NOT_FOUND when PMO Relay does not know it). */
export async function linkForm(deps: LinkDeps, principal: Principal, conversationId: string): Promise<Result<LinkForm>> {
  const conversation = await knownConversation(deps.repos.conversations, principal.tenantId, conversationId);
  if (!conversation.ok) return conversation;
  if (conversation.value.kind === 'personal') return ok({ kind: 'personal' });
  const options = await linkOptions(deps, principal);
  if (!hasLinkOptions(options)) return ok({ kind: 'nothing' });
  return ok({ kind: 'form', conversation: conversation.value, options, currentLinks: await currentLinks(deps, principal.tenantId, conversationId) });
}
