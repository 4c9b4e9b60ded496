/** The bot's `changes` list and the `announce` form that starts a draft. */
import type { ChangeKind, Impact, RecipientStatus, RequiredResponse } from '../domain/strategy-change';
import { CHANGE_KINDS } from '../domain/strategy-change';
import { type AdaptiveCard, type CardActionElement, type CardElement, adaptiveCard, heading, text } from '../../kernel/cards/adaptive-card';
import { ANNOUNCE_INPUTS, type ChangeActionData, changeAction } from './actions';
import { cardDateTime } from '../../kernel/cards/card-date';
import { CHANGE_KIND_LABELS, IMPACT_LABELS } from './change-card';

interface ChangeListItem {
  readonly changeId: string;
  readonly version: number;
  readonly kind: ChangeKind;
  readonly title: string;
  readonly respondBy: string;
  readonly requiredResponse: RequiredResponse;
  readonly status: RecipientStatus | 'not addressed';
  readonly impact?: Impact;
  /** The recipient conversation the actions answer for. */
  readonly conversationId?: string;
  readonly url: string;
}

export interface ChangeListModel {
  /** "this channel" or "you". */
  readonly scope: string;
  readonly items: readonly ChangeListItem[];
}

/** At most this many changes on one card; the tab lists the rest. */
const MAX_LISTED_CHANGES = 20;

const STATUS_TEXT: Readonly<Record<ChangeListItem['status'], string>> = {
  pending: 'Waiting for your response',
  overdue: '**Overdue**',
  acknowledged: 'Acknowledged',
  assessed: 'Assessed',
  unreachable: 'Not delivered',
  'not addressed': 'For information',
};

export function changeListCard(model: ChangeListModel): AdaptiveCard {
  const body: CardElement[] = [heading('Active strategy changes')];
  if (model.items.length === 0) {
    body.push(text(`No active strategy changes for ${model.scope} right now.`));
    return adaptiveCard(body);
  }
  body.push(text(`${model.items.length} active for ${model.scope}, soonest respond-by first.`, { isSubtle: true, spacing: 'small' }));
  for (const item of model.items.slice(0, MAX_LISTED_CHANGES)) {
    const data: ChangeActionData = { changeId: item.changeId, version: item.version, ...(item.conversationId ? { conversationId: item.conversationId } : {}) };
    const canAct = item.conversationId !== undefined && item.status !== 'not addressed';
    const actions: CardActionElement[] = [
      ...(canAct && item.status !== 'acknowledged' && item.status !== 'assessed' ? [changeAction('Acknowledge', { verb: 'change.ack', data })] : []),
      ...(canAct ? [changeAction(item.impact ? 'Update assessment' : 'Assess impact', { verb: 'change.show', data })] : []),
      { type: 'Action.OpenUrl', title: 'Open', url: item.url },
    ];
    body.push({
      type: 'Container',
      separator: true,
      spacing: 'medium',
      items: [
        text(`**${item.title}** · v${item.version}`, { spacing: 'none' }),
        text(`${CHANGE_KIND_LABELS[item.kind]} · respond by ${cardDateTime(item.respondBy)}`, { size: 'small', isSubtle: true, spacing: 'none' }),
        text(`${STATUS_TEXT[item.status]}${item.impact ? ` · impact ${IMPACT_LABELS[item.impact]}` : ''}${item.requiredResponse === 'assess' ? ' · assessment requested' : ''}`, { spacing: 'small' }),
        { type: 'ActionSet', actions },
      ],
    });
  }
  if (model.items.length > MAX_LISTED_CHANGES) body.push(text(`And ${model.items.length - MAX_LISTED_CHANGES} more; open the Strategy changes tab to see them all.`, { isSubtle: true }));
  return adaptiveCard(body);
}

export interface AnnounceFormModel {
  /** Today as `YYYY-MM-DD`: the respond-by date cannot be earlier. */
  readonly today: string;
  readonly defaultRespondBy: string;
}

export function announceFormCard(model: AnnounceFormModel): AdaptiveCard {
  return adaptiveCard(
    [
      heading('Announce a strategy change'),
      text('Start a draft here; you choose the affected objectives and domains, preview the card and see who it reaches in the tab before publishing.', { isSubtle: true }),
      { type: 'Input.Text', id: ANNOUNCE_INPUTS.title, label: 'Title', maxLength: 200, isRequired: true, errorMessage: 'Give the change a title.' },
      {
        type: 'Input.ChoiceSet',
        id: ANNOUNCE_INPUTS.kind,
        label: 'Kind',
        style: 'compact',
        isRequired: true,
        errorMessage: 'Choose the kind of change.',
        value: 'reprioritisation',
        choices: CHANGE_KINDS.map((k) => ({ title: CHANGE_KIND_LABELS[k], value: k })),
      },
      { type: 'Input.Text', id: ANNOUNCE_INPUTS.summary, label: 'Summary (what changes and why)', isMultiline: true, maxLength: 20_000 },
      { type: 'Input.Date', id: ANNOUNCE_INPUTS.respondBy, label: 'Respond by', min: model.today, value: model.defaultRespondBy, isRequired: true, errorMessage: 'Choose a respond-by date.' },
      {
        type: 'Input.ChoiceSet',
        id: ANNOUNCE_INPUTS.requiredResponse,
        label: 'Response needed',
        style: 'expanded',
        isRequired: true,
        errorMessage: 'Choose the response you need.',
        value: 'acknowledge',
        choices: [
          { title: 'Acknowledge', value: 'acknowledge' },
          { title: 'Assess impact (none / low / medium / high)', value: 'assess' },
        ],
      },
    ],
    [changeAction('Create draft', { verb: 'change.announce', data: {} }, { style: 'positive', associatedInputs: 'auto' })],
  );
}

export interface DraftCreatedModel {
  readonly title: string;
  readonly composerUrl: string;
}

export function draftCreatedCard(model: DraftCreatedModel): AdaptiveCard {
  return adaptiveCard(
    [
      { type: 'Container', style: 'good', bleed: true, items: [text('Draft created', { weight: 'bolder', size: 'medium', color: 'good' })] },
      text(`"${model.title}" is saved as a draft. Nothing was sent. Open the composer to choose the affected objectives and domains, preview the card, check who it reaches and publish.`),
    ],
    [{ type: 'Action.OpenUrl', title: 'Open the composer', url: model.composerUrl }],
  );
}
