/**
 * The portfolio's read views, each reading only what it shows: a domain's page of items with its
 * figures (one partition), the EPMO roll-up (one figures row per domain) and an item's panel
 * (the index, the item, its reports). Authorization comes first; input (a page token) is checked
 * after, so a caller who may not look learns nothing from the answer.
 */
import type { DomainRollup, ItemPanelResponse, PortfolioResponse, RollupResponse } from '../../api-contract/portfolio';
import { PORTFOLIO_PAGE_SIZE } from '../../api-contract/portfolio';
import type { StrategicObjective } from '../domain/portfolio';
import { heatmapOf, kpisOf, mergeHeatmaps } from '../domain/projection';
import { type Result, forbidden, notFound, ok } from '../../kernel/result';
import type { Principal } from '../../kernel/roles';
import { type Versioned, type VersionedView, versionOf } from '../../kernel/versioned';
import { canEditDomain, canSeeRollup, canViewDomain, teamDomainIds } from './access';
import { type PortfolioDeps, assess, countsIn, countsOf } from './portfolio';

const byPriority = (objectives: readonly Versioned<StrategicObjective>[]): StrategicObjective[] =>
  objectives.map((o) => o.value).sort((a, b) => a.priority - b.priority || a.code.localeCompare(b.code));

/**
 * One page of a domain's portfolio, with the whole domain's figures and activity, as a view
 * versioned by all it is made of — the page asked for, the figures' version, the domain, the
 * objectives, the activity, the caller's right to edit and the day (staleness moves with it) —
 * so an unchanged page is neither rebuilt nor sent again.
 */
export async function getPortfolio(deps: PortfolioDeps, p: Principal, domainId: string, continuation?: string): Promise<Result<VersionedView<PortfolioResponse>>> {
  const [domains, team] = await Promise.all([deps.repos.domains.list(p.tenantId), teamDomainIds(p, deps.repos.workItems)]);
  // The right first, and not even the domain's name: a domain the caller may not see answers
  // like one that does not exist.
  if (!canViewDomain(p, domainId, team)) return forbidden('You cannot see this domain\'s portfolio. Ask its PMO lead or a tenant admin for access.');
  const stored = domains.find((d) => d.value.id === domainId);
  if (!stored) return notFound(`Domain "${domainId}"`);
  const domain = stored.value;
  const now = deps.clock.now();
  const [page, objectives, activity] = await Promise.all([
    deps.repos.workItems.pageByDomain(p.tenantId, domainId, { size: PORTFOLIO_PAGE_SIZE, ...(continuation !== undefined ? { continuation } : {}) }),
    deps.repos.objectives.list(p.tenantId),
    deps.activity.domainActivity(p.tenantId, domainId, now),
  ]);
  if (!page.ok) return page;
  const { stats, statsVersion } = page.value;
  const canEdit = canEditDomain(p, domain);
  return ok({
    version: versionOf([
      'portfolio',
      p.tenantId,
      domainId,
      continuation ?? '',
      statsVersion,
      stored.etag,
      objectives.map((o) => o.etag).join(','),
      activity.version,
      canEdit,
      now.toISOString().slice(0, 10),
    ]),
    build: () => ({
      domain,
      kpis: { ...kpisOf(stats, domain, now), openSignalsByState: activity.openSignalsByState, overdueResponses: activity.overdueResponses, overdueCheckIns: activity.overdueCheckIns.size },
      heatmap: heatmapOf(stats),
      items: page.value.items.map((i) => assess(i, domain, now, countsIn(activity, i.value.id))),
      objectives: byPriority(objectives),
      canEdit,
      ...(page.value.continuation ? { continuation: page.value.continuation } : {}),
    }),
  });
}

const NO_ROLLUP_ACTIVITY = { openSignalsByState: {}, overdueResponses: 0, overdueCheckIns: 0, openEscalations: 0, cascade: { activeChanges: 0, recipients: 0, responded: 0 } } as const;

/**
 * Every domain side by side, from one figures row per domain (EPMO members, strategy owners,
 * tenant admins), as a view versioned by each domain's record, figures and activity, the
 * objectives and the day; it is the same for everyone who may see it.
 */
export async function getRollup(deps: PortfolioDeps, p: Principal): Promise<Result<VersionedView<RollupResponse>>> {
  if (!canSeeRollup(p)) return forbidden('Only EPMO members, strategy owners and tenant admins see the roll-up of every domain.');
  const now = deps.clock.now();
  const [domains, objectives, activity] = await Promise.all([
    deps.repos.domains.list(p.tenantId),
    deps.repos.objectives.list(p.tenantId),
    deps.activity.rollupActivity(p.tenantId, now),
  ]);
  const sorted = [...domains].sort((a, b) => a.value.name.localeCompare(b.value.name));
  const figures = await Promise.all(sorted.map((d) => deps.repos.workItems.figures(p.tenantId, d.value.id)));
  return ok({
    version: versionOf([
      'rollup',
      p.tenantId,
      ...sorted.map((d, i) => `${d.value.id}|${d.etag}|${figures[i]?.statsVersion ?? ''}|${activity.get(d.value.id)?.version ?? ''}`),
      objectives.map((o) => o.etag).join(','),
      now.toISOString().slice(0, 10),
    ]),
    build: () => ({
      domains: sorted.map(({ value: domain }, i): DomainRollup => {
        const stats = figures[i]?.stats;
        const a = activity.get(domain.id) ?? NO_ROLLUP_ACTIVITY;
        return {
          domain,
          kpis: { ...(stats ? kpisOf(stats, domain, now) : { total: 0, byOverall: { green: 0, amber: 0, red: 0, unknown: 0 }, stale: 0 }), openSignalsByState: a.openSignalsByState, overdueResponses: a.overdueResponses, overdueCheckIns: a.overdueCheckIns },
          openEscalations: a.openEscalations,
          cascade: a.cascade,
        };
      }),
      heatmap: mergeHeatmaps(figures.flatMap((f) => heatmapOf(f.stats))),
      objectives: byPriority(objectives),
    }),
  });
}

/**
 * An item's panel: the item, its status history (oldest first), its signals and the changes that
 * reached its team, each only if the caller may see it where it lives (a team member who may see
 * the domain's items may still not see another team's signal or response).
 */
export async function getItemPanel(deps: PortfolioDeps, p: Principal, id: string): Promise<Result<ItemPanelResponse>> {
  const [item, team] = await Promise.all([deps.repos.workItems.get(p.tenantId, id), teamDomainIds(p, deps.repos.workItems)]);
  // The same answer for "no such item" and "not yours": an id says nothing about another domain.
  if (!item || !canViewDomain(p, item.value.domainId, team)) return notFound(`Work item "${id}"`);
  const now = deps.clock.now();
  const [domain, history, activity] = await Promise.all([
    deps.repos.domains.get(p.tenantId, item.value.domainId),
    deps.repos.workItems.history(p.tenantId, item.value),
    deps.activity.itemActivity(p, item.value, now),
  ]);
  return ok({
    item: assess(item, domain?.value, now, countsOf(activity)),
    history,
    signals: activity.signals,
    changes: activity.changes,
  });
}
