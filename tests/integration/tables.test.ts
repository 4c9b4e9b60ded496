/**
 * The Table Storage repositories against a real Azurite (started by tests/support/global-setup).
 * Each run uses its own table prefix, so suites and concurrent runs never share rows.
 */
import { describe, expect, it, beforeAll } from '@jest/globals';
import { TableClient } from '@azure/data-tables';

import { createTableRepositories, tableNames } from '../../bot/directory/tables';
import { CorruptRowError } from '../../bot/platform/storage/codec';
import { encodeKey } from '../../bot/platform/storage/keys';
import type { User } from '../../bot/kernel/roles';
import type { Repositories } from '../../bot/directory/repositories';
import { conversation, domain, link, objective, workItem } from '../support/directory-records';
import { testConnectionString, uniqueTablePrefix } from '../support/storage';

const TENANT_A = '11111111-1111-4111-8111-111111111111';
const NOW = '2025-03-01T09:00:00.000Z';

/** Conversation ids as Teams sends them, plus characters row keys cannot hold. */
const CHANNEL_ID = '19:abc123def456@thread.tacv2';
const GROUP_CHAT_ID = '19:meeting_NmQ0YTk2@thread.v2';
const PERSONAL_ID = 'a:1xYzQ-8kq3_Lm9rTnAbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCdEf';
const PERSONAL_29 = '29:1AbCdEfGhIjKlMnOpQrStUvWxYz-0123456789_AbCdEfGhIjKlMnOpQrSt';
const AWKWARD_ID = "19:x/y\\z#q?r;messageid=1 'quoted' élan";

let prefix: string;
let repos: Repositories;

beforeAll(async () => {
  prefix = uniqueTablePrefix();
  repos = await createTableRepositories({ connectionString: testConnectionString(), tablePrefix: prefix });
});

const values = <T>(rows: readonly { value: T }[]): T[] => rows.map((r) => r.value);
const sortById = <T extends { id: string }>(items: T[]): T[] => [...items].sort((a, b) => a.id.localeCompare(b.id));

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

  it('stores work items with every nested field, and drops removed optional fields on update', async () => {
    const full = workItem(TENANT_A, 'wi_full', 'dom-rt', {
      structure: 'program',
      mode: 'traditional',
      owner: { userId: 'aad-owner-1', displayName: 'Olu Owner' },
      parentId: 'wi_parent',
      objectives: [
        { objectiveId: 'obj-1', weight: 60 },
        { objectiveId: 'obj-2', weight: 40 },
      ],
      health: { schedule: 'red', cost: 'amber', scope: 'green', benefit: 'unknown' },
      statusReportedAt: '2025-02-27T16:30:00.000Z',
      statusNote: 'Vendor late; "quotes" and émojis 🚦 survive',
      benefits: { planned: { value: 1200.5, unit: 'GBP k' }, realised: { value: 300, unit: 'GBP k' } },
    });
    const created = await repos.workItems.create({ item: full });
    if (!created.ok) throw new Error(created.error.message);
    expect((await repos.workItems.get(TENANT_A, 'wi_full'))?.value).toEqual(full);

    const { benefits: _b, statusNote: _n, parentId: _p, ...trimmed } = full;
    const updated = await repos.workItems.update({ item: trimmed }, created.value.etag);
    expect(updated.ok).toBe(true);
    expect((await repos.workItems.get(TENANT_A, 'wi_full'))?.value).toEqual(trimmed);
  });

  it('lists work items by domain', async () => {
    await repos.workItems.createMany([
      workItem(TENANT_A, 'wi_d1', 'dom-x'),
      workItem(TENANT_A, 'wi_d2', 'dom-x'),
      workItem(TENANT_A, 'wi_d3', 'dom-y'),
    ]);
    expect(sortById(values(await repos.workItems.listByDomain(TENANT_A, 'dom-x'))).map((w) => w.id)).toEqual(['wi_d1', 'wi_d2']);
    expect(await repos.workItems.listByDomain(TENANT_A, 'dom-none')).toEqual([]);
  });

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

  it('stores conversations under Teams-style ids', async () => {
    const refs = [
      conversation(TENANT_A, CHANNEL_ID, { teamId: '19:team@thread.tacv2', teamName: 'IT PMO', channelName: 'General', botName: 'PMO Relay' }),
      conversation(TENANT_A, GROUP_CHAT_ID, { kind: 'groupChat', title: 'Steering group' }),
      conversation(TENANT_A, PERSONAL_ID, { kind: 'personal', userId: '29:user', title: 'Chat with Dana' }),
      conversation(TENANT_A, PERSONAL_29, { kind: 'personal', title: 'Chat with Sam', active: false }),
      conversation(TENANT_A, AWKWARD_ID, { title: 'Odd one' }),
    ];
    for (const ref of refs) await repos.conversations.save(ref);
    for (const ref of refs) expect(await repos.conversations.get(TENANT_A, ref.conversationId)).toEqual(ref);

    const listed = await repos.conversations.list(TENANT_A);
    expect(listed.map((c) => c.conversationId).sort()).toEqual(refs.map((r) => r.conversationId).sort());

    // A later save replaces: fields the new reference lacks are gone.
    const { teamName: _t, ...withoutTeamName } = refs[0]!;
    await repos.conversations.save(withoutTeamName);
    expect(await repos.conversations.get(TENANT_A, CHANNEL_ID)).toEqual(withoutTeamName);
  });

  it('stores links and finds them by conversation and by target', async () => {
    const pmo = { kind: 'pmo', domainId: 'dom-it' } as const;
    const epmo = { kind: 'epmo' } as const;
    const team = { kind: 'team', workItemId: 'wi:odd/id#1' } as const;
    await repos.links.put(link(TENANT_A, CHANNEL_ID, pmo));
    await repos.links.put(link(TENANT_A, CHANNEL_ID, epmo));
    await repos.links.put(link(TENANT_A, AWKWARD_ID, pmo));
    await repos.links.put(link(TENANT_A, PERSONAL_29, team));
    // Putting again replaces, it does not duplicate.
    await repos.links.put({ ...link(TENANT_A, CHANNEL_ID, pmo), linkedBy: 'user-admin' });

    const byChannel = await repos.links.listByConversation(TENANT_A, CHANNEL_ID);
    expect(byChannel).toHaveLength(2);
    expect(byChannel).toEqual(expect.arrayContaining([{ ...link(TENANT_A, CHANNEL_ID, pmo), linkedBy: 'user-admin' }, link(TENANT_A, CHANNEL_ID, epmo)]));

    const byPmo = await repos.links.listByTarget(TENANT_A, pmo);
    expect(byPmo.map((l) => l.conversationId).sort()).toEqual([CHANNEL_ID, AWKWARD_ID].sort());
    expect(await repos.links.listByTarget(TENANT_A, team)).toEqual([link(TENANT_A, PERSONAL_29, team)]);
    expect(await repos.links.listByTarget(TENANT_A, { kind: 'pmo', domainId: 'dom-it-other' })).toEqual([]);
    // A conversation id that is a prefix of another must not pick up the other's links.
    expect(await repos.links.listByConversation(TENANT_A, '19:abc123')).toEqual([]);

    expect(await repos.links.list(TENANT_A)).toHaveLength(4);

    await repos.links.remove(TENANT_A, CHANNEL_ID, pmo);
    await repos.links.remove(TENANT_A, CHANNEL_ID, pmo); // removing twice is harmless
    expect(await repos.links.listByConversation(TENANT_A, CHANNEL_ID)).toEqual([link(TENANT_A, CHANNEL_ID, epmo)]);
    expect((await repos.links.listByTarget(TENANT_A, pmo)).map((l) => l.conversationId)).toEqual([AWKWARD_ID]);
    expect(await repos.links.list(TENANT_A)).toHaveLength(3);
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

  it('replaces a roster writing only who joined, left or changed, over several transactions', async () => {
    const member = (i: number) => ({ userId: `r1000000-0000-4000-8000-${String(i).padStart(12, '0')}`, mri: `29:1m${i}`, name: `Member ${i}` });
    const first = Array.from({ length: 150 }, (_, i) => member(i));
    await repos.rosters.replace(TENANT_A, GROUP_CHAT_ID, first);
    await repos.rosters.replace(TENANT_A, AWKWARD_ID, [member(900)]);
    expect((await repos.rosters.members(TENANT_A, GROUP_CHAT_ID)).map((m) => m.userId).sort()).toEqual(first.map((m) => m.userId).sort());

    const raw = TableClient.fromConnectionString(testConnectionString(), tableNames(prefix).rosters, { allowInsecureConnection: true });
    const etags = async () => {
      const rows = new Map<string, string>();
      for await (const e of raw.listEntities({ queryOptions: { filter: `PartitionKey eq '${TENANT_A}'` } })) rows.set(e.rowKey as string, e.etag);
      return rows;
    };
    const before = await etags();
    // Member 0 left, 150 joined, 1 was renamed; the other 148 rows are not written again.
    const second = [...first.slice(1), member(150)].map((m) => (m.userId === member(1).userId ? { ...m, name: 'Member One' } : m));
    await repos.rosters.replace(TENANT_A, GROUP_CHAT_ID, second);
    const after = await etags();
    const changed = [...after].filter(([key, etag]) => before.get(key) !== etag).length;
    // Two members, two rows each (by roster and by person).
    expect(changed).toBe(4);
    expect(after.size).toBe(before.size);
    expect((await repos.rosters.members(TENANT_A, GROUP_CHAT_ID)).find((m) => m.userId === member(1).userId)?.name).toBe('Member One');
    // A roster whose id another's starts with keeps to itself.
    expect(await repos.rosters.members(TENANT_A, '19:meeting')).toEqual([]);
    expect(await repos.rosters.members(TENANT_A, AWKWARD_ID)).toEqual([member(900)]);

    await repos.rosters.replace(TENANT_A, GROUP_CHAT_ID, []);
    expect(await repos.rosters.members(TENANT_A, GROUP_CHAT_ID)).toEqual([]);
  });

  it('knows which rosters a person is on: added with them, gone when they leave or the roster is forgotten', async () => {
    const T = '11111111-2222-4111-8111-111111111111';
    const dana = { userId: 'p1000000-0000-4000-8000-000000000001', mri: '29:1Dana', name: 'Dana' };
    const sam = { userId: 'p1000000-0000-4000-8000-000000000002', mri: '29:1Sam' };
    await repos.rosters.replace(T, CHANNEL_ID, [dana, sam]);
    await repos.rosters.replace(T, GROUP_CHAT_ID, [dana]);
    await repos.rosters.replace(T, AWKWARD_ID, [sam]);
    expect((await repos.rosters.rostersOf(T, dana.userId)).sort()).toEqual([CHANNEL_ID, GROUP_CHAT_ID].sort());
    expect((await repos.rosters.rostersOf(T, sam.userId)).sort()).toEqual([CHANNEL_ID, AWKWARD_ID].sort());
    // The per-person rows are not members of any roster, and another tenant sees none of them.
    expect((await repos.rosters.members(T, CHANNEL_ID)).map((m) => m.userId).sort()).toEqual([dana.userId, sam.userId].sort());
    expect(await repos.rosters.rostersOf(TENANT_A, dana.userId)).toEqual([]);
    // An Entra id that is a prefix of another's finds nothing of the other's.
    expect(await repos.rosters.rostersOf(T, 'p1000000')).toEqual([]);

    // Dana leaves the team; then the group chat is forgotten.
    await repos.rosters.replace(T, CHANNEL_ID, [sam]);
    expect(await repos.rosters.rostersOf(T, dana.userId)).toEqual([GROUP_CHAT_ID]);
    await repos.rosters.replace(T, GROUP_CHAT_ID, []);
    expect(await repos.rosters.rostersOf(T, dana.userId)).toEqual([]);
    expect((await repos.rosters.rostersOf(T, sam.userId)).sort()).toEqual([CHANNEL_ID, AWKWARD_ID].sort());
  });

  it('lets a member leave a roster stored before the per-person rows existed', async () => {
    const T = '11111111-3333-4111-8111-111111111111';
    const old = { userId: 'p2000000-0000-4000-8000-000000000001', mri: '29:1Old' };
    const stays = { userId: 'p2000000-0000-4000-8000-000000000002', mri: '29:1Stays' };
    await repos.rosters.replace(T, GROUP_CHAT_ID, [old, stays]);
    const raw = TableClient.fromConnectionString(testConnectionString(), tableNames(prefix).rosters, { allowInsecureConnection: true });
    for await (const e of raw.listEntities({ queryOptions: { filter: `PartitionKey eq '${T}'` } })) {
      if ((e.rowKey as string).startsWith('!')) await raw.deleteEntity(T, e.rowKey as string);
    }
    const joined = { userId: 'p2000000-0000-4000-8000-000000000003', mri: '29:1New' };
    await repos.rosters.replace(T, GROUP_CHAT_ID, [stays, joined]);
    expect((await repos.rosters.members(T, GROUP_CHAT_ID)).map((m) => m.userId).sort()).toEqual([stays.userId, joined.userId].sort());
    expect(await repos.rosters.rostersOf(T, joined.userId)).toEqual([GROUP_CHAT_ID]);
    expect(await repos.rosters.rostersOf(T, old.userId)).toEqual([]);
  });

  it('finds links by the roster of their conversation, and removes that row with the link', async () => {
    const T = '11111111-4444-4111-8111-111111111111';
    const team = (workItemId: string) => ({ kind: 'team', workItemId }) as const;
    const TEAM_ID = '19:team-abc@thread.tacv2';
    await repos.links.put({ ...link(T, CHANNEL_ID, team('wi-1')), rosterId: TEAM_ID });
    await repos.links.put({ ...link(T, '19:other-channel@thread.tacv2', team('wi-2')), rosterId: TEAM_ID });
    await repos.links.put({ ...link(T, GROUP_CHAT_ID, team('wi-3')), rosterId: GROUP_CHAT_ID });
    await repos.links.put(link(T, AWKWARD_ID, team('wi-4')));
    expect((await repos.links.listByRoster(T, TEAM_ID)).map((l) => l.conversationId).sort()).toEqual([CHANNEL_ID, '19:other-channel@thread.tacv2'].sort());
    expect(await repos.links.listByRoster(T, GROUP_CHAT_ID)).toEqual([{ ...link(T, GROUP_CHAT_ID, team('wi-3')), rosterId: GROUP_CHAT_ID }]);
    expect(await repos.links.list(T)).toHaveLength(4);

    await repos.links.remove(T, CHANNEL_ID, team('wi-1'));
    expect((await repos.links.listByRoster(T, TEAM_ID)).map((l) => l.conversationId)).toEqual(['19:other-channel@thread.tacv2']);
    expect(await repos.links.list(T)).toHaveLength(3);
  });

  it('answers ping', async () => {
    await expect(repos.ping()).resolves.toBeUndefined();
  });
});

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

describe('optimistic concurrency', () => {
  it('refuses a stale etag with CONFLICT.STALE and changes nothing', async () => {
    const created = await repos.workItems.create({ item: workItem(TENANT_A, 'wi_etag', 'dom-c') });
    if (!created.ok) throw new Error(created.error.message);
    const first = await repos.workItems.update({ item: { ...created.value.value, stage: 'Live' } }, created.value.etag);
    if (!first.ok) throw new Error(first.error.message);
    expect(first.value.etag).not.toBe(created.value.etag);

    const stale = await repos.workItems.update({ item: { ...created.value.value, stage: 'Alpha' } }, created.value.etag);
    expect(stale).toEqual({ ok: false, error: expect.objectContaining({ code: 'CONFLICT.STALE' }) });
    const stored = await repos.workItems.get(TENANT_A, 'wi_etag');
    expect(stored?.value.stage).toBe('Live');
    expect(stored?.etag).toBe(first.value.etag);
  });

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
  it('writes more than one transaction worth of records across tenants', async () => {
    const tenantC = '66666666-6666-4666-8666-666666666666';
    const tenantD = '77777777-7777-4777-8777-777777777777';
    const items = [
      ...Array.from({ length: 230 }, (_, i) => workItem(tenantC, `wi_${String(i).padStart(3, '0')}`, 'dom-bulk')),
      ...Array.from({ length: 5 }, (_, i) => workItem(tenantD, `wi_${i}`, 'dom-bulk')),
    ];
    await repos.workItems.createMany(items);
    expect(sortById(values(await repos.workItems.listByDomain(tenantC, 'dom-bulk')))).toEqual(sortById(items.slice(0, 230)));
    expect(await repos.workItems.listByDomain(tenantD, 'dom-bulk')).toHaveLength(5);
    expect((await repos.workItems.stats(tenantC, 'dom-bulk')).total).toBe(230);
  });

  it('throws when a record already exists', async () => {
    const tenantE = '88888888-8888-4888-8888-888888888888';
    await repos.domains.create(domain(tenantE, 'dom-dup'));
    await expect(repos.domains.createMany([domain(tenantE, 'dom-new'), domain(tenantE, 'dom-dup')])).rejects.toThrow();
    // The transaction holding the duplicate wrote nothing.
    expect(await repos.domains.get(tenantE, 'dom-new')).toBeUndefined();

    await repos.workItems.createMany([workItem(tenantE, 'wi_dup', 'dom-dup')]);
    await expect(repos.workItems.createMany([workItem(tenantE, 'wi_new', 'dom-dup'), workItem(tenantE, 'wi_dup', 'dom-dup')])).rejects.toThrow(/already exists/);
    expect(await repos.workItems.get(tenantE, 'wi_new')).toBeUndefined();
    expect((await repos.workItems.stats(tenantE, 'dom-dup')).total).toBe(1);
  });
});

describe('corrupt rows', () => {
  const tenant = '99999999-9999-4999-8999-999999999999';
  let raw: TableClient;

  beforeAll(() => {
    raw = TableClient.fromConnectionString(testConnectionString(), tableNames(prefix).portfolioItems, { allowInsecureConnection: true });
  });

  it('names the table, the row and the problem when a column is invalid', async () => {
    const good = workItem(tenant, 'wi_bad_health', 'dom-z');
    await repos.workItems.create({ item: good });
    await raw.updateEntity(
      { partitionKey: `${tenant}.dom-z`, rowKey: 'item.wi_bad_health', health: JSON.stringify({ schedule: 'purple', cost: 'green', scope: 'green', benefit: 'green' }) },
      'Merge',
    );
    const read = repos.workItems.get(tenant, 'wi_bad_health');
    await expect(read).rejects.toThrow(CorruptRowError);
    await expect(repos.workItems.get(tenant, 'wi_bad_health')).rejects.toThrow(
      new RegExp(`table ${prefix}PortfolioItems \\(PartitionKey '${tenant}\\.dom-z', RowKey 'item\\.wi_bad_health'\\): health\\.schedule`),
    );
    // Lists fail too, rather than silently skipping or returning the bad row.
    await expect(repos.workItems.listByDomain(tenant, 'dom-z')).rejects.toThrow(CorruptRowError);
  });

  it('rejects JSON that does not parse and missing columns', async () => {
    await raw.createEntity({ partitionKey: `${tenant}.dom-j`, rowKey: 'item.wi_bad_json', ...{ tenantId: tenant, id: 'wi_bad_json', owner: '{not json' } });
    await expect(repos.workItems.listByDomain(tenant, 'dom-j')).rejects.toThrow(/RowKey 'item\.wi_bad_json'\): column owner is not valid JSON/);
    await raw.deleteEntity(`${tenant}.dom-j`, 'item.wi_bad_json');

    await raw.createEntity({ partitionKey: `${tenant}.dom-j`, rowKey: 'item.wi_sparse', tenantId: tenant, id: 'wi_sparse' });
    await expect(repos.workItems.listByDomain(tenant, 'dom-j')).rejects.toThrow(/RowKey 'item\.wi_sparse'\): .*domainId/);
  });

  it('refuses a row whose content belongs to another tenant', async () => {
    const other = '12121212-1212-4121-8121-121212121212';
    const { etag: _e, timestamp: _t, ...copied } = await raw.getEntity(`${encodeKey(TENANT_A)}.dom-x`, 'item.wi_d1');
    await raw.createEntity({ ...copied, partitionKey: `${other}.dom-x`, rowKey: 'item.wi_d1' });
    await expect(repos.workItems.listByDomain(other, 'dom-x')).rejects.toThrow(/keys do not match its content/);
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
