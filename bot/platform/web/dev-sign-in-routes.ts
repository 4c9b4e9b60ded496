/**
 * Development sign-in (`/api/dev/*`), served only when the server runs with development
 * authentication (local use): the people to sign in as, and a short-lived token for one of them.
 * With SSO the table is empty, so these paths answer 404.
 */
import type { DevTokenResponse, DevUser } from '../../api-contract/people';
import { type RouteTable, answer, json, publicRoute } from '../../kernel/http-routes';
import { invalid } from '../../kernel/result';
import type { TenantRepository } from '../../kernel/tenant';
import { type UserDirectory, listEveryone } from '../../people';
import type { Authenticator } from './auth';

/** The development sign-in routes, for a server to serve under `/api`. */
export function devSignInRoutes(auth: Authenticator, directory: { readonly tenants: TenantRepository; readonly users: UserDirectory }): RouteTable {
  const issue = auth.issueDevToken;
  if (!issue) return { jsonLimit: '256kb', routes: [] };
  return {
    jsonLimit: '256kb',
    routes: [
      publicRoute({
        method: 'GET',
        path: '/dev/users',
        handle: async () =>
          json<DevUser[]>(
            (await listEveryone(directory)).map(({ tenant, user }) => ({
              tenantId: tenant.tenantId,
              tenantName: tenant.displayName,
              userId: user.userId,
              displayName: user.displayName,
              roles: user.roles,
            })),
          ),
      }),
      publicRoute({
        method: 'POST',
        path: '/dev/token',
        handle: async ({ body }) => {
          const asked = (body ?? {}) as { tenantId?: unknown; userId?: unknown };
          if (typeof asked.tenantId !== 'string' || typeof asked.userId !== 'string') return invalid('Send { "tenantId": "…", "userId": "…" }.');
          return answer<DevTokenResponse>(await issue(asked.tenantId, asked.userId));
        },
      }),
    ],
  };
}
