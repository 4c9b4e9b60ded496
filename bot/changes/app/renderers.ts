/**
 * Cards of strategy changes, rendered from the current state when they are sent (so a card
 * delivered late or updated in place shows the truth): the card model, the renderers of the
 * feature's delivery content, and the reminder job.
 */
import type { ContentRenderers, Delivery, JobHandlers } from '../../delivery';
import type { StrategyChange } from '../domain/strategy-change';
import { changeReminderBatchId } from '../domain/change-rules';
import { satisfies } from '../domain/change-responses';
import { type ChangeCardModel, changeCard, changeReminderCard } from '../cards/change-card';
import { CHANGE_CONTENT_KIND, CHANGE_OVERDUE_JOB_KIND, CHANGE_REMINDER_CONTENT_KIND, CHANGE_REMINDER_JOB_KIND, type ChangeContent, type ChangeDeps, type ChangeJob, changeUrl } from './deps';
import { notifyOverdue } from './overdue-notices';
import { type VersionStatus, cardProgress, versionStatus } from './versions';
import { type PeopleOf, cachedPeople, readPeople, responderIds } from './responders';

export interface CardView {
  /** The recipient conversation the card is in or answers for. */
  readonly conversationId?: string;
  /** Whose view: their own response is shown. */
  readonly viewerId?: string;
}

/**
 * The card model of one version, for one conversation and viewer. A published version's shared
 * card in a recipient conversation names its responders for the per-person refresh.
 */
export async function changeCardModel(
  deps: ChangeDeps,
  change: StrategyChange,
  view: CardView = {},
  known?: VersionStatus,
  peopleOf: PeopleOf = readPeople(deps),
): Promise<ChangeCardModel> {
  const [objectives, domains, versions] = await Promise.all([
    deps.repos.objectives.list(change.tenantId),
    deps.repos.domains.list(change.tenantId),
    change.state === 'superseded' ? deps.stores.changes.versions(change.tenantId, change.id) : Promise.resolve([]),
  ]);
  const status = change.state === 'draft' ? undefined : (known ?? (await versionStatus(deps, change)));
  const here = status?.responses.filter((r) => r.conversationId === view.conversationId) ?? [];
  const mine = status?.responses
    .filter((r) => r.userId === view.viewerId && (view.conversationId === undefined || r.conversationId === view.conversationId))
    .sort((a, b) => b.respondedAt.localeCompare(a.respondedAt))[0];
  const team = here.filter((r) => r.userId !== view.viewerId).sort((a, b) => b.respondedAt.localeCompare(a.respondedAt))[0];
  const domainIds = new Set([...change.domainIds, ...(status?.recipients.map((r) => r.record.value.domainId).filter((d): d is string => Boolean(d)) ?? [])]);
  const latest = versions[0]?.value;
  const url = changeUrl(deps, change.id);
  // The shared card names its responders for the refresh; a person's own view (the answer to
  // their click or refresh) needs no list, and a click should not read the tenant's people.
  const recipient = change.state === 'published' && !view.viewerId ? status?.recipients.find((r) => r.record.value.conversationId === view.conversationId)?.record.value : undefined;
  const refreshUserIds = recipient ? await responderIds(deps, peopleOf, recipient) : undefined;
  const asResponse = (r: NonNullable<typeof mine>) => ({
    userName: r.userName,
    acknowledged: r.acknowledged,
    ...(r.impact ? { impact: r.impact } : {}),
    ...(r.comment ? { comment: r.comment } : {}),
    respondedAt: r.respondedAt,
  });
  return {
    changeId: change.id,
    version: change.version,
    state: change.state,
    kind: change.kind,
    title: change.title,
    summary: change.summary,
    objectives: objectives.filter((o) => change.objectiveIds.includes(o.value.id)).map((o) => ({ code: o.value.code, title: o.value.title })),
    domains: domains.filter((d) => domainIds.has(d.value.id)).map((d) => d.value.name),
    requiredResponse: change.requiredResponse,
    respondBy: change.respondBy,
    authorName: change.authorName,
    openUrl: url,
    ...(view.conversationId ? { conversationId: view.conversationId } : {}),
    ...(change.state === 'superseded' && latest && latest.version > change.version ? { supersededBy: { version: latest.version, openUrl: url } } : {}),
    ...(change.withdrawReason ? { withdrawReason: change.withdrawReason } : {}),
    ...(mine ? { response: asResponse(mine) } : {}),
    ...(!mine && team ? { teamResponse: asResponse(team) } : {}),
    ...(status ? { progress: cardProgress(status) } : {}),
    ...(refreshUserIds ? { refreshUserIds } : {}),
    ...(view.viewerId ? { personal: true } : {}),
  };
}

async function versionOf(deps: ChangeDeps, tenantId: string, content: ChangeContent): Promise<StrategyChange | undefined> {
  const version = Number(content.variant);
  if (!Number.isInteger(version) || version < 1) return undefined;
  return (await deps.stores.changes.get(tenantId, content.ref, version))?.value;
}

/**
 * A card not yet sent for a version that is closed now is not sent at all: its recipients get
 * the newer version (superseded) or nothing to act on (withdrawn), not a second, stale card.
 * Updates of cards already delivered still go out.
 */
async function skipClosed(deps: ChangeDeps, tenantId: string, delivery: Pick<Delivery, 'operation'> & { readonly content: ChangeContent }): Promise<string | undefined> {
  if (delivery.operation !== 'send') return undefined;
  const change = await versionOf(deps, tenantId, delivery.content);
  return change && (change.state === 'superseded' || change.state === 'withdrawn') ? `${change.state} before it was sent` : undefined;
}

/**
 * `change` renders a version's card as that version stands now (not a draft); `change.reminder`
 * renders only while the version is still published: a closed change sends nothing.
 */
export function changeRenderers(deps: ChangeDeps): ContentRenderers<ChangeContent> {
  const peopleOf = cachedPeople(deps);
  return {
    [CHANGE_CONTENT_KIND]: {
      skip: (tenantId, delivery) => skipClosed(deps, tenantId, delivery),
      async render(tenantId, content, conversation) {
        const change = await versionOf(deps, tenantId, content);
        if (!change || change.state === 'draft') return undefined;
        return changeCard(await changeCardModel(deps, change, { conversationId: conversation.conversationId }, undefined, peopleOf));
      },
    },
    [CHANGE_REMINDER_CONTENT_KIND]: {
      skip: (tenantId, delivery) => skipClosed(deps, tenantId, delivery),
      async render(tenantId, content, conversation) {
        const change = await versionOf(deps, tenantId, content);
        if (!change || change.state !== 'published') return undefined;
        return changeReminderCard(await changeCardModel(deps, change, { conversationId: conversation.conversationId }, undefined, peopleOf));
      },
    },
  };
}

/**
 * The one reminder of a version: a `change.reminder` card to every reachable PMO and team
 * conversation that has not responded as asked. Checks the state first (withdrawn or superseded
 * versions send nothing) and marks each recipient reminded, so it runs at most once per
 * recipient and version even when the job is retried.
 */
async function sendReminders(deps: ChangeDeps, tenantId: string, changeId: string, version: number): Promise<number> {
  const change = (await deps.stores.changes.get(tenantId, changeId, version))?.value;
  if (!change || change.state !== 'published') return 0;
  const status = await versionStatus(deps, change);
  const due = status.recipients.filter(
    (r) => r.record.value.reachable && r.record.value.role !== 'epmo' && !r.record.value.remindedAt && !r.responses.some((x) => satisfies(change, x)),
  );
  if (due.length === 0) return 0;
  // Dispatch is idempotent per batch and request, so a retry after a crash sends nothing twice.
  await deps.delivery.dispatch(
    tenantId,
    changeReminderBatchId(changeId, version),
    due.map((r) => ({ conversationId: r.record.value.conversationId, operation: 'send' as const, content: { kind: CHANGE_REMINDER_CONTENT_KIND, ref: changeId, variant: String(version) } })),
  );
  const at = deps.clock.now().toISOString();
  await Promise.all(due.map((r) => deps.stores.recipients.update({ ...r.record.value, remindedAt: at }, r.record.etag)));
  deps.logger?.info({ tenantId, changeId, version, reminded: due.length }, 'change reminders sent');
  return due.length;
}

/** The reminder and overdue jobs; a job whose payload does not name a version is logged and dropped. */
export function changeJobHandlers(deps: ChangeDeps): JobHandlers<ChangeJob> {
  return {
    [CHANGE_REMINDER_JOB_KIND]: {
      async run(job) {
        const changeId = job.payload['changeId'];
        const version = Number(job.payload['version']);
        if (!changeId || !Number.isInteger(version)) {
          deps.logger?.warn({ job }, 'ignored a malformed change reminder job');
          return;
        }
        await sendReminders(deps, job.tenantId, changeId, version);
      },
    },
    [CHANGE_OVERDUE_JOB_KIND]: {
      async run(job) {
        const changeId = job.payload['changeId'];
        const version = Number(job.payload['version']);
        if (!changeId || !Number.isInteger(version)) {
          deps.logger?.warn({ job }, 'ignored a malformed change overdue job');
          return;
        }
        await notifyOverdue(deps, job.tenantId, changeId, version);
      },
    },
  };
}
