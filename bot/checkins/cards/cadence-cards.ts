/**
 * The cards of the check-in timers (Adaptive Card 1.5): the one reminder to an item's team (a
 * reply in the thread of its check-in card where that is known), and the PMO digest at the due
 * time (what is still unanswered, and who answered).
 */
import { cardDateTime } from '../../kernel/cards/card-date';
import { type AdaptiveCard, type CardElement, adaptiveCard, heading, text } from '../../kernel/cards/adaptive-card';


export interface ReminderModel {
  readonly itemTitle: string;
  readonly domainName: string;
  readonly dueAt: string;
}

export function checkInReminderCard(m: ReminderModel): AdaptiveCard {
  return adaptiveCard([
    { type: 'Container', style: 'warning', bleed: true, items: [text(`Reminder: status check-in due ${cardDateTime(m.dueAt)}`, { weight: 'bolder' })] },
    heading(m.itemTitle),
    text(`The ${m.domainName} PMO is waiting for this item's status. Answer in its check-in card in this conversation: health per dimension, benefits realised and a short note.`),
  ]);
}

export interface DigestModel {
  readonly domainName: string;
  readonly requestedAt: string;
  readonly dueAt: string;
  readonly unanswered: readonly { readonly title: string }[];
  /** Open items whose card reached none of their team's conversations. */
  readonly unreached: readonly { readonly title: string }[];
  readonly answered: readonly { readonly title: string; readonly by: string; readonly at: string }[];
  /** Items a newer check-in asks again: neither overdue nor answered here. */
  readonly overtaken: number;
  /** Deep link to the domain's Check-ins page in the tab. */
  readonly tabUrl?: string;
}

/** Long lists stay readable: the rest are in the tab. */
const MAX_LINES = 25;

function lines(items: readonly string[]): CardElement[] {
  const shown = items.slice(0, MAX_LINES).map((line) => text(`- ${line}`, { spacing: 'none' }));
  return items.length > MAX_LINES ? [...shown, text(`And ${items.length - MAX_LINES} more in the tab.`, { isSubtle: true, spacing: 'small' })] : shown;
}

export function checkInDigestCard(m: DigestModel): AdaptiveCard {
  const total = m.unanswered.length + m.unreached.length + m.answered.length;
  const banner =
    m.unanswered.length === 0
      ? { type: 'Container' as const, style: m.unreached.length === 0 ? ('good' as const) : ('warning' as const), bleed: true, items: [text(m.unreached.length === 0 ? `Every check-in answered (${total})` : `No check-in overdue; ${m.unreached.length} of ${total} could not be delivered`, { weight: 'bolder' })] }
      : { type: 'Container' as const, style: 'attention' as const, bleed: true, items: [text(`Overdue: ${m.unanswered.length} of ${total} check-ins unanswered`, { weight: 'bolder' })] };
  const body: CardElement[] = [
    banner,
    heading(`${m.domainName}: status check-ins`),
    text(`Requested ${cardDateTime(m.requestedAt)}, due ${cardDateTime(m.dueAt)}.`, { isSubtle: true, spacing: 'small' }),
  ];
  if (m.unanswered.length > 0) body.push(text('**Still unanswered**', { separator: true }), ...lines(m.unanswered.map((u) => u.title)));
  if (m.unreached.length > 0) body.push(text("**Could not be reached** (the card was not delivered: check the team's channel link)", { separator: true }), ...lines(m.unreached.map((u) => u.title)));
  if (m.answered.length > 0) body.push(text('**Answered**', { separator: true }), ...lines(m.answered.map((a) => `${a.title} — ${a.by}, ${cardDateTime(a.at)}`)));
  if (m.overtaken > 0) body.push(text(`${m.overtaken} more asked again by a newer check-in.`, { isSubtle: true, separator: true }));
  return adaptiveCard(body, m.tabUrl ? [{ type: 'Action.OpenUrl', title: 'Open check-ins in PMO Relay', url: m.tabUrl }] : []);
}
