import { Button, Field, Input, Radio, RadioGroup, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { CloseRequest } from '../../../bot/api-contract/signals';
import { type TriageChoice, type TriageDraft, type TriageErrors, parseSignalNumber, validateTriage } from './triage';
import type { SignalActionName, SignalView } from './types';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '640px' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM },
});

const CHOICE_LABELS: Readonly<Record<TriageChoice, string>> = {
  accept: 'Accept for analysis',
  resolve: 'Resolve locally',
  duplicate: 'Close as duplicate',
  not_actionable: 'Close as not actionable',
};

const SUBMIT_LABELS: Readonly<Record<TriageChoice, string>> = {
  accept: 'Accept',
  resolve: 'Resolve locally',
  duplicate: 'Close as duplicate',
  not_actionable: 'Close as not actionable',
};

export type TriageSubmit =
  | { readonly action: 'triage'; readonly comment?: string }
  | { readonly action: 'resolve'; readonly resolution: string }
  | { readonly action: 'close'; readonly body: CloseRequest };

export interface TriagePanelProps {
  readonly signal: Pick<SignalView, 'number' | 'state'>;
  readonly allowed: readonly SignalActionName[];
  readonly pending: boolean;
  onSubmit(submit: TriageSubmit): void;
}

/** The PMO lead's triage: accept, resolve locally with a resolution, or close with a reason. */
export function TriagePanel({ signal, allowed, pending, onSubmit }: TriagePanelProps) {
  const styles = useStyles();
  const choices: TriageChoice[] = [
    ...(allowed.includes('triage') ? (['accept'] as const) : []),
    ...(allowed.includes('resolve') ? (['resolve'] as const) : []),
    ...(allowed.includes('close') ? (['duplicate', 'not_actionable'] as const) : []),
  ];
  const [draft, setDraft] = useState<TriageDraft>({ choice: choices[0] ?? 'accept', resolution: '', comment: '', duplicateOf: '' });
  const [errors, setErrors] = useState<TriageErrors | undefined>();
  if (choices.length === 0) return null;
  const choice = choices.includes(draft.choice) ? draft.choice : (choices[0] ?? 'accept');
  const shown = errors ?? {};
  const set = (patch: Partial<TriageDraft>) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    if (errors) setErrors(validateTriage({ ...next, choice }, signal.number));
  };

  const submit = () => {
    const current = { ...draft, choice };
    const found = validateTriage(current, signal.number);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    if (choice === 'accept') onSubmit({ action: 'triage', ...(draft.comment.trim() ? { comment: draft.comment.trim() } : {}) });
    else if (choice === 'resolve') onSubmit({ action: 'resolve', resolution: draft.resolution.trim() });
    else {
      const duplicateOf = choice === 'duplicate' ? parseSignalNumber(draft.duplicateOf) : undefined;
      const comment = draft.comment.trim() || (duplicateOf ? `Duplicate of S-${duplicateOf}.` : '');
      onSubmit({ action: 'close', body: { reason: choice, comment, ...(duplicateOf ? { duplicateOf } : {}) } });
    }
  };

  return (
    <form
      className={styles.form}
      aria-label="Triage"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {choices.length > 1 && (
        <Field label="What should happen with this signal?">
          <RadioGroup value={choice} onChange={(_e, data) => set({ choice: data.value as TriageChoice })}>
            {choices.map((c) => (
              <Radio key={c} value={c} label={CHOICE_LABELS[c]} />
            ))}
          </RadioGroup>
        </Field>
      )}
      {choice === 'accept' && (
        <Field label="Comment (optional)">
          <Textarea resize="vertical" rows={2} value={draft.comment} onChange={(_e, data) => set({ comment: data.value })} />
        </Field>
      )}
      {choice === 'resolve' && (
        <Field label="Resolution" required validationMessage={shown.resolution} hint="What the PMO did, so the raiser knows.">
          <Textarea resize="vertical" rows={3} maxLength={2000} value={draft.resolution} onChange={(_e, data) => set({ resolution: data.value })} />
        </Field>
      )}
      {choice === 'duplicate' && (
        <Field label="Duplicate of" validationMessage={shown.duplicateOf} hint="The signal it repeats, e.g. S-12.">
          <Input value={draft.duplicateOf} onChange={(_e, data) => set({ duplicateOf: data.value })} />
        </Field>
      )}
      {(choice === 'duplicate' || choice === 'not_actionable') && (
        <Field label="Reason" required={choice === 'not_actionable'} validationMessage={shown.comment}>
          <Textarea resize="vertical" rows={2} maxLength={2000} value={draft.comment} onChange={(_e, data) => set({ comment: data.value })} />
        </Field>
      )}
      <div className={styles.actions}>
        <Button type="submit" appearance={choice === 'accept' ? 'primary' : 'secondary'} disabled={pending}>
          {pending ? 'Working…' : SUBMIT_LABELS[choice]}
        </Button>
      </div>
    </form>
  );
}
