/**
 * Which items of a round never got their check-in card: every card of the item in the round's
 * batch ended failed or unreachable (out of attempts, the conversation gone, the bot removed).
 * Such an item is not the team's fault: the PMO sees "Not delivered", not "Overdue".
 */
import type { Delivery } from '../../delivery';

const UNDELIVERED: ReadonlySet<Delivery['state']> = new Set(['failed', 'unreachable']);

/** Item ids (the cards' `variant`) whose every `send` in the batch did not arrive. */
export function undeliveredItems(cards: readonly Pick<Delivery, 'state' | 'operation' | 'content'>[]): Set<string> {
  const arrived = new Set<string>();
  const lost = new Set<string>();
  for (const card of cards) {
    const item = card.content.variant;
    if (card.operation !== 'send' || !item) continue;
    (UNDELIVERED.has(card.state) ? lost : arrived).add(item);
  }
  return new Set([...lost].filter((id) => !arrived.has(id)));
}
