/** The users and Teams user ids tables against a real Azurite (tests/support/table-repositories.ts). */
import { describe, expect, it } from '@jest/globals';
import type { User } from '../../bot/kernel/roles';
import type { Repositories } from '../../bot/directory/repositories';
import { NOW, PERSONAL_29, TENANT_A, useTableRepositories } from '../support/table-repositories';

let repos: Repositories;

useTableRepositories((t) => ({ repos } = t));

describe('round trips', () => {
  it('stores users with every kind of role', async () => {
    const user: User = {
      tenantId: TENANT_A,
      userId: '33333333-3333-4333-8333-333333333333',
      displayName: 'Lee Lead',
      email: 'lee@contoso.example',
      roles: [
        { role: 'epmo_member' },
        { role: 'strategy_owner' },
        { role: 'tenant_admin' },
        { role: 'pmo_lead', domainId: 'dom-it' },
        { role: 'team_member', workItemId: 'wi_full' },
      ],
    };
    await repos.users.upsert(user);
    expect(await repos.users.get(TENANT_A, user.userId)).toEqual(user);
    await repos.users.upsert({ ...user, roles: [] });
    expect(await repos.users.list(TENANT_A)).toEqual([{ ...user, roles: [] }]);
    expect(await repos.users.get(TENANT_A, 'nobody')).toBeUndefined();
  });

  it('saves a person only while their record and a witness are as read, and saves nothing once either changed', async () => {
    const [ana, ben] = ['a1000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000002'].map((userId, i) => ({ tenantId: TENANT_A, userId, displayName: ['Ana', 'Ben'][i] ?? '', roles: [{ role: 'tenant_admin' as const }] }));
    if (!ana || !ben) throw new Error('fixture');
    await repos.users.upsert(ana);
    await repos.users.upsert(ben);
    const read = await repos.users.listVersioned(TENANT_A);
    const [anaRead, benRead] = [ana, ben].map((u) => read.find((r) => r.value.userId === u.userId));
    if (!anaRead || !benRead) throw new Error('not listed');
    expect(await repos.users.replaceIfUnchanged({ ...ana, roles: [] }, anaRead.etag, benRead)).toBe(true);
    expect((await repos.users.get(TENANT_A, ana.userId))?.roles).toEqual([]);
    expect(await repos.users.get(TENANT_A, ben.userId)).toEqual(ben);
    // That save changed both versions: neither read holds any more.
    expect(await repos.users.replaceIfUnchanged({ ...ana, displayName: 'Ana B' }, anaRead.etag)).toBe(false);
    const again = (await repos.users.listVersioned(TENANT_A)).find((r) => r.value.userId === ana.userId);
    expect(await repos.users.replaceIfUnchanged({ ...ana, displayName: 'Ana B' }, again?.etag, benRead)).toBe(false);
    expect((await repos.users.get(TENANT_A, ana.userId))?.displayName).toBe('Ana');
    // No version: only someone who has no record yet.
    const cy = { tenantId: TENANT_A, userId: 'a1000000-0000-4000-8000-000000000003', displayName: 'Cy', roles: [] };
    expect(await repos.users.replaceIfUnchanged(cy, undefined)).toBe(true);
    expect(await repos.users.replaceIfUnchanged({ ...cy, displayName: 'Cy 2' }, undefined)).toBe(false);
    expect((await repos.users.get(TENANT_A, cy.userId))?.displayName).toBe('Cy');
  });

  it('stores Teams user ids by Entra id, and reads many at once', async () => {
    const dana = { tenantId: TENANT_A, userId: 'd1000000-0000-4000-8000-000000000001', mri: PERSONAL_29, name: 'Dana', updatedAt: NOW };
    const sam = { tenantId: TENANT_A, userId: 'd1000000-0000-4000-8000-000000000002', mri: '29:1Sam-xyz', updatedAt: NOW };
    await repos.teamsUsers.saveMany([dana, sam]);
    await repos.teamsUsers.saveMany([{ ...sam, mri: '29:1Sam-moved' }]);
    expect(await repos.teamsUsers.get(TENANT_A, dana.userId)).toEqual(dana);
    expect((await repos.teamsUsers.getMany(TENANT_A, [sam.userId, 'nobody', dana.userId, sam.userId])).map((u) => u.mri).sort()).toEqual([PERSONAL_29, '29:1Sam-moved'].sort());
    expect((await repos.teamsUsers.list(TENANT_A)).map((u) => u.userId).sort()).toEqual([dana.userId, sam.userId].sort());
  });
});
