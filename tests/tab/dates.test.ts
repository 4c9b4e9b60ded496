/** The tab's one date module: shown dates follow the reader's locale, and bad input is shown as it came. */
import { describe, expect, it } from '@jest/globals';
import { formatDate, formatDateTime, formatTime, utcDay } from '../../tab/src/shared/dates';

// Noon UTC is the same calendar day in every time zone from UTC-11 to UTC+11.
const NOON = '2026-12-03T12:00:00Z';

describe('shown dates', () => {
  it('follow the locale, one format per kind', () => {
    expect(formatDate(NOON, 'en-GB')).toBe('3 Dec 2026');
    expect(formatDate(NOON, 'en-US')).toBe('Dec 3, 2026');
    expect(formatDateTime(NOON, 'en-GB')).toMatch(/^3 Dec 2026, \d\d:\d\d$/);
    expect(formatTime(Date.parse(NOON), 'en-GB')).toMatch(/^\d\d:\d\d:\d\d$/);
  });

  it('show a date-only value as that calendar day in any time zone', () => {
    expect(formatDate('2026-01-01', 'en-GB')).toBe('1 Jan 2026');
  });

  it('show what is not a time as it came', () => {
    expect(formatDate('soon')).toBe('soon');
    expect(formatDateTime('')).toBe('');
  });

  it('name the UTC day the server reads a date-only field as', () => {
    expect(utcDay(Date.parse('2026-12-03T23:30:00Z'))).toBe('2026-12-03');
  });
});
