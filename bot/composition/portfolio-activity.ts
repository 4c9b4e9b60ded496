/**
 * The portfolio's view of other features' records (its `PortfolioActivitySource` port): open
 * signals from the signals feature, the cascade of active strategy changes from the changes
 * feature. Wired here so the portfolio depends on neither.
 *
 * A domain's page and the roll-up read each domain's stored activity projection (one point
 * read per domain; bot/portfolio/app/projected-activity.ts), which the signals' and changes'
 * writes mark out of date (activity-marks.ts). Only an out-of-date projection is computed
 * again, from the domain's open signals and the cascade of active changes to the domain's
 * recipients, every filter applied by Table Storage, and the domain's open check-ins (one
 * partition query; their writes mark the domain too). An item panel reads the item's signals
 * and the cascade of active changes to the item's domain: lists filtered per viewer.
 */
import { type CascadeEntry, type ChangeDeps, activeCascade, recipientVisibleTo } from '../changes';
import type { IdSource } from '../kernel/runtime';
import {
  type ActivityProjection,
  type ItemActivity,
  type PortfolioActivitySource,
  type PortfolioRepositories,
  type RollupActivity,
  domainActivityOf,
  projectedActivity,
  rollupActivityOf,
} from '../portfolio';
import { type Signal, type SignalDeps, canSeeSignal } from '../signals';
import type { CheckInRequest, CheckInStore } from '../checkins';

const isOpen = (s: Pick<Signal, 'state'>): boolean => s.state !== 'closed';

interface Deps {
  readonly signals: Pick<SignalDeps, 'stores'>;
  readonly changes: Pick<ChangeDeps, 'stores' | 'clock'>;
  /** The domains (cached) and the activity projections. */
  readonly portfolio: Pick<PortfolioRepositories, 'domains' | 'activity'>;
  readonly checkIns: Pick<CheckInStore, 'listOpen'>;
  readonly ids: IdSource;
}

/** Per item, when its open check-in is due: the newest, should an older one not be superseded yet. */
function dueByItem(open: readonly CheckInRequest[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of [...open].sort((a, b) => a.requestedAt.localeCompare(b.requestedAt))) out[r.workItemId] = r.dueAt;
  return out;
}

/** Recipients that count towards a domain's coverage: its PMO and teams (the EPMO copy is not the domain's). */
const inDomain = (e: CascadeEntry, domainId: string): boolean => e.role !== 'epmo' && e.domainId === domainId;
/** Waiting for an answer: reached, and not yet responded as the change asks. */
const unanswered = (e: CascadeEntry): boolean => !e.responded && e.status !== 'unreachable';

function countBy<T>(items: readonly T[], keys: (item: T) => readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) for (const key of keys(item)) counts[key] = (counts[key] ?? 0) + 1;
  return counts;
}

/** Per work item, the states of its open signals, sorted (so equal activity stores alike). */
function statesByItem(signals: readonly Signal[]): ActivityProjection['openSignalsByItem'] {
  const out: Record<string, Signal['state'][]> = {};
  for (const s of signals) if (s.workItemId) out[s.workItemId] = [...(out[s.workItemId] ?? []), s.state].sort();
  return out;
}

/** A domain's activity from its open signals and the cascade of active changes to its recipients. */
async function computeActivity(deps: Deps, tenantId: string, domainId: string): Promise<ActivityProjection> {
  const [mine, cascade, open] = await Promise.all([
    deps.signals.stores.signals.find(tenantId, { domainId, openOnly: true }),
    activeCascade(deps.changes, tenantId, domainId),
    deps.checkIns.listOpen(tenantId, domainId),
  ]);
  const entries = cascade.filter((e) => inDomain(e, domainId));
  const reached = entries.filter((e) => e.status !== 'unreachable');
  const waiting = entries.filter(unanswered);
  return {
    openSignalsByItem: statesByItem(mine),
    unansweredByItem: countBy(waiting.filter((e) => e.role === 'team'), (e) => e.workItemIds),
    openSignalsByState: countBy(mine, (s) => [s.state]),
    cascade: { activeChanges: new Set(entries.map((e) => e.changeId)).size, recipients: reached.length, responded: reached.filter((e) => e.responded).length },
    // Overdue is unanswered past respond-by: counted at read time, so it moves with the clock.
    unansweredDue: countBy(waiting, (e) => [e.respondBy]),
    checkInsDue: dueByItem(open),
  };
}

export function portfolioActivity(deps: Deps): PortfolioActivitySource {
  const signals = deps.signals.stores.signals;
  const projected = projectedActivity({ store: deps.portfolio.activity, ids: deps.ids, compute: (tenantId, domainId) => computeActivity(deps, tenantId, domainId) });
  return {
    async domainActivity(tenantId, domainId, now) {
      return domainActivityOf(await projected(tenantId, domainId, now), now);
    },

    async rollupActivity(tenantId, now) {
      const domains = await deps.portfolio.domains.list(tenantId);
      const rows = await Promise.all(domains.map(async (d): Promise<[string, RollupActivity]> => [d.value.id, rollupActivityOf(await projected(tenantId, d.value.id, now), now)]));
      return new Map(rows);
    },

    async itemActivity(viewer, item, now): Promise<ItemActivity> {
      const [named, cascade, open] = await Promise.all([
        signals.find(viewer.tenantId, { workItemId: item.id }),
        activeCascade(deps.changes, viewer.tenantId, item.domainId),
        deps.checkIns.listOpen(viewer.tenantId, item.domainId),
      ]);
      const due = dueByItem(open)[item.id];
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
        checkInOverdue: due !== undefined && Date.parse(due) < now.getTime(),
      };
    },
  };
}
