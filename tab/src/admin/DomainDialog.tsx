import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Input, MessageBar, MessageBarBody, Spinner, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { AdminApi, DomainResponse } from './api';
import { CadenceFields } from './CadenceFields';
import { type DomainDraft, type DomainField, type DomainProblems, bodyOf, domainProblems, draftOf } from './domain-form';
import { timeZones } from '../shared/cadence';
import { saveFailure } from './form-errors';
import { useFocusFirstInvalid } from '../shared/useFocusFirstInvalid';

const useStyles = makeStyles({ content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM } });

const FIELDS: readonly DomainField[] = ['name', 'description', 'freshnessDays', 'checkInCadence.time', 'checkInCadence.timeZone', 'checkInCadence.answerWithinHours', 'checkInCadence.remindHoursBefore'];

export interface DomainDialogProps {
  readonly api: AdminApi;
  /** The domain to change; absent: a new one. */
  readonly domain?: DomainResponse;
  /** Names of the tenant's other domains (a name is unique). */
  readonly otherNames: readonly string[];
  onClose(): void;
  onSaved(domain: DomainResponse): void;
}

const state = (problem: string | undefined) => ({ validationState: problem ? ('error' as const) : ('none' as const), validationMessage: problem });

/** Creates or changes a domain: its name, description, freshness window and check-in cadence. Mounted while open. */
export function DomainDialog({ api, domain, otherNames, onClose, onSaved }: DomainDialogProps) {
  const styles = useStyles();
  const zones = useMemo(timeZones, []);
  const [draft, setDraft] = useState<DomainDraft>(() => draftOf(domain));
  const [tried, setTried] = useState(false);
  const [pending, setPending] = useState(false);
  const [server, setServer] = useState<{ fields: DomainProblems; message: string }>();
  const local = domainProblems(draft, otherNames, zones);
  const problems: DomainProblems = tried ? { ...server?.fields, ...local } : {};
  const set = <K extends keyof DomainDraft>(key: K, value: DomainDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

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
      onSaved(domain ? await api.updateDomain(domain, bodyOf(draft)) : await api.createDomain(bodyOf(draft)));
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
            <DialogTitle>{domain ? `Edit ${domain.name}` : 'New domain'}</DialogTitle>
            <DialogContent className={styles.content}>
              <Field label="Name" required {...state(problems.name)}>
                <Input value={draft.name} maxLength={80} disabled={pending} onChange={(_e, d) => set('name', d.value)} />
              </Field>
              <Field label="Description" {...state(problems.description)}>
                <Textarea value={draft.description} maxLength={1000} disabled={pending} resize="vertical" onChange={(_e, d) => set('description', d.value)} />
              </Field>
              <Field label="Freshness window (days)" hint="A status older than this shows as stale." required {...state(problems.freshnessDays)}>
                <Input type="number" min={1} max={365} value={draft.freshnessDays} disabled={pending} onChange={(_e, d) => set('freshnessDays', d.value)} />
              </Field>
              <CadenceFields draft={draft} problems={problems} zones={zones} disabled={pending} set={set} />
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
                {domain ? 'Save domain' : 'Create domain'}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
