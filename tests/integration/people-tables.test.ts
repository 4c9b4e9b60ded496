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

  it('saves a person while another is unchanged, and saves nothing once the other has changed', async () => {
    const [ana, ben] = ['a1000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000002'].map((userId, i) => ({ tenantId: TENANT_A, userId, displayName: ['Ana', 'Ben'][i] ?? '', roles: [{ role: 'tenant_admin' as const }] }));
    if (!ana || !ben) throw new Error('fixture');
    await repos.users.upsert(ana);
    await repos.users.upsert(ben);
    const read = await repos.users.listVersioned(TENANT_A);
    const witness = read.find((u) => u.value.userId === ben.userId);
    if (!witness) throw new Error('Ben was not listed');
    expect(await repos.users.upsertWhileUnchanged({ ...ana, roles: [] }, witness)).toBe(true);
    expect((await repos.users.get(TENANT_A, ana.userId))?.roles).toEqual([]);
    expect(await repos.users.get(TENANT_A, ben.userId)).toEqual(ben);
    // The first save changed the witness's version: the same witness no longer holds.
    expect(await repos.users.upsertWhileUnchanged({ ...ana, displayName: 'Ana B' }, witness)).toBe(false);
    expect((await repos.users.get(TENANT_A, ana.userId))?.displayName).toBe('Ana');
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
