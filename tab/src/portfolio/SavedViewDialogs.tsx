/** The dialogs of the "Saved views" menu: name and save the current view; confirm a deletion. */
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Input, MessageBar, MessageBarBody, Text } from '@fluentui/react-components';
import { type FormEvent, useState } from 'react';
import type { SavedView } from '../../../bot/api-contract/portfolio';
import { errorMessage } from '../api/client';
import { useNotify } from '../shared/notify';

export interface SaveViewDialogProps {
  /** The view to save, as the URL's query string. */
  readonly query: string;
  save(name: string, query: string): Promise<unknown>;
  onClose(): void;
}

/** Names the current view and saves it (mounted while open). */
export function SaveViewDialog({ query, save, onClose }: SaveViewDialogProps) {
  const notify = useNotify();
  const [name, setName] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setError('Give the view a name.');
      return;
    }
    setBusy(true);
    try {
      await save(trimmed, query);
      onClose();
      notify(`Saved the view "${trimmed}"`, 'Find it under Saved views, on any domain.');
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open onOpenChange={(_e, d) => !d.open && onClose()}>
      <DialogSurface>
        <form onSubmit={(e) => void submit(e)}>
          <DialogBody>
            <DialogTitle>Save this view</DialogTitle>
            <DialogContent>
              <Text block>Saves the filters, search, sort, grouping and columns you see now. Apply it later on any domain.</Text>
              <Field label="Name" required validationMessage={error}>
                <Input value={name} onChange={(_e, d) => setName(d.value)} />
              </Field>
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={onClose}>
                Cancel
              </Button>
              <Button appearance="primary" type="submit" disabled={busy}>
                Save view
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

export interface DeleteViewDialogProps {
  readonly view: SavedView;
  remove(id: string): Promise<unknown>;
  onClose(): void;
}

/** Asks before deleting a saved view (mounted while open). */
export function DeleteViewDialog({ view, remove, onClose }: DeleteViewDialogProps) {
  const notify = useNotify();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const confirm = async () => {
    setBusy(true);
    try {
      await remove(view.id);
      onClose();
      notify(`Deleted the view "${view.name}"`);
    } catch (failure) {
      setError(`Could not delete "${view.name}": ${errorMessage(failure)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open onOpenChange={(_e, d) => !d.open && onClose()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Delete the view "{view.name}"?</DialogTitle>
          <DialogContent>
            <Text block>The view goes for good; the work items it shows are not touched.</Text>
            {error && (
              <MessageBar intent="error">
                <MessageBarBody>{error}</MessageBarBody>
              </MessageBar>
            )}
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={onClose}>
              Cancel
            </Button>
            <Button appearance="primary" disabled={busy} onClick={() => void confirm()}>
              Delete view
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
