/** The composer's dry run: who a change (saved or not) would reach if published now, and who it cannot reach. */
import { type Result, ok } from '../../kernel/result';
import type { Principal } from '../../kernel/roles';
import type { ChangeFields } from '../domain/change-rules';
import type { DryRunReport } from './read-models';
import type { ChangeDeps } from './deps';
import { computeTargeting } from './current-targeting';
import { mustDraft } from './epmo-actions';
import { loadChange } from './versions';

function dryRunView(targeting: Awaited<ReturnType<typeof computeTargeting>>): DryRunReport {
  const { targeting: t, portfolio } = targeting;
  const names = new Map(portfolio.domains.map((d) => [d.id, d.name]));
  const reachablePmo = new Set(t.recipients.filter((r) => r.role === 'pmo').map((r) => r.domainId));
  return {
    pmoChannels: t.recipients.filter((r) => r.role === 'pmo').length,
    teamConversations: t.recipients.filter((r) => r.role === 'team').length,
    epmoCopy: t.recipients.some((r) => r.role === 'epmo'),
    total: t.recipients.length,
    domains: t.domains.map((d) => ({ domainId: d.domainId, name: names.get(d.domainId) ?? d.domainId, explicit: d.explicit, pmoReachable: reachablePmo.has(d.domainId) })),
    recipients: t.recipients,
    unreachable: t.unreachable.map((u) => ({
      conversationId: u.conversationId,
      role: u.role,
      title: u.title,
      ...(u.domainId ? { domainId: u.domainId } : {}),
      workItemIds: u.workItemIds ?? [],
      reason: u.reason,
    })),
    workItemsWithoutTeam: t.workItemsWithoutTeam.map((w) => ({ id: w.id, title: w.title, domainId: w.domainId })),
  };
}

/** Who fields would reach, without saving anything (the composer's dry run). */
export async function dryRunFields(deps: ChangeDeps, p: Principal, f: Pick<ChangeFields, 'objectiveIds' | 'domainIds'>): Promise<Result<DryRunReport>> {
  const allowed = mustDraft(p);
  if (!allowed.ok) return allowed;
  return ok(dryRunView(await computeTargeting(deps, p.tenantId, f)));
}

/** Who the current version of a change would reach if published now. */
export async function dryRun(deps: ChangeDeps, p: Principal, id: string): Promise<Result<DryRunReport>> {
  const allowed = mustDraft(p);
  if (!allowed.ok) return allowed;
  const loaded = await loadChange(deps, p.tenantId, id);
  if (!loaded.ok) return loaded;
  return ok(dryRunView(await computeTargeting(deps, p.tenantId, loaded.value.latest.value)));
}
