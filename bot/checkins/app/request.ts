/**
 * Asking a domain's teams for their status (PRODUCT.md §2, §5): a round picks the items to ask,
 * leaves out the finished, the unreachable and (for the cadence) the recently reported, writes
 * the round and sends each item's team conversation its check-in card through the delivery queue.
 */
import type { CheckInRound, RoundTrigger, SkippedItem } from '../domain/check-in';
import { type Result, fail, forbidden, invalid, notFound, ok } from '../../kernel/result';
import { type Principal, can } from '../../kernel/roles';
import { DEFAULT_CHECK_IN_CADENCE, type WorkItem, isFinished } from '../../portfolio';
import type { DeliveryRequest } from '../../delivery';
import { updateSentCards } from './card-updates';
import { CHECK_IN_BATCH, type CheckInContent, type CheckInDeps, requestContent } from './deps';

const HOUR_MS = 60 * 60 * 1000;

export interface RoundInput {
  readonly tenantId: string;
  readonly domainId: string;
  readonly trigger: RoundTrigger;
  /** The items to ask (each an item of the domain); absent: every item of the domain. */
  readonly itemIds?: readonly string[];
  readonly now: Date;
  /** Leaves out items whose status was reported at or after this time (the cadence's rounds). */
  readonly skipReportedSince?: Date;
  /** A person's request not yet confirmed: refused while a recent round waits for answers (recentRound). */
  readonly confirmIfOpen?: boolean;
}

/** Why an item is not asked, or undefined when it is. */
function skipReason(item: WorkItem, teamConversations: number, reportedSince: Date | undefined): SkippedItem['reason'] | undefined {
  if (isFinished(item)) return 'finished';
  if (reportedSince && item.statusReportedAt !== undefined && Date.parse(item.statusReportedAt) >= reportedSince.getTime()) return 'reported-recently';
  if (teamConversations === 0) return 'no-team-conversation';
  return undefined;
}

const NOTHING_TO_ASK: Readonly<Record<SkippedItem['reason'], string>> = {
  finished: 'finished',
  'reported-recently': 'reported recently',
  'no-team-conversation': 'without a linked team conversation (link one with "link" in the team\'s channel or chat)',
};

function nothingToAsk(skipped: readonly SkippedItem[]): Result<never> {
  if (skipped.length === 0) return invalid('This domain has no work items to ask for a check-in yet.');
  const counts = new Map<SkippedItem['reason'], number>();
  for (const s of skipped) counts.set(s.reason, (counts.get(s.reason) ?? 0) + 1);
  const parts = [...counts].map(([reason, n]) => `${n} ${NOTHING_TO_ASK[reason]}`);
  return invalid(`No item can be asked for a check-in now: ${parts.join('; ')}.`);
}

const ago = (from: string, now: Date): string => {
  const minutes = Math.max(0, Math.round((now.getTime() - Date.parse(from)) / 60_000));
  if (minutes < 1) return 'just now';
  if (minutes < 120) return `${minutes} minute${minutes === 1 ? '' : 's'} ago`;
  return `${Math.round(minutes / 60)} hours ago`;
};

/**
 * A repeated request (a double click, `check-in` sent twice) would send every team a second card
 * and mark its first one replaced. While the domain's newest round is still within its answer
 * window and waits for answers, a person's request is refused with `CONFLICT.ALREADY_EXISTS`
 * saying who asked and when, unless they confirm with `again`. A confirmation, rather than quietly
 * skipping the items already asked: a PMO lead who asks again after a warning means it (a card
 * lost, a stage changed), and a request that silently asks nobody would look broken.
 */
async function recentRound(deps: CheckInDeps, tenantId: string, domainId: string, now: Date): Promise<Result<void>> {
  const waiting = (await deps.store.listOpen(tenantId, domainId)).filter((r) => Date.parse(r.dueAt) > now.getTime());
  const newest = waiting.reduce<(typeof waiting)[number] | undefined>((a, r) => (!a || r.requestedAt > a.requestedAt ? r : a), undefined);
  if (!newest) return ok(undefined);
  const round = (await deps.store.getRound(tenantId, domainId, newest.roundId))?.value;
  const teams = waiting.filter((r) => r.roundId === newest.roundId).length;
  const by = round?.trigger.kind === 'manual' ? round.trigger.by.displayName : 'the cadence';
  const asked = `${teams} ${teams === 1 ? 'team was' : 'teams were'} asked ${ago(newest.requestedAt, now)} (round by ${by})`;
  return fail('CONFLICT.ALREADY_EXISTS', `${asked}; asking again sends each a new card. Ask again anyway?`);
}

/**
 * Starts a round: no authorization here (the cadence calls it; people go through
 * `requestRoundAs`). Unknown ids, or ids of another domain's items, are refused without naming them.
 */
export async function requestRound(deps: CheckInDeps, input: RoundInput): Promise<Result<CheckInRound>> {
  const { tenantId, domainId } = input;
  const [domain, items] = await Promise.all([deps.repos.domains.get(tenantId, domainId), deps.repos.workItems.listByDomain(tenantId, domainId)]);
  if (!domain) return notFound('The domain');
  const byId = new Map(items.map((i) => [i.value.id, i.value]));
  const wanted = input.itemIds ? [...new Set(input.itemIds)] : [...byId.values()].sort((a, b) => a.title.localeCompare(b.title)).map((i) => i.id);
  if (wanted.some((id) => !byId.has(id))) return invalid('Some of the items asked are not work items of this domain. Choose items from its portfolio and try again.');
  if (input.confirmIfOpen) {
    const recent = await recentRound(deps, tenantId, domainId, input.now);
    if (!recent.ok) return recent;
  }

  const chosen = wanted.map((id) => byId.get(id) as WorkItem);
  const links = await Promise.all(chosen.map((item) => deps.repos.links.listByTarget(tenantId, { kind: 'team', workItemId: item.id })));
  const asked: { readonly item: WorkItem; readonly conversations: readonly string[] }[] = [];
  const skipped: SkippedItem[] = [];
  chosen.forEach((item, i) => {
    const conversations = [...new Set((links[i] ?? []).map((l) => l.conversationId))];
    const reason = skipReason(item, conversations.length, input.skipReportedSince);
    if (reason) skipped.push({ workItemId: item.id, reason });
    else asked.push({ item, conversations });
  });
  if (asked.length === 0) return nothingToAsk(skipped);

  const cadence = domain.value.checkInCadence ?? DEFAULT_CHECK_IN_CADENCE;
  const round: CheckInRound = {
    tenantId,
    domainId,
    id: deps.ids.next('chk'),
    trigger: input.trigger,
    requestedAt: input.now.toISOString(),
    dueAt: new Date(input.now.getTime() + cadence.answerWithinHours * HOUR_MS).toISOString(),
    itemIds: asked.map((a) => a.item.id),
    skipped,
  };
  // The requests it overtakes, read before it does, so their cards can say so.
  const askedIds = new Set(round.itemIds);
  const overtaken = (await deps.store.listOpen(tenantId, domainId)).filter((r) => askedIds.has(r.workItemId));
  await deps.store.createRound(round);

  const cards: DeliveryRequest<CheckInContent>[] = asked.flatMap(({ item, conversations }) =>
    conversations.map((conversationId) => ({ conversationId, operation: 'send' as const, content: requestContent({ domainId, roundId: round.id, workItemId: item.id }) })),
  );
  await deps.delivery.dispatch(tenantId, CHECK_IN_BATCH.round(round.id), cards);
  await updateSentCards(deps, tenantId, CHECK_IN_BATCH.superseded(round.id), overtaken);
  return ok(round);
}

/** A person's request (the tab, or `check-in` in the PMO channel): the domain's PMO lead or a tenant admin. `again` confirms a request while a recent round is open. */
export async function requestRoundAs(deps: CheckInDeps, p: Principal, input: { readonly domainId: string; readonly itemIds?: readonly string[]; readonly again?: boolean }): Promise<Result<CheckInRound>> {
  if (!can(p, 'checkin.request', { domainId: input.domainId })) return forbidden('Only the PMO lead of this domain or a tenant admin can ask its teams for a check-in.');
  if (input.itemIds && input.itemIds.length === 0) return fail('VALIDATION.INVALID', 'Choose at least one item to ask, or leave the choice out to ask every item of the domain.');
  return requestRound(deps, {
    tenantId: p.tenantId,
    domainId: input.domainId,
    trigger: { kind: 'manual', by: { userId: p.userId, displayName: p.displayName } },
    ...(input.itemIds ? { itemIds: input.itemIds } : {}),
    now: deps.clock.now(),
    ...(input.again ? {} : { confirmIfOpen: true }),
  });
}
