import { Button, Menu, MenuDivider, MenuGroup, MenuGroupHeader, MenuItem, MenuList, MenuPopover, MenuTrigger } from '@fluentui/react-components';
import { BookmarkRegular, DeleteRegular, SaveRegular } from '@fluentui/react-icons';
import { Suspense, lazy, useRef, useState } from 'react';
import type { SavedView } from '../../../bot/api-contract/portfolio';
import type { ApiClient } from '../api/client';
import { useSavedViews } from './useSavedViews';

// The dialogs open from the menu, on demand: their code stays out of the page's first download.
const SaveViewDialog = lazy(() => import('./SavedViewDialogs').then((m) => ({ default: m.SaveViewDialog })));
const DeleteViewDialog = lazy(() => import('./SavedViewDialogs').then((m) => ({ default: m.DeleteViewDialog })));

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
  const trigger = useRef<HTMLButtonElement>(null);
  const [naming, setNaming] = useState(false);
  const [deleting, setDeleting] = useState<SavedView>();

  // The dialogs open from menu items that are gone once the menu closes, so focus goes back to
  // the "Saved views" button rather than to the page body.
  const backToMenu = () => window.requestAnimationFrame(() => trigger.current?.focus());

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
      <Suspense fallback={null}>
        {naming && (
          <SaveViewDialog
            query={query}
            save={save}
            onClose={() => {
              setNaming(false);
              backToMenu();
            }}
          />
        )}
        {deleting && (
          <DeleteViewDialog
            view={deleting}
            remove={remove}
            onClose={() => {
              setDeleting(undefined);
              backToMenu();
            }}
          />
        )}
      </Suspense>
    </>
  );
}
