/**
 * Who signed in to the tab: every authenticated API call names its caller, and the first call of
 * each person in each instance is recorded, so "people who use PMO Relay" includes those who only
 * ever opened the tab. A memo per instance spares a write per request.
 */
import type { Logger } from '../../kernel/logger';
import type { Principal } from '../../kernel/roles';
import type { Clock } from '../../kernel/runtime';
import type { TabVisitStore } from '../ports';

/** How many people an instance remembers as recorded; past it, it starts over. */
const MEMO_LIMIT = 10_000;

export interface TabVisits {
  /**
   * Records the caller's visit unless this instance already did (then it resolves at once); never
   * rejects, so a storage hiccup never fails the request it rides on.
   */
  seen(caller: Pick<Principal, 'tenantId' | 'userId' | 'displayName'>): Promise<void>;
}

export function tabVisits(deps: { readonly store: TabVisitStore; readonly clock: Clock; readonly logger: Logger }): TabVisits {
  const recorded = new Set<string>();
  return {
    async seen(caller) {
      const key = `${caller.tenantId}|${caller.userId}`;
      if (recorded.has(key)) return;
      if (recorded.size >= MEMO_LIMIT) recorded.clear();
      recorded.add(key);
      const visit = { tenantId: caller.tenantId, userId: caller.userId, name: caller.displayName, seenAt: deps.clock.now().toISOString() };
      await deps.store.record(visit).catch((err: unknown) => {
        // Not recorded this time: the next request of this person tries again.
        recorded.delete(key);
        deps.logger.warn({ err, tenantId: caller.tenantId }, 'could not record a tab visit');
      });
    },
  };
}
