import { Button, Field, Input, MessageBar, MessageBarBody, MessageBarTitle, Radio, RadioGroup, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { GavelRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { DecideRequest } from '../../../bot/api-contract/signals';
import { addDays, toDateInput } from '../shared/dates';
import type { SignalView } from '../signals/types';
import { type DecisionDraft, type DecisionErrors, EMPTY_DECISION, OUTCOME_CHOICES, validateDecision } from './decision-form';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '640px' },
  date: { maxWidth: '200px' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM },
});

export interface DecisionPanelProps {
  readonly signal: Pick<SignalView, 'options' | 'recommendation'>;
  /** Strategy owners decide; other EPMO members see the escalation read-only. */
  readonly canDecide: boolean;
  readonly pending: boolean;
  readonly now: number;
  onDecide(body: DecideRequest): void;
}

/** A strategy owner's decision on an escalation; always with a rationale. */
export function DecisionPanel({ signal, canDecide, pending, now, onDecide }: DecisionPanelProps) {
  const styles = useStyles();
  const [draft, setDraft] = useState<DecisionDraft>(EMPTY_DECISION);
  const [errors, setErrors] = useState<DecisionErrors | undefined>();
  if (!canDecide) {
    return (
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>Read-only</MessageBarTitle>
          Only strategy owners can decide escalations. You can follow this one here and in the EPMO channel.
        </MessageBarBody>
      </MessageBar>
    );
  }
  const recommendedId = signal.recommendation?.optionId;
  const others = signal.options.filter((o) => o.id !== recommendedId);
  const shown = errors ?? {};
  const set = (patch: Partial<DecisionDraft>) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    if (errors) setErrors(validateDecision(next, signal.options, recommendedId, now));
  };
  const tomorrow = toDateInput(new Date(addDays(now, 1)).toISOString());

  return (
    <form
      className={styles.form}
      aria-label="Decision"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const found = validateDecision(draft, signal.options, recommendedId, now);
        setErrors(found);
        if (Object.keys(found).length > 0 || draft.outcome === '') return;
        onDecide({
          outcome: draft.outcome,
          rationale: draft.rationale.trim(),
          ...(draft.outcome === 'choose_other' ? { chosenOptionId: draft.chosenOptionId } : {}),
          ...(draft.outcome === 'defer' ? { deferredUntil: draft.deferUntil } : {}),
        });
      }}
    >
      <Field label="Outcome" required validationMessage={shown.outcome}>
        <RadioGroup value={draft.outcome} onChange={(_e, data) => set({ outcome: data.value as DecisionDraft['outcome'] })}>
          {OUTCOME_CHOICES.filter((c) => c.value !== 'choose_other' || others.length > 0).map((c) => (
            <Radio key={c.value} value={c.value} label={c.label} />
          ))}
        </RadioGroup>
      </Field>
      {draft.outcome === 'choose_other' && (
        <Field label="Option to go ahead with" required validationMessage={shown.chosenOptionId}>
          <RadioGroup value={draft.chosenOptionId} onChange={(_e, data) => set({ chosenOptionId: data.value })}>
            {others.map((o) => (
              <Radio key={o.id} value={o.id} label={`Option ${signal.options.indexOf(o) + 1}: ${o.title}`} />
            ))}
          </RadioGroup>
        </Field>
      )}
      {draft.outcome === 'defer' && (
        <Field label="Defer until" required validationMessage={shown.deferUntil}>
          <Input className={styles.date} type="date" min={tomorrow} value={draft.deferUntil} onChange={(_e, data) => set({ deferUntil: data.value })} />
        </Field>
      )}
      <Field label="Rationale" required validationMessage={shown.rationale} hint="Recorded in the decision log and sent to everyone involved.">
        <Textarea resize="vertical" rows={3} maxLength={4000} value={draft.rationale} onChange={(_e, data) => set({ rationale: data.value })} />
      </Field>
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" icon={<GavelRegular />} disabled={pending}>
          {pending ? 'Recording…' : 'Record decision'}
        </Button>
      </div>
    </form>
  );
}
