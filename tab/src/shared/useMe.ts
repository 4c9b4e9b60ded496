/** Who the caller is and what their roles let the tab offer (the server still checks every action). */
import { useCallback } from 'react';
import type { ApiClient } from '../api/client';
import type { MeResponse } from '../../../bot/api-contract/people';
import { useLoad } from './useLoad';

/**
 * One `GET /api/me` per API client (that is, per signed-in person) for everything on screen: the
 * navigation and the page both ask, and would otherwise fetch it twice on every visit. A failed
 * request is forgotten, so Retry asks again; a new identity gets a new client, so a fresh answer.
 */
const asked = new WeakMap<ApiClient, Promise<MeResponse>>();

function meOf(api: ApiClient): Promise<MeResponse> {
  let me = asked.get(api);
  if (!me) {
    me = api.me();
    asked.set(api, me);
    me.catch(() => asked.delete(api));
  }
  return me;
}

export function useMe(api: ApiClient) {
  // Shared, so not aborted when one asker goes away; the others still wait for it.
  const load = useCallback(() => meOf(api), [api]);
  return useLoad<MeResponse>(load);
}

type Roles = Pick<MeResponse, 'roles'>;

export const isEpmoMember = (me: Roles): boolean => me.roles.some((r) => r.role === 'epmo_member' || r.role === 'strategy_owner');
export const isTenantAdmin = (me: Roles): boolean => me.roles.some((r) => r.role === 'tenant_admin');
export const isStrategyOwner = (me: Roles): boolean => me.roles.some((r) => r.role === 'strategy_owner');
/** The domains whose PMO the caller leads. */
export const ledDomains = (me: Roles): string[] => me.roles.flatMap((r) => (r.role === 'pmo_lead' ? [r.domainId] : []));
/** PMO leads and the EPMO work the inbox; everyone else follows what they raised. */
export const worksInbox = (me: Roles): boolean => isEpmoMember(me) || ledDomains(me).length > 0;
