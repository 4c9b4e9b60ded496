/**
 * A stand-in for Teams' Bot Connector for the seeded demo conversations, served by the app
 * itself in local and test runs only. It accepts what the bot sends (201 with an activity id,
 * 200 for an update) and keeps nothing; the cascade and delivery views then show the demo as
 * delivered.
 */
import { randomUUID } from 'node:crypto';
import { type RouteRequest, type RouteTable, json, publicRoute } from '../kernel/http-routes';
import type { Logger } from '../kernel/logger';

/** Where the demo connector is served; the demo conversations' service URL points here. */
export const DEMO_CONNECTOR_PATH = '/_demo/connector';

/** The connector's answer to a send or an update: the activity's id. */
interface ResourceResponse {
  readonly id: string;
}

/** The demo connector's routes, for a server to serve at `DEMO_CONNECTOR_PATH`. */
export function demoConnectorRoutes(logger: Logger): RouteTable {
  const delivered = async ({ params }: RouteRequest<'/v3/conversations/:conversationId/activities'>) => {
    logger.debug({ conversationId: params.conversationId }, 'demo connector: message delivered');
    return json<ResourceResponse>({ id: `demo-${randomUUID()}` }, 201);
  };
  return {
    jsonLimit: '1mb',
    routes: [
      // A new message, or a reply to one.
      publicRoute({ method: 'POST', path: '/v3/conversations/:conversationId/activities', handle: delivered }),
      publicRoute({ method: 'POST', path: '/v3/conversations/:conversationId/activities/:activityId', handle: delivered }),
      publicRoute({
        method: 'PUT',
        path: '/v3/conversations/:conversationId/activities/:activityId',
        handle: async ({ params }) => {
          logger.debug({ conversationId: params.conversationId, activityId: params.activityId }, 'demo connector: message updated');
          return json<ResourceResponse>({ id: params.activityId });
        },
      }),
    ],
  };
}
