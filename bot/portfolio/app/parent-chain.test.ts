/** The portfolio rules on a parent chain read by id: however deep the chain, no program becomes its own ancestor. */
import { beforeEach, describe, expect, it } from '@jest/globals';
import { createMemoryRepositories } from '../../../tests/support/memory-repositories';
import { domain, workItem } from '../../../tests/support/directory-records';
import type { Principal } from '../../kernel/roles';
import type { Repositories } from '../../directory/repositories';
import { type PortfolioDeps, updateWorkItemAction } from './portfolio';

const T = '11111111-1111-4111-8111-111111111111';
const clock = { now: () => new Date('2026-03-01T09:00:00.000Z') };
const lead: Principal = { tenantId: T, userId: 'u1', displayName: 'Dana', roles: [{ role: 'pmo_lead', domainId: 'dom-a' }] };

let repos: Repositories;
const deps = (): PortfolioDeps => ({
  repos,
  people: repos.users,
  clock,
  ids: { next: (prefix) => `${prefix ?? 'id'}-x` },
  activity: {
    domainActivity: async () => { throw new Error('not read'); },
    rollupActivity: async () => new Map(),
    itemActivity: async () => ({ signals: [], changes: [], openSignalStates: [], unansweredChanges: 0, checkInOverdue: false }),
  },
});

beforeEach(async () => {
  repos = createMemoryRepositories();
  await repos.domains.createMany([domain(T, 'dom-a')]);
});

describe('parent chain cycles', () => {
  it.each([5, 21, 25])('refuses to make the root of a %i-program chain a child of its deepest program', async (depth) => {
    // p1 is the root; p(k) has parent p(k-1).
    const chain = Array.from({ length: depth }, (_, k) =>
      workItem(T, `p${k + 1}`, 'dom-a', { structure: 'program', title: `Program ${k + 1}`, ...(k > 0 ? { parentId: `p${k}` } : {}) }),
    );
    await repos.workItems.createMany(chain);
    const root = await repos.workItems.get(T, 'p1');
    if (!root) throw new Error('no root');
    const res = await updateWorkItemAction(deps(), lead, 'p1', { parentId: `p${depth}` }, root.etag);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.details?.[0]?.message).toMatch(/cannot be its own ancestor/);
  });
});
