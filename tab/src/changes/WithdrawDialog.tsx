import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Field,
  MessageBar,
  MessageBarBody,
  Spinner,
  Textarea,
} from '@fluentui/react-components';
import { DismissCircleRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { errorMessage } from '../api/client';

const WITHDRAW_REASON_MAX = 500;

export interface WithdrawDialogProps {
  readonly title: string;
  /** Conversations whose card will be updated to "Withdrawn". */
  readonly delivered: number;
  withdraw(reason: string): Promise<void>;
}

/** Withdraw with a reason, after a confirmation that says what will happen. */
export function WithdrawDialog({ title, delivered, withdraw }: WithdrawDialogProps) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const trimmed = reason.trim();

  const submit = async () => {
    setPending(true);
    setError(undefined);
    try {
      await withdraw(trimmed);
      setOpen(false);
      setReason('');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setPending(false);
    }
  };

  return (
    <Dialog open={open} onOpenChange={(_e, d) => !pending && setOpen(d.open)}>
      <DialogTrigger disableButtonEnhancement>
        <Button icon={<DismissCircleRegular />}>Withdraw…</Button>
      </DialogTrigger>
      <DialogSurface>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (trimmed && !pending) void submit();
          }}
        >
          <DialogBody>
            <DialogTitle>Withdraw “{title}”?</DialogTitle>
            <DialogContent>
              <p>
                Every card already delivered ({delivered} {delivered === 1 ? 'conversation' : 'conversations'}) changes to “Withdrawn” with your reason, and nobody can respond any more. This cannot be undone.
              </p>
              <Field label="Reason" required hint={`Shown on every card. ${trimmed.length}/${WITHDRAW_REASON_MAX}`}>
                <Textarea value={reason} maxLength={WITHDRAW_REASON_MAX} onChange={(_e, d) => setReason(d.value)} disabled={pending} resize="vertical" />
              </Field>
              {error && (
                <MessageBar intent="error" layout="multiline">
                  <MessageBarBody>{error}</MessageBarBody>
                </MessageBar>
              )}
            </DialogContent>
            <DialogActions>
              <DialogTrigger disableButtonEnhancement>
                <Button disabled={pending}>Cancel</Button>
              </DialogTrigger>
              <Button type="submit" appearance="primary" disabled={!trimmed || pending} icon={pending ? <Spinner size="tiny" /> : undefined}>
                {pending ? 'Withdrawing…' : 'Withdraw change'}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
