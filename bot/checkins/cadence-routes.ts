/**
 * The cadence route of the check-ins API (PRODUCT.md §2), served under `/api`; shapes are in
 * bot/api-contract/checkins.ts. The body is checked by the use case, after the caller is
 * authorized, so a caller without the right learns nothing from its validation.
 */
import type { CheckInCadenceResponse } from '../api-contract/checkins';
import { type RouteTable, answer, route } from '../kernel/http-routes';
import { type SetCadenceDeps, setCadence } from './app/set-cadence';

export function cadenceRoutes(deps: SetCadenceDeps): RouteTable {
  return {
    jsonLimit: '16kb',
    routes: [
      route({
        method: 'PUT',
        path: '/domains/:domainId/check-in-cadence',
        handle: async ({ params, body }, p) => answer<CheckInCadenceResponse>(await setCadence(deps, p, params.domainId, body)),
      }),
    ],
  };
}
