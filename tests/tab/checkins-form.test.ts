/** The Check-ins page's pure parts: the cadence form checked by the server's rules, its route. */
import { describe, expect, it } from '@jest/globals';
import { checkCadence, describeCadence, valuesOf } from '../../tab/src/checkins/cadence-form';
import { timeZones } from '../../tab/src/shared/cadence';
import { checkInsHash, parseRoute } from '../../tab/src/shared/route';

const typed = valuesOf({ enabled: true, weekday: 'friday', time: '16:30', timeZone: 'Europe/London', answerWithinHours: 24, remindHoursBefore: 4 });

describe('the cadence form', () => {
  it('sends the cadence with its hours as numbers', () => {
    expect(checkCadence(typed)).toEqual({ cadence: { enabled: true, weekday: 'friday', time: '16:30', timeZone: 'Europe/London', answerWithinHours: 24, remindHoursBefore: 4 } });
    expect(describeCadence({ enabled: true, weekday: 'friday', time: '16:30', timeZone: 'America/New_York', answerWithinHours: 24, remindHoursBefore: 4 })).toBe('Fridays at 16:30 (America/New York)');
  });

  it('says what is wrong next to each field, as the server would', () => {
    const checked = checkCadence({ ...typed, time: '25:00', timeZone: 'Europe/Atlantis', answerWithinHours: '', remindHoursBefore: '1.5' });
    expect(checked).toEqual({
      errors: {
        time: 'Use a time of day as HH:MM, 24-hour (e.g. 09:00).',
        timeZone: 'Use an IANA time zone, e.g. Europe/London or America/New_York.',
        answerWithinHours: 'Use whole hours from 2 to 168 (one week).',
        remindHoursBefore: 'Use whole hours, at least 1 and less than the hours to answer.',
      },
    });
    expect(checkCadence({ ...typed, remindHoursBefore: '30' })).toEqual({ errors: { remindHoursBefore: 'Use whole hours from 1 to 23 (less than the hours to answer).' } });
  });

  it('offers every time zone the runtime knows, UTC first', () => {
    const zones = timeZones();
    expect(zones[0]).toBe('UTC');
    expect(zones).toEqual(expect.arrayContaining(['Europe/London', 'America/New_York']));
    expect(zones.filter((z) => z === 'UTC')).toHaveLength(1);
  });
});

describe('the Check-ins route', () => {
  it('names the domain in the hash', () => {
    expect(parseRoute(checkInsHash('dom-it'))).toEqual({ page: 'checkins', domainId: 'dom-it' });
    expect(parseRoute(checkInsHash())).toEqual({ page: 'checkins' });
  });
});
