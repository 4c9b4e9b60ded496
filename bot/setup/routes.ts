/**
 * Setup routes of the JSON API, served under `/api`; shapes are in bot/api-contract/setup.ts.
 * Each calls one use case and answers with the wire type.
 */
import type { ConversationLinkResponse, SetupGapsResponse } from '../api-contract/setup';
import { type RouteTable, answer, json, route } from '../kernel/http-routes';
import { ok } from '../kernel/result';
import { channelBinding } from './app/channel-binding';
import { type SetupDeps, findSetupGaps } from './app/setup-gaps';

/** The setup routes, for a server to serve under `/api`. */
export function setupRoutes(deps: SetupDeps): RouteTable {
  return {
    jsonLimit: '16kb',
    routes: [
      route({
        method: 'GET',
        path: '/setup/gaps',
        handle: async (_req, p) => {
          const gaps = await findSetupGaps(deps, p);
          return answer<SetupGapsResponse>(gaps.ok ? ok({ gaps: gaps.value }) : gaps);
        },
      }),
      route({
        method: 'GET',
        path: '/conversations/:conversationId/link',
        handle: async ({ params }, p) => json<ConversationLinkResponse>(await channelBinding(deps, p, params.conversationId)),
      }),
    ],
  };
}
