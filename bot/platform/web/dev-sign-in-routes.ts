/**
 * Development sign-in (`/api/dev/*`), served only when the server runs with development
 * authentication (local use): the people to sign in as, and a short-lived token for one of them.
 * With SSO the table is empty, so these paths answer 404.
 */
import type { DevTokenResponse, DevUser } from '../../api-contract/people';
import { type RouteTable, answer, json, publicRoute } from '../../kernel/http-routes';
import { invalid } from '../../kernel/result';
import { listEveryone } from '../../people';
import type { Authenticator } from './auth';

/** The development sign-in routes, for a server to serve under `/api`. */
export function devSignInRoutes(auth: Authenticator, directory: Parameters<typeof listEveryone>[0]): RouteTable {
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
            (await listEveryone(directory)).map(({ tenant, user, roleNames }) => ({
              tenantId: tenant.tenantId,
              tenantName: tenant.displayName,
              userId: user.userId,
              displayName: user.displayName,
              roles: user.roles,
              roleNames,
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
