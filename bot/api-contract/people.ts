/**
 * The people part of the JSON API (PRODUCT.md §1): who the caller is, the tenant's people and
 * their roles, and the development sign-in. Types only; the tab imports them, the server
 * (bot/people/routes.ts, bot/platform/web/dev-sign-in-routes.ts) implements them. Errors are
 * `ApiError` bodies (./common.ts).
 */
import type { RoleAssignment, User } from '../kernel/roles';

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
 * `GET /api/people/:userId` and `PUT /api/people/:userId` (the full set of roles) answer one.
 */
export type PersonResponse = User;
export type PeopleResponse = readonly PersonResponse[];

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
