import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, MessageBar, MessageBarBody, Spinner } from '@fluentui/react-components';
import { type ReactNode, useState } from 'react';
import { errorMessage } from '../api/client';

export interface ConfirmDeleteProps {
  readonly title: string;
  /** What deleting means, in a sentence or two. */
  readonly children: ReactNode;
  /** The confirming button's words; `Delete` unless said. */
  readonly confirmLabel?: string;
  /** Why it cannot be done, known before asking: said in the dialog, and the confirming button is off. */
  readonly blocked?: string | undefined;
  /** Deletes; a refusal is shown in the dialog, which stays open. */
  onConfirm(): Promise<void>;
  onClose(): void;
}

/** Asks before something goes for good, and shows the server's reason when it refuses. Mounted while open. */
export function ConfirmDelete({ title, children, confirmLabel = 'Delete', blocked, onConfirm, onClose }: ConfirmDeleteProps) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const confirm = async () => {
    setPending(true);
    setError(undefined);
    try {
      await onConfirm();
    } catch (e) {
      setError(errorMessage(e));
      setPending(false);
    }
  };
  return (
    <Dialog open modalType="alert" onOpenChange={(_e, d) => !d.open && !pending && onClose()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent>
            <p>{children}</p>
            {blocked && (
              <MessageBar intent="warning" layout="multiline">
                <MessageBarBody>{blocked}</MessageBarBody>
              </MessageBar>
            )}
            {error && (
              <MessageBar intent="error" layout="multiline">
                <MessageBarBody>{error}</MessageBarBody>
              </MessageBar>
            )}
          </DialogContent>
          <DialogActions>
            <Button disabled={pending} onClick={onClose}>
              Cancel
            </Button>
            <Button appearance="primary" disabled={pending || error !== undefined || blocked !== undefined} icon={pending ? <Spinner size="tiny" /> : undefined} onClick={() => void confirm()}>
              {confirmLabel}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
