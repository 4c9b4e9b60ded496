/**
 * Signal cards (PRODUCT.md §4): the raise form, the raiser's receipt with a state tracker, the
 * PMO channel card with triage, the EPMO card (read-only for everyone, with decision inputs
 * in the strategy owners' personal view), the decision notice, overdue reminders and
 * "my signals". Pure: view model in, Adaptive Card 1.5 out. Each card is rendered from the
 * signal's current state, so a card that is updated in place always tells the truth.
 * The raise form is in raise-form.ts, the shared parts in card-parts.ts, the view models the
 * use cases fill in app/card-models.ts.
 */
import { KIND_LABELS, STATE_LABELS, type Decision, signalLabel } from '../domain/signal';
import {
  type AdaptiveCard,
  type CardActionElement,
  type CardElement,
  adaptiveCard,
  heading,
  mention,
  text,
} from '../../kernel/cards/adaptive-card';
import { DECIDE_INPUTS, TRIAGE_INPUTS, signalAction } from './actions';
import type { EpmoCardModel, MentionedPerson, MySignalsModel, SignalCardModel, SignalCardView } from '../app/card-models';
import {
  IMPACT_LABELS,
  dateText,
  decisionLines,
  noticeBlock,
  openInTab,
  originLine,
  outcomeLines,
  refreshFor,
  showMyView,
  stateTracker,
  summaryFacts,
  titleBlock,
} from './card-parts';


// ------------------------------------------------------------------ receipt

/** The raiser's receipt: what they raised and where it stands, updated in place at every transition. */
export function receiptCard(m: SignalCardModel): AdaptiveCard {
  const body: CardElement[] = [
    ...noticeBlock(m.notice),
    ...titleBlock(m, 'Signal raised'),
    stateTracker(m.signal),
    { type: 'FactSet', facts: summaryFacts(m) },
    ...(m.signal.details ? [text(m.signal.details.slice(0, 1500), { spacing: 'small' })] : []),
    ...originLine(m.signal),
    ...outcomeLines(m),
  ];
  return adaptiveCard(body, openInTab(m, 'Open in PMO Relay'));
}

// ------------------------------------------------------------------ PMO card

/**
 * The PMO channel card: while raised, triage actions in the personal view of the domain's PMO
 * leads (the shared card offers "Show my view"); then a read-only view with a link to the analysis.
 */
export function pmoCard(m: SignalCardModel): AdaptiveCard {
  const s = m.signal;
  const body: CardElement[] = [
    ...noticeBlock(m.notice),
    ...titleBlock(m, `New ${KIND_LABELS[s.kind].toLowerCase()} for the ${m.domainName} PMO`),
    stateTracker(s),
    { type: 'FactSet', facts: summaryFacts(m) },
    ...(s.details ? [text(s.details.slice(0, 2000), { spacing: 'small' })] : []),
    ...originLine(s),
    ...outcomeLines(m),
  ];
  const actions: CardActionElement[] = [];
  if (s.state === 'raised' && !m.canTriage) {
    body.push(text(`Awaiting triage by the ${m.domainName} PMO leads. ${m.personal ? 'Only they can triage; this view is read-only.' : 'PMO leads: “Show my view” for the triage actions.'}`, { isSubtle: true, separator: true }));
    if (!m.personal) actions.push(showMyView(s, 'pmo'));
  } else if (s.state === 'raised') {
    body.push(
      {
        type: 'Input.Text',
        id: TRIAGE_INPUTS.comment,
        label: 'Comment, resolution or reason',
        placeholder: 'Needed to resolve locally or close',
        isMultiline: true,
        maxLength: 2000,
        spacing: 'medium',
      },
      { type: 'Input.Text', id: TRIAGE_INPUTS.duplicateOf, label: 'Duplicate of (signal number, to close as duplicate)', placeholder: 'e.g. S-12', maxLength: 12 },
    );
    const data = { signalId: s.id };
    actions.push(
      signalAction('Accept (triage)', { verb: 'signal.triage', data }, { style: 'positive' }),
      signalAction('Resolve locally', { verb: 'signal.resolve', data }),
      signalAction('Close: duplicate', { verb: 'signal.close', data: { ...data, reason: 'duplicate' } }),
      signalAction('Close: not actionable', { verb: 'signal.close', data: { ...data, reason: 'not_actionable' } }, { style: 'destructive' }),
    );
  } else if (s.state === 'triaged' || s.state === 'analysing') {
    body.push(text('Next: add the strategic context, options and a recommendation in the tab, then escalate.', { isSubtle: true, spacing: 'medium' }));
  }
  actions.push(...openInTab(m, s.state === 'raised' || s.state === 'triaged' || s.state === 'analysing' ? 'Analyse in PMO Relay' : 'Open in PMO Relay'));
  return { ...adaptiveCard(body, actions), refresh: refreshFor(s, 'pmo', m.refreshUserIds) };
}

// ------------------------------------------------------------------ EPMO card

function analysisBlocks(m: SignalCardModel): CardElement[] {
  const s = m.signal;
  const out: CardElement[] = [];
  if (s.context) {
    out.push(text('**Strategic context**', { separator: true }));
    out.push(text(s.context.narrative.slice(0, 2000), { spacing: 'small' }));
    out.push({
      type: 'FactSet',
      facts: [
        ...(m.objectiveTitles && m.objectiveTitles.length > 0 ? [{ title: 'Objectives', value: m.objectiveTitles.join('; ') }] : []),
        { title: 'Schedule', value: IMPACT_LABELS[s.context.schedule] },
        { title: 'Cost', value: IMPACT_LABELS[s.context.cost] },
        { title: 'Benefit', value: IMPACT_LABELS[s.context.benefit] },
        { title: 'Risk', value: IMPACT_LABELS[s.context.risk] },
      ],
    });
  }
  if (s.options.length > 0) {
    out.push(text('**Options**', { separator: true }));
    s.options.forEach((o, i) => {
      const recommended = s.recommendation?.optionId === o.id;
      out.push({
        type: 'Container',
        style: recommended ? 'emphasis' : 'default',
        spacing: 'small',
        items: [
          text(`${i + 1}. **${o.title}**${recommended ? ' — recommended' : ''}`),
          ...(o.description ? [text(o.description.slice(0, 1000), { size: 'small', spacing: 'none' })] : []),
          text(`Impact: ${o.impact.slice(0, 1000)}`, { size: 'small', isSubtle: true, spacing: 'none' }),
        ],
      });
    });
  }
  if (s.recommendation) {
    out.push(text(`**Recommendation** (${s.recommendation.authorName}): ${s.recommendation.rationale.slice(0, 1500)}`, { separator: true }));
  }
  return out;
}

/** The EPMO card: context, options with impacts and the recommendation; decision inputs only in a strategy owner's view. */
export function epmoCard(m: EpmoCardModel): AdaptiveCard {
  const s = m.signal;
  const body: CardElement[] = [
    ...noticeBlock(m.notice),
    ...titleBlock(m, `Escalated by the ${m.domainName} PMO`),
    stateTracker(s),
    { type: 'FactSet', facts: summaryFacts(m) },
    ...(s.details ? [text(s.details.slice(0, 1500), { spacing: 'small' })] : []),
    ...analysisBlocks(m),
    ...outcomeLines(m),
  ];
  const actions: CardActionElement[] = [];
  if (s.state === 'escalated') {
    if (m.canDecide) {
      body.push(
        text('**Your decision**', { separator: true }),
        {
          type: 'Input.ChoiceSet',
          id: DECIDE_INPUTS.outcome,
          label: 'Decision',
          style: 'expanded',
          value: 'approve_recommended',
          isRequired: true,
          errorMessage: 'Choose a decision.',
          choices: [
            { title: 'Approve the recommended option', value: 'approve_recommended' },
            { title: 'Choose another option (below)', value: 'choose_other' },
            { title: 'Reject', value: 'reject' },
            { title: 'Defer until a date (below)', value: 'defer' },
            { title: 'Request more information', value: 'request_info' },
          ],
        },
        {
          type: 'Input.ChoiceSet',
          id: DECIDE_INPUTS.option,
          label: 'Option (for “choose another option”)',
          style: 'compact',
          choices: s.options.map((o, i) => ({ title: `${i + 1}. ${o.title}`, value: o.id })),
        },
        { type: 'Input.Date', id: DECIDE_INPUTS.until, label: 'Defer until (for “defer”)', min: m.today },
        {
          type: 'Input.Text',
          id: DECIDE_INPUTS.rationale,
          label: 'Rationale',
          isMultiline: true,
          maxLength: 2000,
          isRequired: true,
          errorMessage: 'Give the rationale for the decision.',
        },
      );
      actions.push(signalAction('Record decision', { verb: 'signal.decide', data: { signalId: s.id, round: s.decisionRound } }, { style: 'positive', associatedInputs: 'auto' }));
    } else {
      body.push(text('Awaiting a decision by a strategy owner. Only strategy owners can decide; this view is read-only.', { isSubtle: true, separator: true }));
      if (!m.personal) actions.push(showMyView(s, 'epmo'));
    }
  }
  actions.push(...openInTab(m, 'Open in PMO Relay'));
  return { ...adaptiveCard(body, actions), refresh: refreshFor(s, 'epmo', m.refreshUserIds) };
}

// ------------------------------------------------------------------ one card of a signal, by view

/** The card of a view, with what just happened (or what went wrong) on top when given. */
export function signalViewCard(card: SignalCardView, notice?: SignalCardModel['notice']): AdaptiveCard {
  const noticed = <M extends SignalCardModel>(model: M): M => (notice ? { ...model, notice } : model);
  switch (card.view) {
    case 'receipt':
      return receiptCard(noticed(card.model));
    case 'pmo':
      return pmoCard(noticed(card.model));
    case 'epmo':
      return epmoCard(noticed(card.model));
  }
}

// ------------------------------------------------------------------ notices

/**
 * Told to the conversation the signal was raised from once the EPMO decided. The raiser is
 * @mentioned (so Teams notifies them) when their Teams user id is known.
 */
export function decisionNoticeCard(m: SignalCardModel & { readonly decision: Decision; readonly raiser?: MentionedPerson }): AdaptiveCard {
  const at = m.raiser ? mention(m.raiser) : undefined;
  const body: CardElement[] = [
    text(`Decision on ${signalLabel(m.signal)}`, { size: 'small', isSubtle: true }),
    heading(m.signal.title),
    text(`Raised by ${at ? at.text : m.signal.raisedBy.displayName} · ${m.domainName} PMO`, { size: 'small', isSubtle: true, spacing: 'small' }),
    ...decisionLines(m.decision),
  ];
  const card = adaptiveCard(body, openInTab(m, 'Open in PMO Relay'));
  return at ? { ...card, msteams: { entities: [at.entity] } } : card;
}

/**
 * An overdue reminder to the owners of the current step (PMO channel or EPMO channel), who are
 * @mentioned by Teams user id when it is known.
 */
export function reminderCard(m: SignalCardModel & { readonly step: string; readonly owner: string; readonly owners?: readonly MentionedPerson[] }): AdaptiveCard {
  const ats = (m.owners ?? []).map(mention);
  const who = ats.length > 0 ? `${m.owner} (${ats.map((a) => a.text).join(', ')})` : m.owner;
  const body: CardElement[] = [
    { type: 'Container', style: 'warning', bleed: true, items: [text(`Overdue: ${m.step} of ${signalLabel(m.signal)}`, { weight: 'bolder' })] },
    heading(m.signal.title),
    text(`${m.step} was due ${dateText(m.signal.dueAt)}. ${who} — please take it forward.`),
    { type: 'FactSet', facts: summaryFacts(m) },
  ];
  const card = adaptiveCard(body, openInTab(m, 'Open in PMO Relay'));
  return ats.length > 0 ? { ...card, msteams: { entities: ats.map((a) => a.entity) } } : card;
}

// ------------------------------------------------------------------ my signals

export function mySignalsCard(m: MySignalsModel): AdaptiveCard {
  const body: CardElement[] = [heading('Signals you raised')];
  if (m.items.length === 0) {
    body.push(text('You have not raised any signals yet. Send "raise" to raise one, or use *Raise with PMO* on any message.'));
    return adaptiveCard(body);
  }
  const shown = m.items.slice(0, 25);
  for (const { signal, domainName, overdue } of shown) {
    body.push({
      type: 'ColumnSet',
      separator: true,
      columns: [
        { type: 'Column', width: 'stretch', items: [text(`**${signalLabel(signal)}** ${signal.title}`), text(`${KIND_LABELS[signal.kind]} · ${domainName} PMO · ${dateText(signal.createdAt)}`, { size: 'small', isSubtle: true, spacing: 'none' })] },
        { type: 'Column', width: 'auto', items: [text(`${STATE_LABELS[signal.state]}${overdue ? ' (overdue)' : ''}`, { weight: 'bolder', color: overdue ? 'warning' : 'accent' })] },
      ],
    });
  }
  if (m.items.length > shown.length) body.push(text(`And ${m.items.length - shown.length} more in the tab.`, { isSubtle: true }));
  return adaptiveCard(body, m.tabUrl ? [{ type: 'Action.OpenUrl', title: 'Open signals in PMO Relay', url: `${m.tabUrl}#/signals?mine=true` }] : []);
}

/**
 * `my signals` asked in a channel or group chat: the list is the raiser's to see (the tab shows a
 * signal only to its domain's PMO, the EPMO and the raiser), so it is not posted where everyone
 * reads it. Points to the personal chat with the bot (Teams' deep link to a chat with a bot is
 * its `28:` id) and to the tab.
 */
export function mySignalsElsewhereCard(m: { readonly botId: string; readonly tabUrl?: string }): AdaptiveCard {
  const body: CardElement[] = [
    heading('Your signals are yours to see'),
    text('Everyone here would see the list, so I show it only in our personal chat: send "my signals" to me there, or open Signals in PMO Relay.'),
  ];
  return adaptiveCard(body, [
    ...(m.botId ? [{ type: 'Action.OpenUrl' as const, title: 'Chat with PMO Relay', url: `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(m.botId)}` }] : []),
    ...(m.tabUrl ? [{ type: 'Action.OpenUrl' as const, title: 'Open signals in PMO Relay', url: `${m.tabUrl}#/signals?mine=true` }] : []),
  ]);
}
