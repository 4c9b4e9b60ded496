/** Who sees a strategy change and which of its recipients (PRODUCT.md §3). */
import { type Principal, isEpmo, leadsDomain, onTeamOf } from '../../kernel/roles';
import type { StrategyChange } from '../domain/strategy-change';
import type { ChangeRecipientRecord } from '../ports';

/** A recipient the change is addressed to, as a person may see it. */
export function recipientVisibleTo(p: Principal, r: Pick<ChangeRecipientRecord, 'domainId' | 'workItemIds' | 'role'>): boolean {
  if (isEpmo(p)) return true;
  if (r.role === 'epmo') return false;
  return leadsDomain(p, r.domainId) || (r.workItemIds ?? []).some((w) => onTeamOf(p, w));
}

/** Who sees a change: the EPMO everything; others published changes addressed to their domain or team. */
export function changeVisibleTo(p: Principal, change: StrategyChange, recipients: readonly Pick<ChangeRecipientRecord, 'domainId' | 'workItemIds' | 'role'>[]): boolean {
  if (isEpmo(p)) return true;
  if (change.state === 'draft') return false;
  return change.domainIds.some((d) => leadsDomain(p, d)) || recipients.some((r) => recipientVisibleTo(p, r));
}
