/**
 * The strategy-change card (PRODUCT.md §3) in all its variants: published (with Acknowledge and
 * Assess impact), after a response (showing it and the team count), superseded, withdrawn, the
 * draft preview and the reminder.
 *
 * Pure and browser-safe: the tab's composer renders its live preview from this same function, so
 * this file imports only types and the browser-safe ./actions.ts. Keep it that way.
 */
import type { ChangeKind, ChangeState, Impact, RequiredResponse } from '../domain/strategy-change';
import type {
  AdaptiveCard,
  CardActionElement,
  CardElement,
  ContainerStyle,
  TextBlock,
} from '../../kernel/cards/adaptive-card';
import { cardDateTime } from '../../kernel/cards/card-date';
import { CHANGE_COMMENT_INPUT, CHANGE_COMMENT_MAX, CHANGE_IMPACT_INPUT, type ChangeActionData, changeAction } from './actions';

/** The viewer's (or their team's) recorded response. */
interface ChangeCardResponse {
  readonly userName: string;
  readonly acknowledged: boolean;
  readonly impact?: Impact;
  readonly comment?: string;
  /** ISO date-time. */
  readonly respondedAt: string;
}

export interface ChangeCardModel {
  readonly changeId: string;
  readonly version: number;
  readonly state: ChangeState;
  readonly kind: ChangeKind;
  readonly title: string;
  /** Markdown; converted to the subset Teams renders. */
  readonly summary: string;
  readonly objectives: readonly { readonly code: string; readonly title: string }[];
  /** Names of the affected domains (explicit and implied). */
  readonly domains?: readonly string[];
  readonly requiredResponse: RequiredResponse;
  /** ISO date-time. */
  readonly respondBy: string;
  readonly authorName: string;
  /** Deep link to this change in the tab, e.g. `https://host/#/changes/chg-7`. */
  readonly openUrl?: string;
  /** The recipient conversation the card's actions answer for (see ChangeActionData). */
  readonly conversationId?: string;
  /** For a superseded version: the version that replaced it and its link. */
  readonly supersededBy?: { readonly version: number; readonly openUrl?: string };
  /** For a withdrawn change. */
  readonly withdrawReason?: string;
  /** The viewer's own response, when they have responded. */
  readonly response?: ChangeCardResponse;
  /** Someone else in this conversation answered for the team (shown when the viewer has not). */
  readonly teamResponse?: ChangeCardResponse;
  /** Teams (PMO and team conversations) that responded, of all reached. */
  readonly progress?: { readonly responded: number; readonly total: number };
  /** Composer preview: a banner says nothing was sent yet. */
  readonly preview?: boolean;
  /** Reminder variant: a banner says the response is due soon. */
  readonly reminder?: boolean;
  /** A one-line notice at the top, e.g. "Thanks, your response is recorded." */
  readonly notice?: string;
  /**
   * Teams user ids (MRIs) of the people who respond for this conversation: Teams refreshes the
   * card for each of them into their own view (learn.microsoft.com › Universal Actions › User
   * Specific Views: `refresh.userIds`, MRIs, at most 60). People with no known MRI are not listed.
   */
  readonly refreshUserIds?: readonly string[];
  /** Rendered for one person (a refresh or the answer to their click); the shared card offers "Show my view". */
  readonly personal?: boolean;
  /** In a personal view: false when the person may not respond for this conversation (read-only). */
  readonly mayRespond?: boolean;
}

/** Teams' limit on `refresh.userIds` (kept here as a literal: this file stays browser-safe). */
const MAX_REFRESH_USERS = 60;

export const CHANGE_KIND_LABELS: Readonly<Record<ChangeKind, string>> = {
  threat: 'Threat',
  opportunity: 'Opportunity',
  reprioritisation: 'Reprioritisation',
  funding: 'Funding change',
  policy: 'Policy change',
};

const KIND_STYLE: Readonly<Record<ChangeKind, ContainerStyle>> = {
  threat: 'attention',
  opportunity: 'good',
  reprioritisation: 'accent',
  funding: 'warning',
  policy: 'emphasis',
};

export const IMPACT_LABELS: Readonly<Record<Impact, string>> = { none: 'None', low: 'Low', medium: 'Medium', high: 'High' };

/** Longest summary put on a card; the full text is in the tab. Keeps cards far below 100 KB. */
export const MAX_CARD_SUMMARY = 6000;

const txt = (value: string, options: Omit<TextBlock, 'type' | 'text'> = {}): TextBlock => ({ type: 'TextBlock', text: value, wrap: true, ...options });

const card = (body: readonly CardElement[], actions: readonly CardActionElement[]): AdaptiveCard => ({
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.5',
  body,
  ...(actions.length > 0 ? { actions } : {}),
});

const banner = (value: string, style: ContainerStyle, color: TextBlock['color']): CardElement => ({
  type: 'Container',
  style,
  bleed: true,
  items: [txt(value, { weight: 'bolder', ...(color ? { color } : {}) })],
});

/**
 * Markdown as Teams' TextBlock renders it: bold, italics, lists and links survive; headings
 * become bold lines, images become links, code and quotes lose their markers.
 */
export function toTeamsMarkdown(markdown: string, max = MAX_CARD_SUMMARY): string {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  let fence = false;
  for (const raw of lines) {
    if (/^\s*(```|~~~)/.test(raw)) {
      fence = !fence;
      continue;
    }
    let line = raw;
    if (!fence) {
      const h = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
      if (h) line = `**${h[1] ?? ''}**`;
      else if (/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) line = '';
      line = line
        .replace(/^\s{0,3}>\s?/, '')
        .replace(/!\[([^\]]*)\]\(([^)\s]+)[^)]*\)/g, '[$1]($2)')
        .replace(/`([^`]+)`/g, '$1');
    }
    out.push(line);
  }
  const text = out.join('\n').replace(/\n{3,}/g, '\n\n').trim();
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

const actionData = (m: Pick<ChangeCardModel, 'changeId' | 'version' | 'conversationId'>): ChangeActionData => ({
  changeId: m.changeId,
  version: m.version,
  ...(m.conversationId ? { conversationId: m.conversationId } : {}),
});

/** "Acknowledged · impact High — "comment"". */
function describeResponse(r: Pick<ChangeCardResponse, 'acknowledged' | 'impact' | 'comment'>): string {
  const parts = [r.impact ? `Impact assessed: **${IMPACT_LABELS[r.impact]}**` : r.acknowledged ? 'Acknowledged' : 'No response'];
  return `${parts.join(' · ')}${r.comment ? ` — "${r.comment}"` : ''}`;
}

/** "14 of 87 teams acknowledged". */
function progressText(progress: NonNullable<ChangeCardModel['progress']>, required: RequiredResponse): string {
  const noun = progress.total === 1 ? 'team' : 'teams';
  return `${progress.responded} of ${progress.total} ${noun} ${required === 'assess' ? 'responded' : 'acknowledged'}`;
}

function header(m: ChangeCardModel): CardElement[] {
  return [
    {
      type: 'ColumnSet',
      columns: [
        {
          type: 'Column',
          width: 'auto',
          items: [{ type: 'Container', style: KIND_STYLE[m.kind], items: [txt(CHANGE_KIND_LABELS[m.kind].toUpperCase(), { size: 'small', weight: 'bolder' })] }],
        },
        {
          type: 'Column',
          width: 'stretch',
          verticalContentAlignment: 'center',
          items: [txt(`Strategy change · v${m.version}`, { size: 'small', isSubtle: true })],
        },
      ],
    },
    txt(m.title, { size: 'large', weight: 'bolder', style: 'heading', spacing: 'small' }),
  ];
}

function facts(m: ChangeCardModel): CardElement {
  const list = [
    { title: 'Respond by', value: cardDateTime(m.respondBy) },
    { title: 'Response', value: m.requiredResponse === 'assess' ? 'Impact assessment requested' : 'Acknowledgement requested' },
    ...(m.objectives.length > 0 ? [{ title: 'Objectives', value: m.objectives.map((o) => `${o.code} ${o.title}`).join('; ') }] : []),
    ...(m.domains && m.domains.length > 0 ? [{ title: 'Domains', value: m.domains.join(', ') }] : []),
    { title: 'From', value: m.authorName },
  ];
  return { type: 'FactSet', facts: list };
}

function openLink(url: string | undefined, title = 'Open in PMO Relay'): CardActionElement[] {
  return url ? [{ type: 'Action.OpenUrl', title, url }] : [];
}

function closedCard(m: ChangeCardModel): AdaptiveCard {
  const superseded = m.state === 'superseded';
  const next = m.supersededBy;
  const body: CardElement[] = [
    banner(
      superseded ? `Superseded${next ? ` by v${next.version}` : ''}` : 'Withdrawn',
      superseded ? 'warning' : 'attention',
      superseded ? 'warning' : 'attention',
    ),
    ...header(m),
    txt(
      superseded
        ? `This version was replaced${next ? ` by version ${next.version}` : ''}. No response is needed to it; open the latest version.`
        : `The EPMO withdrew this change. No response is needed.${m.withdrawReason ? `\n\nReason: ${m.withdrawReason}` : ''}`,
    ),
  ];
  if (m.response) body.push(txt(`Your response to v${m.version} was: ${describeResponse(m.response)}`, { isSubtle: true, size: 'small' }));
  const url = superseded ? (next?.openUrl ?? m.openUrl) : m.openUrl;
  return card(body, openLink(url, superseded ? 'Open the latest version' : 'Open in PMO Relay'));
}

/** The change card for a state and viewer. */
export function changeCard(m: ChangeCardModel): AdaptiveCard {
  if (m.state === 'superseded' || m.state === 'withdrawn') return closedCard(m);

  const body: CardElement[] = [];
  if (m.preview || m.state === 'draft') body.push(banner('Preview — this draft has not been sent', 'emphasis', 'default'));
  if (m.reminder) body.push(banner(`Reminder: your response is due ${cardDateTime(m.respondBy)}`, 'warning', 'warning'));
  if (m.notice) body.push(banner(m.notice, 'good', 'good'));
  body.push(...header(m));
  const summary = toTeamsMarkdown(m.summary);
  if (summary) body.push(txt(summary));
  body.push(facts(m));

  const mine = m.response;
  if (mine) {
    body.push({
      type: 'Container',
      style: 'good',
      separator: true,
      items: [txt(`Your response: ${describeResponse(mine)}`, { weight: 'bolder' }), txt(`Recorded ${cardDateTime(mine.respondedAt)}`, { size: 'small', isSubtle: true, spacing: 'none' })],
    });
  } else if (m.teamResponse) {
    body.push(txt(`${m.teamResponse.userName} responded for this team: ${describeResponse(m.teamResponse)}`, { isSubtle: true, separator: true }));
  }
  if (m.progress) body.push(txt(progressText(m.progress, m.requiredResponse), { size: 'small', isSubtle: true, spacing: 'small' }));

  const data = actionData(m);
  const refresh = m.refreshUserIds && m.refreshUserIds.length > 0
    ? { refresh: { action: changeAction('Refresh', { verb: 'change.show', data }), userIds: m.refreshUserIds.slice(0, MAX_REFRESH_USERS) } }
    : {};
  if (m.mayRespond === false) {
    body.push(txt('Only this team’s members, its domain’s PMO leads and the EPMO respond to this change here; this view is read-only.', { isSubtle: true, separator: true }));
    return { ...card(body, openLink(m.openUrl)), ...refresh };
  }

  body.push(
    {
      type: 'Input.ChoiceSet',
      id: CHANGE_IMPACT_INPUT,
      label: m.requiredResponse === 'assess' ? 'Impact on your work (requested)' : 'Impact on your work',
      style: 'compact',
      placeholder: 'Choose the impact',
      isRequired: true,
      errorMessage: 'Choose the impact before you send an assessment.',
      choices: (['none', 'low', 'medium', 'high'] as const).map((i) => ({ title: IMPACT_LABELS[i], value: i })),
      ...(mine?.impact ? { value: mine.impact } : {}),
    },
    {
      type: 'Input.Text',
      id: CHANGE_COMMENT_INPUT,
      label: 'Comment (optional)',
      placeholder: 'What this means for your work',
      isMultiline: true,
      maxLength: CHANGE_COMMENT_MAX,
      ...(mine?.comment ? { value: mine.comment } : {}),
    },
  );

  const actions: CardActionElement[] = [
    changeAction(mine?.acknowledged ? 'Acknowledged ✓' : 'Acknowledge', { verb: 'change.ack', data }, { associatedInputs: 'none', ...(mine ? {} : { style: 'positive' }) }),
    changeAction(mine?.impact ? 'Update assessment' : 'Assess impact', { verb: 'change.assess', data }, { associatedInputs: 'auto' }),
    ...openLink(m.openUrl),
    // The shared card, for whoever Teams does not refresh (beyond the 60 listed, or not known by
    // their Teams user id yet): the same refresh on demand, into their own view.
    ...(m.personal || m.preview || m.state !== 'published' ? [] : [changeAction('Show my view', { verb: 'change.show', data })]),
  ];
  return { ...card(body, actions), ...refresh };
}

/** The reminder sent shortly before respond-by to conversations that have not responded. */
export function changeReminderCard(m: ChangeCardModel): AdaptiveCard {
  const { notice: _notice, ...rest } = m;
  return changeCard({ ...rest, reminder: true });
}
