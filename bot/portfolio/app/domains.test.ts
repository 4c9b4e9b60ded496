import { beforeEach, describe, expect, it } from '@jest/globals';
import { createMemoryRepositories } from '../../../tests/support/memory-repositories';
import type { Principal, RoleAssignment } from '../../kernel/roles';
import type { Repositories } from '../../directory/repositories';
import { createDomain, updateDomain } from './domains';
import type { PortfolioDeps } from './portfolio';

const T = '11111111-1111-4111-8111-111111111111';
const clock = { now: () => new Date('2026-03-01T09:00:00.000Z') };
const who = (roles: RoleAssignment[]): Principal => ({ tenantId: T, userId: 'u1', displayName: 'Dana', roles });
const admin = who([{ role: 'tenant_admin' }]);

let repos: Repositories;
let changed: string[];
let seq = 0;
const deps = (): PortfolioDeps => ({
  repos,
  people: repos.users,
  clock,
  ids: { next: (prefix) => `${prefix ?? 'id'}-${++seq}` },
  activity: { domainActivity: async () => { throw new Error('not read'); }, rollupActivity: async () => new Map(), itemActivity: async () => { throw new Error('not read'); } },
  onDomainChanged: async (tenantId, domainId) => {
    changed.push(`${tenantId}/${domainId}`);
  },
});

beforeEach(() => {
  repos = createMemoryRepositories();
  changed = [];
});

describe('onDomainChanged', () => {
  it('is told of each domain created or changed, once it is stored, and of nothing refused', async () => {
    const made = await createDomain(deps(), admin, { name: 'IT' });
    if (!made.ok) throw new Error(made.error.message);
    expect(changed).toEqual([`${T}/${made.value.value.id}`]);
    const cadence = { enabled: false, weekday: 'friday', time: '16:00', timeZone: 'UTC', answerWithinHours: 24, remindHoursBefore: 2 };
    expect((await updateDomain(deps(), admin, made.value.value.id, { checkInCadence: cadence }, made.value.etag)).ok).toBe(true);
    expect((await repos.domains.get(T, made.value.value.id))?.value.checkInCadence).toEqual(cadence);
    expect(changed).toHaveLength(2);

    expect((await createDomain(deps(), admin, { name: 'it' })).ok).toBe(false);
    expect((await updateDomain(deps(), admin, made.value.value.id, { name: 'Stale' }, made.value.etag)).ok).toBe(false);
    expect((await createDomain(deps(), who([{ role: 'epmo_member' }]), { name: 'HR' })).ok).toBe(false);
    expect(changed).toHaveLength(2);
  });
});
