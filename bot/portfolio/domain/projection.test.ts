import { describe, expect, it } from '@jest/globals';
import type { Health, WorkItem } from './portfolio';
import { emptyStats, heatmapOf, kpisOf, mergeHeatmaps, restate, staleNow, statsOf } from './projection';

const h = (schedule: Health['schedule'], cost: Health['cost'], scope: Health['scope'], benefit: Health['benefit']): Health => ({ schedule, cost, scope, benefit });
const now = new Date('2026-11-27T12:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString();
const fortnight = { freshnessDays: 14 };

const item = (id: string, health: Health, reported?: number, extra: Partial<WorkItem> = {}): WorkItem => ({
  tenantId: 't',
  id,
  domainId: 'd',
  title: id,
  structure: 'project',
  mode: 'agile',
  stage: 'Beta',
  owner: { displayName: 'A' },
  startDate: '2026-01-01',
  endDate: '2026-12-31',
  objectives: [],
  health,
  ...(reported !== undefined ? { statusReportedAt: daysAgo(reported) } : {}),
  createdAt: daysAgo(100),
  updatedAt: daysAgo(1),
  ...extra,
});

describe('domain figures kept on write', () => {
  const items = [
    item('a', h('green', 'green', 'green', 'green'), 1, { objectives: [{ objectiveId: 'o1', weight: 50 }, { objectiveId: 'o2', weight: 50 }] }),
    item('b', h('green', 'amber', 'green', 'red'), 30, { objectives: [{ objectiveId: 'o1', weight: 100 }] }),
    item('c', h('green', 'green', 'green', 'green'), 2),
    item('d', h('unknown', 'unknown', 'unknown', 'unknown')),
  ];

  it('count items by overall health, on-benefit share among reporters, and stale statuses', () => {
    const kpis = kpisOf(statsOf(items), fortnight, now);
    expect(kpis.total).toBe(4);
    expect(kpis.byOverall).toEqual({ green: 2, amber: 0, red: 1, unknown: 1 }); // b's red benefit makes it red
    expect(kpis.onBenefitPercent).toBe(67); // 2 of the 3 that report benefit
    expect(kpis.stale).toBe(2); // b is 30 days old, d never reported
  });
  it('leave % on-benefit out when nobody reports benefit', () => {
    expect(kpisOf(statsOf([item('d', h('green', 'green', 'green', 'unknown'), 1)]), fortnight, now).onBenefitPercent).toBeUndefined();
  });
  it('say which items turn stale as days pass, from the day buckets alone', () => {
    const stats = statsOf([item('x', h('green', 'green', 'green', 'green'), 14), item('y', h('green', 'green', 'green', 'green'), 10)]);
    expect(staleNow(stats, fortnight, now)).toBe(0);
    expect(staleNow(stats, fortnight, new Date(now.getTime() + 86_400_000))).toBe(1);
    expect(staleNow(stats, fortnight, new Date(now.getTime() + 5 * 86_400_000))).toBe(2);
  });
  it('never count a finished item as stale', () => {
    const done = item('z', h('green', 'green', 'green', 'green'), 90, { stage: 'DONE' });
    expect(kpisOf(statsOf([done, item('w', h('green', 'green', 'green', 'green'), 90, { stage: 'closed' })]), fortnight, now).stale).toBe(0);
  });
  it('match a recount after any sequence of creates, edits, moves out and removals', () => {
    let stats = emptyStats();
    for (const i of items) stats = restate(stats, undefined, i);
    const edited = { ...items[1], health: h('green', 'green', 'green', 'green'), stage: 'Done' } as WorkItem;
    stats = restate(stats, items[1], edited);
    stats = restate(stats, items[0], undefined);
    expect(stats).toEqual(statsOf([edited, items[2] as WorkItem, items[3] as WorkItem]));
    for (const i of [edited, items[2], items[3]]) stats = restate(stats, i, undefined);
    expect(stats).toEqual(emptyStats());
  });
  it('count each item once per objective in the heatmap, unaligned items in their own row', () => {
    const rows = heatmapOf(statsOf(items));
    expect(rows).toEqual(
      expect.arrayContaining([
        { objectiveId: 'o1', byOverall: { green: 1, amber: 0, red: 1, unknown: 0 } },
        { objectiveId: 'o2', byOverall: { green: 1, amber: 0, red: 0, unknown: 0 } },
        { objectiveId: null, byOverall: { green: 1, amber: 0, red: 0, unknown: 1 } },
      ]),
    );
    expect(mergeHeatmaps([...rows, ...rows]).find((r) => r.objectiveId === 'o1')?.byOverall.red).toBe(2);
  });
});
