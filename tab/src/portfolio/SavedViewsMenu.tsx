import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  Menu,
  MenuDivider,
  MenuGroup,
  MenuGroupHeader,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  MessageBar,
  MessageBarBody,
  Text,
} from '@fluentui/react-components';
import { BookmarkRegular, DeleteRegular, SaveRegular } from '@fluentui/react-icons';
import { type FormEvent, useRef, useState } from 'react';
import type { SavedView } from '../../../bot/api-contract/portfolio';
import { type ApiClient, errorMessage } from '../api/client';
import { useNotify } from '../shared/notify';
import { useSavedViews } from './useSavedViews';

export interface SavedViewsMenuProps {
  readonly api: ApiClient;
  /** The current view as the URL's query string (without `domain`). */
  readonly query: string;
  /** Opens a saved view's query on the current domain. */
  onApply(query: string): void;
}

/**
 * "Saved views": save the current filters, sort, grouping and columns under a name, apply one,
 * or delete one. Views are per user and apply to whichever domain is shown.
 */
export function SavedViewsMenu({ api, query, onApply }: SavedViewsMenuProps) {
  const { loaded, views, save, remove } = useSavedViews(api);
  const notify = useNotify();
  const trigger = useRef<HTMLButtonElement>(null);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [deleting, setDeleting] = useState<SavedView>();
  const [deleteError, setDeleteError] = useState<string>();

  // The dialogs open from menu items that are gone once the menu closes, so focus goes back to
  // the "Saved views" button rather than to the page body.
  const backToMenu = () => window.requestAnimationFrame(() => trigger.current?.focus());
  const closeNaming = () => {
    setNaming(false);
    setError(undefined);
    backToMenu();
  };
  const closeDeleting = () => {
    setDeleting(undefined);
    setDeleteError(undefined);
    backToMenu();
  };

  const confirmDelete = async (view: SavedView) => {
    setBusy(true);
    try {
      await remove(view.id);
      closeDeleting();
      notify(`Deleted the view "${view.name}"`);
    } catch (failure) {
      setDeleteError(`Could not delete "${view.name}": ${errorMessage(failure)}`);
    } finally {
      setBusy(false);
    }
  };

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
      setName('');
      closeNaming();
      notify(`Saved the view "${trimmed}"`, 'Find it under Saved views, on any domain.');
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Menu>
        <MenuTrigger disableButtonEnhancement>
          <Button ref={trigger} icon={<BookmarkRegular />}>
            Saved views
          </Button>
        </MenuTrigger>
        <MenuPopover>
          <MenuList>
            <MenuItem icon={<SaveRegular />} onClick={() => setNaming(true)}>
              Save current view…
            </MenuItem>
            <MenuDivider />
            <MenuGroup>
              <MenuGroupHeader>Apply</MenuGroupHeader>
              {loaded.status === 'loading' && <MenuItem disabled>Loading…</MenuItem>}
              {loaded.status === 'error' && <MenuItem disabled>Could not load your views</MenuItem>}
              {loaded.status === 'ready' && views.length === 0 && <MenuItem disabled>No saved views yet</MenuItem>}
              {views.map((v) => (
                <MenuItem key={v.id} onClick={() => onApply(v.query)}>
                  {v.name}
                </MenuItem>
              ))}
            </MenuGroup>
            {views.length > 0 && (
              <Menu>
                <MenuTrigger disableButtonEnhancement>
                  <MenuItem icon={<DeleteRegular />}>Delete a view</MenuItem>
                </MenuTrigger>
                <MenuPopover>
                  <MenuList>
                    {views.map((v) => (
                      <MenuItem key={v.id} aria-label={`Delete ${v.name}…`} onClick={() => setDeleting(v)}>
                        {v.name}
                      </MenuItem>
                    ))}
                  </MenuList>
                </MenuPopover>
              </Menu>
            )}
          </MenuList>
        </MenuPopover>
      </Menu>
      <Dialog open={naming} onOpenChange={(_e, d) => (d.open ? setNaming(true) : closeNaming())}>
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
                <Button appearance="secondary" onClick={closeNaming}>
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
      <Dialog open={deleting !== undefined} onOpenChange={(_e, d) => !d.open && closeDeleting()}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>Delete the view "{deleting?.name}"?</DialogTitle>
            <DialogContent>
              <Text block>The view goes for good; the work items it shows are not touched.</Text>
              {deleteError && (
                <MessageBar intent="error">
                  <MessageBarBody>{deleteError}</MessageBarBody>
                </MessageBar>
              )}
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={closeDeleting}>
                Cancel
              </Button>
              <Button appearance="primary" disabled={busy} onClick={() => deleting && void confirmDelete(deleting)}>
                Delete view
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </>
  );
}
