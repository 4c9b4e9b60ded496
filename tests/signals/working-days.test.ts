import { describe, expect, it } from '@jest/globals';
import { addWorkingDays, isWorkingDay } from '../../bot/signals/domain/working-days';

const at = (iso: string) => new Date(iso);

describe('working days', () => {
  it('skips weekends and keeps the time of day', () => {
    // 2026-03-06 is a Friday.
    expect(addWorkingDays(at('2026-03-06T10:00:00Z'), 2).toISOString()).toBe('2026-03-10T10:00:00.000Z');
    expect(addWorkingDays(at('2026-03-02T09:30:00Z'), 5).toISOString()).toBe('2026-03-09T09:30:00.000Z');
  });

  it('counts from a weekend to the following working days', () => {
    expect(addWorkingDays(at('2026-03-07T12:00:00Z'), 2).toISOString()).toBe('2026-03-10T12:00:00.000Z');
  });

  it('skips configured holidays', () => {
    const holidays = new Set(['2026-03-09']);
    expect(isWorkingDay(at('2026-03-09T00:00:00Z'), holidays)).toBe(false);
    expect(addWorkingDays(at('2026-03-06T10:00:00Z'), 2, holidays).toISOString()).toBe('2026-03-11T10:00:00.000Z');
  });

  it('zero days is now; negative or fractional days are a bug', () => {
    expect(addWorkingDays(at('2026-03-06T10:00:00Z'), 0).toISOString()).toBe('2026-03-06T10:00:00.000Z');
    expect(() => addWorkingDays(at('2026-03-06T10:00:00Z'), -1)).toThrow(RangeError);
    expect(() => addWorkingDays(at('2026-03-06T10:00:00Z'), 1.5)).toThrow(RangeError);
  });
});
