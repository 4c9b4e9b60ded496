/** The `link` form (choose a target) and its confirmation. */
import type { LinkTarget } from '../domain/conversation';
import { LINK_TARGET_INPUT, linkAction, targetChoiceValue } from './actions';
import { type AdaptiveCard, type CardElement, type Choice, adaptiveCard, heading, text } from '../../kernel/cards/adaptive-card';

export interface LinkChoice {
  readonly target: LinkTarget;
  readonly label: string;
  readonly detail?: string;
}

export interface LinkFormModel {
  /** "IT PMO › General", "Website rebuild chat". */
  readonly conversationTitle: string;
  readonly isChannel: boolean;
  readonly pmo: readonly LinkChoice[];
  readonly epmo?: LinkChoice;
  readonly teams: readonly LinkChoice[];
  /** What the conversation is linked to now, described ("the IT PMO"). */
  readonly currentLinks: readonly string[];
}

/**
 * At most this many choices per group. Keeps the card far below Teams' 100 KB limit however
 * large the portfolio; the text form (`link team <title>`) reaches the rest.
 */
export const MAX_CHOICES_PER_GROUP = 150;

const choice = (c: LinkChoice): Choice => ({
  title: `${c.label}${c.detail ? ` (${c.detail})` : ''}`,
  value: targetChoiceValue(c.target),
});

export function linkFormCard(model: LinkFormModel): AdaptiveCard {
  const where = model.isChannel ? 'channel' : 'chat';
  const pmo = model.pmo.slice(0, MAX_CHOICES_PER_GROUP);
  const teams = model.teams.slice(0, MAX_CHOICES_PER_GROUP);
  const choices: Choice[] = [
    ...(model.epmo ? [choice(model.epmo)] : []),
    ...pmo.map(choice),
    ...teams.map(choice),
  ];
  const body: CardElement[] = [
    heading(`Link this ${where}`),
    text(`Choose what **${model.conversationTitle}** is for. PMO Relay then sends it the strategy changes and signals of that PMO or team.`),
    text(
      model.currentLinks.length > 0 ? `Linked now to: ${model.currentLinks.join(', ')}.` : `This ${where} is not linked yet.`,
      { isSubtle: true, spacing: 'small' },
    ),
    {
      type: 'Input.ChoiceSet',
      id: LINK_TARGET_INPUT,
      label: 'Link to',
      style: 'compact',
      placeholder: 'Choose a PMO, the EPMO or a team',
      isRequired: true,
      errorMessage: 'Choose what to link this conversation to.',
      choices,
    },
    text('A domain has one PMO channel and the organisation one EPMO channel: linking one here replaces the previous one. A work item can have several team conversations.', {
      size: 'small',
      isSubtle: true,
    }),
  ];
  if (model.pmo.length > pmo.length || model.teams.length > teams.length) {
    body.push(text(`Only the first ${MAX_CHOICES_PER_GROUP} of each kind are listed. Type "link team <title>" or "link pmo <domain>" for the others.`, { size: 'small', color: 'warning' }));
  }
  return adaptiveCard(body, [linkAction('Link', { verb: 'link.submit', data: {} }, { style: 'positive' })]);
}

export interface LinkConfirmationModel {
  readonly conversationTitle: string;
  readonly isChannel: boolean;
  /** "the IT PMO". */
  readonly targetName: string;
  readonly linkedByName: string;
  readonly replacedTitles: readonly string[];
  readonly alreadyLinked: boolean;
}

export function linkConfirmationCard(model: LinkConfirmationModel): AdaptiveCard {
  const where = model.isChannel ? 'channel' : 'chat';
  const body: CardElement[] = [
    {
      type: 'Container',
      style: 'good',
      bleed: true,
      items: [text(model.alreadyLinked ? 'Already linked' : 'Linked', { weight: 'bolder', size: 'medium', color: 'good' })],
    },
    text(model.alreadyLinked ? `This ${where} was already linked to ${model.targetName}.` : `This ${where} is now linked to ${model.targetName}.`),
  ];
  if (model.replacedTitles.length > 0) {
    body.push(text(`It replaces ${model.replacedTitles.join(', ')}, which is no longer linked to ${model.targetName}.`, { isSubtle: true }));
  }
  body.push({ type: 'FactSet', facts: [{ title: 'Conversation', value: model.conversationTitle }, { title: 'Linked by', value: model.linkedByName }] });
  return adaptiveCard(body);
}
