import { describe, expect, it } from '@jest/globals';
import { type Principal, can } from './roles';

const person = (roles: Principal['roles']): Principal => ({ tenantId: 't', userId: 'u', displayName: 'U', roles });
const epmo = person([{ role: 'epmo_member' }]);
const owner = person([{ role: 'epmo_member' }, { role: 'strategy_owner' }]);
const itLead = person([{ role: 'pmo_lead', domainId: 'it' }]);
const member = person([{ role: 'team_member', workItemId: 'wi-1' }]);
const admin = person([{ role: 'tenant_admin' }]);
const nobody = person([]);

describe('permission matrix (PRODUCT.md §1)', () => {
  it('lets EPMO members see every domain and draft changes, but only strategy owners decide', () => {
    expect(can(epmo, 'portfolio.view', { domainId: 'hr' })).toBe(true);
    expect(can(epmo, 'change.publish')).toBe(true);
    expect(can(epmo, 'escalation.view')).toBe(true);
    expect(can(epmo, 'escalation.decide')).toBe(false);
    expect(can(owner, 'escalation.decide')).toBe(true);
  });
  it('scopes a PMO lead to their own domain', () => {
    expect(can(itLead, 'portfolio.view', { domainId: 'it' })).toBe(true);
    expect(can(itLead, 'portfolio.edit', { domainId: 'it' })).toBe(true);
    expect(can(itLead, 'signal.handle', { domainId: 'it' })).toBe(true);
    expect(can(itLead, 'portfolio.view', { domainId: 'hr' })).toBe(false);
    expect(can(itLead, 'portfolio.edit', { domainId: 'hr' })).toBe(false);
    expect(can(itLead, 'signal.handle', { domainId: 'hr' })).toBe(false);
    expect(can(itLead, 'change.publish')).toBe(false);
  });
  it('lets team members raise signals and respond to changes for their own item only', () => {
    expect(can(member, 'signal.raise', { workItemId: 'wi-1' })).toBe(true);
    expect(can(member, 'change.respond', { workItemId: 'wi-1' })).toBe(true);
    expect(can(member, 'signal.raise', { workItemId: 'wi-2' })).toBe(false);
    expect(can(member, 'portfolio.edit', { domainId: 'it', workItemId: 'wi-1' })).toBe(false);
    expect(can(member, 'link.team', { workItemId: 'wi-1' })).toBe(true);
    expect(can(member, 'link.pmo', { domainId: 'it' })).toBe(false);
  });
  it('lets the tenant admin set up but not decide or publish', () => {
    expect(can(admin, 'domain.create')).toBe(true);
    expect(can(admin, 'role.assign')).toBe(true);
    expect(can(admin, 'link.pmo', { domainId: 'any' })).toBe(true);
    expect(can(admin, 'link.epmo')).toBe(true);
    expect(can(admin, 'change.publish')).toBe(false);
    expect(can(admin, 'escalation.decide')).toBe(false);
  });
  it('lets the domain\'s PMO lead or an admin ask for check-ins, and the item\'s team or its PMO lead answer them', () => {
    expect(can(itLead, 'checkin.request', { domainId: 'it' })).toBe(true);
    expect(can(admin, 'checkin.request', { domainId: 'it' })).toBe(true);
    expect(can(itLead, 'checkin.request', { domainId: 'hr' })).toBe(false);
    expect(can(member, 'checkin.request', { domainId: 'it' })).toBe(false);
    expect(can(member, 'checkin.answer', { domainId: 'it', workItemId: 'wi-1' })).toBe(true);
    expect(can(member, 'checkin.answer', { domainId: 'it', workItemId: 'wi-2' })).toBe(false);
    expect(can(itLead, 'checkin.answer', { domainId: 'it', workItemId: 'wi-2' })).toBe(true);
    expect(can(admin, 'checkin.answer', { domainId: 'it', workItemId: 'wi-1' })).toBe(false);
  });
  it('grants nothing to someone without roles', () => {
    const actions = ['portfolio.view', 'portfolio.edit', 'objective.edit', 'domain.create', 'link.pmo', 'link.epmo', 'link.team', 'change.publish', 'signal.raise', 'escalation.decide', 'checkin.request', 'checkin.answer'] as const;
    for (const a of actions) expect(can(nobody, a, { domainId: 'it', workItemId: 'wi-1' })).toBe(false);
  });
});
