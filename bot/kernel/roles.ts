/**
 * People, roles and the permission matrix of PRODUCT.md §1. Authorization is decided here,
 * on the server, from the caller's identity and stored roles — never from what a card or a
 * request body claims.
 */

export const ROLES = ['epmo_member', 'strategy_owner', 'pmo_lead', 'team_member', 'tenant_admin'] as const;
export type Role = (typeof ROLES)[number];

/** One role held by one person; PMO leads hold it per domain, team members per work item. */
export type RoleAssignment =
  | { readonly role: 'epmo_member' }
  | { readonly role: 'strategy_owner' }
  | { readonly role: 'tenant_admin' }
  | { readonly role: 'pmo_lead'; readonly domainId: string }
  | { readonly role: 'team_member'; readonly workItemId: string };

/** A person known to PMO Relay in one tenant. */
export interface User {
  readonly tenantId: string;
  /** Entra object id. */
  readonly userId: string;
  readonly displayName: string;
  readonly email?: string;
  readonly roles: readonly RoleAssignment[];
}

/** The authenticated caller of an action: who, in which tenant, holding which roles. */
export interface Principal {
  readonly tenantId: string;
  readonly userId: string;
  readonly displayName: string;
  readonly roles: readonly RoleAssignment[];
}

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  epmo_member: 'EPMO member',
  strategy_owner: 'Strategy owner',
  pmo_lead: 'PMO lead',
  team_member: 'Team member',
  tenant_admin: 'Tenant admin',
};

/** Everything an action may be scoped to. */
export interface Scope {
  readonly domainId?: string;
  readonly workItemId?: string;
}

/** The actions the matrix governs, in domain words. */
export type Action =
  | 'portfolio.view'
  | 'portfolio.edit'
  | 'objective.edit'
  | 'domain.create'
  | 'role.assign'
  | 'link.pmo'
  | 'link.epmo'
  | 'link.team'
  | 'change.draft'
  | 'change.publish'
  | 'change.respond'
  | 'cascade.view'
  | 'signal.raise'
  | 'signal.handle'
  | 'escalation.view'
  | 'escalation.decide'
  | 'checkin.request'
  | 'checkin.answer';

const has = (p: Pick<Principal, 'roles'>, role: Role): boolean => p.roles.some((r) => r.role === role);

/** EPMO members and strategy owners (who are EPMO members with decision rights). */
export const isEpmo = (p: Pick<Principal, 'roles'>): boolean => has(p, 'epmo_member') || has(p, 'strategy_owner');

export const leadsDomain = (p: Pick<Principal, 'roles'>, domainId: string | undefined): boolean =>
  domainId !== undefined && p.roles.some((r) => r.role === 'pmo_lead' && r.domainId === domainId);

export const onTeamOf = (p: Pick<Principal, 'roles'>, workItemId: string | undefined): boolean =>
  workItemId !== undefined && p.roles.some((r) => r.role === 'team_member' && r.workItemId === workItemId);

/** Domains a PMO lead leads. */
export const ledDomains = (p: Pick<Principal, 'roles'>): string[] =>
  p.roles.flatMap((r) => (r.role === 'pmo_lead' ? [r.domainId] : []));

/** Work items whose delivery team the person is on. */
export const teamWorkItems = (p: Pick<Principal, 'roles'>): string[] =>
  p.roles.flatMap((r) => (r.role === 'team_member' ? [r.workItemId] : []));

/**
 * The permission matrix. `scope` names the domain (and work item) the action touches; the
 * caller resolves it from stored records, not from the request.
 */
export function can(p: Pick<Principal, 'roles'>, action: Action, scope: Scope = {}): boolean {
  const admin = has(p, 'tenant_admin');
  const epmo = isEpmo(p);
  const lead = leadsDomain(p, scope.domainId);
  const team = onTeamOf(p, scope.workItemId);
  switch (action) {
    case 'portfolio.view':
      // Team members see the portfolio of the domain their own item belongs to.
      return epmo || admin || lead || team;
    case 'portfolio.edit':
      return lead || admin;
    case 'objective.edit':
      return epmo || admin;
    case 'domain.create':
    case 'role.assign':
      return admin;
    case 'link.pmo':
      return admin || lead;
    case 'link.epmo':
      return admin || epmo;
    case 'link.team':
      return admin || lead || team;
    case 'change.draft':
    case 'change.publish':
      return epmo;
    case 'change.respond':
      return epmo || lead || team;
    case 'cascade.view':
      return epmo || lead;
    case 'signal.raise':
      return team || lead || epmo;
    case 'signal.handle':
      return lead;
    case 'escalation.view':
      return epmo;
    case 'escalation.decide':
      return has(p, 'strategy_owner');
    case 'checkin.request':
      return lead || admin;
    case 'checkin.answer':
      // The item's team answers; its domain's PMO lead may answer for a team that cannot.
      return team || lead;
  }
}
