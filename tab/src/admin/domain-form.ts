/**
 * The domain form's values as typed, the problems the tab can see before sending them (the
 * server checks again), and the body they become. Field names match the server's (`name`,
 * `checkInCadence.time`…), so its field-level answers land beside the same inputs.
 */
import { MAX_ANSWER_WITHIN_HOURS } from '../../../bot/portfolio/domain/cadence-rules';
import { DEFAULT_CHECK_IN_CADENCE as DEFAULT_CADENCE, type Weekday } from '../../../bot/portfolio/domain/portfolio';
import { WEEKDAY_LABELS } from '../shared/cadence';
import type { CheckInCadence, DomainBody, DomainResponse } from './api';

export interface DomainDraft {
  readonly name: string;
  readonly description: string;
  readonly freshnessDays: string;
  readonly enabled: boolean;
  readonly weekday: Weekday;
  readonly time: string;
  readonly timeZone: string;
  readonly answerWithinHours: string;
  readonly remindHoursBefore: string;
}

export type DomainField = 'name' | 'description' | 'freshnessDays' | 'checkInCadence.time' | 'checkInCadence.timeZone' | 'checkInCadence.answerWithinHours' | 'checkInCadence.remindHoursBefore';
export type DomainProblems = Partial<Record<DomainField, string>>;

export function draftOf(d?: DomainResponse): DomainDraft {
  const c = d?.checkInCadence ?? DEFAULT_CADENCE;
  return {
    name: d?.name ?? '',
    description: d?.description ?? '',
    freshnessDays: String(d?.freshnessDays ?? 14),
    enabled: c.enabled,
    weekday: c.weekday,
    time: c.time,
    timeZone: c.timeZone,
    answerWithinHours: String(c.answerWithinHours),
    remindHoursBefore: String(c.remindHoursBefore),
  };
}

const wholeIn = (text: string, min: number, max: number): number | undefined => {
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(n) && n >= min && n <= max ? n : undefined;
};

/** What is wrong with the draft, per field; `otherNames` are the tenant's other domains. */
export function domainProblems(d: DomainDraft, otherNames: readonly string[], zones: readonly string[]): DomainProblems {
  const p: { -readonly [K in DomainField]?: string } = {};
  const name = d.name.trim();
  if (!name) p.name = 'Give the domain a name.';
  else if (name.length > 80) p.name = 'Use at most 80 characters.';
  else if (otherNames.some((n) => n.trim().toLowerCase() === name.toLowerCase())) p.name = `A domain named "${name}" already exists. Choose another name.`;
  if (d.description.length > 1000) p.description = 'Use at most 1000 characters.';
  if (wholeIn(d.freshnessDays, 1, 365) === undefined) p.freshnessDays = 'Enter whole days from 1 to 365.';
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(d.time)) p['checkInCadence.time'] = 'Enter a time of day as HH:MM, e.g. 09:00.';
  if (!zones.includes(d.timeZone)) p['checkInCadence.timeZone'] = 'Choose a time zone from the list, e.g. Europe/London.';
  // The server's cadence rule (bot/portfolio/domain/cadence-rules.ts), in the form's words.
  const answer = wholeIn(d.answerWithinHours, 2, MAX_ANSWER_WITHIN_HOURS);
  if (answer === undefined) p['checkInCadence.answerWithinHours'] = `Enter whole hours from 2 to ${MAX_ANSWER_WITHIN_HOURS} (one week).`;
  const remind = wholeIn(d.remindHoursBefore, 1, MAX_ANSWER_WITHIN_HOURS - 1);
  if (remind === undefined) p['checkInCadence.remindHoursBefore'] = 'Enter whole hours, 1 or more.';
  else if (answer !== undefined && remind >= answer) p['checkInCadence.remindHoursBefore'] = 'The reminder must go out before answers are due: fewer hours than the time to answer.';
  return p;
}

export function bodyOf(d: DomainDraft): DomainBody {
  return {
    name: d.name.trim(),
    description: d.description.trim(),
    freshnessDays: Number(d.freshnessDays),
    checkInCadence: {
      enabled: d.enabled,
      weekday: d.weekday,
      time: d.time,
      timeZone: d.timeZone,
      answerWithinHours: Number(d.answerWithinHours),
      remindHoursBefore: Number(d.remindHoursBefore),
    },
  };
}

/** A cadence in a few words: "Mondays at 09:00 (UTC)", or "Off". */
export function cadenceText(c: CheckInCadence | undefined): string {
  const cadence = c ?? DEFAULT_CADENCE;
  return cadence.enabled ? `${WEEKDAY_LABELS[cadence.weekday]}s at ${cadence.time} (${cadence.timeZone})` : 'Off';
}
