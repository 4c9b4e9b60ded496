/**
 * The one rule of a domain's check-in cadence (PRODUCT.md §2), wherever it is set: the Admin
 * domain form (`PATCH /api/domains/:id`), the Check-ins page (`PUT …/check-in-cadence`), and the
 * tab's forms, which say what the server would refuse. Pure.
 */
import { type ErrorDetail, type Result, invalid, ok } from '../../kernel/result';
import { type CheckInCadence, WEEKDAYS } from './portfolio';

/** Answers are due within a week at most: the next cadence round would overtake them. */
export const MAX_ANSWER_WITHIN_HOURS = 168;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Whether `timeZone` is an IANA time zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === '' || timeZone !== timeZone.trim()) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const KEYS = ['enabled', 'weekday', 'time', 'timeZone', 'answerWithinHours', 'remindHoursBefore'] as const;

/** Checks a cadence as a PMO lead sends it (the whole cadence), each problem said where it is. */
export function validateCadence(input: unknown): Result<CheckInCadence> {
  if (!isRecord(input)) return invalid('Send the whole cadence: enabled, weekday, time, timeZone, answerWithinHours and remindHoursBefore.');
  const details: ErrorDetail[] = [];
  const unknown = Object.keys(input).filter((k) => !(KEYS as readonly string[]).includes(k));
  if (unknown.length > 0) details.push({ at: '(body)', message: `unknown field(s): ${unknown.join(', ')}` });
  const { enabled, weekday, time, timeZone, answerWithinHours, remindHoursBefore } = input;
  if (typeof enabled !== 'boolean') details.push({ at: 'enabled', message: 'true to send check-ins on schedule, false to stop' });
  if (typeof weekday !== 'string' || !(WEEKDAYS as readonly string[]).includes(weekday)) details.push({ at: 'weekday', message: `one of ${WEEKDAYS.join(', ')}` });
  if (typeof time !== 'string' || !TIME.test(time)) details.push({ at: 'time', message: 'a time of day as HH:MM, 24-hour (e.g. 09:00)' });
  if (typeof timeZone !== 'string' || !isTimeZone(timeZone)) details.push({ at: 'timeZone', message: 'an IANA time zone, e.g. Europe/London or America/New_York' });
  const within = typeof answerWithinHours === 'number' && Number.isInteger(answerWithinHours) && answerWithinHours >= 2 && answerWithinHours <= MAX_ANSWER_WITHIN_HOURS;
  if (!within) details.push({ at: 'answerWithinHours', message: `whole hours from 2 to ${MAX_ANSWER_WITHIN_HOURS} (one week)` });
  const remindOk = typeof remindHoursBefore === 'number' && Number.isInteger(remindHoursBefore) && remindHoursBefore >= 1 && (!within || remindHoursBefore < (answerWithinHours as number));
  if (!remindOk) details.push({ at: 'remindHoursBefore', message: within ? `whole hours from 1 to ${(answerWithinHours as number) - 1} (less than the hours to answer)` : 'whole hours, at least 1 and less than the hours to answer' });
  if (details.length > 0) return invalid('The check-in cadence is not valid.', details);
  return ok({ enabled, weekday, time, timeZone, answerWithinHours, remindHoursBefore } as CheckInCadence);
}
