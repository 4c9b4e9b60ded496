/**
 * The last tenant admin under interleavings, over the in-memory repositories: a save decides
 * from what it reads, so it must not write over what changed between its read and its write.
 */
import { describe, expect, it } from '@jest/globals';

import type { Principal, User } from '../../kernel/roles';
import type { RoleChangeLog } from '../ports';
import { createMemoryRepositories } from '../../../tests/support/memory-repositories';
import { type RoleAssignmentDeps, assignRoles } from './role-assignment';

const T = '11111111-1111-4111-8111-111111111111';
const ROSA = 'a0000000-0000-4000-8000-000000000001';
const TOM = 'a0000000-0000-4000-8000-000000000002';
const rosa: Principal = { tenantId: T, userId: ROSA, displayName: 'Rosa', roles: [{ role: 'tenant_admin' }] };

describe('assigning roles', () => {
  it('never leaves the tenant without an admin when a save read its person before they were made one', async () => {
    const repos = createMemoryRepositories();
    await repos.users.upsert({ tenantId: T, userId: ROSA, displayName: 'Rosa', roles: [{ role: 'tenant_admin' }] });
    await repos.users.upsert({ tenantId: T, userId: TOM, displayName: 'Tom', roles: [] });
    // One save of Tom (a second tab renaming him) is held after its first read of him, while
    // Rosa makes Tom an admin and then removes her own role, Tom being the admin who stays.
    let release = (): void => undefined;
    const held = new Promise<void>((r) => (release = r));
    let readsOfTom = 0;
    const users = {
      ...repos.users,
      get: async (tenantId: string, userId: string): Promise<User | undefined> => {
        const u = await repos.users.get(tenantId, userId);
        if (userId === TOM && readsOfTom++ === 0) await held;
        return u;
      },
    };
    const roleChanges: RoleChangeLog = { append: async () => undefined, page: async () => ({ changes: [] }) };
    let n = 0;
    const deps: RoleAssignmentDeps = { repos: { ...repos, users }, clock: { now: () => new Date('2026-12-08T09:00:00Z') }, ids: { next: (p) => `${p ?? ''}${(n += 1)}` }, roleChanges };

    const renaming = assignRoles(deps, rosa, TOM, { displayName: 'Tom Baker', roles: [] });
    await new Promise((r) => setImmediate(r));
    expect((await assignRoles(deps, rosa, TOM, { displayName: 'Tom', roles: [{ role: 'tenant_admin' }] })).ok).toBe(true);
    expect((await assignRoles(deps, rosa, ROSA, { displayName: 'Rosa', roles: [] })).ok).toBe(true);
    release();
    const renamed = await renaming;

    // The held save meets Tom as the last admin now, and is refused rather than take it away.
    expect(renamed.ok ? 'saved' : renamed.error.code).toBe('CONFLICT.LAST_ONE');
    const admins = (await repos.users.list(T)).filter((u) => u.roles.some((r) => r.role === 'tenant_admin'));
    expect(admins.map((u) => u.displayName)).toEqual(['Tom']);
  });
});
