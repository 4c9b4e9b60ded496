/** Pure view logic of the changes list and the cascade view. */
import type { CascadeDomain, CascadeRecipient, ChangeState, ChangeSummary, DeliveryProgress, ImpactRollup } from './types';

/** Share of recipients that responded as asked, 0–1; 0 when nobody was reached. */
export const respondedRatio = (rollup: Pick<ImpactRollup, 'recipients' | 'responded'>): number =>
  rollup.recipients > 0 ? Math.min(1, rollup.responded / rollup.recipients) : 0;

/** "14 of 87 responded". */
export const respondedText = (rollup: Pick<ImpactRollup, 'recipients' | 'responded'>): string => `${rollup.responded} of ${rollup.recipients} responded`;

/** The fan-out still has cards on the queue: the view refreshes itself while this holds. */
export const isFanOutRunning = (delivery: DeliveryProgress | undefined): boolean => delivery !== undefined && delivery.queued > 0;

/**
 * "Sending: 40 of 120" while running; "Delivered to 118 of 120 recipients" after. `recipients`
 * is the response figures' count (PMO and team conversations, the EPMO copy apart), so both
 * speak of the same conversations; those with no Teams conversation to send to are named too.
 */
export function deliveryText(d: DeliveryProgress, recipients: number): string {
  if (d.total === 0 && recipients === 0) return 'Nothing to send';
  if (d.queued > 0) return `Sending: ${d.total - d.queued} of ${d.total}`;
  const notLinked = Math.max(0, recipients - d.total);
  const problems = [d.failed > 0 ? `${d.failed} failed` : '', d.unreachable > 0 ? `${d.unreachable} unreachable` : '', notLinked > 0 ? `${notLinked} with no Teams conversation` : ''].filter(Boolean);
  return `Delivered to ${d.sent} of ${recipients} ${recipients === 1 ? 'recipient' : 'recipients'}${problems.length > 0 ? ` (${problems.join(', ')})` : ''}`;
}

/** How often a view refreshes: fast while cards are going out, slower while answers come in. */
export function refreshInterval(state: ChangeState | undefined, delivery: DeliveryProgress | undefined): number | undefined {
  if (isFanOutRunning(delivery)) return 3_000;
  if (state === 'published') return 20_000;
  return undefined;
}

const STATE_ORDER: Readonly<Record<ChangeState, number>> = { draft: 0, published: 1, superseded: 2, withdrawn: 3 };

/** Drafts first, then published by respond-by (soonest first), then closed ones, newest first. */
export function sortChanges(items: readonly ChangeSummary[]): ChangeSummary[] {
  return [...items].sort((a, b) => {
    const byState = STATE_ORDER[a.change.state] - STATE_ORDER[b.change.state];
    if (byState !== 0) return byState;
    if (a.change.state === 'published') return a.change.respondBy.localeCompare(b.change.respondBy);
    return b.change.updatedAt.localeCompare(a.change.updatedAt);
  });
}

export type StateFilter = 'active' | 'all' | ChangeState;

/** `active`: drafts and published changes, what people act on. */
export const filterChanges = (items: readonly ChangeSummary[], filter: StateFilter): ChangeSummary[] =>
  items.filter((s) => filter === 'all' || (filter === 'active' ? s.change.state === 'draft' || s.change.state === 'published' : s.change.state === filter));

/** A domain's recipients as rows: its PMO channel first, then its teams by title. */
export function domainRows(domain: CascadeDomain): CascadeRecipient[] {
  const teams = [...domain.teams].sort((a, b) => a.title.localeCompare(b.title, undefined, { sensitivity: 'base', numeric: true }));
  return domain.pmo ? [domain.pmo, ...teams] : teams;
}

/** "IT PMO" / "Team · Mainframe Exit, Core Banking". */
export function recipientLabel(r: CascadeRecipient): string {
  if (r.role === 'pmo') return `PMO channel · ${r.title}`;
  if (r.role === 'epmo') return `EPMO channel · ${r.title}`;
  return r.title;
}
