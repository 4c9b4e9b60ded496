import { describe, expect, it } from '@jest/globals';
import { type Health, isFinished, isStale, overallHealth, statusAgeDays } from './portfolio';

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
  it('counts only the exact stages done and closed as finished, not words that contain them', () => {
    expect(['Done', 'DONE', 'closed', ' Closed\t'].filter((stage) => isFinished({ stage }))).toHaveLength(4);
    const unfinished = ['Not done', 'Done?', 'Almost done', 'Undone', 'Closed-out', 'Closure', 'Reclosed', 'Complete', 'd o n e', ''];
    expect(unfinished.filter((stage) => isFinished({ stage }))).toEqual([]);
    expect(unfinished.filter((stage) => isStale({ stage, statusReportedAt: daysAgo(90) }, { freshnessDays: 14 }, now))).toEqual(unfinished);
  });
});
