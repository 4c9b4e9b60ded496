/**
 * The people part of the JSON API (PRODUCT.md §1): who the caller is, the tenant's people and
 * their roles, and the development sign-in. Types only; the tab imports them, the server
 * (bot/people/routes.ts, bot/platform/web/dev-sign-in-routes.ts) implements them. Errors are
 * `ApiError` bodies (./common.ts).
 */
import type { RoleAssignment, User } from '../kernel/roles';
import type { LabelledRole, RoleChange } from '../people/domain/role-change';
export type { LabelledRole };

/** `GET /api/me` */
export interface MeResponse {
  readonly tenantId: string;
  readonly userId: string;
  readonly displayName: string;
  readonly roles: readonly RoleAssignment[];
  readonly authMode: 'dev' | 'sso';
  /** The caller's roles as people name them, each once. */
  readonly roleLabels: readonly string[];
}

/**
 * A person and their roles, for the tenant admin (PRODUCT.md §1): `GET /api/people` lists them;
 * `GET /api/people/:userId` and `PUT /api/people/:userId` (the full set of roles; `[]` removes
 * them all) answer one. `roleLabels[i]` is `roles[i]` as people read it (`PMO lead · IT`).
 * Removing the last tenant admin's role is refused (409, `CONFLICT.LAST_ONE`).
 */
export type PersonResponse = User & { readonly roleLabels: readonly string[] };
export type PeopleResponse = readonly PersonResponse[];

/** Where a person was found: PMO Relay's roles, Teams (people who talked to the bot, rosters of linked teams and chats), or the tenant's directory. */
export type PersonSource = 'roles' | 'teams' | 'directory';

/** `GET /api/people/search?q=` (tenant admins): people by name, those with roles first, at most 20. */
export interface PeopleSearchResponse {
  readonly people: readonly {
    readonly userId: string;
    readonly displayName: string;
    readonly email?: string;
    readonly source: PersonSource;
    /** Their current roles. */
    readonly roles: readonly LabelledRole[];
  }[];
  /** The tenant's directory: searched, not configured (`off`), or could not be read this time. */
  readonly directory: 'searched' | 'off' | 'unavailable';
}

/** One change to one person's roles: who made it, when, what was granted and removed. */
export type RoleChangeView = Omit<RoleChange, 'tenantId'>;

/** `GET /api/people/role-changes[?continuation=]` (tenant admins): newest first, a page at a time. */
export interface RoleChangesResponse {
  readonly changes: readonly RoleChangeView[];
  /** Ask again with it for older changes. */
  readonly continuation?: string;
}

/**
 * `GET /api/directory`: the tenant's people by name, to choose a work item's owner from (PMO
 * leads, the EPMO and tenant admins). Names and ids only: no roles, no email.
 */
export interface DirectoryPerson {
  readonly userId: string;
  readonly displayName: string;
}
export type DirectoryResponse = readonly DirectoryPerson[];

/** `GET /api/dev/users` (development mode only; 404 otherwise). */
export interface DevUser {
  readonly tenantId: string;
  readonly tenantName: string;
  readonly userId: string;
  readonly displayName: string;
  readonly roles: readonly RoleAssignment[];
  /** The roles as people read them, e.g. `PMO lead · IT`. */
  readonly roleNames: readonly string[];
}

/** `POST /api/dev/token` body (development mode only). */
export interface DevTokenRequest {
  readonly tenantId: string;
  readonly userId: string;
}
export interface DevTokenResponse {
  readonly token: string;
  readonly expiresAt: string;
}
