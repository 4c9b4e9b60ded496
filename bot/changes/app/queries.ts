/**
 * Reading strategy changes: the list with progress, one change with its versions, the cascade
 * view, and the active changes for a conversation and person (the bot's `changes`).
 */
import { progressOf } from '../../delivery';
import type { Delivery, DeliveryProgress } from '../../delivery';
import { type Result, forbidden, notFound, ok } from '../../kernel/result';
import { type Principal, can, isEpmo, ledDomains } from '../../kernel/roles';
import type { ChangeResponse, StrategyChange } from '../domain/strategy-change';
import { changeBatchId } from '../domain/change-rules';
import { isPastDue, recipientOutcome, rollUp } from '../domain/change-responses';
import type { Cascade, CascadeDomain, CascadeRecipient, ChangeDetail, ChangeList, ChangeSummary, MyChangeStatus } from './read-models';
import type { Versioned } from '../../kernel/versioned';
import { type ChangeDeps, changeUrl } from './deps';
import { loadPortfolio } from './current-targeting';
import { changeVisibleTo, recipientVisibleTo } from './visibility';
import { type RecipientState, type VersionStatus, liveVersion, loadChange, versionStatus } from './versions';

/** The caller's status: their own response in any conversation they may answer for, else their teams'. */
function myStatus(p: Principal, change: StrategyChange, status: Awaited<ReturnType<typeof versionStatus>>, now: Date): MyChangeStatus | undefined {
  const own = status.responses.filter((r) => r.userId === p.userId);
  const mine = own.length > 0 ? own : status.recipients.filter((r) => r.record.value.role !== 'epmo' && recipientVisibleTo(p, r.record.value)).flatMap((r) => r.responses);
  const addressed = status.recipients.some((r) => r.record.value.role !== 'epmo' && recipientVisibleTo(p, r.record.value) && !isEpmo(p));
  if (own.length === 0 && !addressed) return undefined;
  const outcome = recipientOutcome(change, mine, true, now);
  const latest = [...mine].sort((a, b) => b.respondedAt.localeCompare(a.respondedAt))[0];
  return { status: outcome.status, ...(outcome.impact ? { impact: outcome.impact } : {}), ...(latest ? { respondedAt: latest.respondedAt } : {}) };
}

/**
 * Delivery of the cards to the counted recipients, the PMO and team conversations. The EPMO copy
 * is for information (nobody responds to it) and stays out, so "delivered to N of M" and the
 * response figures always speak of the same conversations.
 */
async function countedDelivery(deps: Pick<ChangeDeps, 'delivery'>, tenantId: string, status: VersionStatus): Promise<DeliveryProgress> {
  const counted = new Set(status.recipients.filter((r) => r.record.value.role !== 'epmo').map((r) => r.record.value.conversationId));
  const sends = await deps.delivery.listBatch(tenantId, changeBatchId(status.change.id, status.change.version));
  return progressOf(sends.filter((d) => d.operation === 'send' && counted.has(d.conversationId)));
}

/** Domains of the counted recipients, each once, in the order they were addressed. */
const reachedDomains = (status: VersionStatus): string[] => [
  ...new Set(status.recipients.flatMap((r) => (r.record.value.role !== 'epmo' && r.record.value.domainId !== undefined ? [r.record.value.domainId] : []))),
];

async function summarise(deps: ChangeDeps, p: Principal, versions: Versioned<StrategyChange>[]): Promise<ChangeSummary | undefined> {
  const latest = versions[0];
  if (!latest) return undefined;
  const live = liveVersion(versions);
  const status = live ? await versionStatus(deps, live.value) : undefined;
  if (!changeVisibleTo(p, latest.value, status?.recipients.map((r) => r.record.value) ?? [])) return undefined;
  const now = deps.clock.now();
  const progress = status && live ? { rollup: status.rollup, delivery: await countedDelivery(deps, p.tenantId, status), reachedDomainIds: reachedDomains(status) } : undefined;
  const mine = status && live ? myStatus(p, live.value, status, now) : undefined;
  return {
    change: latest.value,
    etag: latest.etag,
    ...(progress ? { progress } : {}),
    overdue: latest.value.state === 'published' && isPastDue(latest.value, now) && (status?.rollup.pending ?? 0) > 0,
    ...(mine ? { mine } : {}),
    url: changeUrl(deps, latest.value.id),
  };
}

/** Versions grouped per change, newest version first, changes newest first. */
function groupVersions(all: Versioned<StrategyChange>[]): Versioned<StrategyChange>[][] {
  const byId = new Map<string, Versioned<StrategyChange>[]>();
  for (const v of all) byId.set(v.value.id, [...(byId.get(v.value.id) ?? []), v]);
  return [...byId.values()]
    .map((vs) => vs.sort((a, b) => b.value.version - a.value.version))
    .sort((a, b) => (b[0]?.value.updatedAt ?? '').localeCompare(a[0]?.value.updatedAt ?? ''));
}

/** The changes the caller may see, newest first, optionally in one state. */
export async function listChanges(deps: ChangeDeps, p: Principal, filter: { readonly state?: StrategyChange['state'] } = {}): Promise<ChangeList> {
  const groups = groupVersions(await deps.stores.changes.list(p.tenantId)).filter((vs) => !filter.state || vs[0]?.value.state === filter.state);
  const items = (await Promise.all(groups.map((vs) => summarise(deps, p, vs)))).filter((s): s is ChangeSummary => s !== undefined);
  return { items, canDraft: can(p, 'change.draft') };
}

/**
 * One change with every version and its history: the EPMO sees any; others, published ones
 * addressed to their domains or teams.
 */
export async function getChange(deps: ChangeDeps, p: Principal, id: string): Promise<Result<ChangeDetail>> {
  const loaded = await loadChange(deps, p.tenantId, id);
  if (!loaded.ok) return loaded;
  const summary = await summarise(deps, p, loaded.value.versions);
  // A change not addressed to the caller (a draft, another domain's) answers like one that does not exist.
  if (!summary) return notFound(`The strategy change ${id}`);
  // Names of objectives and domains only: no work items needed.
  const [pf, history] = await Promise.all([loadPortfolio(deps, p.tenantId, { objectiveIds: [] }), deps.stores.changes.history(p.tenantId, id)]);
  const change = loaded.value.latest.value;
  const objectiveIds = new Set(loaded.value.versions.flatMap((v) => v.value.objectiveIds));
  const domainIds = new Set(loaded.value.versions.flatMap((v) => v.value.domainIds));
  return ok({
    ...summary,
    versions: loaded.value.versions.map((v) => v.value),
    history,
    canEdit: can(p, 'change.draft') && (change.state === 'draft' || change.state === 'published'),
    objectives: pf.objectives.filter((o) => objectiveIds.has(o.id)).map((o) => ({ id: o.id, code: o.code, title: o.title })),
    domains: pf.domains.filter((d) => domainIds.has(d.id) || summary.progress !== undefined).map((d) => ({ id: d.id, name: d.name })),
  });
}

function recipientView(r: RecipientState, delivery: Delivery | undefined, titles: ReadonlyMap<string, string>): CascadeRecipient {
  const rec = r.record.value;
  const latest = [...r.responses].sort((a, b) => b.respondedAt.localeCompare(a.respondedAt));
  return {
    conversationId: rec.conversationId,
    role: rec.role,
    title: rec.title,
    ...(rec.domainId ? { domainId: rec.domainId } : {}),
    workItems: (rec.workItemIds ?? []).map((id) => ({ id, title: titles.get(id) ?? id })),
    status: delivery?.state === 'unreachable' || delivery?.state === 'failed' ? 'unreachable' : r.outcome.status,
    acknowledged: r.outcome.acknowledged,
    ...(r.outcome.impact ? { impact: r.outcome.impact } : {}),
    ...(r.outcome.comment ? { comment: r.outcome.comment } : {}),
    responses: latest.map((x: ChangeResponse) => ({
      userId: x.userId,
      userName: x.userName,
      acknowledged: x.acknowledged,
      ...(x.impact ? { impact: x.impact } : {}),
      ...(x.comment ? { comment: x.comment } : {}),
      respondedAt: x.respondedAt,
    })),
    overdue: r.outcome.overdue,
    delivery: rec.reachable ? (delivery?.state ?? 'queued') : 'not-sent',
    ...(delivery?.lastError && delivery.state !== 'sent' ? { deliveryError: delivery.lastError } : {}),
  };
}

/**
 * Per domain and per team: acknowledged, impact, comment, pending, overdue, unreachable, with
 * roll-ups per domain and per objective. The EPMO sees everything; PMO leads their domains.
 */
export async function cascadeStatus(deps: ChangeDeps, p: Principal, id: string): Promise<Result<Cascade>> {
  if (!can(p, 'cascade.view') && ledDomains(p).length === 0) return forbidden('Only the EPMO and PMO leads see the cascade of a strategy change.');
  const loaded = await loadChange(deps, p.tenantId, id);
  if (!loaded.ok) return loaded;
  const live = liveVersion(loaded.value.versions);
  const change = (live ?? loaded.value.latest).value;
  const epmo = isEpmo(p);
  const led = new Set(ledDomains(p));
  if (!epmo && (change.state === 'draft' || led.size === 0)) return forbidden('Only the EPMO and PMO leads see the cascade of a strategy change.');

  const [status, deliveries, pf] = await Promise.all([
    versionStatus(deps, change),
    deps.delivery.listBatch(p.tenantId, changeBatchId(change.id, change.version)),
    loadPortfolio(deps, p.tenantId, change),
  ]);
  const byConversation = new Map(deliveries.filter((d) => d.operation === 'send').map((d) => [d.conversationId, d]));
  const titles = new Map(pf.workItems.map((w) => [w.id, w.title]));
  const now = deps.clock.now();
  const visible = status.recipients.filter((r) => epmo || (r.record.value.domainId !== undefined && led.has(r.record.value.domainId)));
  if (!epmo && visible.length === 0 && !change.domainIds.some((d) => led.has(d))) {
    return forbidden('This strategy change does not reach your domain.');
  }
  const views = visible.map((r) => ({ state: r, view: recipientView(r, byConversation.get(r.record.value.conversationId), titles) }));
  // An undeliverable card counts as unreachable in the roll-ups too.
  const outcomeOf = (x: (typeof views)[number]) =>
    x.view.status === 'unreachable' ? recipientOutcome(change, x.state.responses, false, now) : x.state.outcome;

  const domainIds = [...new Set([...change.domainIds, ...visible.map((r) => r.record.value.domainId).filter((d): d is string => d !== undefined)])].filter(
    (d) => epmo || led.has(d),
  );
  const names = new Map(pf.domains.map((d) => [d.id, d.name]));
  const domains: CascadeDomain[] = domainIds.map((domainId) => {
    const mine = views.filter((x) => x.view.domainId === domainId && x.view.role !== 'epmo');
    const pmo = mine.find((x) => x.view.role === 'pmo')?.view;
    return {
      domainId,
      name: names.get(domainId) ?? domainId,
      ...(pmo ? { pmo } : {}),
      teams: mine.filter((x) => x.view.role === 'team').map((x) => x.view),
      rollup: rollUp(mine.map(outcomeOf)),
    };
  });
  const aligned = (objectiveId: string) => new Set(pf.workItems.filter((w) => w.objectives.some((o) => o.objectiveId === objectiveId)).map((w) => w.id));
  const objectives = change.objectiveIds.map((objectiveId) => {
    const items = aligned(objectiveId);
    const o = pf.objectives.find((x) => x.id === objectiveId);
    const teams = views.filter((x) => x.view.role === 'team' && x.view.workItems.some((w) => items.has(w.id)));
    return { objectiveId, code: o?.code ?? objectiveId, title: o?.title ?? objectiveId, rollup: rollUp(teams.map(outcomeOf)) };
  });
  const epmoCopy = epmo ? views.find((x) => x.view.role === 'epmo')?.view : undefined;
  const counted = views.filter((x) => x.view.role !== 'epmo');
  return ok({
    change,
    state: loaded.value.latest.value.state,
    // The counted recipients' cards only, as in every summary (see countedDelivery).
    delivery: progressOf(counted.map((x) => byConversation.get(x.view.conversationId)).filter((d): d is Delivery => d !== undefined)),
    rollup: rollUp(counted.map(outcomeOf)),
    domains,
    objectives,
    ...(epmoCopy ? { epmo: epmoCopy } : {}),
    asOf: now.toISOString(),
  });
}

/** A change as the bot's `changes` list shows it to one person in one conversation. */
export interface ActiveChangeForMe {
  readonly change: StrategyChange;
  /** The recipient conversation the person answers for (this one when it is a recipient). */
  readonly conversationId?: string;
  readonly mine?: ChangeResponse;
  readonly status: MyChangeStatus['status'] | 'not addressed';
  readonly url: string;
}

/**
 * Active (published) changes for this conversation — when it is a recipient — and for the
 * person: those addressed to their domains and teams (all, for the EPMO).
 */
export async function changesFor(deps: ChangeDeps, p: Principal, conversationId: string): Promise<ActiveChangeForMe[]> {
  const groups = groupVersions(await deps.stores.changes.list(p.tenantId));
  const now = deps.clock.now();
  const out: ActiveChangeForMe[] = [];
  for (const vs of groups) {
    const latest = vs[0]?.value;
    if (!latest || latest.state !== 'published') continue;
    const status = await versionStatus(deps, latest);
    const here = status.recipients.find((r) => r.record.value.conversationId === conversationId && r.record.value.reachable);
    const forMe = status.recipients.filter((r) => r.record.value.role !== 'epmo' && r.record.value.reachable && recipientVisibleTo(p, r.record.value));
    if (!here && forMe.length === 0 && !isEpmo(p)) continue;
    const target = here ?? forMe[0] ?? status.recipients.find((r) => r.record.value.role === 'epmo');
    const mine = status.responses.filter((r) => r.userId === p.userId).sort((a, b) => b.respondedAt.localeCompare(a.respondedAt))[0];
    const outcome = recipientOutcome(latest, mine ? [mine] : target?.responses ?? [], true, now);
    out.push({
      change: latest,
      ...(target ? { conversationId: target.record.value.conversationId } : {}),
      ...(mine ? { mine } : {}),
      status: target ? outcome.status : 'not addressed',
      url: changeUrl(deps, latest.id),
    });
  }
  return out.sort((a, b) => a.change.respondBy.localeCompare(b.change.respondBy));
}
