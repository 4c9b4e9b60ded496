/**
 * The EPMO's actions on strategy changes: draft, edit, dry run, publish, supersede, withdraw.
 * Each checks the role, applies a domain transition, writes it with its audit events through
 * the ports (etag-guarded, nothing half-written) and only then asks DeliveryService to send or
 * update cards. When that dispatch fails, the state is already committed: the same request
 * retried finishes the sending (dispatch is idempotent) instead of answering 409.
 */
import { type Result, fail, forbidden, ok } from '../../kernel/result';
import { type Principal, can } from '../../kernel/roles';
import type { StrategyChange } from '../domain/strategy-change';
import type { Actor } from '../domain/change-audit';
import {
  type ChangeFields,
  changeBatchId,
  changeReminderBatchId,
  changeUpdateBatchId,
  draftChange,
  editDraft,
  publishChange,
  supersedeChange,
  withdrawChange,
} from '../domain/change-rules';
import type { ChangeDetail, DryRunReport } from './read-models';
import type { DeliveryRequest } from '../../delivery';
import type { Versioned } from '../../kernel/versioned';
import { CHANGE_CONTENT_KIND, CHANGE_OVERDUE_JOB_KIND, CHANGE_REMINDER_JOB_KIND, type ChangeContent, type ChangeDeps, overdueJobId, reminderJobId } from './deps';
import { computeTargeting, recipientRecords } from './current-targeting';
import { loadChange } from './versions';
import { getChange } from './queries';

const actor = (p: Principal): Actor => ({ userId: p.userId, displayName: p.displayName });

const mustDraft = (p: Principal): Result<true> =>
  can(p, 'change.draft') ? ok(true) : forbidden('Only EPMO members draft and publish strategy changes.');

const staleEtag = (title: string): Result<never> =>
  fail('CONFLICT.STALE', `"${title}" was changed by someone else since you loaded it; reload it and try again.`);

/** A new draft from the fields (EPMO members); objectives and domains named must exist. */
export async function createDraft(deps: ChangeDeps, p: Principal, fields: ChangeFields): Promise<Result<ChangeDetail>> {
  const allowed = mustDraft(p);
  if (!allowed.ok) return allowed;
  const known = await checkReferences(deps, p.tenantId, fields);
  if (!known.ok) return known;
  const drafted = draftChange(fields, { tenantId: p.tenantId, id: deps.ids.next('chg'), author: actor(p), now: deps.clock.now() });
  if (!drafted.ok) return drafted;
  const created = await deps.stores.changes.create(drafted.value);
  if (!created.ok) return created;
  deps.logger?.info({ tenantId: p.tenantId, changeId: created.value.value.id, by: p.userId }, 'strategy change drafted');
  return getChange(deps, p, created.value.value.id);
}

/** Edits the draft at version `etag` (`*` for any). */
export async function updateDraft(deps: ChangeDeps, p: Principal, id: string, etag: string, patch: Partial<ChangeFields>): Promise<Result<ChangeDetail>> {
  const allowed = mustDraft(p);
  if (!allowed.ok) return allowed;
  const loaded = await loadChange(deps, p.tenantId, id);
  if (!loaded.ok) return loaded;
  const { latest } = loaded.value;
  const edited = editDraft(latest.value, patch, actor(p), deps.clock.now());
  if (!edited.ok) return edited;
  const known = await checkReferences(deps, p.tenantId, edited.value.value);
  if (!known.ok) return known;
  if (etag !== latest.etag) return staleEtag(latest.value.title);
  const saved = await deps.stores.changes.update(edited.value, etag);
  if (!saved.ok) return saved;
  return getChange(deps, p, id);
}

/** Objectives and domains named must exist in the tenant. */
async function checkReferences(deps: ChangeDeps, tenantId: string, f: Pick<ChangeFields, 'objectiveIds' | 'domainIds'>): Promise<Result<true>> {
  const [objectives, domains] = await Promise.all([deps.repos.objectives.list(tenantId), deps.repos.domains.list(tenantId)]);
  const oIds = new Set(objectives.map((o) => o.value.id));
  const dIds = new Set(domains.map((d) => d.value.id));
  const details = [
    ...f.objectiveIds.filter((o) => !oIds.has(o)).map((o) => ({ at: 'objectiveIds', message: `unknown objective ${o}` })),
    ...f.domainIds.filter((d) => !dIds.has(d)).map((d) => ({ at: 'domainIds', message: `unknown domain ${d}` })),
  ];
  return details.length > 0 ? fail('VALIDATION.INVALID', 'The change names objectives or domains that do not exist.', details) : ok(true);
}

function dryRunView(targeting: Awaited<ReturnType<typeof computeTargeting>>): DryRunReport {
  const { targeting: t, portfolio } = targeting;
  const names = new Map(portfolio.domains.map((d) => [d.id, d.name]));
  const reachablePmo = new Set(t.recipients.filter((r) => r.role === 'pmo').map((r) => r.domainId));
  return {
    pmoChannels: t.recipients.filter((r) => r.role === 'pmo').length,
    teamConversations: t.recipients.filter((r) => r.role === 'team').length,
    epmoCopy: t.recipients.some((r) => r.role === 'epmo'),
    total: t.recipients.length,
    domains: t.domains.map((d) => ({ domainId: d.domainId, name: names.get(d.domainId) ?? d.domainId, explicit: d.explicit, pmoReachable: reachablePmo.has(d.domainId) })),
    recipients: t.recipients,
    unreachable: t.unreachable.map((u) => ({
      conversationId: u.conversationId,
      role: u.role,
      title: u.title,
      ...(u.domainId ? { domainId: u.domainId } : {}),
      workItemIds: u.workItemIds ?? [],
      reason: u.reason,
    })),
    workItemsWithoutTeam: t.workItemsWithoutTeam.map((w) => ({ id: w.id, title: w.title, domainId: w.domainId })),
  };
}

/** Who fields would reach, without saving anything (the composer's dry run). */
export async function dryRunFields(deps: ChangeDeps, p: Principal, f: Pick<ChangeFields, 'objectiveIds' | 'domainIds'>): Promise<Result<DryRunReport>> {
  const allowed = mustDraft(p);
  if (!allowed.ok) return allowed;
  return ok(dryRunView(await computeTargeting(deps, p.tenantId, f)));
}

/** Who the current version of a change would reach if published now. */
export async function dryRun(deps: ChangeDeps, p: Principal, id: string): Promise<Result<DryRunReport>> {
  const allowed = mustDraft(p);
  if (!allowed.ok) return allowed;
  const loaded = await loadChange(deps, p.tenantId, id);
  if (!loaded.ok) return loaded;
  return ok(dryRunView(await computeTargeting(deps, p.tenantId, loaded.value.latest.value)));
}

/** When the one reminder goes out: `lead` hours before respond-by, but never in the first half of the window. */
export function reminderDueAt(change: Pick<StrategyChange, 'respondBy' | 'publishedAt'>, leadHours: number, now: Date): Date {
  const due = Date.parse(change.respondBy);
  const published = Date.parse(change.publishedAt ?? now.toISOString());
  return new Date(Math.max(due - leadHours * 3_600_000, published + (due - published) / 2, now.getTime()));
}

async function scheduleReminder(deps: ChangeDeps, change: StrategyChange): Promise<void> {
  if (!deps.scheduler) return;
  await deps.scheduler.schedule({
    tenantId: change.tenantId,
    id: reminderJobId(change.id, change.version),
    kind: CHANGE_REMINDER_JOB_KIND,
    dueAt: reminderDueAt(change, deps.reminderLeadHours, deps.clock.now()).toISOString(),
    payload: { changeId: change.id, version: String(change.version) },
  });
  // Just after respond-by (overdue means strictly past it), whoever owns a missing response hears
  // of it in their activity feed.
  if (!deps.notifier) return;
  await deps.scheduler.schedule({
    tenantId: change.tenantId,
    id: overdueJobId(change.id, change.version),
    kind: CHANGE_OVERDUE_JOB_KIND,
    dueAt: new Date(Math.max(Date.parse(change.respondBy) + 1000, deps.clock.now().getTime())).toISOString(),
    payload: { changeId: change.id, version: String(change.version) },
  });
}

/**
 * The targeting snapshot of a version whose published state is committed, and its sends.
 * Written only AFTER the state write succeeded, so a publish or supersede that loses a race
 * (412) leaves no recipients behind; a retry after a crash finds the snapshot already written
 * and sends to the same recipients.
 */
async function snapshotRecipients(deps: ChangeDeps, change: StrategyChange): Promise<DeliveryRequest<ChangeContent>[]> {
  const written = await deps.stores.recipients.listByVersion(change.tenantId, change.id, change.version);
  let reachable: readonly { readonly conversationId: string }[] = written.map((r) => r.value).filter((r) => r.reachable);
  if (written.length === 0) {
    const { targeting } = await computeTargeting(deps, change.tenantId, change);
    await deps.stores.recipients.putMany(recipientRecords(change, targeting));
    reachable = targeting.recipients;
  }
  return reachable.map((r) => ({
    conversationId: r.conversationId,
    operation: 'send' as const,
    content: { kind: CHANGE_CONTENT_KIND, ref: change.id, variant: String(change.version) },
  }));
}

async function sendVersion(deps: ChangeDeps, change: StrategyChange): Promise<void> {
  const sends = await snapshotRecipients(deps, change);
  if (sends.length > 0) await deps.delivery.dispatch(change.tenantId, changeBatchId(change.id, change.version), sends);
  await scheduleReminder(deps, change);
  deps.logger?.info({ tenantId: change.tenantId, changeId: change.id, version: change.version, recipients: sends.length }, 'strategy change published');
}

/** Draft → published; sends the card to every targeted conversation. */
export async function publish(deps: ChangeDeps, p: Principal, id: string, etag: string): Promise<Result<ChangeDetail>> {
  if (!can(p, 'change.publish')) return forbidden('Only EPMO members publish strategy changes.');
  const loaded = await loadChange(deps, p.tenantId, id);
  if (!loaded.ok) return loaded;
  const { latest } = loaded.value;
  const published = publishChange(latest.value, actor(p), deps.clock.now());
  if (!published.ok) {
    // A retry of the publish that made it published (it carries the draft's etag, not the
    // published one) whose dispatch failed: finish sending — dispatch is idempotent — not 409.
    if (latest.value.state === 'published' && etag !== latest.etag) {
      await sendVersion(deps, latest.value);
      return getChange(deps, p, id);
    }
    return published;
  }
  if (etag !== latest.etag) return staleEtag(latest.value.title);
  const change = published.value.value;
  const saved = await deps.stores.changes.update(published.value, latest.etag);
  if (!saved.ok) return saved;
  await sendVersion(deps, change);
  return getChange(deps, p, id);
}

/** Cards delivered for a version (its sends and reminders), to update in place. */
async function deliveredCards(deps: ChangeDeps, change: StrategyChange): Promise<{ conversationId: string; activityId: string }[]> {
  const batches = [changeBatchId(change.id, change.version), changeReminderBatchId(change.id, change.version)];
  const lists = await Promise.all(batches.map((b) => deps.delivery.listBatch(change.tenantId, b)));
  return lists
    .flat()
    .filter((d) => d.operation === 'send' && d.state === 'sent' && d.activityId)
    .map((d) => ({ conversationId: d.conversationId, activityId: d.activityId as string }));
}

async function updateDelivered(deps: ChangeDeps, closed: StrategyChange, closing: 'superseded' | 'withdrawn'): Promise<number> {
  const cards = await deliveredCards(deps, closed);
  if (cards.length > 0) {
    await deps.delivery.dispatch(
      closed.tenantId,
      changeUpdateBatchId(closed.id, closed.version, closing),
      cards.map((c) => ({
        conversationId: c.conversationId,
        operation: 'update' as const,
        targetActivityId: c.activityId,
        content: { kind: CHANGE_CONTENT_KIND, ref: closed.id, variant: String(closed.version) },
      })),
    );
  }
  await deps.scheduler?.cancel(closed.tenantId, reminderJobId(closed.id, closed.version));
  await deps.scheduler?.cancel(closed.tenantId, overdueJobId(closed.id, closed.version));
  return cards.length;
}

/**
 * When the latest version is what this supersede request would have made of the one before it
 * (same author, the previous closed at its publishing, the same fields), the request is a
 * retry of the one that made it: the pair, so the caller can finish its deliveries.
 */
function supersededBy(
  p: Principal,
  versions: readonly Versioned<StrategyChange>[],
  patch: Partial<ChangeFields>,
  now: Date,
): { readonly previous: StrategyChange; readonly next: StrategyChange } | undefined {
  const next = versions[0]?.value;
  const previous = versions[1]?.value;
  if (!next || !previous || next.state !== 'published' || previous.state !== 'superseded') return undefined;
  if (next.authorId !== p.userId || previous.closedAt !== next.publishedAt) return undefined;
  const again = supersedeChange({ ...previous, state: 'published' }, patch, actor(p), now);
  if (!again.ok) return undefined;
  const made = again.value.value.next;
  const same =
    made.title === next.title &&
    made.summary === next.summary &&
    made.kind === next.kind &&
    made.requiredResponse === next.requiredResponse &&
    made.respondBy === next.respondBy &&
    JSON.stringify(made.objectiveIds) === JSON.stringify(next.objectiveIds) &&
    JSON.stringify(made.domainIds) === JSON.stringify(next.domainIds);
  return same ? { previous, next } : undefined;
}

/** Publishes version n+1 from edited fields: every delivered v n card becomes "Superseded by vn+1"; v n+1 is sent. */
export async function supersede(deps: ChangeDeps, p: Principal, id: string, etag: string, patch: Partial<ChangeFields>): Promise<Result<ChangeDetail>> {
  if (!can(p, 'change.publish')) return forbidden('Only EPMO members publish new versions of strategy changes.');
  const loaded = await loadChange(deps, p.tenantId, id);
  if (!loaded.ok) return loaded;
  const { latest, versions } = loaded.value;
  const retried = etag !== latest.etag ? supersededBy(p, versions, patch, deps.clock.now()) : undefined;
  if (retried) {
    // The same supersede again, after one whose card updates or sends failed: finish them.
    await updateDelivered(deps, retried.previous, 'superseded');
    await sendVersion(deps, retried.next);
    return getChange(deps, p, id);
  }
  const made = supersedeChange(latest.value, patch, actor(p), deps.clock.now());
  if (!made.ok) return made;
  const known = await checkReferences(deps, p.tenantId, made.value.value.next);
  if (!known.ok) return known;
  if (etag !== latest.etag) return staleEtag(latest.value.title);
  const { previous, next } = made.value.value;
  const saved = await deps.stores.changes.supersede(made.value, latest.etag);
  if (!saved.ok) return saved;
  const updated = await updateDelivered(deps, previous, 'superseded');
  await sendVersion(deps, next);
  deps.logger?.info({ tenantId: p.tenantId, changeId: id, version: previous.version, updated }, 'strategy change superseded');
  return getChange(deps, p, id);
}

/** Published → withdrawn: every delivered card becomes "Withdrawn". */
export async function withdraw(deps: ChangeDeps, p: Principal, id: string, etag: string, reason: string): Promise<Result<ChangeDetail>> {
  if (!can(p, 'change.publish')) return forbidden('Only EPMO members withdraw strategy changes.');
  const loaded = await loadChange(deps, p.tenantId, id);
  if (!loaded.ok) return loaded;
  const { latest } = loaded.value;
  if (latest.value.state === 'withdrawn' && latest.value.withdrawReason === reason.trim()) {
    // The same withdrawal again, after one whose card updates failed: finish them (idempotent).
    await updateDelivered(deps, latest.value, 'withdrawn');
    return getChange(deps, p, id);
  }
  const done = withdrawChange(latest.value, reason, actor(p), deps.clock.now());
  if (!done.ok) return done;
  if (etag !== latest.etag) return staleEtag(latest.value.title);
  const saved = await deps.stores.changes.update(done.value, latest.etag);
  if (!saved.ok) return saved;
  const updated = await updateDelivered(deps, done.value.value, 'withdrawn');
  deps.logger?.info({ tenantId: p.tenantId, changeId: id, updated }, 'strategy change withdrawn');
  return getChange(deps, p, id);
}
