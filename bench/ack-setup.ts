/**
 * A real strategy change for the fan-out benchmark's acknowledgement invokes: a few team
 * channels linked to work items under one objective, one team member per team, and a change
 * on that objective published through the HTTP API (so it is delivered by the same engine).
 * The benchmark then POSTs `change.ack` invokes for it while the fan-out runs — the full
 * path: role and link checks, the change's recipients, the response row, the reply card.
 */
import type { RunningApp } from '../bot/composition/start-app';
import type { WorkItem } from '../bot/portfolio/domain/portfolio';

export interface AckTarget {
  readonly changeId: string;
  readonly version: number;
  /** A second change on the same teams asking for an impact assessment, when asked for. */
  readonly assess?: { readonly changeId: string; readonly version: number };
  /** One team channel and the member who answers there. */
  readonly teams: readonly { readonly conversationId: string; readonly userId: string; readonly name: string }[];
}

async function json(res: Response): Promise<Record<string, unknown>> {
  const text = await res.text();
  if (!res.ok) throw new Error(`${res.status} ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

export async function publishAckTarget(app: RunningApp, tenantId: string, serviceUrl: string, teamCount = 20, alsoAssess = false): Promise<AckTarget> {
  const now = new Date().toISOString();
  const epmo = { userId: 'be000000-0000-4000-8000-00000000e1e0', displayName: 'Bench EPMO' };
  const teams = Array.from({ length: teamCount }, (_, i) => ({
    conversationId: `19:ack-team-${i}@thread.tacv2`,
    workItemId: `wi-bench-${i}`,
    userId: `be000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    name: `Bench member ${i}`,
  }));
  const { repos } = app;
  await repos.tenants.upsert({ tenantId, displayName: 'Bench tenant', createdAt: now });
  await repos.users.upsert({ tenantId, ...epmo, roles: [{ role: 'epmo_member' }] });
  for (const t of teams) await repos.users.upsert({ tenantId, userId: t.userId, displayName: t.name, roles: [{ role: 'team_member', workItemId: t.workItemId }] });
  await repos.domains.createMany([{ tenantId, id: 'dom-bench', name: 'BENCH', description: '', freshnessDays: 14, createdAt: now }]);
  await repos.objectives.createMany([{ tenantId, id: 'obj-bench', code: 'OBJ-B', title: 'Bench objective', description: '', ownerId: epmo.userId, ownerName: epmo.displayName, priority: 1, createdAt: now }]);
  const workItems: WorkItem[] = teams.map((t) => ({
    tenantId,
    id: t.workItemId,
    domainId: 'dom-bench',
    title: `Item ${t.workItemId}`,
    structure: 'project',
    mode: 'agile',
    stage: 'Beta',
    owner: { displayName: 'Owner' },
    startDate: '2026-01-01',
    endDate: '2026-12-31',
    objectives: [{ objectiveId: 'obj-bench', weight: 100 }],
    health: { schedule: 'green', cost: 'green', scope: 'green', benefit: 'green' },
    createdAt: now,
    updatedAt: now,
  }));
  await repos.workItems.createMany(workItems);
  for (const t of teams) {
    await repos.conversations.save({ tenantId, conversationId: t.conversationId, kind: 'channel', serviceUrl, channelId: 'msteams', botId: '28:bench', title: `Team ${t.workItemId}`, installedAt: now, updatedAt: now, active: true });
    await repos.links.put({ tenantId, conversationId: t.conversationId, target: { kind: 'team', workItemId: t.workItemId }, linkedBy: epmo.userId, linkedAt: now });
  }

  const token = (await json(await fetch(`${app.url}/api/dev/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ tenantId, userId: epmo.userId }) }))).token as string;
  const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  const publish = async (requiredResponse: 'acknowledge' | 'assess') => {
    const draft = await json(
      await fetch(`${app.url}/api/changes`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ title: `Bench change (${requiredResponse})`, summary: 'Respond to me.', kind: 'reprioritisation', objectiveIds: ['obj-bench'], domainIds: [], requiredResponse, respondBy: new Date(Date.now() + 7 * 86_400_000).toISOString() }),
      }),
    );
    const change = draft.change as { id: string; version: number };
    await json(await fetch(`${app.url}/api/changes/${change.id}/publish`, { method: 'POST', headers: { ...auth, 'If-Match': draft.etag as string } }));
    // Wait until its cards are delivered, so the fan-out starts on a quiet queue.
    const batch = `change:${change.id}:v${change.version}`;
    for (let i = 0; i < 600; i++) {
      const progress = await app.delivery.progress(tenantId, batch);
      if (progress.total > 0 && progress.queued === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return { changeId: change.id, version: change.version };
  };
  const ack = await publish('acknowledge');
  const assess = alsoAssess ? await publish('assess') : undefined;
  return { ...ack, ...(assess ? { assess } : {}), teams: teams.map(({ conversationId, userId, name }) => ({ conversationId, userId, name })) };
}
