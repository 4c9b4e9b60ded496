/**
 * Data and view state of the PMO inbox: loads the signals in the caller's scope once, then
 * filters, searches and groups them in the browser so every change of filter is instant.
 */
import { useCallback, useMemo, useState } from 'react';
import type { SignalsApi } from '../api/signals';
import { useLoad } from '../shared/useLoad';
import { type InboxFilters, NO_INBOX_FILTERS, filterSignals, groupByState } from './filters';
import { OPEN_STATES, type SignalView } from './types';

export interface DomainChoice {
  readonly id: string;
  readonly name: string;
}

/** The distinct domains of the signals, by name. */
export function domainsOf(signals: readonly Pick<SignalView, 'domainId' | 'domainName'>[]): DomainChoice[] {
  const byId = new Map<string, string>();
  for (const s of signals) byId.set(s.domainId, s.domainName);
  return [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}

/** `mine`: only what the caller raised (for people who do not work the inbox). */
export function useInbox(api: SignalsApi, mine: boolean) {
  const load = useCallback((signal: AbortSignal) => api.inbox(mine ? { mine: 'true' } : {}, signal), [api, mine]);
  const inbox = useLoad(load);
  const [filters, setFilters] = useState<InboxFilters>(NO_INBOX_FILTERS);
  const [includeFinished, setIncludeFinished] = useState(false);
  const clearFilters = useCallback(() => setFilters(NO_INBOX_FILTERS), []);

  const items = inbox.status === 'ready' ? inbox.data.items : undefined;
  const view = useMemo(() => {
    if (!items) return undefined;
    // Choosing a finished state in the filter shows it even when finished ones are hidden.
    const scope = includeFinished || filters.states.some((s) => !OPEN_STATES.includes(s)) ? items : items.filter((s) => OPEN_STATES.includes(s.state));
    const rows = filterSignals(scope, filters);
    return { total: scope.length, visible: rows.length, groups: groupByState(rows), domains: domainsOf(items) };
  }, [items, filters, includeFinished]);

  return { inbox, view, filters, setFilters, clearFilters, includeFinished, setIncludeFinished };
}
