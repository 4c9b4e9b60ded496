import { describe, expect, it } from '@jest/globals';
import { type PortfolioContext, type WorkItemInput, createWorkItem, updateWorkItem } from './work-item';

const now = new Date('2026-11-27T12:00:00Z');
type Known = PortfolioContext['items'] extends ReadonlyMap<string, infer V> ? V : never;
const ctx = (items: ReadonlyMap<string, Known> = new Map()): PortfolioContext => ({
  tenantId: 't',
  now,
  domainIds: new Set(['it']),
  objectiveIds: new Set(['o1', 'o2']),
  items,
});
const input: WorkItemInput = {
  domainId: 'it',
  title: '  Portal  ',
  structure: 'project',
  mode: 'agile',
  stage: 'Alpha',
  owner: { displayName: 'Ana' },
  startDate: '2026-01-01',
  endDate: '2026-06-30',
  objectives: [{ objectiveId: 'o1', weight: 60 }],
};

const details = (r: ReturnType<typeof createWorkItem>) => (r.ok ? [] : (r.error.details ?? []).map((d) => d.at));

describe('creating a work item', () => {
  it('normalises text, starts with unknown health and no status date', () => {
    const r = createWorkItem('wi-1', input, ctx());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.title).toBe('Portal');
    expect(r.value.health).toEqual({ schedule: 'unknown', cost: 'unknown', scope: 'unknown', benefit: 'unknown' });
    expect(r.value.statusReportedAt).toBeUndefined();
  });
  it('stamps the status date when health is reported', () => {
    const r = createWorkItem('wi-1', { ...input, health: { schedule: 'green' } }, ctx());
    expect(r.ok && r.value.statusReportedAt).toBe(now.toISOString());
    expect(r.ok && r.value.health.schedule).toBe('green');
  });
  it('refuses unknown domains and objectives, reversed dates, duplicate and over-weighted alignment', () => {
    expect(details(createWorkItem('x', { ...input, domainId: 'hr' }, ctx()))).toContain('domainId');
    expect(details(createWorkItem('x', { ...input, endDate: '2025-12-31' }, ctx()))).toContain('endDate');
    expect(details(createWorkItem('x', { ...input, objectives: [{ objectiveId: 'zz', weight: 10 }] }, ctx()))).toContain('objectives[0]');
    expect(details(createWorkItem('x', { ...input, objectives: [{ objectiveId: 'o1', weight: 10 }, { objectiveId: 'o1', weight: 10 }] }, ctx()))).toContain('objectives[1]');
    expect(details(createWorkItem('x', { ...input, objectives: [{ objectiveId: 'o1', weight: 70 }, { objectiveId: 'o2', weight: 40 }] }, ctx()))).toContain('objectives');
  });
  it('accepts only a program as parent', () => {
    const items = new Map([
      ['p', { id: 'p', domainId: 'it', structure: 'program' as const }],
      ['q', { id: 'q', domainId: 'it', structure: 'project' as const }],
    ]);
    expect(createWorkItem('x', { ...input, parentId: 'p' }, ctx(items)).ok).toBe(true);
    expect(details(createWorkItem('x', { ...input, parentId: 'q' }, ctx(items)))).toContain('parentId');
    expect(details(createWorkItem('x', { ...input, parentId: 'missing' }, ctx(items)))).toContain('parentId');
  });
  it("refuses another domain's program as parent, with the same words as a program that does not exist", () => {
    const items = new Map([
      ['hr-prog', { id: 'hr-prog', domainId: 'hr', structure: 'program' as const }],
      ['hr-proj', { id: 'hr-proj', domainId: 'hr', structure: 'project' as const }],
    ]);
    const messages = (parentId: string) => {
      const r = createWorkItem('x', { ...input, parentId }, ctx(items));
      return r.ok ? [] : (r.error.details ?? []).map((d) => d.message.replace(parentId, '<id>'));
    };
    expect(messages('hr-prog')).toEqual(messages('missing'));
    expect(messages('hr-proj')).toEqual(messages('missing'));
    expect(messages('missing')).toEqual(['There is no program "<id>" in this domain to be the parent.']);
  });
});

describe('changing a work item', () => {
  const created = createWorkItem('wi-1', { ...input, structure: 'program' }, ctx());
  if (!created.ok) throw new Error('fixture');
  const item = { ...created.value, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' };

  it('refreshes the status date when health changes and keeps other fields', () => {
    const r = updateWorkItem(item, { health: { cost: 'red' } }, ctx(new Map<string, Known>([[item.id, item]])));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.health.cost).toBe('red');
    expect(r.value.health.schedule).toBe('unknown');
    expect(r.value.statusReportedAt).toBe(now.toISOString());
    expect(r.value.title).toBe('Portal');
  });
  it('reports status only when health, benefits or the note change: a stage move or the same values again keep the status date', () => {
    const reported = { ...item, health: { ...item.health, cost: 'green' as const }, statusNote: 'On track', statusReportedAt: '2026-10-01T00:00:00Z' };
    const items = ctx(new Map<string, Known>([[item.id, item]]));
    const moved = updateWorkItem(reported, { stage: 'Beta', startDate: '2026-02-01', owner: { displayName: 'Bo' } }, items);
    expect(moved.ok && moved.value.statusReportedAt).toBe('2026-10-01T00:00:00Z');
    expect(moved.ok && moved.value.stage).toBe('Beta');
    const same = updateWorkItem(reported, { health: { cost: 'green' }, statusNote: 'On track' }, items);
    expect(same.ok && same.value.statusReportedAt).toBe('2026-10-01T00:00:00Z');
    const noted = updateWorkItem(reported, { statusNote: 'Supplier late' }, items);
    expect(noted.ok && noted.value.statusReportedAt).toBe(now.toISOString());
    const benefits = updateWorkItem(reported, { benefits: { planned: { value: 10, unit: 'k' }, realised: { value: 2, unit: 'k' } } }, items);
    expect(benefits.ok && benefits.value.statusReportedAt).toBe(now.toISOString());
  });
  it('refuses a cycle of programs', () => {
    const child = { id: 'c', domainId: 'it', structure: 'program' as const, parentId: 'wi-1' };
    const r = updateWorkItem(item, { parentId: 'c' }, ctx(new Map<string, Known>([[item.id, item], ['c', child]])));
    expect(r.ok ? [] : r.error.details?.map((d) => d.message)).toEqual(['A program cannot be its own ancestor.']);
  });
  it('refuses to turn a parent program into a project while it has children', () => {
    const child = { id: 'c', domainId: 'it', structure: 'project' as const, parentId: 'wi-1' };
    const r = updateWorkItem(item, { structure: 'project' }, ctx(new Map<string, Known>([[item.id, item], ['c', child]])));
    expect(r.ok).toBe(false);
  });
  it('refuses to move a parent program to another domain while it has children, and moves it once they are out', () => {
    const twoDomains = (items: ReadonlyMap<string, Known>): PortfolioContext => ({ ...ctx(items), domainIds: new Set(['it', 'hr']) });
    const child = { id: 'c', domainId: 'it', structure: 'project' as const, parentId: 'wi-1' };
    const refused = updateWorkItem(item, { domainId: 'hr' }, twoDomains(new Map<string, Known>([[item.id, item], ['c', child]])));
    expect(refused.ok ? [] : refused.error.details?.map((d) => d.at)).toEqual(['domainId']);
    const { parentId: _out, ...detached } = child;
    const moved = updateWorkItem(item, { domainId: 'hr' }, twoDomains(new Map<string, Known>([[item.id, item], ['c', detached]])));
    expect(moved.ok && moved.value.domainId).toBe('hr');
  });
  it('checks the parent only when it changes or the item moves: a parent stored before does not block other edits', () => {
    const orphan = { ...item, structure: 'project' as const, parentId: 'gone' };
    const renamed = updateWorkItem(orphan, { title: 'Portal v2' }, ctx(new Map<string, Known>([[item.id, item]])));
    expect(renamed.ok && renamed.value).toMatchObject({ title: 'Portal v2', parentId: 'gone' });
    const twoDomains: PortfolioContext = { ...ctx(new Map<string, Known>([[item.id, item]])), domainIds: new Set(['it', 'hr']) };
    expect(details(updateWorkItem(orphan, { domainId: 'hr' }, twoDomains))).toEqual(['parentId']);
    expect(details(updateWorkItem(orphan, { parentId: 'other' }, ctx()))).toEqual(['parentId']);
  });
  it('removes the parent with null', () => {
    const withParent = { ...item, structure: 'project' as const, parentId: 'p' };
    const r = updateWorkItem(withParent, { parentId: null }, ctx(new Map([['p', { id: 'p', domainId: 'it', structure: 'program' as const }]])));
    expect(r.ok && r.value.parentId).toBeUndefined();
  });
});

describe('retired objectives', () => {
  const retired: PortfolioContext = { ...ctx(), retiredObjectives: new Map([['o2', 'OBJ-2']]) };
  it('take no new work, but an item aligned before keeps its alignment through later edits', () => {
    const refused = createWorkItem('wi-1', { ...input, objectives: [{ objectiveId: 'o2', weight: 50 }] }, retired);
    expect(refused.ok ? [] : refused.error.details).toEqual([{ at: 'objectives[0]', message: 'OBJ-2 is retired and takes no new work: choose an active objective.' }]);

    const aligned = createWorkItem('wi-1', { ...input, objectives: [{ objectiveId: 'o2', weight: 50 }] }, ctx());
    if (!aligned.ok) throw new Error(aligned.error.message);
    expect(updateWorkItem(aligned.value, { stage: 'Beta', objectives: [{ objectiveId: 'o2', weight: 40 }] }, retired).ok).toBe(true);
    expect(details(updateWorkItem(aligned.value, { objectives: [{ objectiveId: 'o2', weight: 40 }, { objectiveId: 'o1', weight: 10 }] }, retired))).toEqual([]);
    const moved = updateWorkItem({ ...aligned.value, objectives: [] }, { objectives: [{ objectiveId: 'o2', weight: 40 }] }, retired);
    expect(details(moved)).toEqual(['objectives[0]']);
  });
});
