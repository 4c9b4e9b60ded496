/**
 * A check-in cadence's words, shared by the forms that set one (Admin → Domains, Check-ins):
 * the weekdays as people read them and the time zones this browser knows.
 */
import type { Weekday } from '../../../bot/portfolio/domain/portfolio';

export const WEEKDAY_LABELS: Readonly<Record<Weekday, string>> = {
  monday: 'Monday',
  tuesday: 'Tuesday',
  wednesday: 'Wednesday',
  thursday: 'Thursday',
  friday: 'Friday',
  saturday: 'Saturday',
  sunday: 'Sunday',
};

/** Every IANA time zone this browser knows, UTC first (the list leaves it out). */
export function timeZones(): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return ['UTC', ...known.filter((z) => z !== 'UTC')];
}
