/**
 * "What is not set up yet", for the tenant admin. Each read is one the tenant's size allows: the
 * domains and objectives (cached catalogue), one `stats` row per domain (which objectives have
 * items), each domain's item ids and titles (two columns of its partition), every link of the
 * tenant (one range read), the linked conversations (a few point reads, or the tenant's list when
 * many), and the people who used the app against those holding roles, and the domains someone
 * leads, from the same read of the people (a partition read each).
 */
import type { ConversationRef, ConversationStore, LinkRepository, TeamsUserStore } from '../../conversations';
import type { UserDirectory } from '../../people';
import { type PortfolioRepositories, objectiveStatus } from '../../portfolio';
import { type Result, forbidden, ok } from '../../kernel/result';
import { type Principal, can } from '../../kernel/roles';
import { type AppUser, type Reach, type SetupGap, setupGaps } from '../domain/gaps';
import type { TabVisitStore } from '../ports';

export interface SetupDeps {
  readonly repos: Pick<PortfolioRepositories, 'domains' | 'objectives' | 'workItems'> & {
    readonly links: Pick<LinkRepository, 'list' | 'listByConversation'>;
    readonly conversations: Pick<ConversationStore, 'get' | 'list'>;
    readonly teamsUsers: Pick<TeamsUserStore, 'list'>;
    readonly users: Pick<UserDirectory, 'list'>;
  };
  readonly visits: Pick<TabVisitStore, 'list'>;
}

/** Up to this many linked conversations are point reads; more are one read of the tenant's conversations. */
const FEW_CONVERSATIONS = 20;

export async function findSetupGaps(deps: SetupDeps, p: Principal): Promise<Result<SetupGap[]>> {
  if (!can(p, 'role.assign')) return forbidden('Only a tenant admin can see what is not set up yet.');
  const { repos } = deps;
  const tenantId = p.tenantId;
  const [domains, objectives, links, teamsUsers, visits, users] = await Promise.all([
    repos.domains.list(tenantId),
    repos.objectives.list(tenantId),
    repos.links.list(tenantId),
    repos.teamsUsers.list(tenantId),
    deps.visits.list(tenantId),
    repos.users.list(tenantId),
  ]);
  const perDomain = await Promise.all(
    domains.map(async (d) => {
      const [items, stats] = await Promise.all([repos.workItems.namesByDomain(tenantId, d.value.id), repos.workItems.stats(tenantId, d.value.id)]);
      return { items, objectives: Object.keys(stats.objectives) };
    }),
  );
  const active = await activeConversations(repos.conversations, tenantId, [...new Set(links.map((l) => l.conversationId))]);
  const reached: Reach[] = [];
  const lost: Reach[] = [];
  for (const l of links) (active.has(l.conversationId) ? reached : lost).push(l.target);
  const appUsers: AppUser[] = [
    ...teamsUsers.flatMap((u): AppUser[] => (u.talkedAt === undefined ? [] : [{ userId: u.userId, ...(u.name === undefined ? {} : { name: u.name }), via: 'bot' }])),
    ...visits.map((v): AppUser => ({ userId: v.userId, name: v.name, via: 'tab' })),
  ];
  return ok(
    setupGaps({
      domains: domains.map((d) => ({ id: d.value.id, name: d.value.name })),
      // A retired objective is no longer pursued: no item is expected to align to it.
      objectives: objectives.filter((o) => objectiveStatus(o.value) === 'active').map((o) => ({ id: o.value.id, code: o.value.code, title: o.value.title })),
      objectivesInUse: new Set(perDomain.flatMap((d) => d.objectives)),
      items: perDomain.flatMap((d) => d.items),
      reached,
      lost,
      appUsers,
      withRoles: new Set(users.filter((u) => u.roles.length > 0).map((u) => u.userId)),
      ledDomains: new Set(users.flatMap((u) => u.roles.flatMap((r) => (r.role === 'pmo_lead' ? [r.domainId] : [])))),
    }),
  );
}

/** The ids of those of `ids` that PMO Relay is still in. */
async function activeConversations(store: SetupDeps['repos']['conversations'], tenantId: string, ids: readonly string[]): Promise<Set<string>> {
  const found: (ConversationRef | undefined)[] =
    ids.length <= FEW_CONVERSATIONS ? await Promise.all(ids.map((id) => store.get(tenantId, id))) : await store.list(tenantId);
  const wanted = new Set(ids);
  return new Set(found.flatMap((c) => (c && c.active && wanted.has(c.conversationId) ? [c.conversationId] : [])));
}
