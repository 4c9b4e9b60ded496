import { describe, expect, it } from '@jest/globals';
import { DELIVERY_MODES, STRUCTURES } from '../portfolio/domain/portfolio';
import { createWorkItem } from '../portfolio/domain/work-item';
import { buildDemoTenant } from './demo-data';
import { ROLES } from '../kernel/roles';
import { createMemoryRepositories } from '../../tests/support/memory-repositories';
import { playgroundUserId } from '../../scripts/lib/playground-config';
import { seedDemo } from './seed';

describe('the demo tenant', () => {
  const data = buildDemoTenant(new Date('2026-11-27T09:00:00Z'));

  it('is big and varied enough to show the product (issue #2 §8)', () => {
    expect(data.domains.length).toBeGreaterThanOrEqual(3);
    expect(data.objectives.length).toBeGreaterThanOrEqual(8);
    expect(data.workItems.length).toBeGreaterThanOrEqual(40);
    expect(new Set(data.workItems.map((w) => w.structure))).toEqual(new Set(STRUCTURES));
    expect(new Set(data.workItems.map((w) => w.mode))).toEqual(new Set(DELIVERY_MODES));
    expect(new Set(data.users.flatMap((u) => u.roles.map((r) => r.role)))).toEqual(new Set(ROLES));
    expect(data.links.length).toBeGreaterThan(data.domains.length);
  });

  it('obeys every portfolio rule the app enforces', () => {
    const ctx = {
      tenantId: data.tenantId,
      now: new Date(),
      domainIds: new Set(data.domains.map((d) => d.id)),
      objectiveIds: new Set(data.objectives.map((o) => o.id)),
      items: new Map(data.workItems.map((w) => [w.id, w])),
    };
    for (const item of data.workItems) {
      const { id, tenantId: _t, createdAt: _c, updatedAt: _u, statusReportedAt: _s, ...input } = item;
      const result = createWorkItem(id, input, ctx);
      expect(result.ok ? 'ok' : `${id}: ${JSON.stringify(result.error.details)}`).toBe('ok');
    }
    // A strategy owner owns each objective (the objectives API refuses anyone else).
    const strategyOwners = new Set(data.users.filter((u) => u.roles.some((r) => r.role === 'strategy_owner')).map((u) => u.userId));
    for (const o of data.objectives) expect(strategyOwners.has(o.ownerId) ? o.code : `${o.code} owned by ${o.ownerName}`).toBe(o.code);
  });

  it('links every domain PMO channel, the EPMO channel, and only existing work items', () => {
    const itemIds = new Set(data.workItems.map((w) => w.id));
    for (const d of data.domains) expect(data.links.some((l) => l.target.kind === 'pmo' && l.target.domainId === d.id)).toBe(true);
    expect(data.links.filter((l) => l.target.kind === 'epmo')).toHaveLength(1);
    for (const l of data.links) if (l.target.kind === 'team') expect(itemIds.has(l.target.workItemId)).toBe(true);
    for (const u of data.users) for (const r of u.roles) if (r.role === 'team_member') expect(itemIds.has(r.workItemId)).toBe(true);
  });
});

describe('the demo seed', () => {
  it('knows every demo person by the Teams user id the Agents Playground gives them', async () => {
    const repos = createMemoryRepositories();
    const data = buildDemoTenant(new Date('2026-11-27T09:00:00Z'));
    await seedDemo(repos, { now: () => new Date('2026-11-27T09:00:00Z') });
    const known = await repos.teamsUsers.getMany(data.tenantId, data.users.map((u) => u.userId));
    expect(known.map((u) => [u.userId, u.mri]).sort()).toEqual(data.users.map((u) => [u.userId, playgroundUserId(u.userId)]).sort());
  });
});
