import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useRestoreFocus } from '../shared/useRestoreFocus';
import { DryRunFigures } from './DryRunPanel';
import type { DryRunState } from './useDryRun';

const useStyles = makeStyles({ content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM } });

export interface PublishDialogProps {
  readonly open: boolean;
  readonly title: string;
  /** e.g. "Publish" or "Publish version 2". */
  readonly verb: string;
  readonly dryRun: DryRunState;
  readonly pending: boolean;
  readonly error?: string | undefined;
  onConfirm(): void;
  onCancel(): void;
}

/** The last look before a change goes out: the dry run, then one explicit confirmation. */
export function PublishDialog({ open, title, verb, dryRun, pending, error, onConfirm, onCancel }: PublishDialogProps) {
  const styles = useStyles();
  useRestoreFocus(open);
  const data = dryRun.status === 'ready' ? dryRun.data : undefined;
  return (
    <Dialog open={open} onOpenChange={(_e, d) => !d.open && !pending && onCancel()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>
            {verb} “{title}”?
          </DialogTitle>
          <DialogContent className={styles.content}>
            {dryRun.status === 'loading' && <Spinner size="small" label="Checking who it will reach…" />}
            {dryRun.status === 'error' && (
              <MessageBar intent="error" layout="multiline">
                <MessageBarBody>Could not check the targeting: {dryRun.message}</MessageBarBody>
              </MessageBar>
            )}
            {data && (
              <>
                <span>
                  The card goes out now to {data.total} {data.total === 1 ? 'conversation' : 'conversations'}. Once sent it cannot be unsent: you can withdraw it, or publish a new version that replaces it on every card.
                </span>
                <DryRunFigures data={data} />
              </>
            )}
            {error && (
              <MessageBar intent="error" layout="multiline">
                <MessageBarBody>{error}</MessageBarBody>
              </MessageBar>
            )}
          </DialogContent>
          <DialogActions>
            <Button disabled={pending} onClick={onCancel}>
              Cancel
            </Button>
            <Button appearance="primary" disabled={pending || !data} onClick={onConfirm} icon={pending ? <Spinner size="tiny" /> : undefined}>
              {pending ? 'Publishing…' : data ? `${verb} to ${data.total} ${data.total === 1 ? 'conversation' : 'conversations'}` : verb}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
