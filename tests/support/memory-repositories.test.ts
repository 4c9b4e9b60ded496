import { describe, expect, it } from '@jest/globals';

import type { WorkItem } from '../../bot/portfolio/domain/portfolio';
import { createMemoryRepositories } from './memory-repositories';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';

const item = (tenantId: string, id: string, extra: Partial<WorkItem> = {}): WorkItem => ({
  tenantId,
  id,
  domainId: 'dom-it',
  title: `Item ${id}`,
  structure: 'project',
  mode: 'agile',
  stage: 'Beta',
  owner: { displayName: 'Dana' },
  startDate: '2025-01-01',
  endDate: '2025-12-31',
  objectives: [{ objectiveId: 'obj-1', weight: 100 }],
  health: { schedule: 'green', cost: 'green', scope: 'green', benefit: 'unknown' },
  createdAt: '2025-03-01T09:00:00.000Z',
  updatedAt: '2025-03-01T09:00:00.000Z',
  ...extra,
});

describe('memory repositories: etag concurrency', () => {
  it('accepts the current etag, then refuses the old one with CONFLICT.STALE and writes nothing', async () => {
    const repos = createMemoryRepositories();
    const created = await repos.workItems.create({ item: item(A, 'wi_1') });
    if (!created.ok) throw new Error(created.error.message);

    const updated = await repos.workItems.update({ item: item(A, 'wi_1', { stage: 'Live' }) }, created.value.etag);
    if (!updated.ok) throw new Error(updated.error.message);
    expect(updated.value.etag).not.toBe(created.value.etag);

    const stale = await repos.workItems.update({ item: item(A, 'wi_1', { stage: 'Alpha' }) }, created.value.etag);
    expect(stale).toEqual({ ok: false, error: expect.objectContaining({ code: 'CONFLICT.STALE' }) });
    expect(await repos.workItems.get(A, 'wi_1')).toEqual({ value: item(A, 'wi_1', { stage: 'Live' }), etag: updated.value.etag });
  });

  it('refuses a taken id with CONFLICT.ALREADY_EXISTS and an unknown one with NOT_FOUND', async () => {
    const repos = createMemoryRepositories();
    await repos.domains.create({ tenantId: A, id: 'dom-it', name: 'IT', description: '', freshnessDays: 14, createdAt: 'now' });
    const again = await repos.domains.create({ tenantId: A, id: 'dom-it', name: 'Other', description: '', freshnessDays: 7, createdAt: 'now' });
    expect(again).toEqual({ ok: false, error: expect.objectContaining({ code: 'CONFLICT.ALREADY_EXISTS' }) });
    expect((await repos.domains.get(A, 'dom-it'))?.value.name).toBe('IT');

    const missing = await repos.workItems.update({ item: item(A, 'wi_none') }, 'W/"mem-1"');
    expect(missing).toEqual({ ok: false, error: expect.objectContaining({ code: 'NOT_FOUND' }) });
  });

  it('keeps stored records safe from changes to objects passed in or handed out', async () => {
    const repos = createMemoryRepositories();
    const original = item(A, 'wi_1');
    await repos.workItems.create({ item: original });
    (original.objectives as { objectiveId: string; weight: number }[]).push({ objectiveId: 'obj-x', weight: 1 });
    const got = await repos.workItems.get(A, 'wi_1');
    (got!.value.health as { cost: string }).cost = 'red';
    expect((await repos.workItems.get(A, 'wi_1'))?.value).toEqual(item(A, 'wi_1'));
  });

  it('keeps tenants apart and makes createMany all-or-nothing', async () => {
    const repos = createMemoryRepositories();
    await repos.workItems.createMany([item(A, 'wi_1'), item(A, 'wi_2', { domainId: 'dom-hr' })]);
    expect(await repos.workItems.listByDomain(B, 'dom-it')).toEqual([]);
    expect(await repos.workItems.get(B, 'wi_1')).toBeUndefined();
    expect((await repos.workItems.listByDomain(A, 'dom-hr')).map((v) => v.value.id)).toEqual(['wi_2']);

    await expect(repos.workItems.createMany([item(A, 'wi_3'), item(A, 'wi_1')])).rejects.toThrow(/already exists/);
    expect(await repos.workItems.get(A, 'wi_3')).toBeUndefined();

    await repos.workItems.deleteTenant(A);
    expect(await repos.workItems.listByDomain(A, 'dom-hr')).toEqual([]);
  });

  it('stores each link of a conversation once and finds it both ways', async () => {
    const repos = createMemoryRepositories();
    const link = { tenantId: A, conversationId: '19:abc@thread.tacv2', target: { kind: 'pmo', domainId: 'dom-it' } as const, linkedBy: 'u', linkedAt: 'now' };
    await repos.links.put(link);
    await repos.links.put({ ...link, linkedBy: 'v' });
    expect(await repos.links.listByConversation(A, link.conversationId)).toEqual([{ ...link, linkedBy: 'v' }]);
    expect(await repos.links.listByTarget(A, { kind: 'pmo', domainId: 'dom-it' })).toHaveLength(1);
    expect(await repos.links.listByTarget(B, { kind: 'pmo', domainId: 'dom-it' })).toEqual([]);
    await repos.links.remove(A, link.conversationId, link.target);
    expect(await repos.links.list(A)).toEqual([]);
  });
});
