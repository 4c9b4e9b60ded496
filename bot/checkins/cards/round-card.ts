/** What the `check-in` command answers in the PMO channel: the round that went out, and what it left out. Pure. */
import type { CheckInRound, SkippedItem } from '../domain/check-in';
import { type AdaptiveCard, type CardActionElement, type Fact, adaptiveCard, heading, text } from '../../kernel/cards/adaptive-card';

const SKIP_LABELS: Readonly<Record<SkippedItem['reason'], string>> = {
  finished: 'finished',
  'reported-recently': 'reported recently',
  'no-team-conversation': 'no team conversation linked',
};

export interface RoundCardModel {
  readonly round: CheckInRound;
  readonly domainName: string;
  /** Titles of the round's items, asked and skipped, by id. */
  readonly titles: ReadonlyMap<string, string>;
  /** The domain's Check-ins page in the tab, when the tab's address is known. */
  readonly openUrl?: string;
}

/** At most this many items are named on the card; the tab lists them all. */
const MAX_LISTED = 25;

export function roundCard(m: RoundCardModel): AdaptiveCard {
  const { round } = m;
  const title = (id: string) => m.titles.get(id) ?? id;
  const asked: Fact[] = round.itemIds.slice(0, MAX_LISTED).map((id) => ({ title: title(id), value: 'asked' }));
  const skipped: Fact[] = round.skipped.slice(0, MAX_LISTED).map((s) => ({ title: title(s.workItemId), value: `not asked: ${SKIP_LABELS[s.reason]}` }));
  const more = round.itemIds.length + round.skipped.length - asked.length - skipped.length;
  const actions: CardActionElement[] = m.openUrl ? [{ type: 'Action.OpenUrl', title: 'Open check-ins in PMO Relay', url: m.openUrl }] : [];
  return adaptiveCard(
    [
      heading(`Check-in sent to the ${m.domainName} teams`),
      text(`${round.itemIds.length} item${round.itemIds.length === 1 ? '' : 's'} asked; answers are due by ${round.dueAt.slice(0, 10)} ${round.dueAt.slice(11, 16)} UTC. Each team gets a card in its own conversation.`),
      { type: 'FactSet', facts: [...asked, ...skipped] },
      ...(more > 0 ? [text(`…and ${more} more in the tab.`, { isSubtle: true, size: 'small' })] : []),
    ],
    actions,
  );
}
