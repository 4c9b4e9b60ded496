import { describe, expect, it } from '@jest/globals';
import { type Health, type WorkItem, isStale, overallHealth, portfolioKpis, statusAgeDays } from './portfolio';

const h = (schedule: Health['schedule'], cost: Health['cost'], scope: Health['scope'], benefit: Health['benefit']): Health => ({ schedule, cost, scope, benefit });
const now = new Date('2026-11-27T12:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString();

describe('overall health', () => {
  it('is the worst dimension', () => {
    expect(overallHealth(h('green', 'green', 'green', 'green'))).toBe('green');
    expect(overallHealth(h('green', 'amber', 'green', 'green'))).toBe('amber');
    expect(overallHealth(h('amber', 'red', 'green', 'amber'))).toBe('red');
  });
  it('treats an unreported dimension as worse than green but better than amber', () => {
    expect(overallHealth(h('green', 'unknown', 'green', 'green'))).toBe('unknown');
    expect(overallHealth(h('amber', 'unknown', 'green', 'green'))).toBe('amber');
    expect(overallHealth(h('unknown', 'unknown', 'unknown', 'unknown'))).toBe('unknown');
  });
});

describe('status freshness', () => {
  it('counts whole days since the report', () => {
    expect(statusAgeDays({ statusReportedAt: daysAgo(3.5) }, now)).toBe(3);
    expect(statusAgeDays({}, now)).toBeUndefined();
  });
  it('counts calendar days (UTC): a report late yesterday is a day old this morning', () => {
    expect(statusAgeDays({ statusReportedAt: '2026-11-26T23:59:00Z' }, new Date('2026-11-27T00:01:00Z'))).toBe(1);
  });
  it('is stale after the domain window, and when never reported', () => {
    const beta = { stage: 'Beta' };
    expect(isStale({ ...beta, statusReportedAt: daysAgo(14) }, { freshnessDays: 14 }, now)).toBe(false);
    expect(isStale({ ...beta, statusReportedAt: daysAgo(15) }, { freshnessDays: 14 }, now)).toBe(true);
    expect(isStale({ ...beta, statusReportedAt: daysAgo(15) }, { freshnessDays: 21 }, now)).toBe(false);
    expect(isStale(beta, { freshnessDays: 14 }, now)).toBe(true);
  });
  it('never flags a finished item (done or closed, in any case) as stale', () => {
    expect(isStale({ stage: 'Done', statusReportedAt: daysAgo(90) }, { freshnessDays: 14 }, now)).toBe(false);
    expect(isStale({ stage: ' closed ' }, { freshnessDays: 14 }, now)).toBe(false);
    expect(isStale({ stage: 'Closing', statusReportedAt: daysAgo(90) }, { freshnessDays: 14 }, now)).toBe(true);
  });
});

describe('portfolio KPIs', () => {
  const item = (id: string, health: Health, reported?: number): WorkItem => ({
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
  });
  it('counts items by overall health, on-benefit share among reporters, and stale statuses', () => {
    const kpis = portfolioKpis(
      [
        item('a', h('green', 'green', 'green', 'green'), 1),
        item('b', h('green', 'amber', 'green', 'red'), 30),
        item('c', h('green', 'green', 'green', 'green'), 2),
        item('d', h('unknown', 'unknown', 'unknown', 'unknown')),
      ],
      new Map([['d', { freshnessDays: 14 }]]),
      now,
    );
    expect(kpis.total).toBe(4);
    expect(kpis.byOverall).toEqual({ green: 2, amber: 0, red: 1, unknown: 1 }); // b's red benefit makes it red
    expect(kpis.onBenefitPercent).toBe(67); // 2 of the 3 that report benefit
    expect(kpis.stale).toBe(2); // b is 30 days old, d never reported
  });
  it('leaves % on-benefit out when nobody reports benefit', () => {
    expect(portfolioKpis([item('d', h('green', 'green', 'green', 'unknown'), 1)], new Map(), now).onBenefitPercent).toBeUndefined();
  });
});
