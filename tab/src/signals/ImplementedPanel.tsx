import { Button, Field, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { CheckmarkRegular } from '@fluentui/react-icons';
import { useState } from 'react';

const useStyles = makeStyles({ form: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: tokens.spacingVerticalM, maxWidth: '640px' }, field: { alignSelf: 'stretch' } });

export interface ImplementedPanelProps {
  readonly pending: boolean;
  onClose(comment: string): void;
}

/** After the decision: the PMO lead closes the signal once the decision has been carried out. */
export function ImplementedPanel({ pending, onClose }: ImplementedPanelProps) {
  const styles = useStyles();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | undefined>();
  return (
    <form
      className={styles.form}
      aria-label="Close as implemented"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (comment.trim() === '') return setError('Say how the decision was carried out.');
        onClose(comment.trim());
      }}
    >
      <Field className={styles.field} label="How was the decision carried out?" required validationMessage={error}>
        <Textarea
          resize="vertical"
          rows={2}
          maxLength={2000}
          value={comment}
          onChange={(_e, data) => {
            setComment(data.value);
            if (error && data.value.trim()) setError(undefined);
          }}
        />
      </Field>
      <Button type="submit" icon={<CheckmarkRegular />} disabled={pending}>
        {pending ? 'Closing…' : 'Close as implemented'}
      </Button>
    </form>
  );
}
