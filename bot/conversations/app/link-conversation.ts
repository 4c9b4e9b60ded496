/**
 * `link`: tie a channel or group chat to a domain's PMO, to the EPMO, or to a work item's
 * delivery team, so strategy changes and signals reach the right people. A domain has one
 * PMO channel and a tenant one EPMO channel, so linking a new one replaces the old link; a
 * work item may have several team conversations. Authorization comes from the caller's
 * stored roles, whatever a card claims.
 */
import { type ConversationLink, type ConversationRef, type LinkTarget, describeTarget } from '../domain/conversation';
import type { Domain, PortfolioRepositories, WorkItem } from '../../portfolio';
import { type Result, fail, forbidden, invalid, ok } from '../../kernel/result';
import { type Principal, can } from '../../kernel/roles';
import type { ConversationStore, LinkRepository } from '../ports';
import type { Clock } from '../../kernel/runtime';
import { knownConversation } from './known-conversation';
import { rosterIdOf } from '../domain/teams-people';

export interface LinkDeps {
  readonly repos: Pick<PortfolioRepositories, 'domains' | 'workItems'> & { readonly links: LinkRepository; readonly conversations: ConversationStore };
  readonly clock: Clock;
}

/** A target as typed after `link`: a name or an id, resolved against the tenant's portfolio. */
export type LinkTargetQuery =
  | { readonly kind: 'pmo'; readonly query: string }
  | { readonly kind: 'epmo' }
  | { readonly kind: 'team'; readonly query: string };

const norm = (s: string): string => s.trim().replace(/\s+/g, ' ').toLowerCase();

/** Finds the target a person named in text (`link pmo IT`, `link team Website rebuild`). */
export async function findLinkTarget(deps: LinkDeps, tenantId: string, query: LinkTargetQuery): Promise<Result<LinkTarget>> {
  if (query.kind === 'epmo') return ok({ kind: 'epmo' });
  if (query.kind === 'pmo') {
    const domains = (await deps.repos.domains.list(tenantId)).map((d) => d.value);
    const q = norm(query.query).replace(/ pmo$/, '');
    const matches = pick(domains, (d) => d.id === query.query.trim(), (d) => norm(d.name) === q);
    if (matches.length === 1 && matches[0]) return ok({ kind: 'pmo', domainId: matches[0].id });
    if (matches.length > 1) return invalid(`Several domains are called "${query.query}"; use the domain's id instead.`);
    return fail('LINK.UNKNOWN_TARGET', `There is no domain called "${query.query}". Send "link" to choose from the domains you can link.`);
  }
  // A team is named by id (one lookup) or by title, which means reading every domain's items.
  const byId = await deps.repos.workItems.get(tenantId, query.query.trim());
  if (byId) return ok({ kind: 'team', workItemId: byId.value.id });
  const domains = await deps.repos.domains.list(tenantId);
  const items = (await Promise.all(domains.map((d) => deps.repos.workItems.listByDomain(tenantId, d.value.id)))).flat().map((w) => w.value);
  const q = norm(query.query).replace(/ team$/, '');
  const matches = pick(
    items,
    (w) => w.id === query.query.trim(),
    (w) => norm(w.title) === q,
    (w) => norm(w.title).includes(q),
  );
  if (matches.length === 1 && matches[0]) return ok({ kind: 'team', workItemId: matches[0].id });
  if (matches.length > 1) {
    const names = matches.slice(0, 5).map((w) => `"${w.title}" (${w.id})`).join(', ');
    return invalid(`Several work items match "${query.query}": ${names}${matches.length > 5 ? ', …' : ''}. Use the full title or the id.`);
  }
  return fail('LINK.UNKNOWN_TARGET', `No work item matches "${query.query}". Send "link" to choose from the work items you can link.`);
}

/** The matches of the first test that matches anything: an exact id beats an exact name beats a partial one. */
function pick<T>(all: readonly T[], ...tests: ((t: T) => boolean)[]): T[] {
  for (const test of tests) {
    const found = all.filter(test);
    if (found.length > 0) return found;
  }
  return [];
}

export interface LinkOutcome {
  readonly link: ConversationLink;
  readonly conversation: ConversationRef;
  /** "the IT PMO", "the EPMO", "the team of Website rebuild". */
  readonly targetName: string;
  /** Conversations that held this PMO or EPMO link before and no longer do. */
  readonly replaced: readonly { readonly conversationId: string; readonly title: string }[];
  /** The conversation was already linked to this target; nothing changed. */
  readonly alreadyLinked: boolean;
}

type Resolved = { target: LinkTarget; domain?: Domain; workItem?: WorkItem };

async function resolveTarget(deps: LinkDeps, tenantId: string, target: LinkTarget): Promise<Result<Resolved>> {
  switch (target.kind) {
    case 'epmo':
      return ok({ target });
    case 'pmo': {
      const domain = await deps.repos.domains.get(tenantId, target.domainId);
      return domain ? ok({ target, domain: domain.value }) : fail('LINK.UNKNOWN_TARGET', 'That domain does not exist (any more) in your organisation. Send "link" for a fresh list.');
    }
    case 'team': {
      const item = await deps.repos.workItems.get(tenantId, target.workItemId);
      return item ? ok({ target, workItem: item.value }) : fail('LINK.UNKNOWN_TARGET', 'That work item does not exist (any more) in your organisation. Send "link" for a fresh list.');
    }
  }
}

function authorize(principal: Principal, r: Resolved): Result<true> {
  switch (r.target.kind) {
    case 'epmo':
      return can(principal, 'link.epmo') ? ok(true) : forbidden('Only EPMO members and tenant admins can link the EPMO channel.');
    case 'pmo':
      return can(principal, 'link.pmo', { domainId: r.target.domainId })
        ? ok(true)
        : forbidden(`Only ${r.domain?.name ?? 'the domain'}'s PMO leads and tenant admins can link the ${r.domain?.name ?? 'domain'} PMO channel.`);
    case 'team':
      return can(principal, 'link.team', { domainId: r.workItem?.domainId, workItemId: r.target.workItemId })
        ? ok(true)
        : forbidden(`Only members of the ${r.workItem?.title ?? 'work item'} team, its domain's PMO leads and tenant admins can link its team conversation.`);
  }
}

/** Links the conversation to the target, replacing the previous PMO or EPMO channel when there is one. */
export async function linkConversation(
  deps: LinkDeps,
  principal: Principal,
  conversationId: string,
  target: LinkTarget,
): Promise<Result<LinkOutcome>> {
  const tenantId = principal.tenantId;
  const known = await knownConversation(deps.repos.conversations, tenantId, conversationId);
  if (!known.ok) return known;
  const conversation = known.value;
  if (conversation.kind === 'personal') {
    return invalid('A personal chat cannot be linked. Use "link" in a team channel or a group chat.');
  }
  const resolved = await resolveTarget(deps, tenantId, target);
  if (!resolved.ok) return resolved;
  const allowed = authorize(principal, resolved.value);
  if (!allowed.ok) return allowed;

  const targetName = describeTarget(target, { domain: resolved.value.domain?.name, workItem: resolved.value.workItem?.title });
  const existing = await deps.repos.links.listByTarget(tenantId, target);
  const stored = existing.find((l) => l.conversationId === conversationId);
  const alreadyLinked = stored !== undefined;
  // A domain has one PMO channel and the tenant one EPMO channel; a work item may have many team conversations.
  const single = target.kind === 'pmo' || target.kind === 'epmo';
  const toReplace = single ? existing.filter((l) => l.conversationId !== conversationId) : [];
  const rosterId = rosterIdOf(conversation);
  const link: ConversationLink = stored
    ? { ...stored, ...(rosterId !== undefined ? { rosterId } : {}) }
    : { tenantId, conversationId, ...(rosterId !== undefined ? { rosterId } : {}), target, linkedBy: principal.userId, linkedAt: deps.clock.now().toISOString() };

  // Write the new link before removing the old one: if the second step fails, a retry finishes
  // the job, and the target is never left without a channel. A link stored before links knew
  // their roster gets it now.
  if (!stored || stored.rosterId !== link.rosterId) await deps.repos.links.put(link);
  const replaced = [];
  for (const old of toReplace) {
    await deps.repos.links.remove(tenantId, old.conversationId, old.target);
    const ref = await deps.repos.conversations.get(tenantId, old.conversationId);
    replaced.push({ conversationId: old.conversationId, title: ref?.title ?? 'another conversation' });
  }
  return ok({ link, conversation, targetName, replaced, alreadyLinked: alreadyLinked && toReplace.length === 0 });
}

/** `link pmo <domain>`, `link epmo`, `link team <work item>`: finds the target named, then links it. */
export async function linkByName(deps: LinkDeps, principal: Principal, conversationId: string, query: LinkTargetQuery): Promise<Result<LinkOutcome>> {
  const target = await findLinkTarget(deps, principal.tenantId, query);
  return target.ok ? linkConversation(deps, principal, conversationId, target.value) : target;
}
