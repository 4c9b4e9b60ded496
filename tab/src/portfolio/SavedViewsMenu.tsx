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
  Text,
} from '@fluentui/react-components';
import { BookmarkRegular, DeleteRegular, SaveRegular } from '@fluentui/react-icons';
import { type FormEvent, useState } from 'react';
import { type ApiClient, errorMessage } from '../api/client';
import { useSavedViews } from './useSavedViews';

export interface SavedViewsMenuProps {
  readonly api: ApiClient;
  /** The current view as the URL's query string (without `domain`). */
  readonly query: string;
  /** Opens a saved view's query on the current domain. */
  onApply(query: string): void;
  /** Says what happened (saved, deleted, failed) where the page announces it. */
  onNotice(message: string): void;
}

/**
 * "Saved views": save the current filters, sort, grouping and columns under a name, apply one,
 * or delete one. Views are per user and apply to whichever domain is shown.
 */
export function SavedViewsMenu({ api, query, onApply, onNotice }: SavedViewsMenuProps) {
  const { loaded, views, save, remove } = useSavedViews(api);
  const [naming, setNaming] = useState(false);
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
      setNaming(false);
      setName('');
      setError(undefined);
      onNotice(`Saved the view "${trimmed}".`);
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
          <Button icon={<BookmarkRegular />}>Saved views</Button>
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
                      <MenuItem
                        key={v.id}
                        aria-label={`Delete ${v.name}`}
                        onClick={() =>
                          remove(v.id).then(
                            () => onNotice(`Deleted the view "${v.name}".`),
                            (failure: unknown) => onNotice(`Could not delete "${v.name}": ${errorMessage(failure)}`),
                          )
                        }
                      >
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
      <Dialog open={naming} onOpenChange={(_e, d) => setNaming(d.open)}>
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
                <Button appearance="secondary" onClick={() => setNaming(false)}>
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
    </>
  );
}
