/** Who the caller is and what their roles let the tab offer (the server still checks every action). */
import { useCallback } from 'react';
import type { ApiClient } from '../api/client';
import type { MeResponse } from '../../../bot/api-contract/people';
import { useLoad } from './useLoad';

export function useMe(api: ApiClient) {
  const load = useCallback((signal: AbortSignal) => api.me(signal), [api]);
  return useLoad<MeResponse>(load);
}

type Roles = Pick<MeResponse, 'roles'>;

export const isEpmoMember = (me: Roles): boolean => me.roles.some((r) => r.role === 'epmo_member' || r.role === 'strategy_owner');
export const isStrategyOwner = (me: Roles): boolean => me.roles.some((r) => r.role === 'strategy_owner');
/** The domains whose PMO the caller leads. */
export const ledDomains = (me: Roles): string[] => me.roles.flatMap((r) => (r.role === 'pmo_lead' ? [r.domainId] : []));
/** PMO leads and the EPMO work the inbox; everyone else follows what they raised. */
export const worksInbox = (me: Roles): boolean => isEpmoMember(me) || ledDomains(me).length > 0;
