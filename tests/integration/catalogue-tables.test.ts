/** The tenants, domains and objectives tables against a real Azurite (tests/support/table-repositories.ts). */
import { describe, expect, it } from '@jest/globals';
import type { Repositories } from '../../bot/directory/repositories';
import { domain, objective } from '../support/directory-records';
import { NOW, TENANT_A, useTableRepositories, values } from '../support/table-repositories';

let repos: Repositories;

useTableRepositories((t) => ({ repos } = t));

describe('round trips', () => {
  it('stores and reads back tenants', async () => {
    const tenant = { tenantId: TENANT_A, displayName: 'Contoso', createdAt: NOW };
    await repos.tenants.upsert(tenant);
    await repos.tenants.upsert({ ...tenant, displayName: 'Contoso Ltd' });
    expect(await repos.tenants.get(TENANT_A)).toEqual({ ...tenant, displayName: 'Contoso Ltd' });
    expect((await repos.tenants.list()).filter((t) => t.tenantId === TENANT_A)).toHaveLength(1);
    await repos.tenants.delete(TENANT_A);
    expect(await repos.tenants.get(TENANT_A)).toBeUndefined();
    await expect(repos.tenants.delete(TENANT_A)).resolves.toBeUndefined();
  });

  it('stores and reads back domains and objectives with their etags', async () => {
    const d = domain(TENANT_A, 'dom-it', 'IT');
    const created = await repos.domains.create(d);
    expect(created.ok).toBe(true);
    const got = await repos.domains.get(TENANT_A, 'dom-it');
    expect(got?.value).toEqual(d);
    expect(got?.etag).toBe(created.ok ? created.value.etag : undefined);

    const o = objective(TENANT_A, 'obj-1');
    await repos.objectives.create(o);
    expect(values(await repos.objectives.list(TENANT_A))).toEqual([o]);
    expect(await repos.objectives.get(TENANT_A, 'missing')).toBeUndefined();
  });
});

describe('optimistic concurrency', () => {
  it('reports NOT_FOUND when updating a record that does not exist', async () => {
    const result = await repos.domains.update(domain(TENANT_A, 'never-created'), 'W/"datetime\'2025-01-01T00%3A00%3A00Z\'"');
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'NOT_FOUND' }) });
  });

  it('refuses to create the same id twice with CONFLICT.ALREADY_EXISTS', async () => {
    expect((await repos.objectives.create(objective(TENANT_A, 'obj-twice'))).ok).toBe(true);
    const again = await repos.objectives.create({ ...objective(TENANT_A, 'obj-twice'), title: 'Other' });
    expect(again).toEqual({ ok: false, error: expect.objectContaining({ code: 'CONFLICT.ALREADY_EXISTS' }) });
    expect((await repos.objectives.get(TENANT_A, 'obj-twice'))?.value.title).toBe('Grow digital revenue');
  });
});

describe('createMany', () => {
  it('writes nothing of a createMany whose transaction holds an existing domain', async () => {
    const tenantE = '88888888-8888-4888-8888-888888888888';
    await repos.domains.create(domain(tenantE, 'dom-dup'));
    await expect(repos.domains.createMany([domain(tenantE, 'dom-new'), domain(tenantE, 'dom-dup')])).rejects.toThrow();
    // The transaction holding the duplicate wrote nothing.
    expect(await repos.domains.get(tenantE, 'dom-new')).toBeUndefined();
  });
});
