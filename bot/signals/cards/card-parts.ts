/**
 * What the signal cards share: labels, the state tracker, summary facts,
 * outcome and decision lines, title and origin blocks, "open in the tab" and the refresh
 * action. The cards are in signal-cards.ts and raise-form.ts. Pure.
 */
import {
  CLOSE_REASON_LABELS,
  KIND_LABELS,
  OUTCOME_LABELS,
  STATE_LABELS,
  type Decision,
  type Signal,
  type SignalState,
  signalLabel,
} from '../domain/signal';
import {
  type CardActionElement,
  type CardElement,
  type Column,
  type Fact,
  MAX_REFRESH_USERS,
  heading,
  text,
} from '../../kernel/cards/adaptive-card';
import type { SignalCardKind, SignalCardModel } from '../app/card-models';
import { signalAction } from './actions';

export const URGENCY_LABELS = { low: 'Low', normal: 'Normal', high: 'High', critical: 'Critical' } as const;
export const IMPACT_LABELS = { none: 'None', low: 'Low', medium: 'Medium', high: 'High' } as const;

const signalLink = (m: Pick<SignalCardModel, 'tabUrl' | 'signal'>): string | undefined => (m.tabUrl ? `${m.tabUrl}#/signals/${encodeURIComponent(m.signal.id)}` : undefined);

/** `2026-03-04 09:00 UTC`: plain text, the same in every card element and client. */
export const dateText = (iso: string | undefined): string => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : '—');

export function noticeBlock(notice: SignalCardModel['notice']): CardElement[] {
  if (!notice) return [];
  return [{ type: 'Container', style: notice.tone === 'good' ? 'good' : notice.tone === 'warning' ? 'warning' : 'attention', bleed: true, items: [text(notice.text, { weight: 'bolder' })] }];
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

export function summaryFacts(m: SignalCardModel): Fact[] {
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

export function outcomeLines(m: SignalCardModel): CardElement[] {
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

export function decisionLines(d: Decision): CardElement[] {
  const chosen = d.chosenOptionId ? d.options.find((o) => o.id === d.chosenOptionId) : undefined;
  const what = d.outcome === 'defer' ? `${OUTCOME_LABELS.defer} until ${d.deferredUntil ?? '?'}` : OUTCOME_LABELS[d.outcome];
  return [
    text(`**Decision:** ${what}${chosen ? ` — ${chosen.title}` : ''}`, { separator: true }),
    text(`**Rationale:** ${d.rationale}`, { spacing: 'small' }),
    text(`Decided by ${d.decidedBy.displayName}, ${dateText(d.decidedAt)}`, { size: 'small', isSubtle: true, spacing: 'small' }),
  ];
}

export function openInTab(m: SignalCardModel, title: string): CardActionElement[] {
  const url = signalLink(m);
  return url ? [{ type: 'Action.OpenUrl', title, url }] : [];
}

export function titleBlock(m: SignalCardModel, prefix: string): CardElement[] {
  const s = m.signal;
  return [
    text(`${prefix} · ${signalLabel(s)}`, { size: 'small', isSubtle: true }),
    heading(s.title),
  ];
}

export function originLine(s: Signal): CardElement[] {
  if (!s.origin.messagePreview && !s.origin.messageLink) return [];
  const preview = s.origin.messagePreview ? `“${s.origin.messagePreview.slice(0, 300)}”` : 'the original message';
  // Only a web link is shown as one: the link came from Teams, but a card's data can be typed by anyone.
  const link = s.origin.messageLink?.startsWith('https://') ? s.origin.messageLink : undefined;
  return [text(link ? `Raised from [a Teams message](${link}): ${preview}` : `Raised from a message: ${preview}`, { size: 'small', isSubtle: true })];
}

/**
 * On a shared card, for whoever Teams does not refresh automatically (beyond the 60 listed, or
 * not known by their Teams user id yet): the same refresh, on demand, into their own view.
 */
export const showMyView = (signal: Signal, view: SignalCardKind): CardActionElement =>
  signalAction('Show my view', { verb: 'signal.view', data: { signalId: signal.id, view } });

/**
 * `refresh` makes Teams fetch a fresh copy for the listed people when they see the card, each
 * getting their own view. Teams wants their Teams user ids (MRIs) there, at most 60 ("userIds":
 * ["<user MRI>", …], learn.microsoft.com › Universal Actions › User Specific Views); the model
 * lists only people whose MRI is known.
 */
export const refreshFor = (signal: Signal, view: SignalCardKind, userIds?: readonly string[]) => ({
  action: signalAction('Refresh', { verb: 'signal.view', data: { signalId: signal.id, view } }),
  ...(userIds ? { userIds: userIds.slice(0, MAX_REFRESH_USERS) } : {}),
});

