/**
 * Portfolio use cases: one function per user action, written against ports. Each checks
 * authorization from the principal's stored roles, then applies domain rules. The read-only
 * views (a domain's portfolio, the roll-up, an item's panel) are in ./portfolio-views.ts.
 */
import { type Domain, type Person, type Rag, type WorkItem, DEFAULT_FRESHNESS_DAYS, isStale, objectiveStatus, overallHealth, statusAgeDays } from '../domain/portfolio';
import { type Result, fail, forbidden, invalid, notFound, ok } from '../../kernel/result';
import { type Principal, can } from '../../kernel/roles';
import { type PortfolioContext, type WorkItemInput, type WorkItemPatch, createWorkItem, updateWorkItem } from '../domain/work-item';
import { statusReportFor } from '../domain/status-report';
import type { DomainActivity, ItemActivity, PeopleLookup, PortfolioActivitySource, PortfolioRepositories } from '../ports';
import type { SignalState } from '../../api-contract/portfolio';
import type { Versioned } from '../../kernel/versioned';
import type { Clock, IdSource } from '../../kernel/runtime';
import { canViewDomain, teamDomainIds } from './access';

/** What the portfolio use cases need: its stores, what other features know of its items, the clock, and ids. */
export interface PortfolioDeps {
  readonly repos: PortfolioRepositories;
  /** Who holds which role: an objective's owner must be a strategy owner. */
  readonly people: PeopleLookup;
  readonly activity: PortfolioActivitySource;
  readonly clock: Clock;
  readonly ids: IdSource;
  /**
   * Called after a domain is created or changed (its cadence may be new): composition wires the
   * check-in timers to it. The write is done by then, so it should report its own failures
   * rather than throw.
   */
  readonly onDomainChanged?: (tenantId: string, domainId: string) => Promise<void>;
}

/** A work item with the health facts derived from it now, its activity counts and its version token. */
export interface AssessedWorkItem extends WorkItem {
  readonly overall: Rag;
  readonly stale: boolean;
  /** Whole days since the last status; absent when never reported. */
  readonly statusAgeDays?: number;
  readonly etag: string;
  /** Signals naming this item that are not closed. */
  readonly openSignals: number;
  /** Their states, each once. */
  readonly openSignalStates: readonly SignalState[];
  /** Active changes whose team copy for this item is unanswered. */
  readonly unansweredChanges: number;
  /** Its open check-in is past its due time. */
  readonly checkInOverdue: boolean;
}

/** Activity counts of one item, when known. */
export interface ItemCounts {
  readonly openSignals: number;
  readonly openSignalStates: readonly SignalState[];
  readonly unansweredChanges: number;
  readonly checkInOverdue: boolean;
}

/** A new item's counts: nothing can name an id that did not exist. */
const NO_ACTIVITY: ItemCounts = { openSignals: 0, openSignalStates: [], unansweredChanges: 0, checkInOverdue: false };

/** Counts and distinct states of an item's open signals, from each one's state. */
function openOf(states: readonly SignalState[]): Pick<ItemCounts, 'openSignals' | 'openSignalStates'> {
  return { openSignals: states.length, openSignalStates: [...new Set(states)] };
}

/** One item's counts within its domain's activity. */
export const countsIn = (activity: DomainActivity, id: string): ItemCounts => ({
  ...openOf(activity.openSignalsByItem.get(id) ?? []),
  unansweredChanges: activity.unansweredByItem.get(id) ?? 0,
  checkInOverdue: activity.overdueCheckIns.has(id),
});

/** One item's counts from its activity: signals not closed, changes its team has not answered. */
export const countsOf = ({ openSignalStates, unansweredChanges, checkInOverdue }: ItemActivity): ItemCounts => ({ ...openOf(openSignalStates), unansweredChanges, checkInOverdue });

const itemCounts = async (deps: PortfolioDeps, p: Principal, item: Pick<WorkItem, 'id' | 'domainId'>, now: Date): Promise<ItemCounts> =>
  countsOf(await deps.activity.itemActivity(p, item, now));

/** Derives the health facts of a stored item; items of an unknown domain get the default freshness. */
export function assess(v: Versioned<WorkItem>, domain: Pick<Domain, 'freshnessDays'> | undefined, now: Date, counts: ItemCounts = NO_ACTIVITY): AssessedWorkItem {
  const age = statusAgeDays(v.value, now);
  return {
    ...v.value,
    overall: overallHealth(v.value.health),
    stale: isStale(v.value, domain ?? { freshnessDays: DEFAULT_FRESHNESS_DAYS }, now),
    ...(age !== undefined ? { statusAgeDays: age } : {}),
    etag: v.etag,
    openSignals: counts.openSignals,
    openSignalStates: counts.openSignalStates,
    unansweredChanges: counts.unansweredChanges,
    checkInOverdue: counts.checkInOverdue,
  };
}

/** Programs nest a few levels deep; a longer chain is a cycle the rules report. */
const MAX_PARENT_HOPS = 20;

/**
 * What the work-item rules need to know: the catalogue, the items of `domainIds` (only where a
 * rule needs a whole domain: an import's parents and titles, a program's children), and the
 * parent chain, followed by id — a few point reads, not a whole domain of thousands of items on
 * every write.
 */
export async function portfolioContext(deps: PortfolioDeps, tenantId: string, domainIds: readonly string[], parentId?: string): Promise<PortfolioContext & { readonly items: ReadonlyMap<string, WorkItem> }> {
  const [domains, objectives, ...lists] = await Promise.all([
    deps.repos.domains.list(tenantId),
    deps.repos.objectives.list(tenantId),
    ...[...new Set(domainIds)].map((d) => deps.repos.workItems.listByDomain(tenantId, d)),
  ]);
  const items = new Map<string, WorkItem>(lists.flat().map((i) => [i.value.id, i.value]));
  let next = parentId;
  let last: WorkItem | undefined;
  let hops = 0;
  for (; next !== undefined && !items.has(next) && hops < MAX_PARENT_HOPS; hops += 1) {
    const found = await deps.repos.workItems.get(tenantId, next);
    if (!found) break;
    last = found.value;
    items.set(last.id, last);
    next = last.parentId;
  }
  // A chain deeper than the hops read goes on in its domain (parents share their child's): read
  // the rest there, so a cycle however long is seen.
  if (hops === MAX_PARENT_HOPS && last !== undefined && next !== undefined && !items.has(next)) {
    for (const i of await deps.repos.workItems.listByDomain(tenantId, last.domainId)) if (!items.has(i.value.id)) items.set(i.value.id, i.value);
  }
  return {
    tenantId,
    now: deps.clock.now(),
    domainIds: new Set(domains.map((d) => d.value.id)),
    objectiveIds: new Set(objectives.map((o) => o.value.id)),
    retiredObjectives: new Map(objectives.filter((o) => objectiveStatus(o.value) === 'retired').map((o) => [o.value.id, o.value.code])),
    items,
  };
}

/** Who made a report: the signed-in person. */
export const reporter = (p: Principal): Person => ({ userId: p.userId, displayName: p.displayName });

/** The work items the caller may see, in one domain or in every domain they may see (one partition each). */
export async function listWorkItems(deps: PortfolioDeps, p: Principal, domainId?: string): Promise<Result<AssessedWorkItem[]>> {
  const [domains, team] = await Promise.all([deps.repos.domains.list(p.tenantId), teamDomainIds(p, deps.repos.workItems)]);
  const byId = new Map(domains.map((d) => [d.value.id, d.value]));
  if (domainId !== undefined) {
    // The right first: a domain the caller may not see answers like one that does not exist.
    if (!canViewDomain(p, domainId, team)) return forbidden('You cannot see this domain\'s portfolio.');
    if (!byId.has(domainId)) return notFound(`Domain "${domainId}"`);
  }
  const visible = domainId !== undefined ? [domainId] : [...byId.keys()].filter((d) => canViewDomain(p, d, team));
  const now = deps.clock.now();
  const lists = await Promise.all(
    visible.map(async (d) => {
      const [items, activity] = await Promise.all([deps.repos.workItems.listByDomain(p.tenantId, d), deps.activity.domainActivity(p.tenantId, d, now)]);
      return items.map((i) => assess(i, byId.get(d), now, countsIn(activity, i.value.id)));
    }),
  );
  return ok(lists.flat());
}

/** One work item, if the caller may see its domain. */
export async function getWorkItem(deps: PortfolioDeps, p: Principal, id: string): Promise<Result<AssessedWorkItem>> {
  const [item, team] = await Promise.all([deps.repos.workItems.get(p.tenantId, id), teamDomainIds(p, deps.repos.workItems)]);
  // The same answer for "no such item" and "not yours": an id says nothing about another domain.
  if (!item || !canViewDomain(p, item.value.domainId, team)) return notFound(`Work item "${id}"`);
  const now = deps.clock.now();
  const [domain, counts] = await Promise.all([deps.repos.domains.get(p.tenantId, item.value.domainId), itemCounts(deps, p, item.value, now)]);
  return ok(assess(item, domain?.value, now, counts));
}

/** A new work item, checked against the portfolio rules (the domain's PMO lead). */
export async function createWorkItemAction(deps: PortfolioDeps, p: Principal, input: WorkItemInput): Promise<Result<AssessedWorkItem>> {
  // The right first, from the caller's roles alone: another domain's name is not theirs to learn.
  if (!can(p, 'portfolio.edit', { domainId: input.domainId })) return forbidden('Only the domain\'s PMO lead can add work items to it.');
  const domain = await deps.repos.domains.get(p.tenantId, input.domainId);
  if (!domain) return invalid('The work item breaks portfolio rules.', [{ at: 'domainId', message: `Unknown domain "${input.domainId}".` }]);
  const ctx = await portfolioContext(deps, p.tenantId, [], input.parentId);
  const made = createWorkItem(deps.ids.next('wi'), input, ctx);
  if (!made.ok) return made;
  const report = statusReportFor(undefined, made.value, reporter(p), 'tab', ctx.now);
  const saved = await deps.repos.workItems.create({ item: made.value, ...(report ? { report } : {}) });
  return saved.ok ? ok(assess(saved.value, domain.value, ctx.now)) : saved;
}

/** Changes a work item edited at version `etag`; moving it needs edit rights in both domains. */
export async function updateWorkItemAction(deps: PortfolioDeps, p: Principal, id: string, patch: WorkItemPatch, etag: string): Promise<Result<AssessedWorkItem>> {
  const [existing, team] = await Promise.all([deps.repos.workItems.get(p.tenantId, id), teamDomainIds(p, deps.repos.workItems)]);
  if (!existing || !canViewDomain(p, existing.value.domainId, team)) return notFound(`Work item "${id}"`);
  if (!can(p, 'portfolio.edit', { domainId: existing.value.domainId })) return forbidden('Only the PMO lead of this item\'s domain can change it.');
  if (patch.domainId !== undefined && patch.domainId !== existing.value.domainId && !can(p, 'portfolio.edit', { domainId: patch.domainId })) {
    return forbidden('You can only move items into a domain whose portfolio you edit.');
  }
  if (existing.etag !== etag) return fail('CONFLICT.STALE', 'Someone else changed this work item since you loaded it. Reload and try again.');
  // The parent chain is read only when the rules check it: a new parent, or a move (see updateWorkItem).
  const parentId = patch.parentId === null ? undefined : (patch.parentId ?? existing.value.parentId);
  const parentChecked = parentId !== existing.value.parentId || (patch.domainId !== undefined && patch.domainId !== existing.value.domainId);
  // A program that stops being one or leaves its domain must have no children: only then is its
  // whole domain read.
  const unmakesProgram = patch.structure !== undefined && patch.structure !== 'program';
  const leavesDomain = patch.domainId !== undefined && patch.domainId !== existing.value.domainId;
  const childrenMatter = existing.value.structure === 'program' && (unmakesProgram || leavesDomain);
  const ctx = await portfolioContext(deps, p.tenantId, childrenMatter ? [existing.value.domainId] : [], parentChecked ? parentId : undefined);
  const next = updateWorkItem(existing.value, patch, ctx);
  if (!next.ok) return next;
  const report = statusReportFor(existing.value, next.value, reporter(p), 'tab', ctx.now);
  const saved = await deps.repos.workItems.update({ item: next.value, ...(report ? { report } : {}) }, etag);
  if (!saved.ok) return saved;
  const [domain, counts] = await Promise.all([deps.repos.domains.get(p.tenantId, next.value.domainId), itemCounts(deps, p, next.value, ctx.now)]);
  return ok(assess(saved.value, domain?.value, ctx.now, counts));
}
