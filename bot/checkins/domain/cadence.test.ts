import { DEFAULT_CHECK_IN_CADENCE } from '../../portfolio/domain/portfolio';
import { type CheckInCadence, nextOccurrence, previousOccurrence, reminderAt, zonedInstant } from './cadence';

const cadence = (c: Partial<CheckInCadence>): CheckInCadence => ({ ...DEFAULT_CHECK_IN_CADENCE, ...c });
const iso = (d: Date): string => d.toISOString();

describe('the weekly check-in cadence', () => {
  it('comes next on the chosen weekday and local time, strictly after the instant', () => {
    const mondays = cadence({ weekday: 'monday', time: '09:00', timeZone: 'UTC' });
    expect(iso(nextOccurrence(mondays, new Date('2026-12-02T12:00:00Z')))).toBe('2026-12-07T09:00:00.000Z');
    // At the very time: the next week's.
    expect(iso(nextOccurrence(mondays, new Date('2026-12-07T09:00:00Z')))).toBe('2026-12-14T09:00:00.000Z');
    expect(iso(nextOccurrence(mondays, new Date('2026-12-07T08:59:59Z')))).toBe('2026-12-07T09:00:00.000Z');
    expect(iso(previousOccurrence(mondays, new Date('2026-12-07T09:00:00Z')))).toBe('2026-12-07T09:00:00.000Z');
    expect(iso(previousOccurrence(mondays, new Date('2026-12-07T08:59:00Z')))).toBe('2026-11-30T09:00:00.000Z');
  });

  it('keeps 09:00 local in Europe/London across the clocks going forward and back', () => {
    const london = cadence({ weekday: 'monday', time: '09:00', timeZone: 'Europe/London' });
    // Clocks go forward on Sunday 29 March 2026: 09:00 GMT, then 09:00 BST (08:00 UTC).
    expect(iso(nextOccurrence(london, new Date('2026-03-21T00:00:00Z')))).toBe('2026-03-23T09:00:00.000Z');
    expect(iso(nextOccurrence(london, new Date('2026-03-23T09:00:00Z')))).toBe('2026-03-30T08:00:00.000Z');
    // Back on Sunday 25 October 2026.
    expect(iso(nextOccurrence(london, new Date('2026-10-19T08:00:00Z')))).toBe('2026-10-26T09:00:00.000Z');
    expect(iso(previousOccurrence(london, new Date('2026-10-26T08:59:00Z')))).toBe('2026-10-19T08:00:00.000Z');
  });

  it('keeps the local time in America/New_York, including a Sunday cadence on the day the clocks change', () => {
    const ny = cadence({ weekday: 'sunday', time: '10:30', timeZone: 'America/New_York' });
    // Clocks go forward on Sunday 8 March 2026 at 02:00 EST.
    expect(iso(nextOccurrence(ny, new Date('2026-03-02T00:00:00Z')))).toBe('2026-03-08T14:30:00.000Z');
    expect(iso(nextOccurrence(ny, new Date('2026-03-08T14:30:00Z')))).toBe('2026-03-15T14:30:00.000Z');
    expect(iso(nextOccurrence(ny, new Date('2026-02-28T00:00:00Z')))).toBe('2026-03-01T15:30:00.000Z');
    // Back on Sunday 1 November 2026 at 02:00 EDT.
    expect(iso(nextOccurrence(ny, new Date('2026-10-26T00:00:00Z')))).toBe('2026-11-01T15:30:00.000Z');
  });

  it('moves a time the clocks skip on by the gap, and takes the first of a time that happens twice', () => {
    // 01:30 on 29 March 2026 does not happen in London (01:00 GMT → 02:00 BST): 02:30 BST.
    expect(iso(zonedInstant('Europe/London', Date.UTC(2026, 2, 29, 1, 30)))).toBe('2026-03-29T01:30:00.000Z');
    // 01:30 on 25 October 2026 happens twice: the first is 01:30 BST.
    expect(iso(zonedInstant('Europe/London', Date.UTC(2026, 9, 25, 1, 30)))).toBe('2026-10-25T00:30:00.000Z');
    const skipped = cadence({ weekday: 'sunday', time: '02:30', timeZone: 'America/New_York' });
    expect(iso(nextOccurrence(skipped, new Date('2026-03-07T00:00:00Z')))).toBe('2026-03-08T07:30:00.000Z');
  });

  it('reminds that many hours before the due time, never before sending', () => {
    const c = cadence({ answerWithinHours: 48, remindHoursBefore: 24 });
    const sent = new Date('2026-12-07T09:00:00Z');
    const due = new Date('2026-12-09T09:00:00Z');
    expect(iso(reminderAt(c, sent, due))).toBe('2026-12-08T09:00:00.000Z');
    // A round requested by hand with a short due time: the reminder goes at once, not in the past.
    expect(iso(reminderAt(c, sent, new Date('2026-12-07T12:00:00Z')))).toBe(iso(sent));
  });
});
