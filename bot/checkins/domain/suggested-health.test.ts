import { describe, expect, it } from '@jest/globals';
import { elapsedShare, missingReasons, reasonNeeded, suggestedBenefit, suggestedHealth, suggestedSchedule } from './suggested-health';

const item = { startDate: '2026-01-01', endDate: '2026-12-31', finished: false };
const mid = new Date('2026-07-02T10:00:00Z'); // day 182 of 364: half the time has passed

describe('suggested health (PRODUCT.md §5)', () => {
  it('suggests a red schedule once the end date has passed, unless the item is finished', () => {
    expect(suggestedSchedule(item, new Date('2026-12-31T23:00:00Z'))).toBeUndefined();
    expect(suggestedSchedule(item, new Date('2027-01-01T00:00:00Z'))).toBe('red');
    expect(suggestedSchedule({ ...item, finished: true }, new Date('2027-03-01T00:00:00Z'))).toBeUndefined();
  });

  it('measures the elapsed share of an item\'s time between 0 and 1', () => {
    expect(elapsedShare(item, new Date('2025-06-01T00:00:00Z'))).toBe(0);
    expect(elapsedShare(item, mid)).toBeCloseTo(0.5, 2);
    expect(elapsedShare(item, new Date('2027-06-01T00:00:00Z'))).toBe(1);
    expect(elapsedShare({ startDate: '2026-05-01', endDate: '2026-05-01' }, mid)).toBe(1);
  });

  it('suggests benefit from realised against the share of the plan the elapsed time expects (90 % green, 60 % amber)', () => {
    const planned = (realised: number) => ({ ...item, benefits: { planned: 100, realised } });
    expect(suggestedBenefit(planned(45), mid)).toBe('green'); // 45 of 50 expected = 90 %
    expect(suggestedBenefit(planned(44), mid)).toBe('amber');
    expect(suggestedBenefit(planned(30), mid)).toBe('amber'); // 60 %
    expect(suggestedBenefit(planned(29), mid)).toBe('red');
    expect(suggestedBenefit(item, mid)).toBeUndefined();
    expect(suggestedBenefit({ ...item, benefits: { planned: 0, realised: 0 } }, mid)).toBeUndefined();
    expect(suggestedBenefit(planned(0), new Date('2025-12-01T00:00:00Z'))).toBeUndefined();
  });

  it('suggests nothing for cost and scope', () => {
    const s = suggestedHealth({ ...item, benefits: { planned: 100, realised: 10 } }, new Date('2027-02-01T00:00:00Z'));
    expect(s).toEqual({ schedule: 'red', benefit: 'red' });
  });

  it('asks a reason for a colour other than suggested, and for a change to red the rules did not compute', () => {
    expect(reasonNeeded('green', 'green', 'red')).toBe('override');
    expect(reasonNeeded('red', 'green', undefined)).toBe('to-red');
    expect(reasonNeeded('red', 'unknown', undefined)).toBe('to-red');
    expect(reasonNeeded('red', 'red', undefined)).toBeUndefined();
    expect(reasonNeeded('red', 'green', 'red')).toBeUndefined();
    expect(reasonNeeded('amber', 'green', undefined)).toBeUndefined();
  });

  it('lists the dimensions whose needed reason is missing; a blank reason is missing', () => {
    const answered = { schedule: 'green', cost: 'red', scope: 'amber', benefit: 'amber' } as const;
    const before = { schedule: 'green', cost: 'amber', scope: 'green', benefit: 'green' } as const;
    expect(missingReasons(answered, before, { schedule: 'red', benefit: 'amber' }, { cost: '  ' })).toEqual([
      { dimension: 'schedule', why: 'override' },
      { dimension: 'cost', why: 'to-red' },
    ]);
    expect(missingReasons(answered, before, { schedule: 'red' }, { schedule: 'Re-planned with the sponsor', cost: 'Vendor price rise' })).toEqual([]);
  });
});
