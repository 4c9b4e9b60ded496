import { Button, Field, Input, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowUpRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { EscalateRequest } from '../../../bot/api-contract/signals';
import { addWorkingDays, formatDate } from '../shared/dates';
import { MAX_DECISION_DAYS, validateWorkingDays } from './triage';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '640px' },
  days: { maxWidth: '120px' },
  hint: { color: tokens.colorNeutralForeground3 },
  actions: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
});

export interface EscalatePanelProps {
  /** Why escalation is not possible yet, if it is not. */
  readonly blockedBecause: string | undefined;
  readonly pending: boolean;
  readonly now: number;
  onEscalate(body: EscalateRequest): void;
}

/** Sends the analysed signal to the EPMO, with the time it has to decide. */
export function EscalatePanel({ blockedBecause, pending, now, onEscalate }: EscalatePanelProps) {
  const styles = useStyles();
  const [days, setDays] = useState('');
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | undefined>();
  const n = Number(days);
  const preview = days.trim() !== '' && !validateWorkingDays(days) ? `The decision will be due by ${formatDate(addWorkingDays(now, n).toISOString())}.` : 'Leave empty for the EPMO’s standard decision time.';

  return (
    <form
      className={styles.form}
      aria-label="Escalate"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const found = validateWorkingDays(days);
        setError(found);
        if (found || blockedBecause) return;
        onEscalate({ ...(days.trim() ? { decisionWorkingDays: n } : {}), ...(comment.trim() ? { comment: comment.trim() } : {}) });
      }}
    >
      <Field label="Decision due in (working days)" validationMessage={error} validationState={error ? 'error' : 'none'} hint={preview}>
        <Input
          className={styles.days}
          type="number"
          min={1}
          max={MAX_DECISION_DAYS}
          inputMode="numeric"
          value={days}
          placeholder="Default"
          onChange={(_e, data) => {
            setDays(data.value);
            if (error) setError(validateWorkingDays(data.value));
          }}
        />
      </Field>
      <Field label="Note to the EPMO (optional)">
        <Textarea resize="vertical" rows={2} value={comment} onChange={(_e, data) => setComment(data.value)} />
      </Field>
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" icon={<ArrowUpRegular />} disabled={pending || blockedBecause !== undefined}>
          {pending ? 'Escalating…' : 'Escalate to EPMO'}
        </Button>
        {blockedBecause && <Text className={styles.hint}>{blockedBecause}</Text>}
      </div>
    </form>
  );
}
