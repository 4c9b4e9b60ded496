import { describe, expect, it } from '@jest/globals';
import { validateCadence } from './cadence-rules';
import { DEFAULT_CHECK_IN_CADENCE } from './portfolio';

describe('validating a cadence', () => {
  it('accepts a whole, sound cadence', () => {
    const valid = validateCadence({ enabled: false, weekday: 'friday', time: '16:45', timeZone: 'Asia/Kolkata', answerWithinHours: 72, remindHoursBefore: 4 });
    expect(valid).toEqual({ ok: true, value: { enabled: false, weekday: 'friday', time: '16:45', timeZone: 'Asia/Kolkata', answerWithinHours: 72, remindHoursBefore: 4 } });
  });

  it('says what is wrong with each field', () => {
    const r = validateCadence({ enabled: 'yes', weekday: 'funday', time: '9:00', timeZone: 'Mars/Olympus', answerWithinHours: 500, remindHoursBefore: 0, extra: 1 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION.INVALID');
    expect(r.error.details?.map((d) => d.at).sort()).toEqual(['(body)', 'answerWithinHours', 'enabled', 'remindHoursBefore', 'time', 'timeZone', 'weekday']);
    expect(r.error.details?.find((d) => d.at === 'time')?.message).toMatch(/HH:MM/);
  });

  it('wants the reminder before the due time', () => {
    const r = validateCadence({ ...DEFAULT_CHECK_IN_CADENCE, answerWithinHours: 24, remindHoursBefore: 24 });
    expect(r.ok ? undefined : r.error.details).toEqual([{ at: 'remindHoursBefore', message: 'whole hours from 1 to 23 (less than the hours to answer)' }]);
    expect(validateCadence('weekly').ok).toBe(false);
  });
});
