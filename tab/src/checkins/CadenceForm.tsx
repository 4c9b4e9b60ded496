/**
 * The domain's check-in cadence as a form (its PMO lead, a tenant admin): on or off, weekday,
 * local time and time zone, hours to answer, hours before the due time for the reminder.
 * Checked as the server checks it before it is sent; the server's refusal shows in place.
 */
import { Button, Combobox, Dropdown, Field, Input, MessageBar, MessageBarBody, MessageBarTitle, Option, Spinner, Switch, makeStyles, tokens } from '@fluentui/react-components';
import { type FormEvent, useMemo, useState } from 'react';
import type { CheckInCadence } from '../../../bot/checkins/domain/cadence';
import { errorMessage } from '../api/client';
import { formatDateTime } from '../shared/dates';
import { useNotify } from '../shared/notify';
import type { CheckInsApi } from './api';
import { WEEKDAYS } from '../../../bot/portfolio/domain/portfolio';
import { WEEKDAY_LABELS, timeZones } from '../shared/cadence';
import { type CadenceValues, checkCadence, valuesOf } from './cadence-form';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '560px' },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL, alignItems: 'flex-start' },
  narrow: { width: '180px' },
  wide: { minWidth: '260px' },
  actions: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
});

/** Time zones shown while typing: enough to choose from, few enough to read. */
const MAX_ZONES = 60;

export interface CadenceFormProps {
  readonly api: CheckInsApi;
  readonly domainId: string;
  readonly cadence: CheckInCadence;
  /** After a save: the page loads the domain's check-ins again. */
  onSaved(): void;
}

export function CadenceForm({ api, domainId, cadence, onSaved }: CadenceFormProps) {
  const styles = useStyles();
  const notify = useNotify();
  const [values, setValues] = useState<CadenceValues>(() => valuesOf(cadence));
  const [zoneQuery, setZoneQuery] = useState(cadence.timeZone);
  const [touched, setTouched] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | undefined>();
  const zones = useMemo(() => timeZones(), []);
  // While typing, the zones that contain what is typed; once a zone is chosen, every zone.
  const shownZones = useMemo(() => {
    const q = zoneQuery.trim().toLowerCase().replace(/ /g, '_');
    const matching = q && !zones.some((z) => z.toLowerCase() === q) ? zones.filter((z) => z.toLowerCase().includes(q)) : zones;
    return matching.slice(0, MAX_ZONES);
  }, [zones, zoneQuery]);
  const checked = checkCadence(values);
  const errors = touched && 'errors' in checked ? checked.errors : {};
  const set = (patch: Partial<CadenceValues>) => setValues((v) => ({ ...v, ...patch }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!('cadence' in checked)) return;
    setSaving(true);
    setFailure(undefined);
    try {
      const saved = await api.setCadence(domainId, checked.cadence);
      notify('Cadence saved', saved.nextAt ? `Next check-ins go out ${formatDateTime(saved.nextAt)}.` : 'Check-ins go out only when you ask for them.');
      onSaved();
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className={styles.form} onSubmit={(e) => void submit(e)} aria-label="Check-in cadence" noValidate>
      <Switch label="Send check-ins every week" checked={values.enabled} onChange={(_e, d) => set({ enabled: d.checked })} />
      <div className={styles.row}>
        <Field label="Day" validationMessage={errors.weekday}>
          <Dropdown className={styles.narrow} value={WEEKDAY_LABELS[values.weekday]} selectedOptions={[values.weekday]} onOptionSelect={(_e, d) => set({ weekday: WEEKDAYS.find((w) => w === d.optionValue) ?? values.weekday })}>
            {WEEKDAYS.map((w) => (
              <Option key={w} value={w}>
                {WEEKDAY_LABELS[w]}
              </Option>
            ))}
          </Dropdown>
        </Field>
        {/* A text field, as in the Admin domain dialog: a native time input follows the browser's 12/24-hour locale. */}
        <Field label="Time (24 hours)" hint="Local to the time zone" validationMessage={errors.time}>
          <Input className={styles.narrow} value={values.time} placeholder="09:00" onChange={(_e, d) => set({ time: d.value })} />
        </Field>
        <Field label="Time zone" validationMessage={errors.timeZone}>
          <Combobox
            className={styles.wide}
            freeform
            value={zoneQuery}
            selectedOptions={[values.timeZone]}
            onChange={(e) => {
              setZoneQuery(e.target.value);
              set({ timeZone: e.target.value.trim().replace(/ /g, '_') });
            }}
            onOptionSelect={(_e, d) => {
              if (!d.optionValue) return;
              set({ timeZone: d.optionValue });
              setZoneQuery(d.optionValue);
            }}
          >
            {shownZones.map((z) => (
              <Option key={z} value={z}>
                {z}
              </Option>
            ))}
          </Combobox>
        </Field>
      </div>
      <div className={styles.row}>
        <Field label="Hours to answer" hint="After this the check-in is overdue" validationMessage={errors.answerWithinHours}>
          <Input className={styles.narrow} type="number" min={2} max={168} step={1} value={values.answerWithinHours} onChange={(_e, d) => set({ answerWithinHours: d.value })} />
        </Field>
        <Field label="Remind, hours before due" hint="One reminder to teams that have not answered" validationMessage={errors.remindHoursBefore}>
          <Input className={styles.narrow} type="number" min={1} step={1} value={values.remindHoursBefore} onChange={(_e, d) => set({ remindHoursBefore: d.value })} />
        </Field>
      </div>
      {failure && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>The cadence was not saved</MessageBarTitle>
            {failure}
          </MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={saving}>
          Save cadence
        </Button>
        {saving && <Spinner size="tiny" label="Saving…" />}
      </div>
    </form>
  );
}
