/** The portfolio's URL state: every filter, sort, grouping and column choice survives a round trip. */
import { describe, expect, it } from '@jest/globals';
import { DEFAULT_COLUMNS } from '../../tab/src/portfolio/columns';
import { DEFAULT_VIEW_STATE, type ViewState, parseViewState, serialiseViewState } from '../../tab/src/portfolio/view-state';
import { parseRoute, portfolioHash } from '../../tab/src/shared/route';

const FULL: ViewState = {
  view: 'roadmap',
  filters: {
    structures: ['program', 'product'],
    modes: ['agile'],
    health: ['amber', 'red'],
    benefit: ['green'],
    objectives: ['obj-2', 'none'],
    stale: true,
    openSignals: true,
    signalStates: ['analysing', 'escalated'],
    unanswered: true,
    checkInOverdue: true,
    search: 'mainframe & co',
  },
  sort: { column: 'title', direction: 'ascending' },
  groupBy: 'objective',
  columns: ['title', 'overall', 'statusAge'],
  roadmapBy: 'structure',
};

describe('portfolio view state in the URL', () => {
  it('writes nothing for the default view', () => {
    expect(serialiseViewState(DEFAULT_VIEW_STATE)).toBe('');
    expect(parseViewState('')).toEqual(DEFAULT_VIEW_STATE);
  });

  it('restores every choice from its query string', () => {
    const query = serialiseViewState(FULL);
    expect(parseViewState(query)).toEqual(FULL);
    expect(query).toContain('stale=1');
    expect(query).toContain('sort=title');
    expect(query).toContain('signal=analysing%2Cescalated');
    expect(query).toContain('checkin=1');
  });

  it('writes equal views as equal strings, whatever order values were picked in', () => {
    const a = serialiseViewState({ ...FULL, filters: { ...FULL.filters, health: ['red', 'amber'], structures: ['product', 'program'], signalStates: ['escalated', 'analysing'] } });
    expect(a).toBe(serialiseViewState(FULL));
  });

  it('reads a descending sort and drops what it does not know', () => {
    const state = parseViewState('sort=-statusAge&health=red,purple&view=gantt&group=colour&stale=yes&structure=&cols=bogus');
    expect(state.sort).toEqual({ column: 'statusAge', direction: 'descending' });
    expect(state.filters.health).toEqual(['red']);
    expect(state.view).toBe('grid');
    expect(state.groupBy).toBe('none');
    expect(state.filters.stale).toBe(false);
    expect(state.filters.structures).toEqual([]);
    expect(state.columns).toEqual(DEFAULT_COLUMNS);
    expect(parseViewState('sort=-nothing').sort).toEqual(DEFAULT_VIEW_STATE.sort);
    // Closed signals are never open: no tile filters on them.
    expect(parseViewState('signal=closed,escalated').filters.signalStates).toEqual(['escalated']);
  });

  it('keeps the search text as typed, spaces included', () => {
    expect(parseViewState(serialiseViewState({ ...DEFAULT_VIEW_STATE, filters: { ...DEFAULT_VIEW_STATE.filters, search: 'portal ' } })).filters.search).toBe('portal ');
  });

  it('lives beside the domain in the portfolio route', () => {
    const hash = portfolioHash('dom-it', serialiseViewState(FULL));
    const route = parseRoute(hash);
    expect(route).toEqual({ page: 'portfolio', domainId: 'dom-it', query: serialiseViewState(FULL) });
    expect(route.page === 'portfolio' && parseViewState(route.query ?? '')).toEqual(FULL);
    expect(parseRoute(portfolioHash(undefined, 'stale=1'))).toEqual({ page: 'portfolio', query: 'stale=1' });
    expect(parseRoute('#/rollup')).toEqual({ page: 'rollup' });
  });
});
