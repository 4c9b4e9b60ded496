/**
 * "What is not set up yet" over the real API and storage: each kind of gap appears while its
 * records say so and goes once it is fixed; only tenant admins see it, and only their tenant's.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { SetupGap, SetupGapsResponse } from '../../bot/api-contract/setup';
import type { RunningApp } from '../../bot/composition/start-app';
import { apiClient, startTestApp } from '../support/app';
import { conversation, domain, link, objective, workItem } from '../support/directory-records';

const TENANT = '5e700000-0000-4000-8000-000000000001';
const OTHER = '5e700000-0000-4000-8000-000000000002';
const ADMIN = 'ad500000-0000-4000-8000-000000000001';
const LEAD = 'ad500000-0000-4000-8000-000000000002';
const TALKER = 'ad500000-0000-4000-8000-000000000003';
const VISITOR = 'ad500000-0000-4000-8000-000000000004';
const ROSTER_ONLY = 'ad500000-0000-4000-8000-000000000005';
const OTHER_ADMIN = 'ad500000-0000-4000-8000-000000000006';
const NOW = '2025-03-01T09:00:00.000Z';

let app: RunningApp;
let call: ReturnType<typeof apiClient>;
const token = async (tenantId: string, userId: string) => (await call('POST', '/api/dev/token', { body: { tenantId, userId } })).body.token as string;

async function gaps(tenantId = TENANT, userId = ADMIN): Promise<readonly SetupGap[]> {
  const res = await call('GET', '/api/setup/gaps', { token: await token(tenantId, userId) });
  expect(res.status).toBe(200);
  return (res.body as SetupGapsResponse).gaps;
}
const names = (all: readonly SetupGap[], kind: SetupGap['kind']): string[] => all.find((g) => g.kind === kind)?.entries.map((e) => e.name) ?? [];

beforeAll(async () => {
  app = await startTestApp({ BOOTSTRAP_ADMINS: `${TENANT}:${ADMIN},${OTHER}:${OTHER_ADMIN}` });
  call = apiClient(app.url);
  const { repos } = app;
  await repos.domains.createMany([domain(TENANT, 'dom-it', 'IT'), domain(TENANT, 'dom-hr', 'HR'), domain(OTHER, 'dom-secret', 'Secret domain')]);
  await repos.objectives.createMany([objective(TENANT, 'o1'), { ...objective(TENANT, 'o2'), title: 'Cut costs' }, { ...objective(OTHER, 'o9'), title: 'Secret objective' }]);
  await repos.workItems.createMany([
    workItem(TENANT, 'wi-crm', 'dom-it', { title: 'CRM rollout', objectives: [{ objectiveId: 'o1', weight: 1 }] }),
    workItem(TENANT, 'wi-pay', 'dom-hr', { title: 'Payroll move' }),
    workItem(OTHER, 'wi-secret', 'dom-secret', { title: 'Secret item' }),
  ]);
  await repos.users.upsert({ tenantId: TENANT, userId: LEAD, displayName: 'Lee Lead', roles: [{ role: 'pmo_lead', domainId: 'dom-it' }] });
  await repos.teamsUsers.saveMany([
    { tenantId: TENANT, userId: TALKER, mri: '29:talker', name: 'Tara Talker', updatedAt: NOW, talkedAt: NOW },
    { tenantId: TENANT, userId: ROSTER_ONLY, mri: '29:roster', name: 'Rory Roster', updatedAt: NOW },
    { tenantId: OTHER, userId: TALKER, mri: '29:talker-other', name: 'Secret talker', updatedAt: NOW, talkedAt: NOW },
  ]);
  // In the directory without a role, the visitor signs in to the tab: any authenticated call counts.
  await repos.users.upsert({ tenantId: TENANT, userId: VISITOR, displayName: 'Vic Visitor', roles: [] });
  await repos.users.upsert({ tenantId: OTHER, userId: VISITOR, displayName: 'Secret visitor', roles: [] });
  expect((await call('GET', '/api/me', { token: await token(TENANT, VISITOR) })).status).toBe(200);
  await call('GET', '/api/me', { token: await token(OTHER, VISITOR) });
});
afterAll(async () => {
  await app?.stop();
});

describe('what is not set up yet', () => {
  it('lists each kind of gap in plain words, with its fix and the command to type', async () => {
    const all = await gaps();
    const of = (kind: string) => all.find((g) => g.kind === kind);
    expect(all.map((g) => g.kind)).toEqual(['pmoLead', 'pmoChannel', 'epmoChannel', 'teamConversation', 'objectiveItems', 'personRole']);
    // Lee leads IT; nobody leads HR.
    expect(names(all, 'pmoLead')).toEqual(['HR']);
    expect(names(all, 'pmoChannel')).toEqual(['HR', 'IT']);
    expect(of('pmoChannel')?.entries[1]).toMatchObject({ id: 'dom-it', command: '@PMO Relay link pmo IT', detail: 'No channel is linked as its PMO.' });
    expect(of('epmoChannel')?.entries[0]?.command).toBe('@PMO Relay link epmo');
    expect(names(all, 'teamConversation')).toEqual(['Payroll move', 'CRM rollout']);
    expect(of('teamConversation')?.entries[0]).toMatchObject({ command: '@PMO Relay link team Payroll move', domainId: 'dom-hr' });
    expect(names(all, 'objectiveItems')).toEqual(['OBJ-o2 Cut costs']);
    // Talked to the bot, or signed in to the tab; not someone only on a roster, nor anyone with a role.
    expect(all.find((g) => g.kind === 'personRole')?.entries.map((e) => [e.name, e.detail])).toEqual([
      ['Tara Talker', 'Talked to the bot.'],
      ['Vic Visitor', 'Signed in to the tab.'],
    ]);
    expect(all.every((g) => g.fix.length > 0 && g.total === g.entries.length)).toBe(true);
  });

  it('shrinks as each gap is fixed, and counts a link to a conversation PMO Relay left as missing', async () => {
    const { repos } = app;
    await repos.conversations.save(conversation(TENANT, '19:it-pmo@thread.tacv2'));
    await repos.links.put(link(TENANT, '19:it-pmo@thread.tacv2', { kind: 'pmo', domainId: 'dom-it' }));
    await repos.conversations.save(conversation(TENANT, '19:hr-pmo@thread.tacv2', { active: false }));
    await repos.links.put(link(TENANT, '19:hr-pmo@thread.tacv2', { kind: 'pmo', domainId: 'dom-hr' }));
    let all = await gaps();
    expect(names(all, 'pmoChannel')).toEqual(['HR']);
    expect(all.find((g) => g.kind === 'pmoChannel')?.entries[0]?.detail).toMatch(/no longer has PMO Relay/);

    await repos.conversations.save(conversation(TENANT, '19:epmo@thread.tacv2'));
    await repos.links.put(link(TENANT, '19:epmo@thread.tacv2', { kind: 'epmo' }));
    await repos.conversations.save(conversation(TENANT, '19:crm@thread.tacv2'));
    await repos.links.put(link(TENANT, '19:crm@thread.tacv2', { kind: 'team', workItemId: 'wi-crm' }));
    all = await gaps();
    expect(all.map((g) => g.kind)).toEqual(['pmoLead', 'pmoChannel', 'teamConversation', 'objectiveItems', 'personRole']);
    expect(names(all, 'teamConversation')).toEqual(['Payroll move']);

    const pay = await repos.workItems.get(TENANT, 'wi-pay');
    await repos.workItems.update({ item: { ...pay!.value, objectives: [{ objectiveId: 'o2', weight: 1 }] } }, pay!.etag);
    await repos.users.upsert({ tenantId: TENANT, userId: TALKER, displayName: 'Tara Talker', roles: [{ role: 'team_member', workItemId: 'wi-pay' }] });
    await repos.users.upsert({ tenantId: TENANT, userId: VISITOR, displayName: 'Vic Visitor', roles: [{ role: 'pmo_lead', domainId: 'dom-hr' }] });
    await repos.conversations.save(conversation(TENANT, '19:hr-pmo@thread.tacv2'));
    await repos.conversations.save(conversation(TENANT, '19:pay@thread.tacv2', { kind: 'groupChat' }));
    await repos.links.put(link(TENANT, '19:pay@thread.tacv2', { kind: 'team', workItemId: 'wi-pay' }));
    expect(await gaps()).toEqual([]);
  });

  it('is for tenant admins only, and says nothing of the tenant to anyone else', async () => {
    const res = await call('GET', '/api/setup/gaps', { token: await token(TENANT, LEAD) });
    expect(res.status).toBe(403);
    expect(JSON.stringify(res.body)).not.toMatch(/HR|IT|Payroll|CRM|Tara|OBJ/);
    expect((await call('GET', '/api/setup/gaps')).status).toBe(401);
  });

  it("never shows another tenant's records", async () => {
    const mine = JSON.stringify(await gaps());
    const theirs = await gaps(OTHER, OTHER_ADMIN);
    expect(names(theirs, 'pmoChannel')).toEqual(['Secret domain']);
    expect(names(theirs, 'teamConversation')).toEqual(['Secret item']);
    expect(names(theirs, 'personRole')).toEqual(['Secret talker', 'Secret visitor']);
    expect(mine).not.toMatch(/Secret/);
    expect(JSON.stringify(theirs)).not.toMatch(/IT|HR|Payroll|CRM|Tara|Vic/);
  });
});

describe('what a channel is linked to', () => {
  it('tells the channel tab the PMO it is linked to, if the caller may view that domain', async () => {
    const lead = await token(TENANT, LEAD);
    const it = await call('GET', `/api/conversations/${encodeURIComponent('19:it-pmo@thread.tacv2')}/link`, { token: lead });
    expect(it.body).toEqual({ pmoDomainIds: ['dom-it'], epmo: false });
    const hr = await call('GET', `/api/conversations/${encodeURIComponent('19:hr-pmo@thread.tacv2')}/link`, { token: lead });
    expect(hr.body).toEqual({ pmoDomainIds: [], epmo: false });
    // A team member sees their item's domain, so is told of its PMO channel.
    const member = await call('GET', `/api/conversations/${encodeURIComponent('19:hr-pmo@thread.tacv2')}/link`, { token: await token(TENANT, TALKER) });
    expect(member.body).toEqual({ pmoDomainIds: ['dom-hr'], epmo: false });
    const epmo = await call('GET', `/api/conversations/${encodeURIComponent('19:epmo@thread.tacv2')}/link`, { token: await token(TENANT, ADMIN) });
    expect(epmo.body).toEqual({ pmoDomainIds: [], epmo: true });
    const elsewhere = await call('GET', `/api/conversations/${encodeURIComponent('19:it-pmo@thread.tacv2')}/link`, { token: await token(OTHER, OTHER_ADMIN) });
    expect(elsewhere.body).toEqual({ pmoDomainIds: [], epmo: false });
  });
});
