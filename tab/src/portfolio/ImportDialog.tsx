import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  MessageBar,
  MessageBarBody,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowDownloadRegular } from '@fluentui/react-icons';
import { type ChangeEvent, type FormEvent, useState } from 'react';
import { IMPORT_COLUMNS } from '../../../bot/api-contract/portfolio';
import { ApiRequestError } from '../api/client';
import { saveBlob } from '../decisions/download';
import { FailureBar } from '../shared/FailureBar';
import { useRestoreFocus } from '../shared/useRestoreFocus';
import { IMPORT_TEMPLATE_FILE, importTemplateCsv } from './import-template';
import { type MutationFailure, type WorkItemMutations, toFailure } from './useWorkItemMutations';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  columns: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, wordBreak: 'break-word' },
});

export interface ImportDialogProps {
  readonly open: boolean;
  readonly domainId: string;
  readonly domainName: string;
  readonly mutations: WorkItemMutations;
  onClose(): void;
  onImported(count: number): void;
}

/**
 * A refused file (4xx) wrote nothing. Storage failing part way (503), or another import of the
 * same file saving rows at the same time (409), may have saved part of it, and the server says
 * so; a failure it could not describe (no answer, a 500) may have too.
 */
function importFailureFooter(error: unknown): string | undefined {
  const status = error instanceof ApiRequestError ? error.status : 0;
  if (status === 503 || status === 409) return undefined;
  if (status >= 400 && status < 500) return 'Nothing was imported.';
  return 'Part of the file may have been imported. Import the same file again to finish it: rows already imported are skipped.';
}

/** Bulk import from a CSV file: all rows or none, with every bad row listed. */
export function ImportDialog({ open, domainId, domainName, mutations, onClose, onImported }: ImportDialogProps) {
  const styles = useStyles();
  const [file, setFile] = useState<File>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<MutationFailure>();
  /** Said under a failure: whether any of the file can have been saved. */
  const [failureFooter, setFailureFooter] = useState<string>();
  const [done, setDone] = useState<{ readonly created: number; readonly alreadyImported: number }>();
  useRestoreFocus(open);

  const reset = () => {
    setFile(undefined);
    setFailure(undefined);
    setDone(undefined);
  };
  const pick = (e: ChangeEvent<HTMLInputElement>) => {
    reset();
    setFile(e.target.files?.[0]);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setFailure(undefined);
    try {
      const result = await mutations.importCsv(domainId, await file.text());
      setDone({ created: result.created, alreadyImported: result.alreadyImported });
      onImported(result.created);
    } catch (error) {
      setFailure(toFailure(error));
      setFailureFooter(importFailureFooter(error));
    } finally {
      setBusy(false);
    }
  };
  const close = () => {
    reset();
    onClose();
  };

  return (
    <Dialog open={open} onOpenChange={(_e, d) => !d.open && close()}>
      <DialogSurface>
        <form onSubmit={(e) => void submit(e)}>
          <DialogBody>
            <DialogTitle>Import work items into {domainName}</DialogTitle>
            <DialogContent className={styles.content}>
              <Text>
                A CSV file whose first line names the columns. Required: title, structure, mode, stage, owner, startDate and endDate (YYYY-MM-DD). Objectives are
                written as <code>OBJ-1:60;OBJ-2:40</code>. If any row is wrong, nothing is imported.
              </Text>
              <Text className={styles.columns} aria-label="Columns">
                {IMPORT_COLUMNS.join(', ')}
              </Text>
              <div>
                <Button icon={<ArrowDownloadRegular />} onClick={() => saveBlob(new Blob([importTemplateCsv()], { type: 'text/csv;charset=utf-8' }), IMPORT_TEMPLATE_FILE)}>
                  Download template
                </Button>
              </div>
              {/* A native file input is no Fluent control, so the Field's label and hint are wired to it explicitly. */}
              <Field label="CSV file" required>
                {(control) => <input {...control} type="file" accept=".csv,text/csv" onChange={pick} />}
              </Field>
              {failure && <FailureBar failure={failure} footer={failureFooter} />}
              {done !== undefined && (
                <MessageBar intent="success" role="status">
                  <MessageBarBody>
                    {done.created} work {done.created === 1 ? 'item' : 'items'} imported
                    {done.alreadyImported > 0 && `; ${done.alreadyImported} ${done.alreadyImported === 1 ? 'was' : 'were'} already imported`}
                  </MessageBarBody>
                </MessageBar>
              )}
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" type="submit" disabled={!file || busy || done !== undefined}>
                {busy ? 'Importing…' : 'Import'}
              </Button>
              <Button onClick={close}>{done !== undefined ? 'Close' : 'Cancel'}</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
