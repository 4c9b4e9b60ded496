/**
 * The portfolio's view of other features' records (its `PortfolioActivitySource` port): open
 * signals from the signals feature, the cascade of active strategy changes from the changes
 * feature. Wired here so the portfolio depends on neither.
 *
 * What each answer reads, every filter applied by Table Storage, not here:
 * - a domain's page: the domain's open signals, and the cascade of active changes to the
 *   domain's recipients;
 * - the roll-up: the tenant's open signals and the cascade of active changes;
 * - an item panel: the item's signals, and the cascade of active changes to the item's domain.
 */
import { type CascadeEntry, type ChangeDeps, activeCascade, recipientVisibleTo } from '../changes';
import type { DomainActivity, ItemActivity, PortfolioActivitySource, RollupActivity } from '../portfolio';
import { type Signal, type SignalDeps, canSeeSignal } from '../signals';

const isOpen = (s: Pick<Signal, 'state'>): boolean => s.state !== 'closed';

type Deps = { readonly signals: Pick<SignalDeps, 'stores'>; readonly changes: Pick<ChangeDeps, 'stores' | 'clock'> };

/** Recipients that count towards a domain's coverage: its PMO and teams (the EPMO copy is not the domain's). */
const inDomain = (e: CascadeEntry, domainId: string): boolean => e.role !== 'epmo' && e.domainId === domainId;
/** Waiting for an answer: reached, and not yet responded as the change asks. */
const unanswered = (e: CascadeEntry): boolean => !e.responded && e.status !== 'unreachable';

function countBy<T>(items: readonly T[], keys: (item: T) => readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) for (const key of keys(item)) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

/** Counts by state; `signals` are open ones (the store filtered them). */
function byState(signals: readonly Signal[]): DomainActivity['openSignalsByState'] {
  return Object.fromEntries(countBy(signals, (s) => [s.state]));
}

/** Per work item, the state of each of its (open) signals. */
function statesByItem(signals: readonly Signal[]): DomainActivity['openSignalsByItem'] {
  const out = new Map<string, Signal['state'][]>();
  for (const s of signals) if (s.workItemId) out.set(s.workItemId, [...(out.get(s.workItemId) ?? []), s.state]);
  return out;
}

export function portfolioActivity(deps: Deps): PortfolioActivitySource {
  const signals = deps.signals.stores.signals;
  return {
    async domainActivity(tenantId, domainId) {
      const [mine, cascade] = await Promise.all([signals.find(tenantId, { domainId, openOnly: true }), activeCascade(deps.changes, tenantId, domainId)]);
      const entries = cascade.filter((e) => inDomain(e, domainId));
      return {
        openSignalsByItem: statesByItem(mine),
        unansweredByItem: countBy(entries.filter((e) => e.role === 'team' && unanswered(e)), (e) => e.workItemIds),
        openSignalsByState: byState(mine),
        overdueResponses: entries.filter((e) => e.overdue).length,
      };
    },

    async rollupActivity(tenantId) {
      const [open, cascade] = await Promise.all([signals.find(tenantId, { openOnly: true }), activeCascade(deps.changes, tenantId)]);
      const domainIds = new Set([...open.map((s) => s.domainId), ...cascade.flatMap((e) => (e.domainId ? [e.domainId] : []))]);
      const out = new Map<string, RollupActivity>();
      for (const domainId of domainIds) {
        const mine = open.filter((s) => s.domainId === domainId);
        const entries = cascade.filter((e) => inDomain(e, domainId));
        const reached = entries.filter((e) => e.status !== 'unreachable');
        out.set(domainId, {
          openSignalsByState: byState(mine),
          overdueResponses: entries.filter((e) => e.overdue).length,
          openEscalations: mine.filter((s) => s.state === 'escalated').length,
          cascade: { activeChanges: new Set(entries.map((e) => e.changeId)).size, recipients: reached.length, responded: reached.filter((e) => e.responded).length },
        });
      }
      return out;
    },

    async itemActivity(viewer, item): Promise<ItemActivity> {
      const [named, cascade] = await Promise.all([signals.find(viewer.tenantId, { workItemId: item.id }), activeCascade(deps.changes, viewer.tenantId, item.domainId)]);
      const reached = cascade.filter((e) => e.role === 'team' && e.workItemIds.includes(item.id));
      return {
        // Each list by its own feature's rule, in the server: what the signals inbox and the changes list would show this person.
        signals: named
          .filter((s) => canSeeSignal(viewer, s))
          .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
          .map((s) => ({ id: s.id, number: s.number, type: s.kind, title: s.title, state: s.state, raisedAt: s.createdAt })),
        changes: reached
          .filter((e) => recipientVisibleTo(viewer, e))
          .map((e) => ({
            changeId: e.changeId,
            title: e.title,
            version: e.version,
            ...(e.publishedAt ? { publishedAt: e.publishedAt } : {}),
            status: e.status,
            ...(e.response ? { response: e.response } : {}),
          })),
        openSignalStates: named.filter(isOpen).map((s) => s.state),
        unansweredChanges: reached.filter(unanswered).length,
      };
    },
  };
}
