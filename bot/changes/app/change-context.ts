/**
 * What every strategy-change use case shares: its dependencies, loading a change and its
 * targeting context, who may see a change, and where a version stands (recipients, responses,
 * outcomes).
 */
import type { Domain, StrategicObjective, WorkItem } from '../../portfolio';
import type { Result } from '../../kernel/result';
import { notFound, ok } from '../../kernel/result';
import { type Principal, isEpmo, leadsDomain, onTeamOf } from '../../kernel/roles';
import type { ChangeResponse, StrategyChange } from '../domain/strategy-change';
import { type RecipientOutcome, type Targeting, recipientOutcome, rollUp, targetChange } from '../domain/change-rules';
import type { ChangeRecipientRecord, ChangeStores } from '../ports';
import type { DeliveryService, Scheduler } from '../../delivery';
import type { Logger } from '../../kernel/logger';
import type { Repositories } from '../../directory';
import type { Versioned } from '../../kernel/versioned';
import type { Clock, IdSource } from '../../kernel/runtime';

export interface ChangeDeps {
  readonly repos: Repositories;
  readonly stores: ChangeStores;
  readonly delivery: DeliveryService;
  readonly scheduler?: Scheduler;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly logger?: Logger;
  /** Base URL of the tab (ends with `/`); deep links are `<base>#/changes/<id>`. */
  readonly tabBaseUrl: () => string;
  /** How long before respond-by the one reminder goes out. */
  readonly reminderLeadHours: number;
}

export const changeUrl = (deps: Pick<ChangeDeps, 'tabBaseUrl'>, id: string): string => `${deps.tabBaseUrl()}#/changes/${encodeURIComponent(id)}`;
export const composerUrl = (deps: Pick<ChangeDeps, 'tabBaseUrl'>, id: string): string => `${deps.tabBaseUrl()}#/compose?change=${encodeURIComponent(id)}`;

/** Content kinds this feature renders. */
export const CHANGE_CONTENT_KIND = 'change';
export const CHANGE_REMINDER_CONTENT_KIND = 'change.reminder';
/** Scheduled-job kind of reminders. */
export const CHANGE_REMINDER_JOB_KIND = 'change.reminder';
export const reminderJobId = (changeId: string, version: number): string => `reminder:${changeId}:v${version}`;

/** The latest version (the one people act on) and all versions, newest first. */
export async function loadChange(
  deps: Pick<ChangeDeps, 'stores'>,
  tenantId: string,
  id: string,
): Promise<Result<{ readonly latest: Versioned<StrategyChange>; readonly versions: Versioned<StrategyChange>[] }>> {
  const versions = await deps.stores.changes.versions(tenantId, id);
  const latest = versions[0];
  if (!latest) return notFound(`The strategy change ${id}`);
  return ok({ latest, versions });
}

export interface PortfolioSnapshot {
  readonly domains: Domain[];
  readonly objectives: StrategicObjective[];
  readonly workItems: WorkItem[];
}

export async function loadPortfolio(deps: Pick<ChangeDeps, 'repos'>, tenantId: string): Promise<PortfolioSnapshot> {
  const [domains, objectives, workItems] = await Promise.all([
    deps.repos.domains.list(tenantId),
    deps.repos.objectives.list(tenantId),
    deps.repos.workItems.list(tenantId),
  ]);
  return { domains: domains.map((d) => d.value), objectives: objectives.map((o) => o.value), workItems: workItems.map((w) => w.value) };
}

/** Targeting of fields against the tenant's current portfolio, links and conversations. */
export async function computeTargeting(
  deps: Pick<ChangeDeps, 'repos'>,
  tenantId: string,
  fields: Pick<StrategyChange, 'objectiveIds' | 'domainIds'>,
  portfolio?: PortfolioSnapshot,
): Promise<{ readonly targeting: Targeting; readonly portfolio: PortfolioSnapshot }> {
  const [pf, links, conversations] = await Promise.all([
    portfolio ? Promise.resolve(portfolio) : loadPortfolio(deps, tenantId),
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

/** A recipient the change is addressed to, as a person may see it. */
export function recipientVisibleTo(p: Principal, r: Pick<ChangeRecipientRecord, 'domainId' | 'workItemIds' | 'role'>): boolean {
  if (isEpmo(p)) return true;
  if (r.role === 'epmo') return false;
  return leadsDomain(p, r.domainId) || (r.workItemIds ?? []).some((w) => onTeamOf(p, w));
}

/** Who sees a change: the EPMO everything; others published changes addressed to their domain or team. */
export function changeVisibleTo(p: Principal, change: StrategyChange, recipients: readonly Pick<ChangeRecipientRecord, 'domainId' | 'workItemIds' | 'role'>[]): boolean {
  if (isEpmo(p)) return true;
  if (change.state === 'draft') return false;
  return change.domainIds.some((d) => leadsDomain(p, d)) || recipients.some((r) => recipientVisibleTo(p, r));
}

/** The version people respond to and are counted on: the latest that is not a draft. */
export const liveVersion = (versions: readonly Versioned<StrategyChange>[]): Versioned<StrategyChange> | undefined =>
  versions.find((v) => v.value.state !== 'draft');

export interface RecipientState {
  readonly record: Versioned<ChangeRecipientRecord>;
  readonly responses: readonly ChangeResponse[];
  readonly outcome: RecipientOutcome;
}

export interface VersionStatus {
  readonly change: StrategyChange;
  readonly recipients: readonly RecipientState[];
  readonly responses: readonly ChangeResponse[];
  /** Of PMO and team conversations (the EPMO copy is not counted). */
  readonly rollup: ReturnType<typeof rollUp>;
}

/** Recipients, responses and outcomes of one version. */
export async function versionStatus(deps: Pick<ChangeDeps, 'stores' | 'clock'>, change: StrategyChange): Promise<VersionStatus> {
  const [records, responses] = await Promise.all([
    deps.stores.recipients.listByVersion(change.tenantId, change.id, change.version),
    deps.stores.responses.listByVersion(change.tenantId, change.id, change.version),
  ]);
  const now = deps.clock.now();
  const byConversation = new Map<string, ChangeResponse[]>();
  for (const r of responses) byConversation.set(r.conversationId, [...(byConversation.get(r.conversationId) ?? []), r]);
  const recipients = records.map((record) => {
    const mine = byConversation.get(record.value.conversationId) ?? [];
    return { record, responses: mine, outcome: recipientOutcome(change, mine, record.value.reachable, now) };
  });
  return { change, recipients, responses, rollup: rollUp(recipients.filter((r) => r.record.value.role !== 'epmo').map((r) => r.outcome)) };
}

/** "N of M teams" for cards: reachable PMO and team conversations, and those that responded as asked. */
export function cardProgress(status: VersionStatus): { responded: number; total: number } {
  const counted = status.recipients.filter((r) => r.record.value.role !== 'epmo' && r.record.value.reachable);
  return { responded: counted.filter((r) => r.outcome.responded).length, total: counted.length };
}
