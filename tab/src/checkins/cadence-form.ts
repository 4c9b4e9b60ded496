/**
 * The cadence form's values as typed, and their checking: the server's own rules
 * (bot/checkins/domain/cadence.ts), so the form says what the server would refuse, where.
 */
import { type CheckInCadence, WEEKDAYS, type Weekday, validateCadence } from '../../../bot/checkins/domain/cadence';

export const WEEKDAY_LABELS: Readonly<Record<Weekday, string>> = {
  monday: 'Monday',
  tuesday: 'Tuesday',
  wednesday: 'Wednesday',
  thursday: 'Thursday',
  friday: 'Friday',
  saturday: 'Saturday',
  sunday: 'Sunday',
};
export { WEEKDAYS };
export type { Weekday };

/** What the inputs hold: numbers as typed, so a half-typed value is shown, not lost. */
export interface CadenceValues {
  readonly enabled: boolean;
  readonly weekday: Weekday;
  readonly time: string;
  readonly timeZone: string;
  readonly answerWithinHours: string;
  readonly remindHoursBefore: string;
}

export const valuesOf = (c: CheckInCadence): CadenceValues => ({
  enabled: c.enabled,
  weekday: c.weekday,
  time: c.time,
  timeZone: c.timeZone,
  answerWithinHours: String(c.answerWithinHours),
  remindHoursBefore: String(c.remindHoursBefore),
});

const number = (typed: string): number | string => (typed.trim() !== '' && Number.isFinite(Number(typed)) ? Number(typed) : typed);

/** The cadence to send, or each field's problem. */
export function checkCadence(v: CadenceValues): { readonly cadence: CheckInCadence } | { readonly errors: Readonly<Partial<Record<keyof CadenceValues, string>>> } {
  const checked = validateCadence({ ...v, answerWithinHours: number(v.answerWithinHours), remindHoursBefore: number(v.remindHoursBefore) });
  if (checked.ok) return { cadence: checked.value };
  const errors: Partial<Record<keyof CadenceValues, string>> = {};
  for (const d of checked.error.details ?? []) errors[d.at as keyof CadenceValues] = `Use ${d.message}.`;
  return { errors };
}

/** Every IANA time zone this browser knows, UTC first. */
export function timeZones(): readonly string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return ['UTC', ...known.filter((z) => z !== 'UTC')];
}

/** "Mondays at 09:00 (Europe/London)". */
export const describeCadence = (c: CheckInCadence): string => `${WEEKDAY_LABELS[c.weekday]}s at ${c.time} (${c.timeZone.replace(/_/g, ' ')})`;
