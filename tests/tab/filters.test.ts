/** The portfolio grid's pure view logic: filtering, search, sorting and grouping. */
import { describe, expect, it } from '@jest/globals';
import {
  alignedObjectives,
  filterItems,
  groupItems,
  hasActiveFilters,
  indexObjectives,
  matchesSearch,
  sortItems,
  statusAgeText,
} from '../../tab/src/portfolio/filters';
import { NO_FILTERS, type PortfolioFilters } from '../../tab/src/portfolio/types';
import type { WorkItemView } from '../../bot/api-contract/portfolio';
import { objective, workItem as item } from './portfolio-fixtures';

const OBJECTIVES = [objective('obj-b', 'OBJ-2', 2), objective('obj-a', 'OBJ-1', 1)];

const ITEMS: WorkItemView[] = [
  item('1', { title: 'Mainframe Exit', structure: 'program', mode: 'traditional', stage: 'Execution', owner: { displayName: 'Lena Lund' }, overall: 'red', objectives: [{ objectiveId: 'obj-b', weight: 70 }, { objectiveId: 'obj-a', weight: 30 }] }),
  item('2', { title: 'Mobile App 3.0', structure: 'product', mode: 'agile', stage: 'Live', owner: { displayName: 'Tara Team' }, overall: 'green', objectives: [{ objectiveId: 'obj-a', weight: 100 }] }),
  item('3', { title: 'Service Desk Chatbot', structure: 'product', mode: 'lightweight', stage: 'In progress', owner: { displayName: 'Chen Wei' }, overall: 'amber', statusAgeDays: 20, stale: true, checkInOverdue: true }),
  item('4', { title: 'API Developer Portal', structure: 'capability', mode: 'agile', stage: 'Discovery', owner: { displayName: 'Chen Wei' }, overall: 'unknown', statusAgeDays: undefined, stale: true, openSignals: 2, unansweredChanges: 1, health: { benefit: 'unknown' } }),
];

const ids = (items: readonly WorkItemView[]) => items.map((i) => i.id);
const filters = (f: Partial<PortfolioFilters>): PortfolioFilters => ({ ...NO_FILTERS, ...f });

describe('filterItems', () => {
  it('keeps everything when no filter is set', () => {
    expect(ids(filterItems(ITEMS, NO_FILTERS))).toEqual(['1', '2', '3', '4']);
    expect(hasActiveFilters(NO_FILTERS)).toBe(false);
  });

  it('keeps stale items, items with open signals or unanswered changes, when asked', () => {
    expect(ids(filterItems(ITEMS, filters({ stale: true })))).toEqual(['3', '4']);
    expect(ids(filterItems(ITEMS, filters({ openSignals: true })))).toEqual(['4']);
    expect(ids(filterItems(ITEMS, filters({ unanswered: true })))).toEqual(['4']);
    expect(ids(filterItems(ITEMS, filters({ checkInOverdue: true })))).toEqual(['3']);
    expect(hasActiveFilters(filters({ stale: true }))).toBe(true);
    expect(hasActiveFilters(filters({ checkInOverdue: true }))).toBe(true);
  });

  it('keeps items aligned to the chosen objectives, or to none', () => {
    expect(ids(filterItems(ITEMS, filters({ objectives: ['obj-a'] })))).toEqual(['1', '2']);
    expect(ids(filterItems(ITEMS, filters({ objectives: ['obj-b', 'none'] })))).toEqual(['1', '3', '4']);
  });

  it('keeps items by benefit health', () => {
    expect(ids(filterItems(ITEMS, filters({ benefit: ['unknown'] })))).toEqual(['4']);
  });

  it('keeps only items of the chosen structures', () => {
    expect(ids(filterItems(ITEMS, filters({ structures: ['product'] })))).toEqual(['2', '3']);
    expect(ids(filterItems(ITEMS, filters({ structures: ['program', 'capability'] })))).toEqual(['1', '4']);
  });

  it('keeps only items of the chosen delivery modes', () => {
    expect(ids(filterItems(ITEMS, filters({ modes: ['agile'] })))).toEqual(['2', '4']);
  });

  it('filters on overall health', () => {
    expect(ids(filterItems(ITEMS, filters({ health: ['red', 'amber'] })))).toEqual(['1', '3']);
    expect(ids(filterItems(ITEMS, filters({ health: ['unknown'] })))).toEqual(['4']);
  });

  it('combines filters with AND', () => {
    expect(ids(filterItems(ITEMS, filters({ structures: ['product'], modes: ['agile'] })))).toEqual(['2']);
    expect(filterItems(ITEMS, filters({ structures: ['program'], health: ['green'] }))).toEqual([]);
    expect(hasActiveFilters(filters({ modes: ['agile'] }))).toBe(true);
  });
});

describe('search', () => {
  it('matches title, owner and stage, ignoring case', () => {
    expect(ids(filterItems(ITEMS, filters({ search: 'mainframe' })))).toEqual(['1']);
    expect(ids(filterItems(ITEMS, filters({ search: 'CHEN' })))).toEqual(['3', '4']);
    expect(ids(filterItems(ITEMS, filters({ search: 'in progress' })))).toEqual(['3']);
  });

  it('needs every word to match somewhere', () => {
    expect(matchesSearch(ITEMS[0]!, 'lena execution')).toBe(true);
    expect(matchesSearch(ITEMS[0]!, 'lena live')).toBe(false);
  });

  it('treats blank search as no filter', () => {
    expect(filterItems(ITEMS, filters({ search: '   ' }))).toHaveLength(4);
    expect(hasActiveFilters(filters({ search: '  ' }))).toBe(false);
  });

  it('does not match structure or mode words', () => {
    expect(filterItems(ITEMS, filters({ search: 'lightweight' }))).toEqual([]);
  });
});

describe('sortItems', () => {
  const index = indexObjectives(OBJECTIVES);

  it('sorts by title both ways', () => {
    expect(ids(sortItems(ITEMS, { column: 'title', direction: 'ascending' }, index))).toEqual(['4', '1', '2', '3']);
    expect(ids(sortItems(ITEMS, { column: 'title', direction: 'descending' }, index))).toEqual(['3', '2', '1', '4']);
  });

  it('sorts overall health by severity, unknown between green and amber', () => {
    expect(ids(sortItems(ITEMS, { column: 'overall', direction: 'descending' }, index))).toEqual(['1', '3', '4', '2']);
  });

  it('sorts never-reported statuses as the oldest', () => {
    expect(ids(sortItems(ITEMS, { column: 'statusAge', direction: 'descending' }, index))).toEqual(['4', '3', '1', '2']);
  });

  it('sorts structures in their natural order, ties by title', () => {
    expect(ids(sortItems(ITEMS, { column: 'structure', direction: 'ascending' }, index))).toEqual(['1', '2', '3', '4']);
  });

  it('does not change its input', () => {
    const copy = [...ITEMS];
    sortItems(ITEMS, { column: 'title', direction: 'ascending' }, index);
    expect(ITEMS).toEqual(copy);
  });
});

describe('groupItems', () => {
  it('puts everything in one group when not grouping', () => {
    const groups = groupItems(ITEMS, 'none', OBJECTIVES);
    expect(groups).toHaveLength(1);
    expect(ids(groups[0]!.items)).toEqual(['1', '2', '3', '4']);
  });

  it('groups by structure in natural order, leaving out empty groups', () => {
    const groups = groupItems(ITEMS, 'structure', OBJECTIVES);
    expect(groups.map((g) => [g.label, g.items.length])).toEqual([
      ['Program', 1],
      ['Product', 2],
      ['Capability', 1],
    ]);
  });

  it('groups by delivery mode', () => {
    expect(groupItems(ITEMS, 'mode', OBJECTIVES).map((g) => [g.label, ids(g.items)])).toEqual([
      ['Traditional', ['1']],
      ['Agile', ['2', '4']],
      ['Lightweight', ['3']],
    ]);
  });

  it('by objective, lists an item under each objective it aligns to, by priority, then the unaligned', () => {
    expect(groupItems(ITEMS, 'objective', OBJECTIVES).map((g) => [g.label, ids(g.items)])).toEqual([
      ['OBJ-1 · Objective OBJ-1', ['1', '2']],
      ['OBJ-2 · Objective OBJ-2', ['1']],
      ['No objective', ['3', '4']],
    ]);
  });

  it('keeps the order of the items it is given within each group', () => {
    const sorted = sortItems(ITEMS, { column: 'title', direction: 'descending' }, indexObjectives(OBJECTIVES));
    expect(ids(groupItems(sorted, 'mode', OBJECTIVES)[1]!.items)).toEqual(['2', '4']);
  });

  it('returns no groups for no items', () => {
    expect(groupItems([], 'structure', OBJECTIVES)).toEqual([]);
  });
});

describe('cell text', () => {
  it('lists objectives by priority with codes and weights', () => {
    expect(alignedObjectives(ITEMS[0]!, indexObjectives(OBJECTIVES)).map((o) => `${o.code} ${o.weight}%`)).toEqual(['OBJ-1 30%', 'OBJ-2 70%']);
  });

  it('describes status age', () => {
    expect(statusAgeText({ statusAgeDays: undefined })).toBe('Never reported');
    expect(statusAgeText({ statusAgeDays: 0 })).toBe('Today');
    expect(statusAgeText({ statusAgeDays: 1 })).toBe('1 day');
    expect(statusAgeText({ statusAgeDays: 12 })).toBe('12 days');
  });
});
