/**
 * The cadence form's values as typed, and their checking: the server's own rule
 * (bot/portfolio/domain/cadence-rules.ts), so the form says what the server would refuse, where.
 */
import { validateCadence } from '../../../bot/portfolio/domain/cadence-rules';
import type { CheckInCadence, Weekday } from '../../../bot/portfolio/domain/portfolio';
import { WEEKDAY_LABELS } from '../shared/cadence';

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

/** "Mondays at 09:00 (Europe/London)". */
export const describeCadence = (c: CheckInCadence): string => `${WEEKDAY_LABELS[c.weekday]}s at ${c.time} (${c.timeZone.replace(/_/g, ' ')})`;
