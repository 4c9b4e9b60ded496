import { Combobox, Dropdown, Field, Input, Option, Switch, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo } from 'react';
import { MAX_ANSWER_WITHIN_HOURS } from '../../../bot/portfolio/domain/cadence-rules';
import { WEEKDAYS } from '../../../bot/portfolio/domain/portfolio';
import { WEEKDAY_LABELS } from '../shared/cadence';
import { type DomainDraft, type DomainProblems } from './domain-form';

const useStyles = makeStyles({
  fieldset: { border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, padding: tokens.spacingVerticalM, display: 'grid', gap: tokens.spacingVerticalS, gridTemplateColumns: 'repeat(auto-fit, minmax(180px, 1fr))' },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: `0 ${tokens.spacingHorizontalXS}` },
  wide: { gridColumn: '1 / -1' },
});

/** Shown while typing: a time zone list of 400 names would not help anyone. */
const MAX_ZONES = 50;

export interface CadenceFieldsProps {
  readonly draft: DomainDraft;
  readonly problems: DomainProblems;
  readonly zones: readonly string[];
  readonly disabled: boolean;
  set<K extends keyof DomainDraft>(key: K, value: DomainDraft[K]): void;
}

const state = (problem: string | undefined) => ({ validationState: problem ? ('error' as const) : ('none' as const), validationMessage: problem });

/** The domain's weekly check-in: on or off, day, time and time zone, the time to answer and the reminder. */
export function CadenceFields({ draft, problems, zones, disabled, set }: CadenceFieldsProps) {
  const styles = useStyles();
  const typed = draft.timeZone.trim().toLowerCase();
  const matches = useMemo(() => (zones.includes(draft.timeZone) ? zones : zones.filter((z) => z.toLowerCase().includes(typed))).slice(0, MAX_ZONES), [zones, draft.timeZone, typed]);
  return (
    <fieldset className={styles.fieldset}>
      <legend className={styles.legend}>Check-in cadence</legend>
      <Switch className={styles.wide} label={draft.enabled ? 'Weekly check-ins are on' : 'Weekly check-ins are off'} checked={draft.enabled} disabled={disabled} onChange={(_e, d) => set('enabled', d.checked)} />
      <Field label="Day">
        <Dropdown value={WEEKDAY_LABELS[draft.weekday]} selectedOptions={[draft.weekday]} disabled={disabled} onOptionSelect={(_e, d) => d.optionValue && set('weekday', d.optionValue as DomainDraft['weekday'])}>
          {WEEKDAYS.map((w) => (
            <Option key={w} value={w}>
              {WEEKDAY_LABELS[w]}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field label="Time (24 hours)" {...state(problems['checkInCadence.time'])}>
        <Input value={draft.time} placeholder="09:00" disabled={disabled} onChange={(_e, d) => set('time', d.value)} />
      </Field>
      <Field label="Time zone" {...state(problems['checkInCadence.timeZone'])}>
        <Combobox
          freeform
          value={draft.timeZone}
          selectedOptions={zones.includes(draft.timeZone) ? [draft.timeZone] : []}
          disabled={disabled}
          onChange={(e) => set('timeZone', e.target.value)}
          onOptionSelect={(_e, d) => d.optionValue && set('timeZone', d.optionValue)}
        >
          {matches.map((z) => (
            <Option key={z} value={z}>
              {z}
            </Option>
          ))}
        </Combobox>
      </Field>
      <Field label="Hours to answer" {...state(problems['checkInCadence.answerWithinHours'])}>
        <Input type="number" min={2} max={MAX_ANSWER_WITHIN_HOURS} value={draft.answerWithinHours} disabled={disabled} onChange={(_e, d) => set('answerWithinHours', d.value)} />
      </Field>
      <Field label="Reminder, hours before due" {...state(problems['checkInCadence.remindHoursBefore'])}>
        <Input type="number" min={1} max={MAX_ANSWER_WITHIN_HOURS - 1} value={draft.remindHoursBefore} disabled={disabled} onChange={(_e, d) => set('remindHoursBefore', d.value)} />
      </Field>
    </fieldset>
  );
}
