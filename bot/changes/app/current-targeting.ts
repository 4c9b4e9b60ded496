/** Targeting a change against the tenant's current portfolio, links and conversations. */
import { type Domain, type StrategicObjective, type WorkItem, itemsAlignedTo } from '../../portfolio';
import type { StrategyChange } from '../domain/strategy-change';
import { type Targeting, targetChange } from './targeting';
import type { ChangeRecipientRecord } from '../ports';
import type { ChangeDeps } from './deps';

export interface PortfolioSnapshot {
  readonly domains: Domain[];
  readonly objectives: StrategicObjective[];
  /** The work items aligned to the change's objectives (the only ones targeting looks at). */
  readonly workItems: WorkItem[];
}

/** The catalogue, and the items a change with these objectives targets (read from the domains that hold them). */
export async function loadPortfolio(deps: Pick<ChangeDeps, 'repos'>, tenantId: string, fields: Pick<StrategyChange, 'objectiveIds'>): Promise<PortfolioSnapshot> {
  const [domains, objectives, workItems] = await Promise.all([
    deps.repos.domains.list(tenantId),
    deps.repos.objectives.list(tenantId),
    itemsAlignedTo(deps.repos, tenantId, fields.objectiveIds),
  ]);
  return { domains: domains.map((d) => d.value), objectives: objectives.map((o) => o.value), workItems };
}

/** Targeting of fields against the tenant's current portfolio, links and conversations. */
export async function computeTargeting(
  deps: Pick<ChangeDeps, 'repos'>,
  tenantId: string,
  fields: Pick<StrategyChange, 'objectiveIds' | 'domainIds'>,
  portfolio?: PortfolioSnapshot,
): Promise<{ readonly targeting: Targeting; readonly portfolio: PortfolioSnapshot }> {
  const [pf, links, conversations] = await Promise.all([
    portfolio ? Promise.resolve(portfolio) : loadPortfolio(deps, tenantId, fields),
    deps.repos.links.list(tenantId),
    deps.repos.conversations.list(tenantId),
  ]);
  const targeting = targetChange({
    objectiveIds: fields.objectiveIds,
    domainIds: fields.domainIds,
    domains: pf.domains,
    workItems: pf.workItems,
    links,
    conversations,
  });
  return { targeting, portfolio: pf };
}

/** The records of a version's targeting snapshot: reachable recipients and unreachable ones. */
export function recipientRecords(change: StrategyChange, targeting: Targeting): ChangeRecipientRecord[] {
  const base = { tenantId: change.tenantId, changeId: change.id, version: change.version };
  return [
    ...targeting.recipients.map((r) => ({ ...base, ...r, reachable: true })),
    ...targeting.unreachable.map(({ reason, ...r }) => ({ ...base, ...r, reachable: false, unreachableReason: reason })),
  ];
}
