/** The portfolio views' pure logic: KPI tiles as filters, heatmap lines, roadmap layout, CSV export, item history. */
import { describe, expect, it } from '@jest/globals';
import { portfolioCsv, portfolioCsvFileName } from '../../tab/src/portfolio/csv-export';
import { filterItems, indexObjectives } from '../../tab/src/portfolio/filters';
import { heatmapCellFilters, heatmapLines } from '../../tab/src/portfolio/heatmap';
import { benefitSeries, benefitSummary, healthSeries } from '../../tab/src/portfolio/history';
import { isTilePressed, toggleTile } from '../../tab/src/portfolio/kpi-tiles';
import { roadmapLayout, roadmapRows } from '../../tab/src/portfolio/roadmap';
import { NO_FILTERS } from '../../tab/src/portfolio/types';
import { objective, report, workItem } from './portfolio-fixtures';

const OBJECTIVES = [objective('obj-b', 'OBJ-2', 2, 'Grow revenue'), objective('obj-a', 'OBJ-1', 1, 'Cut cost')];

describe('KPI tiles', () => {
  it('toggle their own filter on and off and show it as pressed', () => {
    const red = toggleTile('red', NO_FILTERS);
    expect(red.health).toEqual(['red']);
    expect(isTilePressed('red', red)).toBe(true);
    const both = toggleTile('amber', red);
    expect(both.health).toEqual(['amber', 'red']);
    expect(toggleTile('red', both).health).toEqual(['amber']);

    const stale = toggleTile('stale', both);
    expect(stale).toEqual({ ...both, stale: true });
    expect(toggleTile('stale', stale).stale).toBe(false);

    expect(toggleTile('onBenefit', NO_FILTERS).benefit).toEqual(['green']);
    expect(isTilePressed('onBenefit', { ...NO_FILTERS, benefit: ['green', 'red'] })).toBe(false);
    expect(toggleTile('openSignals', NO_FILTERS).openSignals).toBe(true);
    expect(toggleTile('unanswered', NO_FILTERS).unanswered).toBe(true);
    expect(toggleTile('checkInsOverdue', NO_FILTERS).checkInOverdue).toBe(true);
    expect(toggleTile('checkInsOverdue', { ...NO_FILTERS, checkInOverdue: true }).checkInOverdue).toBe(false);

    const escalated = toggleTile({ signalState: 'escalated' }, NO_FILTERS);
    expect(escalated.signalStates).toEqual(['escalated']);
    expect(isTilePressed({ signalState: 'escalated' }, escalated)).toBe(true);
    expect(isTilePressed({ signalState: 'deferred' }, escalated)).toBe(false);
    const either = toggleTile({ signalState: 'deferred' }, escalated);
    expect(either.signalStates).toEqual(['escalated', 'deferred']);
    expect(toggleTile({ signalState: 'escalated' }, either).signalStates).toEqual(['deferred']);
  });

  it('filter the grid to what the tile counts', () => {
    const items = [workItem('1', { overall: 'red', stale: true }), workItem('2', { overall: 'green', openSignals: 1 }), workItem('3', { overall: 'amber', health: { benefit: 'amber' } })];
    const ids = (f: typeof NO_FILTERS) => filterItems(items, f).map((i) => i.id);
    expect(ids(toggleTile('red', NO_FILTERS))).toEqual(['1']);
    expect(ids(toggleTile('stale', NO_FILTERS))).toEqual(['1']);
    expect(ids(toggleTile('openSignals', NO_FILTERS))).toEqual(['2']);
    expect(ids(toggleTile('onBenefit', NO_FILTERS))).toEqual(['1', '2']);
  });

  it('"open signals · <state>" keeps the items with an open signal in that state, or in any state picked', () => {
    const items = [
      workItem('1', { openSignals: 2, openSignalStates: ['raised', 'escalated'] }),
      workItem('2', { openSignals: 1, openSignalStates: ['deferred'] }),
      workItem('3', { openSignals: 1, openSignalStates: ['raised'] }),
      workItem('4'),
    ];
    const ids = (f: typeof NO_FILTERS) => filterItems(items, f).map((i) => i.id);
    const escalated = toggleTile({ signalState: 'escalated' }, NO_FILTERS);
    expect(ids(escalated)).toEqual(['1']);
    expect(ids(toggleTile({ signalState: 'raised' }, NO_FILTERS))).toEqual(['1', '3']);
    expect(ids(toggleTile({ signalState: 'deferred' }, escalated))).toEqual(['1', '2']);
    expect(ids(toggleTile({ signalState: 'analysing' }, NO_FILTERS))).toEqual([]);
  });
});

describe('heatmap', () => {
  const rows = [
    { objectiveId: 'obj-b', byOverall: { green: 1, amber: 0, red: 2, unknown: 0 } },
    { objectiveId: null, byOverall: { green: 0, amber: 1, red: 0, unknown: 0 } },
    { objectiveId: 'obj-gone', byOverall: { green: 1, amber: 0, red: 0, unknown: 0 } },
  ];

  it('lists objectives by priority, zeros included, then unknown objectives, then items with none', () => {
    const lines = heatmapLines(rows, OBJECTIVES);
    expect(lines.map((l) => l.label)).toEqual(['P1 · OBJ-1 · Cut cost', 'P2 · OBJ-2 · Grow revenue', 'Unknown objective (obj-gone)', 'No objective']);
    expect(lines.map((l) => l.total)).toEqual([0, 3, 1, 1]);
    expect(lines[1]?.byOverall.red).toBe(2);
  });

  it('leaves out "No objective" when every item is aligned', () => {
    expect(heatmapLines(rows.slice(0, 1), OBJECTIVES).map((l) => l.objectiveId)).toEqual(['obj-a', 'obj-b']);
  });

  it('opens a cell as the grid filtered to its objective and health', () => {
    const items = [workItem('1', { overall: 'red', objectives: [{ objectiveId: 'obj-b', weight: 100 }] }), workItem('2', { overall: 'red' }), workItem('3', { overall: 'green', objectives: [{ objectiveId: 'obj-b', weight: 100 }] })];
    expect(filterItems(items, heatmapCellFilters('obj-b', 'red')).map((i) => i.id)).toEqual(['1']);
    expect(filterItems(items, heatmapCellFilters(null, 'red')).map((i) => i.id)).toEqual(['2']);
  });
});

describe('roadmap', () => {
  const items = [
    workItem('a', { startDate: '2026-03-10', endDate: '2026-06-30', structure: 'program' }),
    workItem('b', { startDate: '2026-01-01', endDate: '2026-01-31', structure: 'project' }),
    workItem('c', { startDate: 'soon', endDate: '2026-01-31' }),
  ];

  it('puts bars and today on one scale from the first month to the end of the last', () => {
    const layout = roadmapLayout(items, 'structure', OBJECTIVES, '2026-12-01');
    expect(layout.from).toBe('2026-01-01');
    expect(layout.to).toBe('2026-12-31');
    expect(layout.undated).toBe(1);
    expect(layout.groups.map((g) => g.label)).toEqual(['Program', 'Project']);
    const january = layout.groups[1]?.bars[0];
    expect(january?.start).toBe(0);
    expect(january?.width).toBeCloseTo((31 / 365) * 100, 5);
    expect(layout.today).toBeGreaterThan(90);
    expect(layout.today).toBeLessThan(100);
    expect(layout.ticks.map((t) => t.day)).toContain('2026-06-01');
    expect(layout.ticks.length).toBe(12);
  });

  it('stretches the scale to include today and thins ticks on long scales', () => {
    const layout = roadmapLayout(items, 'objective', OBJECTIVES, '2029-05-05');
    expect(layout.to).toBe('2029-05-31');
    expect(layout.today).toBeGreaterThan(97);
    expect(layout.ticks.length).toBeLessThanOrEqual(13);
    expect(layout.groups.map((g) => g.label)).toEqual(['No objective']);
  });

  it('caps the rows it renders and says how many more there are', () => {
    const many = Array.from({ length: 30 }, (_v, i) => workItem(String(i), { structure: i % 2 ? 'program' : 'project' }));
    const layout = roadmapLayout(many, 'structure', OBJECTIVES, '2026-06-01');
    const { rows, hidden } = roadmapRows(layout.groups, 20);
    expect(rows.filter((r) => r.kind === 'bar')).toHaveLength(20);
    expect(hidden).toBe(10);
    expect(rows[0]).toMatchObject({ kind: 'group', shown: 15 });
    expect(rows.filter((r) => r.kind === 'group')).toHaveLength(2);
  });
});

describe('CSV export', () => {
  const objectives = indexObjectives(OBJECTIVES);
  const items = [
    workItem('1', { title: 'Portal, "phase 2"', owner: { displayName: 'Zoë Ähler' }, objectives: [{ objectiveId: 'obj-b', weight: 40 }, { objectiveId: 'obj-a', weight: 60 }], statusReportedAt: '2026-11-30T17:45:00.000Z', overall: 'amber', openSignals: 2 }),
    workItem('2', { title: '=HYPERLINK("x")', stage: 'Line one\nline two' }),
  ];

  it('writes the visible columns with names, ISO dates, quoting and a BOM', () => {
    const csv = portfolioCsv(items, ['title', 'objectives', 'owner', 'overall', 'statusAge', 'openSignals'], objectives);
    expect(csv.startsWith('\uFEFFTitle,Objectives,Owner,Overall,Status reported,Open signals\r\n')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[1]).toBe('"Portal, ""phase 2""",OBJ-1 Cut cost (60%); OBJ-2 Grow revenue (40%),Zoë Ähler,Amber,2026-11-30,2');
    expect(lines[2]).toBe(`"'=HYPERLINK(""x"")",,Ravi Rao,Green,,0`);
    expect(lines[3]).toBe('');
  });

  it('quotes cells with line breaks and names the file by domain and day', () => {
    expect(portfolioCsv(items.slice(1), ['stage'], objectives)).toBe('\uFEFFStage\r\n"Line one\nline two"\r\n');
    expect(portfolioCsvFileName('Finance & Risk', '2026-12-07')).toBe('portfolio-finance-risk-2026-12-07.csv');
  });
});

describe('item history', () => {
  const history = [
    report('2026-01-05T10:00:00.000Z', { overall: 'unknown' }),
    report('2026-02-05T10:00:00.000Z', { overall: 'red', benefits: { planned: { value: 100, unit: 'GBP k' }, realised: { value: 10, unit: 'GBP k' } } }),
    report('2026-03-05T10:00:00.000Z', { overall: 'green', benefits: { planned: { value: 5, unit: 'hours' }, realised: { value: 1, unit: 'hours' } } }),
    report('2026-04-05T10:00:00.000Z', { overall: 'amber', benefits: { planned: { value: 120, unit: 'GBP k' }, realised: { value: 60, unit: 'GBP k' } } }),
  ];

  it('charts overall health without the unknown reports', () => {
    expect(healthSeries(history).map((p) => [p.rag, p.level])).toEqual([
      ['red', 1],
      ['green', 3],
      ['amber', 2],
    ]);
  });

  it('charts benefits in the latest unit only', () => {
    const series = benefitSeries(history);
    expect(series?.unit).toBe('GBP k');
    expect(series?.planned.map((p) => p.value)).toEqual([100, 120]);
    expect(series?.realised.map((p) => p.value)).toEqual([10, 60]);
    expect(benefitSeries(history.slice(0, 1))).toBeUndefined();
  });

  it('never says "no benefits" above "on-benefit": figures and verdict are told apart', () => {
    const none = benefitSummary({ health: workItem('x').health });
    expect(none).toEqual({ verdict: 'On-benefit', noFigures: 'No planned or realised figures recorded' });
    const half = benefitSummary({ health: { ...workItem('x').health, benefit: 'amber' }, benefits: { planned: { value: 200, unit: 'k' }, realised: { value: 100, unit: 'k' } } });
    expect(half).toEqual({ verdict: 'At risk on benefit', share: 0.5 });
    // Shown as "Benefit health: Not reported", not "Benefit health: Benefit health not reported".
    expect(benefitSummary({ health: { ...workItem('x').health, benefit: 'unknown' } }).verdict).toBe('Not reported');
  });
});
