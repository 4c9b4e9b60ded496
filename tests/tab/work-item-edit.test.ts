/** The item form's logic: a save conflict in its terms, what a save sends, and the objectives' checks. */
import { describe, expect, it } from '@jest/globals';
import type { StrategicObjective, WorkItemView } from '../../tab/src/portfolio/types';
import { alignmentProblems, differences, editValues, inPriorityOrder, isDirty, reapply, toPatch } from '../../tab/src/portfolio/work-item-edit';

const item = (over: Partial<WorkItemView> = {}): WorkItemView =>
  ({
    tenantId: 't',
    id: 'wi-1',
    domainId: 'dom-it',
    title: 'Mobile App 3.0',
    structure: 'product',
    mode: 'agile',
    stage: 'Live',
    owner: { userId: 'u-1', displayName: 'Tara Team' },
    startDate: '2026-01-05',
    endDate: '2026-09-30',
    objectives: [],
    health: { schedule: 'green', cost: 'green', scope: 'green', benefit: 'green' },
    statusNote: 'On track',
    benefits: { planned: { value: 1200, unit: 'GBP k' }, realised: { value: 1150, unit: 'GBP k' } },
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-03-01T00:00:00Z',
    overall: 'green',
    stale: false,
    etag: 'e1',
    openSignals: 0,
    unansweredChanges: 0,
    ...over,
  }) as WorkItemView;

describe('a save conflict', () => {
  const base = item();
  const theirs = item({ health: { ...base.health, cost: 'red' }, statusNote: 'Licence costs doubled', updatedAt: '2026-03-02T00:00:00Z', etag: 'e2' });

  it('lists what the other person changed, field by field, in words', () => {
    expect(differences(editValues(base), editValues(theirs))).toEqual([
      { field: 'Cost health', before: 'Green', after: 'Red' },
      { field: 'Status note', before: 'On track', after: 'Licence costs doubled' },
    ]);
    expect(differences(editValues(base), editValues(base))).toEqual([]);
  });

  it('reapplies only the fields the user changed, keeping the other person\'s changes elsewhere', () => {
    const mine = { ...editValues(base), stage: 'Hypercare', health: { ...base.health, schedule: 'amber' as const } };
    const merged = reapply(mine, editValues(base), editValues(theirs));
    expect(merged).toEqual({ ...editValues(theirs), stage: 'Hypercare', health: { ...theirs.health, schedule: 'amber' } });
    // The user's value wins where both changed the same field.
    expect(reapply({ ...editValues(base), note: 'Mine' }, editValues(base), editValues(theirs)).note).toBe('Mine');
  });

  it('sends only the owner the user chose: a directory person with their id, a typed name without', () => {
    expect(toPatch(editValues(base), base).owner).toBeUndefined();
    expect(toPatch({ ...editValues(base), owner: { displayName: 'Ravi Rao' } }, base).owner).toEqual({ displayName: 'Ravi Rao' });
    expect(toPatch({ ...editValues(base), owner: { userId: 'u-9', displayName: 'Ravi Rao' } }, base).owner).toEqual({ userId: 'u-9', displayName: 'Ravi Rao' });
  });
});

describe('saving an edit', () => {
  const base = item();
  it('does not report status when only the stage moves: no health, note or benefits are sent', () => {
    expect(toPatch({ ...editValues(base), stage: 'Hypercare' }, base)).toEqual({ stage: 'Hypercare' });
    expect(toPatch(editValues(base), base)).toEqual({});
  });
  it('sends the health dimensions, note and benefits the user changed', () => {
    const patch = toPatch({ ...editValues(base), health: { ...base.health, cost: 'red' }, note: 'Licence costs doubled', realised: '900' }, base);
    expect(patch).toEqual({ health: { cost: 'red' }, statusNote: 'Licence costs doubled', benefits: { planned: { value: 1200, unit: 'GBP k' }, realised: { value: 900, unit: 'GBP k' } } });
  });
});

describe('objectives and weights in the form', () => {
  const objectives = [
    { id: 'o1', code: 'OBJ-1', title: 'Grow', priority: 1 },
    { id: 'o3', code: 'OBJ-3', title: 'Secure', priority: 1 },
    { id: 'o9', code: 'OBJ-9', title: 'Faster', priority: 2 },
  ] as StrategicObjective[];
  it('names each mistake: a weight outside 1–100, an objective twice, more than 100% in all', () => {
    const p = alignmentProblems([{ objectiveId: 'o1', weight: '0' }, { objectiveId: 'o3', weight: '70.5' }, { objectiveId: 'o9', weight: '60' }, { objectiveId: 'o9', weight: '50' }], objectives);
    expect(Object.fromEntries(p.byObjective)).toEqual({
      o1: 'Give OBJ-1 a whole-number weight from 1 to 100.',
      o3: 'Give OBJ-3 a whole-number weight from 1 to 100.',
      o9: 'OBJ-9 is listed twice; keep it once.',
    });
    expect(p.total).toBe('The weights add up to 180.5%; together they can be at most 100%.');
    expect(alignmentProblems([{ objectiveId: 'o1', weight: '60' }, { objectiveId: 'o9', weight: '40' }], objectives)).toEqual({ byObjective: new Map() });
  });
  it('keeps the alignment in priority order and sends it only when it changed', () => {
    expect(inPriorityOrder([{ objectiveId: 'o9', weight: '10' }, { objectiveId: 'o1', weight: '20' }], objectives).map((a) => a.objectiveId)).toEqual(['o1', 'o9']);
    const base = item({ objectives: [{ objectiveId: 'o1', weight: 60 }] });
    const changed = { ...editValues(base), objectives: [{ objectiveId: 'o1', weight: '50' }, { objectiveId: 'o9', weight: '50' }] };
    expect(toPatch(changed, base)).toEqual({ objectives: [{ objectiveId: 'o1', weight: 50 }, { objectiveId: 'o9', weight: 50 }] });
    expect(isDirty(changed, editValues(base))).toBe(true);
    expect(isDirty(editValues(base), editValues(base))).toBe(false);
    expect(differences(editValues(base), changed, objectives)).toEqual([{ field: 'Objectives', before: 'OBJ-1 60%', after: 'OBJ-1 50%, OBJ-9 50%' }]);
  });
});
