/**
 * The check-in card an item's team gets in its conversation (PRODUCT.md §5): the item's last
 * status pre-filled, a colour per dimension (with what the rules suggest), a reason per
 * dimension, stage, benefit realised and a short note, answered with Action.Execute. Once
 * answered, or replaced by a newer check-in, it shows that, read-only. Pure.
 */
import { cardDateTime } from '../../kernel/cards/card-date';
import { type AnswerColour, HEALTH_DIMENSIONS, type HealthDimension, type Rag } from '../domain/check-in';
import { type AdaptiveCard, type CardElement, type Fact, MAX_REFRESH_USERS, adaptiveCard, heading, text } from '../../kernel/cards/adaptive-card';
import { reasonNeeded } from '../domain/suggested-health';
import { ANSWER_INPUTS, checkInAction } from './actions';
import type { CheckInCardModel } from './card-model';

const DIMENSION_LABELS: Readonly<Record<HealthDimension, string>> = { schedule: 'Schedule', cost: 'Cost', scope: 'Scope', benefit: 'Benefit' };
const RAG_LABELS: Readonly<Record<Rag, string>> = { green: '🟢 Green', amber: '🟠 Amber', red: '🔴 Red', unknown: '⚪ Not reported' };
const COLOURS: readonly AnswerColour[] = ['green', 'amber', 'red'];


const qty = (q: { readonly value: number; readonly unit: string }): string => `${q.value} ${q.unit}`;

function banner(value: string, style: 'good' | 'warning' | 'attention' | 'emphasis'): CardElement {
  return { type: 'Container', style, bleed: true, items: [text(value, { weight: 'bolder' })] };
}

function header(m: CheckInCardModel): CardElement[] {
  const asked = m.requestedBy ? `${m.requestedBy} (${m.domainName} PMO) asks` : `The ${m.domainName} PMO asks`;
  const overdue = m.state === 'open' && m.now > m.dueAt;
  return [
    heading(`Check-in: ${m.item.title}`),
    text(`${asked} for this item's status by ${cardDateTime(m.dueAt)}.${overdue ? ' **Overdue.**' : ''}`, { isSubtle: !overdue, spacing: 'small' }),
  ];
}

function statusFacts(m: CheckInCardModel): Fact[] {
  const { item } = m;
  return [
    { title: 'Stage', value: item.stage },
    ...HEALTH_DIMENSIONS.map((d) => ({ title: DIMENSION_LABELS[d], value: RAG_LABELS[item.health[d]] })),
    ...(item.benefits ? [{ title: 'Benefits realised', value: `${qty(item.benefits.realised)} realised of ${qty(item.benefits.planned)} planned` }] : []),
    { title: 'Last reported', value: item.reportedAt ? cardDateTime(item.reportedAt) : 'never' },
    ...(item.note ? [{ title: 'Last note', value: item.note }] : []),
  ];
}

function answerFacts(answer: NonNullable<CheckInCardModel['answer']>, unit: string | undefined): Fact[] {
  return [
    ...HEALTH_DIMENSIONS.map((d) => ({ title: DIMENSION_LABELS[d], value: `${RAG_LABELS[answer.health[d]]}${answer.reasons[d] ? ` — ${answer.reasons[d]}` : ''}` })),
    { title: 'Stage', value: answer.stage },
    ...(answer.benefitRealised !== undefined ? [{ title: 'Benefit realised', value: `${answer.benefitRealised}${unit ? ` ${unit}` : ''}` }] : []),
    ...(answer.note ? [{ title: 'Note', value: answer.note }] : []),
  ];
}

/** The colour a dimension's input starts at: as typed, else the item's current colour (a suggestion is said, never pre-chosen). */
function startingColour(m: CheckInCardModel, d: HealthDimension): string | undefined {
  const typed = m.typed?.[ANSWER_INPUTS.colour(d)];
  if (typed) return typed;
  const current = m.item.health[d];
  return current === 'unknown' ? undefined : current;
}

/** Why the rules suggest a colour, in the team's words. */
const SUGGESTION_WHY: Readonly<Record<HealthDimension, (c: AnswerColour) => string>> = {
  schedule: () => 'the end date has passed',
  cost: () => 'the rules say so',
  scope: () => 'the rules say so',
  benefit: (c) => (c === 'green' ? 'the benefit realised is on track for the time elapsed' : 'the benefit realised is behind what the time elapsed expects'),
};

/** When the dimension's reason is needed, in words that follow the rule the answer is checked against (reasonNeeded). */
function reasonLabel(before: Rag, suggested: AnswerColour | undefined): string {
  const needed = COLOURS.filter((c) => reasonNeeded(c, before, suggested) !== undefined);
  if (needed.length === 0) return 'Reason (optional)';
  if (suggested) return `Reason — needed for a colour other than the suggested ${suggested}`;
  return `Reason — needed for ${needed.join(' or ')}`;
}

function dimensionInputs(m: CheckInCardModel, d: HealthDimension): CardElement[] {
  const suggested = m.suggested[d];
  const now = RAG_LABELS[m.item.health[d]].replace(/^\S+ /, '').toLowerCase();
  const hint = suggested ? ` Suggested: ${suggested} — ${SUGGESTION_WHY[d](suggested)}.` : '';
  const start = startingColour(m, d);
  const reason = m.typed?.[ANSWER_INPUTS.reason(d)];
  return [
    {
      type: 'Input.ChoiceSet',
      id: ANSWER_INPUTS.colour(d),
      label: `${DIMENSION_LABELS[d]} (now ${now}).${hint}`,
      style: 'compact',
      choices: COLOURS.map((c) => ({ title: RAG_LABELS[c], value: c })),
      ...(start ? { value: start } : {}),
      isRequired: true,
      errorMessage: `Choose a colour for ${d}.`,
      spacing: 'medium',
    },
    {
      type: 'Input.Text',
      id: ANSWER_INPUTS.reason(d),
      label: reasonLabel(m.item.health[d], suggested),
      maxLength: 500,
      spacing: 'small',
      ...(reason ? { value: reason } : {}),
    },
  ];
}

function answerForm(m: CheckInCardModel): CardElement[] {
  const typed = (id: string): string | undefined => m.typed?.[id];
  const realisedTyped = typed(ANSWER_INPUTS.realised);
  const realisedStart = realisedTyped !== undefined && realisedTyped.trim() !== '' && Number.isFinite(Number(realisedTyped)) ? Number(realisedTyped) : m.item.benefits?.realised.value;
  const note = typed(ANSWER_INPUTS.note);
  return [
    text('Your answer', { weight: 'bolder', separator: true, spacing: 'medium' }),
    ...HEALTH_DIMENSIONS.flatMap((d) => dimensionInputs(m, d)),
    { type: 'Input.Text', id: ANSWER_INPUTS.stage, label: 'Stage', value: typed(ANSWER_INPUTS.stage) ?? m.item.stage, maxLength: 100, isRequired: true, errorMessage: 'Give the item\'s stage.', spacing: 'medium' },
    ...(m.item.benefits
      ? [
          {
            type: 'Input.Number' as const,
            id: ANSWER_INPUTS.realised,
            label: `Benefit realised so far, in ${m.item.benefits.planned.unit} (planned: ${qty(m.item.benefits.planned)})`,
            min: 0,
            ...(realisedStart !== undefined ? { value: realisedStart } : {}),
            spacing: 'medium' as const,
          },
        ]
      : []),
    { type: 'Input.Text', id: ANSWER_INPUTS.note, label: 'Short note', isMultiline: true, maxLength: 1000, ...(note ? { value: note } : {}), spacing: 'medium' },
  ];
}

function superseded(m: CheckInCardModel): CardElement[] {
  const newer = m.newer;
  const where = !newer
    ? ''
    : newer.state === 'answered' && newer.answer
      ? ` It was answered by ${newer.answer.by.displayName} on ${cardDateTime(newer.answer.at)}.`
      : ` It was sent on ${cardDateTime(newer.requestedAt)} and is due ${cardDateTime(newer.dueAt)}; answer that card.`;
  return [
    banner(`A newer check-in replaced this one.${where}`, 'warning'),
    ...(newer?.answer ? [{ type: 'FactSet' as const, facts: answerFacts(newer.answer, m.item.benefits?.planned.unit) }] : [{ type: 'FactSet' as const, facts: statusFacts(m) }]),
  ];
}

export function checkInCard(m: CheckInCardModel): AdaptiveCard {
  const body: CardElement[] = [...(m.notice ? [banner(m.notice.text, m.notice.tone)] : []), ...header(m)];
  const show = checkInAction('Refresh', { verb: 'checkin.show', data: m.ref });
  const refresh = m.refreshUserIds.length > 0 ? { refresh: { action: show, userIds: m.refreshUserIds.slice(0, MAX_REFRESH_USERS) } } : {};

  if (m.state === 'superseded') return { ...adaptiveCard([...body, ...superseded(m)]), ...refresh };
  if (m.state === 'answered' && m.answer) {
    body.push(banner(`Answered by ${m.answer.by.displayName} on ${cardDateTime(m.answer.at)}.`, 'good'), { type: 'FactSet', facts: answerFacts(m.answer, m.item.benefits?.planned.unit) });
    return { ...adaptiveCard(body), ...refresh };
  }
  body.push({ type: 'FactSet', facts: statusFacts(m), spacing: 'medium' });
  if (m.mayAnswer === false) {
    body.push(text('Only this item\'s team and its domain\'s PMO leads answer this check-in; this view is read-only.', { isSubtle: true, separator: true }));
    return { ...adaptiveCard(body), ...refresh };
  }
  body.push(...answerForm(m));
  return { ...adaptiveCard(body, [checkInAction('Send check-in', { verb: 'checkin.answer', data: m.ref }, { style: 'positive', associatedInputs: 'auto' })]), ...refresh };
}
