/**
 * Finding people by name, for the tenant admin assigning roles (issue #11): among those PMO Relay
 * knows — people with roles, and everyone it met in Teams (who talked to the bot, and the rosters
 * of linked teams and chats, whose names are kept with their Teams user ids) — and, when deployed
 * with permission to read it, the tenant's directory.
 */
import { type Result, forbidden, invalid, ok } from '../../kernel/result';
import { type Principal, type RoleAssignment, can } from '../../kernel/roles';
import { type LabelledRole, roleLabel } from '../domain/role-change';
import type { TeamsUserStore } from '../../conversations';
import type { DirectoryEntry, TenantDirectory } from '../ports';
import type { PeopleDeps } from './people';
import { roleTargets } from './role-targets';

/** Where a match was found: PMO Relay's roles, Teams (activities and rosters), or the tenant's directory. */
export type PersonSource = 'roles' | 'teams' | 'directory';

export interface PersonMatch {
  readonly userId: string;
  readonly displayName: string;
  readonly email?: string;
  readonly source: PersonSource;
  readonly roles: readonly LabelledRole[];
}

/** Whether the tenant's directory was searched: not configured, or it could not be read this time. */
export type DirectoryState = 'searched' | 'off' | 'unavailable';

export interface PeopleSearchDeps extends PeopleDeps {
  readonly teamsUsers: Pick<TeamsUserStore, 'list'>;
  /** Present when deployed with permission to read the tenant's directory. */
  readonly directory?: TenantDirectory;
}

/** Matches answered at most. */
export const SEARCH_LIMIT = 20;

interface Found {
  readonly userId: string;
  readonly displayName: string;
  readonly email?: string;
  readonly source: PersonSource;
  readonly roles: readonly RoleAssignment[];
}

/** Whether every word typed begins a word of the name or the email (`ann sm` finds Ann Smith). */
function matches(words: readonly string[], p: { readonly displayName: string; readonly email?: string }): boolean {
  const said = `${p.displayName} ${p.email ?? ''}`.toLowerCase().split(/[\s.@_-]+/);
  return words.every((w) => said.some((s) => s.startsWith(w)));
}

/** People whose name matches `q`, those with roles first, each once; tenant admins only. */
export async function searchPeople(deps: PeopleSearchDeps, p: Principal, q: unknown): Promise<Result<{ people: PersonMatch[]; directory: DirectoryState }>> {
  if (!can(p, 'role.assign')) return forbidden('Only a tenant admin can look people up to assign roles.');
  const text = typeof q === 'string' ? q.trim() : '';
  if (text.length === 0 || text.length > 100) return invalid('Type part of a name (1 to 100 characters) in q.');
  const words = text.toLowerCase().split(/\s+/);
  const [users, teams, directory] = await Promise.all([
    deps.repos.users.list(p.tenantId),
    deps.teamsUsers.list(p.tenantId),
    searchDirectory(deps.directory, p.tenantId, text),
  ]);
  const found = new Map<string, Found>();
  const add = (f: Found) => {
    if (!found.has(f.userId) && matches(words, f)) found.set(f.userId, f);
  };
  for (const u of users) add({ userId: u.userId, displayName: u.displayName, ...(u.email ? { email: u.email } : {}), source: 'roles', roles: u.roles });
  for (const t of teams) if (t.name) add({ userId: t.userId, displayName: t.name, source: 'teams', roles: [] });
  for (const d of directory.entries) add({ ...d, source: 'directory', roles: [] });
  const rank = (f: Found) => (f.source === 'roles' ? 0 : f.source === 'teams' ? 1 : 2);
  const best = [...found.values()].sort((a, b) => rank(a) - rank(b) || a.displayName.localeCompare(b.displayName)).slice(0, SEARCH_LIMIT);
  const targets = await roleTargets(deps, p.tenantId, best.flatMap((f) => f.roles));
  const people = best.map(({ roles, ...f }) => ({ ...f, roles: roles.map((r) => ({ role: r, label: roleLabel(r, targets) })) }));
  return ok({ people, directory: directory.state });
}

/** The directory's matches; a directory that cannot be read leaves the others to answer. */
async function searchDirectory(directory: TenantDirectory | undefined, tenantId: string, text: string): Promise<{ entries: DirectoryEntry[]; state: DirectoryState }> {
  if (!directory) return { entries: [], state: 'off' };
  try {
    return { entries: await directory.search(tenantId, text, SEARCH_LIMIT), state: 'searched' };
  } catch {
    return { entries: [], state: 'unavailable' };
  }
}
