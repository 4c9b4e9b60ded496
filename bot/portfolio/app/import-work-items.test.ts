/** What a CSV import says about a bad file: every problem of a row at once, in the file's own column names. */
import { describe, expect, it } from '@jest/globals';
import { createMemoryRepositories } from '../../../tests/support/memory-repositories';
import { domain, objective } from '../../../tests/support/directory-records';
import type { Principal } from '../../kernel/roles';
import { readWorkItemCsv } from '../http-csv-import';
import { importWorkItems } from './import-work-items';
import type { PortfolioDeps } from './portfolio';

const T = '11111111-1111-4111-8111-111111111111';
const lead: Principal = { tenantId: T, userId: 'u1', displayName: 'Dana', roles: [{ role: 'pmo_lead', domainId: 'dom-a' }] };
const HEADER = 'title,structure,mode,stage,owner,startDate,endDate,objectives,schedule,cost,scope,benefit,plannedBenefit,realisedBenefit,benefitUnit,parent';

describe('importing a CSV file with problems', () => {
  it('names every problem of a row in one answer, by the column it is in, and imports nothing', async () => {
    const repos = createMemoryRepositories();
    await repos.domains.createMany([domain(T, 'dom-a')]);
    await repos.objectives.createMany([objective(T, '1')]);
    const deps: PortfolioDeps = {
      repos,
      people: repos.users,
      clock: { now: () => new Date('2026-12-08T09:00:00Z') },
      ids: { next: (prefix) => `${prefix ?? 'id'}-1` },
      activity: { domainActivity: async () => { throw new Error('not read'); }, rollupActivity: async () => new Map(), itemActivity: async () => { throw new Error('not read'); } },
    };
    const csv = [HEADER, 'Portal,project,agile,Alpha,Chen Wei,2027-06-30,2027-01-04,OBJ-1:100,green,,purple,,lots,,k€,'].join('\n');

    const res = await importWorkItems(deps, lead, 'dom-a', () => readWorkItemCsv(csv));

    expect(res.ok ? [] : res.error.details).toEqual([
      { at: 'row 2 scope', message: 'must be one of green, amber, red, unknown' },
      { at: 'row 2 plannedBenefit', message: 'must be a number' },
      { at: 'row 2 endDate', message: 'the end date 2027-01-04 is before the start date 2027-06-30' },
    ]);
    expect(await repos.workItems.listByDomain(T, 'dom-a')).toEqual([]);

    // A weight out of range is the objectives column's; a benefit without its unit is said once.
    const weights = [HEADER, 'Portal,project,agile,Alpha,Chen Wei,2027-01-04,2027-06-30,OBJ-1:900,,,,,10,5,,'].join('\n');
    const again = await importWorkItems(deps, lead, 'dom-a', () => readWorkItemCsv(weights));
    const problems = again.ok ? [] : (again.error.details ?? []).map((d) => d.at);
    expect(problems).toContain('row 2 objectives');
    expect(problems.filter((at) => at === 'row 2 benefitUnit').length).toBeLessThanOrEqual(1);
    expect(problems.every((at) => !at.includes('.'))).toBe(true);
  });
});
