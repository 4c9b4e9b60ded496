/**
 * Portfolio use cases: one function per user action, written against ports. Each checks
 * authorization from the principal's stored roles, then applies domain rules.
 */
import {
  type Domain,
  type PortfolioKpis,
  type Rag,
  type StrategicObjective,
  type WorkItem,
  DEFAULT_FRESHNESS_DAYS,
  isStale,
  overallHealth,
  portfolioKpis,
  statusAgeDays,
} from '../domain/portfolio';
import { type Result, fail, forbidden, invalid, notFound, ok } from '../../kernel/result';
import { type Principal, can } from '../../kernel/roles';
import { type PortfolioContext, type WorkItemInput, type WorkItemPatch, createWorkItem, updateWorkItem } from '../domain/work-item';
import type { PortfolioRepositories } from '../ports';
import type { Versioned } from '../../kernel/versioned';
import type { Clock, IdSource } from '../../kernel/runtime';
import type { HeatmapRow, PortfolioActivity } from '../../api-contract/portfolio';
import { canEditDomain, canViewDomain, teamDomainIds } from './access';

/** What the portfolio use cases need: its stores, the clock, and ids for new records. */
export interface PortfolioDeps {
  readonly repos: PortfolioRepositories;
  readonly clock: Clock;
  readonly ids: IdSource;
}

/** A work item with the health facts derived from it now, and its version token. */
export interface AssessedWorkItem extends WorkItem {
  readonly overall: Rag;
  readonly stale: boolean;
  /** Whole days since the last status; absent when never reported. */
  readonly statusAgeDays?: number;
  readonly etag: string;
  /** Signals naming this item that are not closed. NOT YET COUNTED: 0 until activity lands. */
  readonly openSignals: number;
  /** Active changes whose team copy for this item is unanswered. NOT YET COUNTED: 0 until activity lands. */
  readonly unansweredChanges: number;
}

/** One domain's portfolio: KPIs, the items, and whether the caller may edit. */
export interface DomainPortfolio {
  readonly domain: Domain;
  readonly kpis: PortfolioKpis & PortfolioActivity;
  readonly heatmap: readonly HeatmapRow[];
  readonly items: readonly AssessedWorkItem[];
  readonly objectives: readonly StrategicObjective[];
  readonly canEdit: boolean;
}

/** Derives the health facts of a stored item; items of an unknown domain get the default freshness. */
export function assess(v: Versioned<WorkItem>, domain: Pick<Domain, 'freshnessDays'> | undefined, now: Date): AssessedWorkItem {
  const age = statusAgeDays(v.value, now);
  return {
    ...v.value,
    overall: overallHealth(v.value.health),
    stale: isStale(v.value, domain ?? { freshnessDays: DEFAULT_FRESHNESS_DAYS }, now),
    ...(age !== undefined ? { statusAgeDays: age } : {}),
    etag: v.etag,
    openSignals: 0,
    unansweredChanges: 0,
  };
}

/** Objectives × overall health over the given items; an item counts once per objective it serves. */
function heatmapOf(items: readonly WorkItem[]): HeatmapRow[] {
  const rows = new Map<string | null, Record<Rag, number>>();
  for (const item of items) {
    const overall = overallHealth(item.health);
    const keys = item.objectives.length > 0 ? item.objectives.map((o) => o.objectiveId) : [null];
    for (const key of keys) {
      const row = rows.get(key) ?? { green: 0, amber: 0, red: 0, unknown: 0 };
      row[overall] += 1;
      rows.set(key, row);
    }
  }
  return [...rows].map(([objectiveId, byOverall]) => ({ objectiveId, byOverall }));
}

/** Loads what the work-item rules need to know about the tenant's portfolio. */
export async function portfolioContext(deps: PortfolioDeps, tenantId: string, items?: readonly Versioned<WorkItem>[]): Promise<PortfolioContext> {
  const [domains, objectives, all] = await Promise.all([
    deps.repos.domains.list(tenantId),
    deps.repos.objectives.list(tenantId),
    items ? Promise.resolve(items) : deps.repos.workItems.list(tenantId),
  ]);
  return {
    tenantId,
    now: deps.clock.now(),
    domainIds: new Set(domains.map((d) => d.value.id)),
    objectiveIds: new Set(objectives.map((o) => o.value.id)),
    items: new Map(all.map((i) => [i.value.id, i.value])),
  };
}

const byName = (a: Domain, b: Domain) => a.name.localeCompare(b.name);

/** Domains the caller may see. */
export async function listDomains(deps: PortfolioDeps, p: Principal): Promise<Domain[]> {
  const [domains, items] = await Promise.all([deps.repos.domains.list(p.tenantId), deps.repos.workItems.list(p.tenantId)]);
  const team = teamDomainIds(p, items.map((i) => i.value));
  return domains.map((d) => d.value).filter((d) => canViewDomain(p, d.id, team)).sort(byName);
}

/** A new domain (tenant admins). */
export async function createDomain(deps: PortfolioDeps, p: Principal, input: { id?: string; name: string; description: string; freshnessDays: number }): Promise<Result<Domain>> {
  if (!can(p, 'domain.create')) return forbidden('Only a tenant admin can create domains.');
  const domain: Domain = {
    tenantId: p.tenantId,
    id: input.id ?? deps.ids.next('dom'),
    name: input.name,
    description: input.description,
    freshnessDays: input.freshnessDays,
    createdAt: deps.clock.now().toISOString(),
  };
  const created = await deps.repos.domains.create(domain);
  return created.ok ? ok(created.value.value) : created;
}

/** The Portfolio page of one domain: KPIs, the items, and whether the caller may edit. */
export async function getPortfolio(deps: PortfolioDeps, p: Principal, domainId: string): Promise<Result<DomainPortfolio>> {
  const [domain, items, objectives] = await Promise.all([
    deps.repos.domains.get(p.tenantId, domainId),
    deps.repos.workItems.list(p.tenantId),
    deps.repos.objectives.list(p.tenantId),
  ]);
  if (!domain) return notFound(`Domain "${domainId}"`);
  if (!canViewDomain(p, domainId, teamDomainIds(p, items.map((i) => i.value)))) {
    return forbidden(`You cannot see the ${domain.value.name} portfolio. Ask its PMO lead or a tenant admin for access.`);
  }
  const now = deps.clock.now();
  const mine = items.filter((i) => i.value.domainId === domainId);
  const views = mine.map((i) => assess(i, domain.value, now)).sort((a, b) => a.title.localeCompare(b.title));
  return ok({
    domain: domain.value,
    // Activity is not counted yet (0 / empty): it comes with the activity source.
    kpis: { ...portfolioKpis(mine.map((i) => i.value), new Map([[domain.value.id, domain.value]]), now), openSignalsByState: {}, overdueResponses: 0 },
    heatmap: heatmapOf(mine.map((i) => i.value)),
    items: views,
    objectives: objectives.map((o) => o.value).sort((a, b) => a.priority - b.priority || a.code.localeCompare(b.code)),
    canEdit: canEditDomain(p, domain.value),
  });
}

/** The work items the caller may see, in one domain or all. */
export async function listWorkItems(deps: PortfolioDeps, p: Principal, domainId?: string): Promise<Result<AssessedWorkItem[]>> {
  const [domains, items] = await Promise.all([deps.repos.domains.list(p.tenantId), deps.repos.workItems.list(p.tenantId)]);
  const team = teamDomainIds(p, items.map((i) => i.value));
  const byId = new Map(domains.map((d) => [d.value.id, d.value]));
  if (domainId !== undefined) {
    if (!byId.has(domainId)) return notFound(`Domain "${domainId}"`);
    if (!canViewDomain(p, domainId, team)) return forbidden('You cannot see this domain\'s portfolio.');
  }
  const now = deps.clock.now();
  return ok(
    items
      .filter((i) => (domainId === undefined || i.value.domainId === domainId) && canViewDomain(p, i.value.domainId, team))
      .map((i) => assess(i, byId.get(i.value.domainId), now)),
  );
}

/** One work item, if the caller may see its domain. */
export async function getWorkItem(deps: PortfolioDeps, p: Principal, id: string): Promise<Result<AssessedWorkItem>> {
  const [item, items] = await Promise.all([deps.repos.workItems.get(p.tenantId, id), deps.repos.workItems.list(p.tenantId)]);
  if (!item) return notFound(`Work item "${id}"`);
  if (!canViewDomain(p, item.value.domainId, teamDomainIds(p, items.map((i) => i.value)))) return forbidden('You cannot see this work item.');
  const domain = await deps.repos.domains.get(p.tenantId, item.value.domainId);
  return ok(assess(item, domain?.value, deps.clock.now()));
}

/** A new work item, checked against the portfolio rules (the domain's PMO lead). */
export async function createWorkItemAction(deps: PortfolioDeps, p: Principal, input: WorkItemInput): Promise<Result<AssessedWorkItem>> {
  const domain = await deps.repos.domains.get(p.tenantId, input.domainId);
  if (!domain) return invalid('The work item breaks portfolio rules.', [{ at: 'domainId', message: `Unknown domain "${input.domainId}".` }]);
  if (!can(p, 'portfolio.edit', { domainId: input.domainId })) return forbidden(`Only the ${domain.value.name} PMO lead can add work items to this domain.`);
  const ctx = await portfolioContext(deps, p.tenantId);
  const made = createWorkItem(deps.ids.next('wi'), input, ctx);
  if (!made.ok) return made;
  const saved = await deps.repos.workItems.create(made.value);
  return saved.ok ? ok(assess(saved.value, domain.value, ctx.now)) : saved;
}

/** Changes a work item edited at version `etag`; moving it needs edit rights in both domains. */
export async function updateWorkItemAction(deps: PortfolioDeps, p: Principal, id: string, patch: WorkItemPatch, etag: string): Promise<Result<AssessedWorkItem>> {
  const existing = await deps.repos.workItems.get(p.tenantId, id);
  if (!existing) return notFound(`Work item "${id}"`);
  if (!can(p, 'portfolio.edit', { domainId: existing.value.domainId })) return forbidden('Only the PMO lead of this item\'s domain can change it.');
  if (patch.domainId !== undefined && patch.domainId !== existing.value.domainId && !can(p, 'portfolio.edit', { domainId: patch.domainId })) {
    return forbidden('You can only move items into a domain whose portfolio you edit.');
  }
  if (existing.etag !== etag) return fail('CONFLICT.STALE', 'Someone else changed this work item since you loaded it. Reload and try again.');
  const ctx = await portfolioContext(deps, p.tenantId);
  const next = updateWorkItem(existing.value, patch, ctx);
  if (!next.ok) return next;
  const saved = await deps.repos.workItems.update(next.value, etag);
  if (!saved.ok) return saved;
  const domain = await deps.repos.domains.get(p.tenantId, next.value.domainId);
  return ok(assess(saved.value, domain?.value, ctx.now));
}

/** The tenant's strategic objectives by priority, then code. */
export async function listObjectives(deps: PortfolioDeps, p: Principal): Promise<Versioned<StrategicObjective>[]> {
  void p; // every signed-in member of the tenant may read the objectives
  const all = await deps.repos.objectives.list(p.tenantId);
  return all.sort((a, b) => a.value.priority - b.value.priority || a.value.code.localeCompare(b.value.code));
}

type ObjectiveInput = Omit<StrategicObjective, 'tenantId' | 'id' | 'createdAt'>;

/** A new strategic objective with a code not yet used (EPMO members). */
export async function createObjective(deps: PortfolioDeps, p: Principal, input: ObjectiveInput): Promise<Result<Versioned<StrategicObjective>>> {
  if (!can(p, 'objective.edit')) return forbidden('Only EPMO members can create strategic objectives.');
  const existing = await deps.repos.objectives.list(p.tenantId);
  if (existing.some((o) => o.value.code.toLowerCase() === input.code.toLowerCase())) {
    return fail('CONFLICT.ALREADY_EXISTS', `An objective with code "${input.code}" already exists.`);
  }
  return deps.repos.objectives.create({ ...input, tenantId: p.tenantId, id: deps.ids.next('obj'), createdAt: deps.clock.now().toISOString() });
}

/** Changes an objective edited at version `etag`; its code stays unique (EPMO members). */
export async function updateObjective(deps: PortfolioDeps, p: Principal, id: string, patch: Partial<ObjectiveInput>, etag: string): Promise<Result<Versioned<StrategicObjective>>> {
  if (!can(p, 'objective.edit')) return forbidden('Only EPMO members can change strategic objectives.');
  const existing = await deps.repos.objectives.get(p.tenantId, id);
  if (!existing) return notFound(`Objective "${id}"`);
  if (existing.etag !== etag) return fail('CONFLICT.STALE', 'Someone else changed this objective since you loaded it. Reload and try again.');
  if (patch.code !== undefined && patch.code.toLowerCase() !== existing.value.code.toLowerCase()) {
    const all = await deps.repos.objectives.list(p.tenantId);
    if (all.some((o) => o.value.code.toLowerCase() === patch.code?.toLowerCase())) return fail('CONFLICT.ALREADY_EXISTS', `An objective with code "${patch.code}" already exists.`);
  }
  return deps.repos.objectives.update({ ...existing.value, ...patch }, etag);
}
