/**
 * Where the cascade of every active (published) strategy change stands, recipient by recipient:
 * what the portfolio shows as unanswered changes, overdue responses and cascade coverage.
 * Reads only the active versions (the store filters on `state`), then the recipients of each —
 * only one domain's when a domain is asked for (the store filters on `domainId`) — and the
 * responses of the versions that reached someone there.
 */
import type { Impact, RecipientRole, RecipientStatus } from '../domain/strategy-change';
import type { ChangeDeps } from './deps';
import { recipientStates } from './versions';

export interface CascadeEntry {
  readonly changeId: string;
  readonly title: string;
  readonly version: number;
  readonly publishedAt?: string;
  /** When the version asks its recipients to have responded (ISO). */
  readonly respondBy: string;
  readonly role: RecipientRole;
  readonly domainId?: string;
  readonly workItemIds: readonly string[];
  readonly status: RecipientStatus;
  readonly responded: boolean;
  readonly overdue: boolean;
  /** The latest response in the conversation, by whom. */
  readonly response?: { readonly by: string; readonly at: string; readonly impact?: Impact; readonly comment?: string };
}

export async function activeCascade(deps: Pick<ChangeDeps, 'stores' | 'clock'>, tenantId: string, domainId?: string): Promise<CascadeEntry[]> {
  const active = (await deps.stores.changes.listActive(tenantId)).map((v) => v.value);
  const now = deps.clock.now();
  const statuses = await Promise.all(
    active.map(async (change) => {
      const records = await deps.stores.recipients.listByVersion(tenantId, change.id, change.version, domainId);
      // A version that reached no one in the domain asked: its responses are not read.
      const responses = records.length > 0 ? await deps.stores.responses.listByVersion(tenantId, change.id, change.version) : [];
      return { change, recipients: recipientStates(change, records, responses, now) };
    }),
  );
  return statuses.flatMap((status) =>
    status.recipients.map((r): CascadeEntry => {
      const rec = r.record.value;
      const latest = [...r.responses].sort((a, b) => b.respondedAt.localeCompare(a.respondedAt))[0];
      return {
        changeId: status.change.id,
        title: status.change.title,
        version: status.change.version,
        ...(status.change.publishedAt ? { publishedAt: status.change.publishedAt } : {}),
        respondBy: status.change.respondBy,
        role: rec.role,
        ...(rec.domainId ? { domainId: rec.domainId } : {}),
        workItemIds: rec.workItemIds ?? [],
        status: r.outcome.status,
        responded: r.outcome.responded,
        overdue: r.outcome.overdue,
        ...(latest
          ? { response: { by: latest.userName, at: latest.respondedAt, ...(r.outcome.impact ? { impact: r.outcome.impact } : {}), ...(r.outcome.comment ? { comment: r.outcome.comment } : {}) } }
          : {}),
      };
    }),
  );
}
