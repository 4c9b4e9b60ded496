import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from '@fluentui/react-components';
import { useRestoreFocus } from '../shared/useRestoreFocus';

export interface DiscardChangesDialogProps {
  readonly open: boolean;
  onKeep(): void;
  onDiscard(): void;
}

/**
 * Asked when a form with unsaved changes is being closed. "Keep editing" (or Escape) goes back
 * to the form where the user was; "Discard" closes it.
 */
export function DiscardChangesDialog({ open, onKeep, onDiscard }: DiscardChangesDialogProps) {
  useRestoreFocus(open);
  return (
    <Dialog open={open} onOpenChange={(_e, d) => !d.open && onKeep()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Discard your changes?</DialogTitle>
          <DialogContent>Your edits to this item have not been saved.</DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={onKeep}>
              Keep editing
            </Button>
            <Button onClick={onDiscard}>Discard</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
