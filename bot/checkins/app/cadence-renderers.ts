/**
 * The ContentRenderers of the reminder and the PMO digest: each reads the round, its requests
 * and the items' titles when the card is sent, so it shows what is true then.
 */
import type { ContentRenderers } from '../../delivery';
import type { CheckInRequest, CheckInRound } from '../domain/check-in';
import { checkInDigestCard, checkInReminderCard } from '../cards/cadence-cards';
import { undeliveredItems } from './undelivered';
import { CADENCE_CONTENT, type CadenceContent, type CadenceDeps, parseRoundRef } from './cadence-deps';

type RendererDeps = Pick<CadenceDeps, 'repos' | 'store' | 'tabBaseUrl' | 'delivery' | 'cardBatch'>;

async function roundOf(deps: RendererDeps, tenantId: string, ref: string): Promise<CheckInRound | undefined> {
  const at = parseRoundRef(ref);
  return at ? (await deps.store.getRound(tenantId, at.domainId, at.roundId))?.value : undefined;
}

async function titlesOf(deps: RendererDeps, tenantId: string, ids: readonly string[]): Promise<ReadonlyMap<string, string>> {
  const items = await deps.repos.workItems.getMany(tenantId, ids);
  return new Map(items.map((i) => [i.value.id, i.value.title]));
}

const domainName = async (deps: RendererDeps, tenantId: string, domainId: string): Promise<string> => (await deps.repos.domains.get(tenantId, domainId))?.value.name ?? domainId;

/** The Check-ins page of the domain in the tab. */
export const checkInsUrl = (base: string, domainId: string): string => `${base}#/check-ins?domain=${encodeURIComponent(domainId)}`;

export function cadenceRenderers(deps: RendererDeps): ContentRenderers<CadenceContent> {
  return {
    [CADENCE_CONTENT.reminder]: {
      async render(tenantId, content) {
        const round = await roundOf(deps, tenantId, content.ref);
        if (!round) return undefined;
        const titles = await titlesOf(deps, tenantId, [content.variant]);
        return checkInReminderCard({
          itemTitle: titles.get(content.variant) ?? content.variant,
          domainName: await domainName(deps, tenantId, round.domainId),
          dueAt: round.dueAt,
        });
      },
      // Answered (or asked again by a newer round) before the reminder went out: not worth sending.
      async skip(tenantId, delivery) {
        const at = parseRoundRef(delivery.content.ref);
        const request = at ? await deps.store.getRequest(tenantId, at.domainId, at.roundId, delivery.content.variant) : undefined;
        return request && request.value.state !== 'open' ? `the check-in is ${request.value.state}` : undefined;
      },
    },
    [CADENCE_CONTENT.digest]: {
      async render(tenantId, content) {
        const round = await roundOf(deps, tenantId, content.ref);
        if (!round) return undefined;
        const [requests, cards] = await Promise.all([deps.store.listRequests(tenantId, round.domainId, round.id), deps.delivery.listBatch(tenantId, deps.cardBatch(round))]);
        const lost = undeliveredItems(cards);
        const open = requests.filter((r) => r.state === 'open');
        const titles = await titlesOf(deps, tenantId, requests.map((r) => r.workItemId));
        const title = (r: CheckInRequest): string => titles.get(r.workItemId) ?? r.workItemId;
        const base = deps.tabBaseUrl();
        const tabUrl = base ? checkInsUrl(base, round.domainId) : undefined;
        return checkInDigestCard({
          domainName: await domainName(deps, tenantId, round.domainId),
          requestedAt: round.requestedAt,
          dueAt: round.dueAt,
          // A team whose card never arrived has nothing to answer: named apart, not as overdue.
          unanswered: open.filter((r) => !lost.has(r.workItemId)).map((r) => ({ title: title(r) })),
          unreached: open.filter((r) => lost.has(r.workItemId)).map((r) => ({ title: title(r) })),
          answered: requests.flatMap((r) => (r.state === 'answered' && r.answer ? [{ title: title(r), by: r.answer.by.displayName, at: r.answer.at }] : [])),
          overtaken: requests.filter((r) => r.state === 'superseded').length,
          ...(tabUrl ? { tabUrl } : {}),
        });
      },
    },
  };
}
