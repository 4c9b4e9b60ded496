/** What PMO Relay can do, shown for `help` and for any text it does not understand. */
import { type ConversationKind, linkAction } from '../conversations';
import { type AdaptiveCard, type CardActionElement, type CardElement, adaptiveCard, heading, text } from '../kernel/cards/adaptive-card';

export interface CommandHelp {
  readonly command: string;
  readonly description: string;
  /** False for commands PMO Relay lists but does not offer yet; they are marked "coming soon". */
  readonly available: boolean;
}

/** The commands of PRODUCT.md §5, in the order people meet them. Flip `available` as each ships. */
export const COMMANDS: readonly CommandHelp[] = [
  { command: 'help', description: 'Show this card.', available: true },
  { command: 'link', description: "Link this channel or chat to a domain's PMO, to the EPMO, or to a work item's delivery team.", available: true },
  { command: 'raise', description: 'Raise an opportunity, issue, risk or information with your PMO (or use *Raise with PMO* on any message).', available: true },
  { command: 'my signals', description: 'Follow the signals you raised.', available: true },
  { command: 'changes', description: 'Active strategy changes for you or this channel, with your response status.', available: true },
  { command: 'announce', description: 'In the EPMO channel: start a strategy-change draft.', available: true },
  { command: 'check-in', description: "In a domain's PMO channel: ask the domain's teams for their status now; each team answers in a card.", available: true },
];

export interface HelpCardModel {
  readonly conversationKind: ConversationKind;
  /** Where the PMO Relay tab is served; without it the card has no "open" button. */
  readonly tabUrl?: string;
  /** A line above the commands, e.g. why the help card is shown instead of an answer. */
  readonly notice?: string;
}

export function helpCard(model: HelpCardModel): AdaptiveCard {
  const body: CardElement[] = [heading('PMO Relay')];
  if (model.notice) body.push(text(model.notice, { color: 'warning' }));
  body.push(text('Strategy changes flow down from the EPMO to PMOs and delivery teams; signals flow up from the teams. Here is what you can ask me:', { isSubtle: true }));
  body.push({
    type: 'FactSet',
    facts: COMMANDS.map((c) => ({ title: c.command, value: c.available ? c.description : `${c.description} (coming soon)` })),
  });
  if (model.conversationKind === 'channel') {
    body.push(text('In a channel, mention me first, for example: @PMO Relay help', { size: 'small', isSubtle: true }));
  }
  const actions: CardActionElement[] = [];
  if (model.tabUrl) actions.push({ type: 'Action.OpenUrl', title: 'Open PMO Relay', url: model.tabUrl });
  // Linking is for shared conversations: a personal chat is nobody's PMO channel.
  if (model.conversationKind !== 'personal') actions.push(linkAction('Link this conversation', { verb: 'link.start', data: {} }));
  return adaptiveCard(body, actions);
}
