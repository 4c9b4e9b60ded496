/**
 * What opens over a domain's portfolio: the item panel, the new-item drawer and the CSV import.
 * They carry the edit form, the people picker, the history charts' loader and the dialogs, so
 * their code is left out of the first download: it is fetched once the grid is on screen (the
 * first open is then instant), and each is mounted from its first open on, so later opens and
 * closes animate and hand focus back as usual.
 */
import { Suspense, lazy, useEffect, useState } from 'react';
import type { Domain, StrategicObjective } from '../../../bot/portfolio/domain/portfolio';
import type { ApiClient } from '../api/client';
import { byPriority } from './filters';
import type { PortfolioResponse } from './types';
import type { WorkItemMutations } from './useWorkItemMutations';

const loadPanel = () => import('./ItemPanel');
const loadNewItem = () => import('./NewItemDrawer');
const loadImport = () => import('./ImportDialog');
const ItemPanel = lazy(() => loadPanel().then((m) => ({ default: m.ItemPanel })));
const NewItemDrawer = lazy(() => loadNewItem().then((m) => ({ default: m.NewItemDrawer })));
const ImportDialog = lazy(() => loadImport().then((m) => ({ default: m.ImportDialog })));

/** True from the first render in which `flag` is. */
function useSinceFirst(flag: boolean): boolean {
  const [seen, setSeen] = useState(flag);
  if (flag && !seen) setSeen(true);
  return seen || flag;
}

export interface PortfolioOverlaysProps {
  readonly api: ApiClient;
  readonly domain: Domain;
  readonly data: PortfolioResponse;
  readonly objectives: ReadonlyMap<string, StrategicObjective>;
  readonly mutations: WorkItemMutations;
  /** The item whose panel is open. */
  readonly openId: string | undefined;
  readonly creating: boolean;
  readonly importing: boolean;
  onOpenItem(id: string): void;
  onCloseItem(): void;
  onCloseNew(): void;
  onCloseImport(): void;
  refresh(): Promise<void>;
}

export function PortfolioOverlays({ api, domain, data, objectives, mutations, openId, creating, importing, onOpenItem, onCloseItem, onCloseNew, onCloseImport, refresh }: PortfolioOverlaysProps) {
  const panelUsed = useSinceFirst(openId !== undefined);
  const newUsed = useSinceFirst(creating);
  const importUsed = useSinceFirst(importing);
  const { canEdit } = data;
  useEffect(() => {
    // After the grid has drawn, while the reader looks at it.
    const soon = setTimeout(() => {
      void loadPanel();
      if (canEdit) void Promise.all([loadNewItem(), loadImport()]);
    }, 500);
    return () => clearTimeout(soon);
  }, [canEdit]);

  return (
    // Nothing to show while a chunk arrives: the control that opens it stays where it is, and the
    // preload above makes that wait all but nil. One boundary each: a first open that waits for its
    // chunk must not hide (and so reset) another overlay that is closing or open.
    <>
      {panelUsed && (
        <Suspense fallback={null}>
          <ItemPanel
            api={api}
            item={data.items.find((i) => i.id === openId)}
            objectives={objectives}
            canEdit={canEdit}
            onClose={onCloseItem}
            onSave={async (item, patch) => {
              // A conflict refreshes the grid too (the form keeps the user's edit meanwhile).
              try {
                await mutations.update(item, patch);
              } finally {
                await refresh();
              }
            }}
          />
        </Suspense>
      )}
      {canEdit && newUsed && (
        <Suspense fallback={null}>
          <NewItemDrawer
            api={api}
            open={creating}
            domainId={domain.id}
            objectives={byPriority(data.objectives)}
            onClose={onCloseNew}
            onCreate={async (input) => {
              const made = await mutations.create(input);
              await refresh();
              onCloseNew();
              onOpenItem(made.id);
            }}
          />
        </Suspense>
      )}
      {canEdit && importUsed && (
        <Suspense fallback={null}>
          <ImportDialog open={importing} domainId={domain.id} domainName={domain.name} mutations={mutations} onClose={onCloseImport} onImported={() => void refresh()} />
        </Suspense>
      )}
    </>
  );
}
