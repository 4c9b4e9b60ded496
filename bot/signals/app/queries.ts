/**
 * Reading signals and decisions for the tab and the bot, scoped by role: PMO leads see their
 * domain(s), the EPMO sees every domain, anyone sees what they raised. Other tenants' records
 * are never read (every read is in the caller's tenant).
 */
import type { Domain } from '../../portfolio';
import { type Result, forbidden, notFound, ok } from '../../kernel/result';
import { type Principal, can, isEpmo, leadsDomain } from '../../kernel/roles';
import { type Decision, type Signal, type SignalState, SIGNAL_STATES, signalLabel } from '../domain/signal';
import { isOverdue, mayPerform, waitingOn } from '../domain/transition-kit';
import type { DecisionLogFilter, DecisionView, EscalationQueue, SignalActionName, SignalDetail, SignalInbox, SignalView } from './read-models';
import type { Versioned } from '../../kernel/versioned';
import type { SignalDeps } from './deps';

/** Why a signal is not shown: the same words in the API and on cards. */
export const SIGNAL_FORBIDDEN_MESSAGE = 'Only the PMO leads of its domain, the EPMO and the person who raised it can see this signal.';

/** May this person see this signal? */
export const canSeeSignal = (p: Principal, s: Pick<Signal, 'domainId' | 'raisedBy'>): boolean =>
  isEpmo(p) || leadsDomain(p, s.domainId) || s.raisedBy.userId === p.userId;

/** Domain names, and the titles of the work items these signals name (point reads of those items only). */
async function names(deps: Pick<SignalDeps, 'repos'>, tenantId: string, signals: readonly Versioned<Pick<Signal, 'workItemId'>>[] = []) {
  const itemIds = signals.flatMap((s) => (s.value.workItemId ? [s.value.workItemId] : []));
  const [domains, items] = await Promise.all([deps.repos.domains.list(tenantId), deps.repos.workItems.getMany(tenantId, itemIds)]);
  return {
    domains: new Map<string, Domain>(domains.map((d) => [d.value.id, d.value])),
    items: new Map(items.map((i) => [i.value.id, i.value.title])),
  };
}
type Names = Awaited<ReturnType<typeof names>>;

function view(v: Versioned<Signal>, n: Names, now: Date): SignalView {
  const s = v.value;
  const itemTitle = s.workItemId ? n.items.get(s.workItemId) : undefined;
  return {
    ...s,
    label: signalLabel(s),
    domainName: n.domains.get(s.domainId)?.name ?? s.domainId,
    ...(itemTitle ? { workItemTitle: itemTitle } : {}),
    overdue: isOverdue(s, now),
    waitingOn: waitingOn(s.state),
    etag: v.etag,
  };
}

function decisionView(d: Decision, domainName: string, changeId?: string): DecisionView {
  const chosen = d.chosenOptionId ? d.options.find((o) => o.id === d.chosenOptionId) : undefined;
  const recommended = d.options.find((o) => o.id === d.recommendation.optionId);
  return {
    ...d,
    signalLabel: `S-${d.signalNumber}`,
    domainName,
    ...(chosen ? { chosenOptionTitle: chosen.title } : {}),
    ...(recommended ? { recommendedOptionTitle: recommended.title } : {}),
    ...(changeId ? { strategyChangeId: changeId } : {}),
  };
}

const STATE_ORDER = new Map<SignalState, number>(SIGNAL_STATES.map((s, i) => [s, i]));
const URGENCY_ORDER = { critical: 0, high: 1, normal: 2, low: 3 } as const;

function inboxOrder(a: SignalView, b: SignalView): number {
  return (
    (STATE_ORDER.get(a.state) ?? 0) - (STATE_ORDER.get(b.state) ?? 0) ||
    Number(b.overdue) - Number(a.overdue) ||
    (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999') ||
    URGENCY_ORDER[a.urgency] - URGENCY_ORDER[b.urgency] ||
    b.number - a.number
  );
}

/** Which signals the inbox shows; absent fields do not filter. */
export interface InboxFilter {
  readonly states?: readonly SignalState[];
  readonly domainId?: string;
  readonly kind?: Signal['kind'];
  readonly urgency?: Signal['urgency'];
  readonly overdue?: boolean;
  readonly mine?: boolean;
  readonly q?: string;
}

/** The PMO inbox (or "my signals" with `mine`). Team members without `mine` see only their own. */
export async function inbox(deps: SignalDeps, p: Principal, f: InboxFilter): Promise<SignalInbox> {
  const now = deps.clock.now();
  const all = await deps.stores.signals.list(p.tenantId);
  const n = await names(deps, p.tenantId, all);
  const scoped = all
    .filter((v) => (f.mine ? v.value.raisedBy.userId === p.userId : canSeeSignal(p, v.value)))
    .filter((v) => !f.domainId || v.value.domainId === f.domainId)
    .filter((v) => !f.kind || v.value.kind === f.kind)
    .filter((v) => !f.urgency || v.value.urgency === f.urgency)
    .filter((v) => {
      if (!f.q) return true;
      const q = f.q.toLowerCase();
      return `${signalLabel(v.value)} ${v.value.title} ${v.value.details}`.toLowerCase().includes(q);
    })
    .map((v) => view(v, n, now));
  const counts = Object.fromEntries(SIGNAL_STATES.map((s) => [s, 0])) as Record<SignalState, number>;
  for (const s of scoped) counts[s.state] += 1;
  const items = scoped
    .filter((s) => !f.states || f.states.length === 0 || f.states.includes(s.state))
    .filter((s) => !f.overdue || s.overdue)
    .sort(inboxOrder);
  return { items, counts, overdue: scoped.filter((s) => s.overdue).length };
}

function allowedActions(p: Principal, s: Signal, hasChange: boolean): SignalActionName[] {
  const out: SignalActionName[] = [];
  const handle = mayPerform(p, 'triage', s);
  if (handle) {
    if (s.state === 'raised') out.push('triage');
    if (s.state === 'raised' || s.state === 'triaged' || s.state === 'analysing') out.push('resolve', 'close');
    if (s.state === 'decided') out.push('close');
    if (s.state === 'triaged') out.push('startAnalysis');
    if (s.state === 'analysing') out.push('saveAnalysis', 'escalate');
  }
  if (mayPerform(p, 'decide', s)) {
    if (s.state === 'escalated') out.push('decide');
    if (s.decisionId && (s.state === 'decided' || s.state === 'closed') && !hasChange) out.push('createStrategyChange');
  }
  return out;
}

/** One signal with its timeline, decisions and what the caller may do next. */
export async function signalDetail(deps: SignalDeps, p: Principal, id: string): Promise<Result<SignalDetail>> {
  const v = await deps.stores.signals.get(p.tenantId, id);
  if (!v || !canSeeSignal(p, v.value)) return v ? forbidden(SIGNAL_FORBIDDEN_MESSAGE) : notFound(`Signal ${id}`);
  const [n, timeline, decisions, links] = await Promise.all([
    names(deps, p.tenantId, [v]),
    deps.stores.signals.timeline(p.tenantId, id),
    deps.stores.decisions.listBySignal(p.tenantId, id),
    deps.stores.decisions.strategyChanges(p.tenantId),
  ]);
  const domainName = n.domains.get(v.value.domainId)?.name ?? v.value.domainId;
  const latest = v.value.decisionId;
  return ok({
    signal: view(v, n, deps.clock.now()),
    timeline,
    decisions: decisions.map((d) => decisionView(d, domainName, links.get(d.id))),
    allowedActions: allowedActions(p, v.value, latest !== undefined && links.has(latest)),
  });
}

/**
 * The signal's detail with one of its decisions picked out: what the caller sees after deciding.
 * The decision was just read back from the store, so its absence is a bug.
 */
export async function signalWithDecision(deps: SignalDeps, p: Principal, signalId: string, decisionId: string): Promise<Result<SignalDetail & { readonly decision: DecisionView }>> {
  const detail = await signalDetail(deps, p, signalId);
  if (!detail.ok) return detail;
  const decision = detail.value.decisions.find((d) => d.id === decisionId);
  if (!decision) throw new Error('the recorded decision is missing from the signal detail');
  return ok({ ...detail.value, decision });
}

/** The EPMO queue: escalated signals awaiting a decision, then deferred ones, oldest due first. */
export async function escalationQueue(deps: SignalDeps, p: Principal): Promise<Result<EscalationQueue>> {
  if (!can(p, 'escalation.view')) return forbidden('Only EPMO members and strategy owners see the escalations queue.');
  const result = await inbox(deps, p, { states: ['escalated', 'deferred'] });
  const items = [...result.items].sort((a, b) => (a.state === b.state ? (a.dueAt ?? '').localeCompare(b.dueAt ?? '') : a.state === 'escalated' ? -1 : 1));
  return ok({ items, canDecide: can(p, 'escalation.decide') });
}

/** The decision log, newest first. PMO leads see their domains, the EPMO all. */
export async function decisionLog(deps: SignalDeps, p: Principal, q: DecisionLogFilter): Promise<Result<DecisionView[]>> {
  if (!isEpmo(p) && !p.roles.some((r) => r.role === 'pmo_lead')) return forbidden('Only PMO leads and the EPMO see the decision log.');
  const [all, n, links] = await Promise.all([deps.stores.decisions.list(p.tenantId), names(deps, p.tenantId), deps.stores.decisions.strategyChanges(p.tenantId)]);
  const text = q.q?.toLowerCase();
  const items = all
    .filter((d) => isEpmo(p) || leadsDomain(p, d.domainId))
    .filter((d) => !q.domainId || d.domainId === q.domainId)
    .filter((d) => !q.outcome || d.outcome === q.outcome)
    .filter((d) => !q.from || d.decidedAt.slice(0, 10) >= q.from)
    .filter((d) => !q.to || d.decidedAt.slice(0, 10) <= q.to)
    .filter((d) => {
      if (!text) return true;
      const hay = [`S-${d.signalNumber}`, d.signalTitle, d.question, d.rationale, d.decidedBy.displayName, d.recommendation.rationale, ...d.options.flatMap((o) => [o.title, o.description, o.impact])];
      return hay.join(' ').toLowerCase().includes(text);
    })
    .sort((a, b) => b.decidedAt.localeCompare(a.decidedAt))
    .map((d) => decisionView(d, n.domains.get(d.domainId)?.name ?? d.domainId, links.get(d.id)));
  return ok(items);
}

/** One decision, for the EPMO and the PMO leads of its domain. */
export async function decisionById(deps: SignalDeps, p: Principal, id: string): Promise<Result<DecisionView>> {
  const d = await deps.stores.decisions.get(p.tenantId, id);
  if (!d) return notFound(`Decision ${id}`);
  if (!isEpmo(p) && !leadsDomain(p, d.domainId)) return forbidden('Only the PMO leads of its domain and the EPMO see this decision.');
  const n = await names(deps, p.tenantId);
  return ok(decisionView(d, n.domains.get(d.domainId)?.name ?? d.domainId, await deps.stores.decisions.strategyChangeOf(p.tenantId, id)));
}
