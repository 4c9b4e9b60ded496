import { beforeEach, describe, expect, it } from '@jest/globals';
import { createMemoryRepositories } from '../../../tests/support/memory-repositories';
import type { ConversationRef } from '../domain/conversation';
import { type Domain, type WorkItem, unknownHealth } from '../../portfolio/domain/portfolio';
import type { Principal, RoleAssignment } from '../../kernel/roles';
import type { Repositories } from '../../directory/repositories';
import { findLinkTarget, linkConversation } from './link-conversation';
import { linkOptions } from './link-form';

const T = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
const NOW = '2026-03-01T09:00:00.000Z';
const clock = { now: () => new Date(NOW) };

const domain = (id: string, name: string, tenantId = T): Domain => ({ tenantId, id, name, description: '', freshnessDays: 14, createdAt: NOW });
const item = (id: string, domainId: string, title: string): WorkItem => ({
  tenantId: T,
  id,
  domainId,
  title,
  structure: 'project',
  mode: 'agile',
  stage: 'Beta',
  owner: { displayName: 'Owner' },
  startDate: '2026-01-01',
  endDate: '2026-12-31',
  objectives: [],
  health: unknownHealth(),
  createdAt: NOW,
  updatedAt: NOW,
});
const conversation = (conversationId: string, kind: ConversationRef['kind'] = 'channel', title = conversationId): ConversationRef => ({
  tenantId: T,
  conversationId,
  kind,
  serviceUrl: 'https://smba.example/',
  channelId: 'msteams',
  botId: '28:bot',
  title,
  installedAt: NOW,
  updatedAt: NOW,
  active: true,
});
const who = (roles: RoleAssignment[], tenantId = T): Principal => ({ tenantId, userId: 'u1', displayName: 'Dana', roles });

const admin = who([{ role: 'tenant_admin' }]);
const itLead = who([{ role: 'pmo_lead', domainId: 'dom_it' }]);
const epmo = who([{ role: 'epmo_member' }]);
const webTeam = who([{ role: 'team_member', workItemId: 'wi_web' }]);
const nobody = who([]);

let repos: Repositories;
const deps = () => ({ repos, clock });

beforeEach(async () => {
  repos = createMemoryRepositories();
  await repos.domains.createMany([domain('dom_it', 'IT'), domain('dom_hr', 'HR'), domain('dom_x', 'X', OTHER)]);
  await repos.workItems.createMany([item('wi_web', 'dom_it', 'Website rebuild'), item('wi_erp', 'dom_it', 'ERP upgrade'), item('wi_pay', 'dom_hr', 'Payroll move')]);
  for (const c of [conversation('c-it', 'channel', 'IT › General'), conversation('c-new', 'channel', 'IT › PMO'), conversation('c-chat', 'groupChat'), conversation('c-me', 'personal')]) {
    await repos.conversations.save(c);
  }
});

const labels = async (p: Principal) => {
  const o = await linkOptions(deps(), p);
  return [...o.pmo, ...(o.epmo ? [o.epmo] : []), ...o.teams].map((x) => x.label);
};

describe('linkOptions', () => {
  it('offers each role only what the permission matrix allows', async () => {
    expect(await labels(admin)).toEqual(['HR PMO', 'IT PMO', 'EPMO', 'ERP upgrade team', 'Payroll move team', 'Website rebuild team']);
    expect(await labels(itLead)).toEqual(['IT PMO', 'ERP upgrade team', 'Website rebuild team']);
    expect(await labels(epmo)).toEqual(['EPMO']);
    expect(await labels(webTeam)).toEqual(['Website rebuild team']);
    expect(await labels(nobody)).toEqual([]);
  });

  it('never offers another tenant’s domains', async () => {
    expect(await labels(who([{ role: 'tenant_admin' }], OTHER))).toEqual(['X PMO', 'EPMO']);
  });
});

describe('linkConversation', () => {
  it('links a channel to a domain PMO and stores who did it', async () => {
    const r = await linkConversation(deps(), itLead, 'c-it', { kind: 'pmo', domainId: 'dom_it' });
    expect(r.ok && r.value.targetName).toBe('the IT PMO');
    expect(await repos.links.listByConversation(T, 'c-it')).toEqual([
      { tenantId: T, conversationId: 'c-it', target: { kind: 'pmo', domainId: 'dom_it' }, linkedBy: 'u1', linkedAt: NOW },
    ]);
  });

  it('gives a domain one PMO channel: a new link replaces the old one', async () => {
    await linkConversation(deps(), itLead, 'c-it', { kind: 'pmo', domainId: 'dom_it' });
    const r = await linkConversation(deps(), itLead, 'c-new', { kind: 'pmo', domainId: 'dom_it' });
    expect(r.ok && r.value.replaced).toEqual([{ conversationId: 'c-it', title: 'IT › General' }]);
    expect((await repos.links.listByTarget(T, { kind: 'pmo', domainId: 'dom_it' })).map((l) => l.conversationId)).toEqual(['c-new']);
  });

  it('gives the tenant one EPMO channel', async () => {
    await linkConversation(deps(), epmo, 'c-it', { kind: 'epmo' });
    await linkConversation(deps(), epmo, 'c-new', { kind: 'epmo' });
    expect((await repos.links.listByTarget(T, { kind: 'epmo' })).map((l) => l.conversationId)).toEqual(['c-new']);
  });

  it('lets a work item have several team conversations', async () => {
    await linkConversation(deps(), webTeam, 'c-it', { kind: 'team', workItemId: 'wi_web' });
    const r = await linkConversation(deps(), webTeam, 'c-chat', { kind: 'team', workItemId: 'wi_web' });
    expect(r.ok && r.value.replaced).toEqual([]);
    expect((await repos.links.listByTarget(T, { kind: 'team', workItemId: 'wi_web' })).map((l) => l.conversationId).sort()).toEqual(['c-chat', 'c-it']);
  });

  it('says so when the conversation was already linked, without rewriting it', async () => {
    await linkConversation(deps(), itLead, 'c-it', { kind: 'pmo', domainId: 'dom_it' });
    const again = await linkConversation(deps(), admin, 'c-it', { kind: 'pmo', domainId: 'dom_it' });
    expect(again.ok && again.value.alreadyLinked).toBe(true);
    expect((await repos.links.listByConversation(T, 'c-it'))[0]?.linkedBy).toBe('u1');
  });

  it.each([
    ['a team member linking a PMO channel', webTeam, { kind: 'pmo', domainId: 'dom_it' }, 'AUTH.FORBIDDEN'],
    ['a PMO lead linking another domain', itLead, { kind: 'pmo', domainId: 'dom_hr' }, 'AUTH.FORBIDDEN'],
    ['a PMO lead linking the EPMO', itLead, { kind: 'epmo' }, 'AUTH.FORBIDDEN'],
    ['a team member linking another team', webTeam, { kind: 'team', workItemId: 'wi_erp' }, 'AUTH.FORBIDDEN'],
    ['someone with no role', nobody, { kind: 'team', workItemId: 'wi_web' }, 'AUTH.FORBIDDEN'],
    ['an unknown domain', admin, { kind: 'pmo', domainId: 'dom_nope' }, 'LINK.UNKNOWN_TARGET'],
    ['another tenant’s domain', admin, { kind: 'pmo', domainId: 'dom_x' }, 'LINK.UNKNOWN_TARGET'],
    ['an unknown work item', admin, { kind: 'team', workItemId: 'wi_nope' }, 'LINK.UNKNOWN_TARGET'],
  ] as const)('refuses %s and writes nothing', async (_name, principal, target, code) => {
    const r = await linkConversation(deps(), principal, 'c-it', target);
    expect(r.ok ? 'ok' : r.error.code).toBe(code);
    expect(await repos.links.list(T)).toEqual([]);
  });

  it('refuses personal chats and unknown conversations', async () => {
    const personal = await linkConversation(deps(), admin, 'c-me', { kind: 'epmo' });
    expect(personal.ok ? 'ok' : personal.error.code).toBe('VALIDATION.INVALID');
    const unknown = await linkConversation(deps(), admin, 'c-nope', { kind: 'epmo' });
    expect(unknown.ok ? 'ok' : unknown.error.code).toBe('NOT_FOUND');
    const foreign = await linkConversation(deps(), who([{ role: 'tenant_admin' }], OTHER), 'c-it', { kind: 'epmo' });
    expect(foreign.ok ? 'ok' : foreign.error.code).toBe('NOT_FOUND');
    expect(await repos.links.list(T)).toEqual([]);
    expect(await repos.links.list(OTHER)).toEqual([]);
  });
});

describe('findLinkTarget', () => {
  const find = (q: Parameters<typeof findLinkTarget>[2]) => findLinkTarget(deps(), T, q);

  it('finds domains by id, name or "<name> PMO", ignoring case', async () => {
    for (const query of ['dom_it', 'IT', 'it', 'it pmo']) expect(await find({ kind: 'pmo', query })).toEqual({ ok: true, value: { kind: 'pmo', domainId: 'dom_it' } });
  });

  it('finds work items by id, exact title, or a unique part of the title', async () => {
    for (const query of ['wi_web', 'website rebuild', 'Website', 'rebuild team']) {
      expect(await find({ kind: 'team', query })).toEqual({ ok: true, value: { kind: 'team', workItemId: 'wi_web' } });
    }
  });

  it('explains ambiguous and unknown names', async () => {
    const ambiguous = await find({ kind: 'team', query: 'r' });
    expect(ambiguous.ok ? '' : ambiguous.error.message).toMatch(/Several work items match/);
    const unknown = await find({ kind: 'pmo', query: 'Marketing' });
    expect(unknown.ok ? '' : unknown.error.code).toBe('LINK.UNKNOWN_TARGET');
    expect(await find({ kind: 'pmo', query: 'X' })).toMatchObject({ ok: false });
  });
});
