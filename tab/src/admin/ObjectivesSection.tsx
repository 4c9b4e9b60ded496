import { Badge, Button, MessageBar, MessageBarBody, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Tooltip, makeStyles, tokens } from '@fluentui/react-components';
import { AddRegular, ArchiveRegular, ArrowUndoRegular, DeleteRegular, EditRegular, TargetArrowRegular } from '@fluentui/react-icons';
import { useCallback, useState } from 'react';
import { errorMessage } from '../api/client';
import { EmptyState } from '../shared/EmptyState';
import { Loaded } from '../shared/Loaded';
import { useNotify } from '../shared/notify';
import { useLive } from '../shared/useLive';
import { useRestoreFocus } from '../shared/useRestoreFocus';
import type { AdminApi, ObjectiveResponse } from './api';
import { ConfirmDelete } from './ConfirmDelete';
import { ObjectiveDialog } from './ObjectiveDialog';
import { strategyPeople } from './objective-form';

const useStyles = makeStyles({
  tools: { display: 'flex', justifyContent: 'flex-end', marginBottom: tokens.spacingVerticalM },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  failure: { marginBottom: tokens.spacingVerticalM },
});

const never = (): undefined => undefined;

/** Why an objective work is aligned to cannot be deleted (the server refuses it too). */
const deleteRefusal = (alignedItems: number): string =>
  `Aligned to ${alignedItems} work item${alignedItems === 1 ? '' : 's'}: retire it instead, so the items keep what they served.`;

type Editing = { readonly kind: 'edit'; readonly objective?: ObjectiveResponse } | { readonly kind: 'delete'; readonly objective: ObjectiveResponse } | undefined;

/**
 * The tenant's strategic objectives by priority: created and edited in a dialog, retired and
 * brought back, deleted only while no work is aligned to them (the table shows how many are).
 */
export function ObjectivesSection({ api }: { readonly api: AdminApi }) {
  const styles = useStyles();
  const notify = useNotify();
  const load = useCallback(async (signal: AbortSignal) => {
    const [objectives, people] = await Promise.all([api.objectives(signal), api.people(signal)]);
    return { objectives, owners: strategyPeople(people) };
  }, [api]);
  const live = useLive(load, never);
  const [editing, setEditing] = useState<Editing>();
  const [failure, setFailure] = useState<string>();
  useRestoreFocus(editing !== undefined);

  const done = (title: string) => {
    notify(title);
    setEditing(undefined);
    setFailure(undefined);
    live.reload();
  };
  const setStatus = async (o: ObjectiveResponse, status: ObjectiveResponse['status']) => {
    try {
      await api.updateObjective(o, { status });
      done(status === 'retired' ? `Retired ${o.code}` : `Reactivated ${o.code}`);
    } catch (e) {
      setFailure(errorMessage(e));
    }
  };

  const newButton = (
    <Button appearance="primary" icon={<AddRegular />} onClick={() => setEditing({ kind: 'edit' })}>
      New objective
    </Button>
  );
  return (
    <Loaded state={live.state} loading="Loading objectives…" failed="Could not load the objectives" refreshFailed="Could not refresh the objectives" onRetry={live.reload}>
      {({ data: { objectives, owners } }) => (
        <>
          {failure && (
            <MessageBar intent="error" layout="multiline" className={styles.failure}>
              <MessageBarBody>{failure}</MessageBarBody>
            </MessageBar>
          )}
          {objectives.length === 0 ? (
            <EmptyState title="No objectives yet" icon={TargetArrowRegular} action={newButton}>
              Strategic objectives are what the portfolio's work serves. Create the first one; PMO leads then align their work items to it.
            </EmptyState>
          ) : (
            <>
              <div className={styles.tools}>{newButton}</div>
              <Table aria-label="Objectives">
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>Priority</TableHeaderCell>
                    <TableHeaderCell>Code</TableHeaderCell>
                    <TableHeaderCell>Title</TableHeaderCell>
                    <TableHeaderCell>Owner</TableHeaderCell>
                    <TableHeaderCell>Status</TableHeaderCell>
                    <TableHeaderCell>Aligned items</TableHeaderCell>
                    <TableHeaderCell>Actions</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {objectives.map((o) => (
                    <TableRow key={o.id}>
                      <TableCell>{o.priority}</TableCell>
                      <TableCell>{o.code}</TableCell>
                      <TableCell>{o.title}</TableCell>
                      <TableCell>{o.ownerName}</TableCell>
                      <TableCell>
                        <Badge appearance="tint" color={o.status === 'active' ? 'success' : 'informative'}>
                          {o.status === 'active' ? 'Active' : 'Retired'}
                        </Badge>
                      </TableCell>
                      <TableCell>{o.alignedItems}</TableCell>
                      <TableCell>
                        <div className={styles.actions}>
                          <Button icon={<EditRegular />} aria-label={`Edit ${o.code}`} onClick={() => setEditing({ kind: 'edit', objective: o })}>
                            Edit
                          </Button>
                          {o.status === 'active' ? (
                            <Button icon={<ArchiveRegular />} aria-label={`Retire ${o.code}`} onClick={() => void setStatus(o, 'retired')}>
                              Retire
                            </Button>
                          ) : (
                            <Button icon={<ArrowUndoRegular />} aria-label={`Reactivate ${o.code}`} onClick={() => void setStatus(o, 'active')}>
                              Reactivate
                            </Button>
                          )}
                          {o.alignedItems > 0 ? (
                            // Focusable while disabled, so keyboard and screen-reader users hear why.
                            <Tooltip content={deleteRefusal(o.alignedItems)} relationship="description">
                              <Button icon={<DeleteRegular />} aria-label={`Delete ${o.code}`} disabledFocusable>
                                Delete
                              </Button>
                            </Tooltip>
                          ) : (
                            <Button icon={<DeleteRegular />} aria-label={`Delete ${o.code}`} onClick={() => setEditing({ kind: 'delete', objective: o })}>
                              Delete
                            </Button>
                          )}
                        </div>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </>
          )}
          {editing?.kind === 'edit' && (
            <ObjectiveDialog
              api={api}
              {...(editing.objective ? { objective: editing.objective } : {})}
              otherCodes={objectives.filter((o) => o.id !== editing.objective?.id).map((o) => o.code)}
              maxPriority={Math.max(objectives.length + (editing.objective ? 0 : 1), editing.objective?.priority ?? 1)}
              owners={owners}
              onClose={() => setEditing(undefined)}
              onSaved={(o) => done(editing.objective ? `Saved ${o.code}` : `Created ${o.code}`)}
            />
          )}
          {editing?.kind === 'delete' && (
            <ConfirmDelete
              title={`Delete ${editing.objective.code}?`}
              onClose={() => setEditing(undefined)}
              onConfirm={async () => {
                await api.deleteObjective(editing.objective);
                done(`Deleted ${editing.objective.code}`);
              }}
            >
              “{editing.objective.title}” goes for good. No work item is aligned to it yet.
            </ConfirmDelete>
          )}
        </>
      )}
    </Loaded>
  );
}
