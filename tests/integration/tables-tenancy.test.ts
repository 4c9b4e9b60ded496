/**
 * Every Table Storage repository keeps tenants apart and forgets one whole, against a real
 * Azurite (tests/support/table-repositories.ts).
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Repositories } from '../../bot/directory/repositories';
import { conversation, domain, link, objective, workItem } from '../support/directory-records';
import { CHANNEL_ID, useTableRepositories } from '../support/table-repositories';

let repos: Repositories;

useTableRepositories((t) => ({ repos } = t));

describe('tenant isolation', () => {
  const A = '44444444-4444-4444-8444-444444444444';
  const B = '55555555-5555-4555-8555-555555555555';

  beforeAll(async () => {
    await repos.domains.create(domain(A, 'shared-id', 'A domain'));
    await repos.workItems.create({ item: workItem(A, 'wi_shared', 'shared-id', { title: 'A item' }) });
    await repos.users.upsert({ tenantId: A, userId: 'shared-user', displayName: 'A person', roles: [{ role: 'tenant_admin' }] });
    await repos.conversations.save(conversation(A, CHANNEL_ID, { title: 'A channel' }));
    await repos.links.put(link(A, CHANNEL_ID, { kind: 'pmo', domainId: 'shared-id' }));
  });

  it('never returns tenant A records to tenant B', async () => {
    expect(await repos.domains.list(B)).toEqual([]);
    expect(await repos.domains.get(B, 'shared-id')).toBeUndefined();
    expect(await repos.workItems.get(B, 'wi_shared')).toBeUndefined();
    expect(await repos.workItems.listByDomain(B, 'shared-id')).toEqual([]);
    expect(await repos.users.get(B, 'shared-user')).toBeUndefined();
    expect(await repos.users.list(B)).toEqual([]);
    expect(await repos.conversations.get(B, CHANNEL_ID)).toBeUndefined();
    expect(await repos.conversations.list(B)).toEqual([]);
    expect(await repos.links.list(B)).toEqual([]);
    expect(await repos.links.listByConversation(B, CHANNEL_ID)).toEqual([]);
    expect(await repos.links.listByTarget(B, { kind: 'pmo', domainId: 'shared-id' })).toEqual([]);
  });

  it('lets tenant B use the same ids without touching tenant A', async () => {
    expect((await repos.domains.create(domain(B, 'shared-id', 'B domain'))).ok).toBe(true);
    expect((await repos.domains.get(A, 'shared-id'))?.value.name).toBe('A domain');
    expect((await repos.domains.get(B, 'shared-id'))?.value.name).toBe('B domain');
  });
});

describe('deleteTenant', () => {
  it('removes every record of one tenant and nothing of another', async () => {
    const gone = 'abababab-abab-4bab-8bab-abababababab';
    const kept = 'cdcdcdcd-cdcd-4dcd-8dcd-cdcdcdcdcdcd';
    for (const t of [gone, kept]) {
      await repos.domains.create(domain(t, 'dom-1'));
      await repos.objectives.create(objective(t, 'obj-1'));
      await repos.workItems.createMany(Array.from({ length: 120 }, (_, i) => workItem(t, `wi_${i}`, 'dom-1')));
      await repos.users.upsert({ tenantId: t, userId: 'u1', displayName: 'U', roles: [] });
      await repos.conversations.save(conversation(t, CHANNEL_ID));
      await repos.links.put(link(t, CHANNEL_ID, { kind: 'epmo' }));
    }

    await Promise.all([
      repos.domains.deleteTenant(gone),
      repos.objectives.deleteTenant(gone),
      repos.workItems.deleteTenant(gone),
      repos.users.deleteTenant(gone),
      repos.conversations.deleteTenant(gone),
      repos.links.deleteTenant(gone),
    ]);

    expect(await repos.domains.list(gone)).toEqual([]);
    expect(await repos.objectives.list(gone)).toEqual([]);
    expect(await repos.workItems.listByDomain(gone, 'dom-1')).toEqual([]);
    expect(await repos.workItems.get(gone, 'wi_1')).toBeUndefined();
    expect(await repos.users.list(gone)).toEqual([]);
    expect(await repos.conversations.list(gone)).toEqual([]);
    expect(await repos.links.list(gone)).toEqual([]);
    expect(await repos.links.listByTarget(gone, { kind: 'epmo' })).toEqual([]);

    expect(await repos.domains.list(kept)).toHaveLength(1);
    expect(await repos.objectives.list(kept)).toHaveLength(1);
    expect(await repos.workItems.listByDomain(kept, 'dom-1')).toHaveLength(120);
    expect(await repos.users.list(kept)).toHaveLength(1);
    expect(await repos.conversations.list(kept)).toHaveLength(1);
    expect(await repos.links.listByTarget(kept, { kind: 'epmo' })).toHaveLength(1);
  });

  it('is harmless on a tenant with no records', async () => {
    await expect(repos.workItems.deleteTenant('00000000-0000-4000-8000-000000000000')).resolves.toBeUndefined();
  });
});

describe('storage', () => {
  it('answers ping', async () => {
    await expect(repos.ping()).resolves.toBeUndefined();
  });
});
