/**
 * The choice the configuration page starts from: the tab's current binding when it is being
 * reconfigured, else the portfolio of the PMO (or the EPMO) the channel is linked as, else none.
 */
import { useCallback } from 'react';
import type { ApiClient } from '../api/client';
import { conversationLink } from '../admin/setup-api';
import { useLoad } from '../shared/useLoad';
import { tabConfigContext } from '../teams/tab-config';
import { type BindingChoice, ROLLUP, choiceOfContentUrl, domainChoice } from './binding';

export interface InitialBinding {
  readonly choice?: BindingChoice;
  /** `saved`: the tab's current binding; `linked`: suggested by the channel's link. */
  readonly reason?: 'saved' | 'linked';
}

async function initialBinding(api: ApiClient, signal: AbortSignal): Promise<InitialBinding> {
  const context = await tabConfigContext();
  const saved = choiceOfContentUrl(context.contentUrl);
  if (saved) return { choice: saved, reason: 'saved' };
  if (!context.conversationId) return {};
  try {
    const link = await conversationLink(api.transport, context.conversationId, signal);
    const [domainId] = link.pmoDomainIds;
    if (domainId !== undefined) return { choice: domainChoice(domainId), reason: 'linked' };
    return link.epmo ? { choice: ROLLUP, reason: 'linked' } : {};
  } catch {
    // Only a suggestion: without it the page simply starts with nothing chosen.
    return {};
  }
}

export function useInitialBinding(api: ApiClient, inTeams: boolean) {
  const load = useCallback((signal: AbortSignal) => (inTeams ? initialBinding(api, signal) : Promise.resolve<InitialBinding>({})), [api, inTeams]);
  return useLoad(load);
}
