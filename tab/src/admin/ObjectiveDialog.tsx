import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Dropdown, Field, Input, MessageBar, MessageBarBody, Option, Spinner, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { AdminApi, ObjectiveResponse, PersonResponse } from './api';
import { saveFailure } from './form-errors';
import { useFocusFirstInvalid } from '../shared/useFocusFirstInvalid';
import { type ObjectiveDraft, type ObjectiveField, type ObjectiveProblems, objectiveBodyOf, objectiveDraftOf, objectiveProblems } from './objective-form';

const useStyles = makeStyles({ content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM } });

const FIELDS: readonly ObjectiveField[] = ['code', 'title', 'description', 'priority', 'ownerId'];

export interface ObjectiveDialogProps {
  readonly api: AdminApi;
  /** The objective to change; absent: a new one. */
  readonly objective?: ObjectiveResponse;
  readonly otherCodes: readonly string[];
  /** How many objectives there will be: the lowest priority. */
  readonly maxPriority: number;
  /** The EPMO's people, who may own objectives. */
  readonly owners: readonly PersonResponse[];
  onClose(): void;
  onSaved(objective: ObjectiveResponse): void;
}

const state = (problem: string | undefined) => ({ validationState: problem ? ('error' as const) : ('none' as const), validationMessage: problem });

/** Creates or changes a strategic objective; its owner is chosen by name among the EPMO's people. Mounted while open. */
export function ObjectiveDialog({ api, objective, otherCodes, maxPriority, owners, onClose, onSaved }: ObjectiveDialogProps) {
  const styles = useStyles();
  const [draft, setDraft] = useState<ObjectiveDraft>(() => objectiveDraftOf(objective, maxPriority));
  const [tried, setTried] = useState(false);
  const [pending, setPending] = useState(false);
  const [server, setServer] = useState<{ fields: ObjectiveProblems; message: string }>();
  const local = objectiveProblems(draft, otherCodes, maxPriority);
  const problems: ObjectiveProblems = tried ? { ...server?.fields, ...local } : {};
  const set = <K extends keyof ObjectiveDraft>(key: K, value: ObjectiveDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  // An owner who no longer holds an EPMO role still shows, so the form says who owns it now.
  const choices = owners.some((o) => o.userId === draft.ownerId) || !draft.ownerId ? owners : [...owners, { userId: draft.ownerId, displayName: draft.ownerName }];

  const { formRef, refused } = useFocusFirstInvalid();

  const submit = async () => {
    setTried(true);
    setServer(undefined);
    if (Object.keys(local).length > 0) {
      refused();
      return;
    }
    setPending(true);
    try {
      onSaved(objective ? await api.updateObjective(objective, objectiveBodyOf(draft)) : await api.createObjective(objectiveBodyOf(draft)));
    } catch (e) {
      setServer(saveFailure(e, FIELDS));
      setPending(false);
      refused();
    }
  };

  return (
    <Dialog open onOpenChange={(_e, d) => !d.open && !pending && onClose()}>
      <DialogSurface>
        <form
          ref={formRef}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!pending) void submit();
          }}
        >
          <DialogBody>
            <DialogTitle>{objective ? `Edit ${objective.code}` : 'New objective'}</DialogTitle>
            <DialogContent className={styles.content}>
              <Field label="Code" required hint="Short, shown in grids, e.g. OBJ-4." {...state(problems.code)}>
                <Input value={draft.code} maxLength={20} disabled={pending} onChange={(_e, d) => set('code', d.value)} />
              </Field>
              <Field label="Title" required {...state(problems.title)}>
                <Input value={draft.title} maxLength={200} disabled={pending} onChange={(_e, d) => set('title', d.value)} />
              </Field>
              <Field label="Description" {...state(problems.description)}>
                <Textarea value={draft.description} maxLength={2000} disabled={pending} resize="vertical" onChange={(_e, d) => set('description', d.value)} />
              </Field>
              <Field label="Priority" required hint={`1 is the highest, ${maxPriority} the lowest.`} {...state(problems.priority)}>
                <Input type="number" min={1} max={maxPriority} value={draft.priority} disabled={pending} onChange={(_e, d) => set('priority', d.value)} />
              </Field>
              <Field label="Owner" required hint={owners.length === 0 ? 'Nobody is a strategy owner yet: give someone the Strategy owner role under People and roles first.' : undefined} {...state(problems.ownerId)}>
                <Dropdown
                  placeholder="Choose a strategy owner"
                  value={draft.ownerName}
                  selectedOptions={draft.ownerId ? [draft.ownerId] : []}
                  disabled={pending}
                  onOptionSelect={(_e, d) => {
                    const owner = choices.find((o) => o.userId === d.optionValue);
                    if (owner) setDraft((v) => ({ ...v, ownerId: owner.userId, ownerName: owner.displayName }));
                  }}
                >
                  {choices.map((o) => (
                    <Option key={o.userId} value={o.userId}>
                      {o.displayName}
                    </Option>
                  ))}
                </Dropdown>
              </Field>
              {server && (
                <MessageBar intent="error" layout="multiline">
                  <MessageBarBody>{server.message}</MessageBarBody>
                </MessageBar>
              )}
            </DialogContent>
            <DialogActions>
              <Button disabled={pending} onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" appearance="primary" disabled={pending} icon={pending ? <Spinner size="tiny" /> : undefined}>
                {objective ? 'Save objective' : 'Create objective'}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
