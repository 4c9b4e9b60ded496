/**
 * Signal cards (PRODUCT.md §4): the raise form, the raiser's receipt with a state tracker, the
 * PMO channel card with triage, the EPMO card (read-only for everyone, with decision inputs
 * in the strategy owners' personal view), the decision notice, overdue reminders and
 * "my signals". Pure: view model in, Adaptive Card 1.5 out. Each card is rendered from the
 * signal's current state, so a card that is updated in place always tells the truth.
 */
import {
  CLOSE_REASON_LABELS,
  KIND_LABELS,
  OUTCOME_LABELS,
  SIGNAL_KINDS,
  STATE_LABELS,
  URGENCIES,
  type Decision,
  type Signal,
  type SignalState,
  signalLabel,
} from '../domain/signal';
import {
  type AdaptiveCard,
  type CardActionElement,
  type CardElement,
  type Column,
  type ExecuteAction,
  type Fact,
  adaptiveCard,
  heading,
  text,
} from './adaptive-card';
import { DECIDE_INPUTS, type OriginData, RAISE_INPUTS, type SignalCardAction, type SignalView, TRIAGE_INPUTS } from './signal-actions';

/** Everything a signal card shows, resolved from stored records. */
export interface SignalCardModel {
  readonly signal: Signal;
  readonly domainName: string;
  readonly workItemTitle?: string;
  /** Titles of the objectives the context names. */
  readonly objectiveTitles?: readonly string[];
  /** The latest decision, when there is one. */
  readonly decision?: Decision;
  /** Base URL of the tab (ends with `/`), for deep links. */
  readonly tabUrl?: string;
  readonly overdue?: boolean;
  /** A line shown above the card: what just happened or what went wrong. */
  readonly notice?: { readonly tone: 'good' | 'attention' | 'warning'; readonly text: string };
}

export const URGENCY_LABELS = { low: 'Low', normal: 'Normal', high: 'High', critical: 'Critical' } as const;
const IMPACT_LABELS = { none: 'None', low: 'Low', medium: 'Medium', high: 'High' } as const;

type Built<V extends SignalCardAction['verb']> = { readonly verb: V; readonly data: Record<string, unknown> };

function execute<V extends SignalCardAction['verb']>(title: string, action: Built<V>, style?: ExecuteAction['style']): ExecuteAction {
  return { type: 'Action.Execute', title, verb: action.verb, data: action.data, ...(style ? { style } : {}) };
}

const signalLink = (m: Pick<SignalCardModel, 'tabUrl' | 'signal'>): string | undefined => (m.tabUrl ? `${m.tabUrl}#/signals/${encodeURIComponent(m.signal.id)}` : undefined);

/** `2026-03-04 09:00 UTC`: plain text, the same in every card element and client. */
const dateText = (iso: string | undefined): string => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : '—');

function noticeBlock(notice: SignalCardModel['notice']): CardElement[] {
  if (!notice) return [];
  return [{ type: 'Container', style: notice.tone === 'good' ? 'good' : notice.tone === 'warning' ? 'warning' : 'attention', bleed: true, items: [text(notice.text, { weight: 'bolder' })] }];
}

// ------------------------------------------------------------------ raise form

export interface RaiseFormModel {
  /** Work items linked to this conversation, to choose from. */
  readonly workItems: readonly { readonly id: string; readonly title: string }[];
  /** Where it will go when no work item is chosen ("the IT PMO"), if known. */
  readonly routeName?: string;
  readonly prefill?: { readonly title?: string; readonly details?: string };
  readonly origin?: OriginData;
  /** `execute` in conversations (Universal Action `signal.raise`); `submit` inside a dialog (message action). */
  readonly mode: 'execute' | 'submit';
  readonly notice?: string;
}

export function raiseFormCard(model: RaiseFormModel): AdaptiveCard {
  const body: CardElement[] = [
    ...(model.notice ? noticeBlock({ tone: 'attention', text: model.notice }) : []),
    heading('Raise a signal with the PMO'),
    text(
      model.routeName ? `It goes to ${model.routeName} (or to the PMO of the work item you choose).` : 'It goes to the PMO of the work item you choose.',
      { isSubtle: true, spacing: 'small' },
    ),
    {
      type: 'Input.ChoiceSet',
      id: RAISE_INPUTS.kind,
      label: 'Kind',
      style: 'compact',
      value: 'issue',
      isRequired: true,
      errorMessage: 'Choose what kind of signal this is.',
      choices: SIGNAL_KINDS.map((k) => ({ title: KIND_LABELS[k], value: k })),
    },
    {
      type: 'Input.Text',
      id: RAISE_INPUTS.title,
      label: 'Title',
      placeholder: 'One line: what did you spot?',
      maxLength: 200,
      isRequired: true,
      errorMessage: 'Give the signal a title.',
      ...(model.prefill?.title ? { value: model.prefill.title.slice(0, 200) } : {}),
    },
    {
      type: 'Input.Text',
      id: RAISE_INPUTS.details,
      label: 'Details',
      placeholder: 'What happened, what it affects, what you suggest',
      isMultiline: true,
      maxLength: 4000,
      ...(model.prefill?.details ? { value: model.prefill.details.slice(0, 4000) } : {}),
    },
    {
      type: 'Input.ChoiceSet',
      id: RAISE_INPUTS.urgency,
      label: 'Urgency',
      style: 'compact',
      value: 'normal',
      choices: URGENCIES.map((u) => ({ title: URGENCY_LABELS[u], value: u })),
    },
  ];
  if (model.workItems.length > 0) {
    body.push({
      type: 'Input.ChoiceSet',
      id: RAISE_INPUTS.workItemId,
      label: 'Work item (optional)',
      style: 'compact',
      placeholder: 'Not about one work item',
      choices: model.workItems.slice(0, 100).map((w) => ({ title: w.title, value: w.id })),
      ...(model.workItems.length === 1 && model.workItems[0] ? { value: model.workItems[0].id } : {}),
    });
  }
  const data = model.origin ? { origin: model.origin } : {};
  const action: CardActionElement =
    model.mode === 'execute'
      ? { ...execute('Raise', { verb: 'signal.raise', data }, 'positive'), associatedInputs: 'auto' }
      : { type: 'Action.Submit', title: 'Raise', style: 'positive', data: { verb: 'signal.raise', ...data } };
  return adaptiveCard(body, [action]);
}

// ------------------------------------------------------------------ common parts

const TRACK: readonly SignalState[] = ['raised', 'triaged', 'analysing', 'escalated', 'decided'];

/** Raised ✓ → Triaged ✓ → Analysing ● → Escalated → Decided; final states replace the tail. */
export function stateTracker(signal: Pick<Signal, 'state'>): CardElement {
  let steps: SignalState[] = [...TRACK];
  if (signal.state === 'resolved' || signal.state === 'closed') steps = [...TRACK.slice(0, 1), signal.state];
  if (signal.state === 'deferred') steps = ['raised', 'triaged', 'analysing', 'escalated', 'deferred'];
  const at = steps.indexOf(signal.state);
  const columns: Column[] = steps.map((s, i) => {
    const done = at === -1 ? false : i < at;
    const current = i === at || (s === 'raised' && at === -1);
    return {
      type: 'Column',
      width: 'auto',
      items: [
        text(`${done ? '✓' : current ? '●' : '○'} ${STATE_LABELS[s]}`, {
          size: 'small',
          weight: current ? 'bolder' : 'default',
          color: current ? 'accent' : done ? 'good' : 'default',
          isSubtle: !done && !current,
        }),
      ],
    };
  });
  // Show the closed state after the decided step when a decided signal was closed.
  return { type: 'ColumnSet', columns, spacing: 'small' };
}

function summaryFacts(m: SignalCardModel): Fact[] {
  const s = m.signal;
  const facts: Fact[] = [
    { title: 'Kind', value: KIND_LABELS[s.kind] },
    { title: 'Urgency', value: URGENCY_LABELS[s.urgency] },
    { title: 'PMO', value: m.domainName },
  ];
  if (m.workItemTitle) facts.push({ title: 'Work item', value: m.workItemTitle });
  facts.push({ title: 'Raised by', value: `${s.raisedBy.displayName}, ${dateText(s.createdAt)}` });
  facts.push({ title: 'State', value: `${STATE_LABELS[s.state]} (by ${s.stateChangedBy.displayName}, ${dateText(s.stateChangedAt)})` });
  if (s.dueAt && (s.state === 'raised' || s.state === 'triaged' || s.state === 'analysing' || s.state === 'escalated')) {
    facts.push({ title: 'Due', value: `${dateText(s.dueAt)}${m.overdue ? ' — overdue' : ''}` });
  }
  return facts;
}

function outcomeLines(m: SignalCardModel): CardElement[] {
  const s = m.signal;
  const out: CardElement[] = [];
  if (s.state === 'resolved' && s.resolution) out.push(text(`**Resolved locally:** ${s.resolution}`, { separator: true }));
  if (s.state === 'closed' && s.closeReason) {
    const dup = s.closeReason === 'duplicate' && s.duplicateOf ? ` of S-${s.duplicateOf}` : '';
    out.push(text(`**Closed — ${CLOSE_REASON_LABELS[s.closeReason].toLowerCase()}${dup}:** ${s.closeComment ?? ''}`, { separator: true }));
  }
  if (s.state === 'analysing' && s.infoRequest) out.push(text(`**The EPMO asked for more information:** ${s.infoRequest}`, { separator: true, color: 'warning' }));
  if (m.decision && (s.state === 'decided' || s.state === 'deferred' || (s.state === 'closed' && s.closeReason === 'decision_implemented'))) {
    out.push(...decisionLines(m.decision));
  }
  return out;
}

function decisionLines(d: Decision): CardElement[] {
  const chosen = d.chosenOptionId ? d.options.find((o) => o.id === d.chosenOptionId) : undefined;
  const what = d.outcome === 'defer' ? `${OUTCOME_LABELS.defer} until ${d.deferredUntil ?? '?'}` : OUTCOME_LABELS[d.outcome];
  return [
    text(`**Decision:** ${what}${chosen ? ` — ${chosen.title}` : ''}`, { separator: true }),
    text(`**Rationale:** ${d.rationale}`, { spacing: 'small' }),
    text(`Decided by ${d.decidedBy.displayName}, ${dateText(d.decidedAt)}`, { size: 'small', isSubtle: true, spacing: 'small' }),
  ];
}

function openInTab(m: SignalCardModel, title: string): CardActionElement[] {
  const url = signalLink(m);
  return url ? [{ type: 'Action.OpenUrl', title, url }] : [];
}

function titleBlock(m: SignalCardModel, prefix: string): CardElement[] {
  const s = m.signal;
  return [
    text(`${prefix} · ${signalLabel(s)}`, { size: 'small', isSubtle: true }),
    heading(s.title),
  ];
}

function originLine(s: Signal): CardElement[] {
  if (!s.origin.messagePreview && !s.origin.messageLink) return [];
  const preview = s.origin.messagePreview ? `“${s.origin.messagePreview.slice(0, 300)}”` : 'the original message';
  return [text(s.origin.messageLink ? `From [${s.origin.messageLink.startsWith('https://') ? 'a Teams message' : 'a message'}](${s.origin.messageLink}): ${preview}` : `From a message: ${preview}`, { size: 'small', isSubtle: true })];
}

/** `refresh` makes Teams fetch a fresh copy for each viewer, so an old card never misleads. */
const refreshFor = (signal: Signal, view: SignalView, userIds?: readonly string[]) => ({
  action: execute('Refresh', { verb: 'signal.view', data: { signalId: signal.id, view } }),
  ...(userIds ? { userIds: userIds.slice(0, 60) } : {}),
});

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

/** The PMO channel card: triage actions while raised, then a read-only view with a link to the analysis. */
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
  if (s.state === 'raised') {
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
      execute('Accept (triage)', { verb: 'signal.triage', data }, 'positive'),
      execute('Resolve locally', { verb: 'signal.resolve', data }),
      execute('Close: duplicate', { verb: 'signal.close', data: { ...data, reason: 'duplicate' } }),
      execute('Close: not actionable', { verb: 'signal.close', data: { ...data, reason: 'not_actionable' } }, 'destructive'),
    );
  } else if (s.state === 'triaged' || s.state === 'analysing') {
    body.push(text('Next: add the strategic context, options and a recommendation in the tab, then escalate.', { isSubtle: true, spacing: 'medium' }));
  }
  actions.push(...openInTab(m, s.state === 'raised' || s.state === 'triaged' || s.state === 'analysing' ? 'Analyse in PMO Relay' : 'Open in PMO Relay'));
  return { ...adaptiveCard(body, actions), refresh: refreshFor(s, 'pmo') };
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

export interface EpmoCardModel extends SignalCardModel {
  /** The personal view of a strategy owner: with the decision inputs. */
  readonly canDecide: boolean;
  /** Strategy owners' user ids, for the refresh that gives them their personal view. */
  readonly deciderIds: readonly string[];
  /** Today (`YYYY-MM-DD`), the earliest deferral date minus one. */
  readonly today: string;
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
      actions.push({ ...execute('Record decision', { verb: 'signal.decide', data: { signalId: s.id, round: s.decisionRound } }, 'positive'), associatedInputs: 'auto' });
    } else {
      body.push(text('Awaiting a decision by a strategy owner. Only strategy owners can decide; this view is read-only.', { isSubtle: true, separator: true }));
    }
  }
  actions.push(...openInTab(m, 'Open in PMO Relay'));
  return { ...adaptiveCard(body, actions), refresh: refreshFor(s, 'epmo', m.deciderIds) };
}

// ------------------------------------------------------------------ notices

/** Told to the conversation the signal was raised from once the EPMO decided. */
export function decisionNoticeCard(m: SignalCardModel & { readonly decision: Decision }): AdaptiveCard {
  const body: CardElement[] = [
    text(`Decision on ${signalLabel(m.signal)}`, { size: 'small', isSubtle: true }),
    heading(m.signal.title),
    text(`Raised by ${m.signal.raisedBy.displayName} · ${m.domainName} PMO`, { size: 'small', isSubtle: true, spacing: 'small' }),
    ...decisionLines(m.decision),
  ];
  return adaptiveCard(body, openInTab(m, 'Open in PMO Relay'));
}

/** An overdue reminder to the owner of the current step (PMO channel or EPMO channel). */
export function reminderCard(m: SignalCardModel & { readonly step: string; readonly owner: string }): AdaptiveCard {
  const body: CardElement[] = [
    { type: 'Container', style: 'warning', bleed: true, items: [text(`Overdue: ${m.step} of ${signalLabel(m.signal)}`, { weight: 'bolder' })] },
    heading(m.signal.title),
    text(`${m.step} was due ${dateText(m.signal.dueAt)}. ${m.owner} — please take it forward.`),
    { type: 'FactSet', facts: summaryFacts(m) },
  ];
  return adaptiveCard(body, openInTab(m, 'Open in PMO Relay'));
}

// ------------------------------------------------------------------ my signals

export interface MySignalsModel {
  readonly items: readonly { readonly signal: Signal; readonly domainName: string; readonly overdue: boolean }[];
  readonly tabUrl?: string;
}

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
