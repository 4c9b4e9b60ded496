import { Button, DrawerBody, DrawerHeader, DrawerHeaderTitle, OverlayDrawer } from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import type { ApiClient } from '../api/client';
import { useRestoreFocus } from '../shared/useRestoreFocus';
import type { StrategicObjective } from './types';
import { usePeopleDirectory } from './usePeopleDirectory';
import type { WorkItemCreate } from './useWorkItemMutations';
import { WorkItemForm } from './WorkItemForm';

export interface NewItemDrawerProps {
  readonly api: ApiClient;
  readonly open: boolean;
  readonly domainId: string;
  readonly objectives: readonly StrategicObjective[];
  onClose(): void;
  onCreate(input: WorkItemCreate): Promise<void>;
}

/** The work-item form, empty, for adding an item to the domain's portfolio. */
export function NewItemDrawer({ api, open, domainId, objectives, onClose, onCreate }: NewItemDrawerProps) {
  useRestoreFocus(open);
  const people = usePeopleDirectory(api, open);
  return (
    <OverlayDrawer position="end" size="medium" open={open} onOpenChange={(_e, d) => !d.open && onClose()}>
      <DrawerHeader>
        <DrawerHeaderTitle action={<Button appearance="subtle" aria-label="Close" icon={<DismissRegular />} onClick={onClose} />}>New work item</DrawerHeaderTitle>
      </DrawerHeader>
      <DrawerBody>{open && <WorkItemForm kind="create" domainId={domainId} objectives={objectives} people={people} onCancel={onClose} onSubmit={onCreate} />}</DrawerBody>
    </OverlayDrawer>
  );
}
