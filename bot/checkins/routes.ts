/**
 * The check-ins routes of the JSON API (PRODUCT.md §2, §5), served under `/api`; shapes are in
 * bot/api-contract/checkins.ts. Each parses, calls the use case and answers with the wire type.
 */
import { z } from 'zod';
import type { CheckInRequestBody, CheckInRoundResponse, CheckInsResponse } from '../api-contract/checkins';
import { type RouteTable, answer, json, route } from '../kernel/http-routes';
import type { CheckInDeps } from './app/deps';
import { domainCheckIns, newRoundView } from './app/queries';
import { requestRoundAs } from './app/request';

const itemId = z.string().min(1).max(128);
const requestBody: z.ZodType<CheckInRequestBody> = z.object({ itemIds: z.array(itemId).max(500).optional(), again: z.boolean().optional() }).strict();

/** The check-ins routes, for a server to serve under `/api`. */
export function checkInRoutes(deps: CheckInDeps): RouteTable {
  return {
    jsonLimit: '64kb',
    routes: [
      route({ method: 'GET', path: '/domains/:domainId/check-ins', handle: async ({ params }, p) => answer<CheckInsResponse>(await domainCheckIns(deps, p, params.domainId)) }),
      route({
        method: 'POST',
        path: '/domains/:domainId/check-ins',
        body: requestBody,
        handle: async ({ params, body }, p) => {
          const round = await requestRoundAs(deps, p, { domainId: params.domainId, ...(body.itemIds ? { itemIds: body.itemIds } : {}), ...(body.again ? { again: true } : {}) });
          return round.ok ? json<CheckInRoundResponse>(await newRoundView(deps, round.value), 201) : round;
        },
      }),
    ],
  };
}
