/**
 * Where the cascade of every active (published) strategy change stands, recipient by recipient:
 * what the portfolio shows as unanswered changes, overdue responses and cascade coverage.
 * Reads the tenant's change versions, then the recipients and responses of each published one.
 */
import type { Impact, RecipientRole, RecipientStatus } from '../domain/strategy-change';
import type { ChangeDeps } from './deps';
import { versionStatus } from './versions';

export interface CascadeEntry {
  readonly changeId: string;
  readonly title: string;
  readonly version: number;
  readonly publishedAt?: string;
  readonly role: RecipientRole;
  readonly domainId?: string;
  readonly workItemIds: readonly string[];
  readonly status: RecipientStatus;
  readonly responded: boolean;
  readonly overdue: boolean;
  /** The latest response in the conversation, by whom. */
  readonly response?: { readonly by: string; readonly at: string; readonly impact?: Impact; readonly comment?: string };
}

export async function activeCascade(deps: Pick<ChangeDeps, 'stores' | 'clock'>, tenantId: string): Promise<CascadeEntry[]> {
  const versions = await deps.stores.changes.list(tenantId);
  const published = versions.map((v) => v.value).filter((c) => c.state === 'published');
  const statuses = await Promise.all(published.map((c) => versionStatus(deps, c)));
  return statuses.flatMap((status) =>
    status.recipients.map((r): CascadeEntry => {
      const rec = r.record.value;
      const latest = [...r.responses].sort((a, b) => b.respondedAt.localeCompare(a.respondedAt))[0];
      return {
        changeId: status.change.id,
        title: status.change.title,
        version: status.change.version,
        ...(status.change.publishedAt ? { publishedAt: status.change.publishedAt } : {}),
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
