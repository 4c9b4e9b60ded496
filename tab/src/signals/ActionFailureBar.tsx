import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { ArrowClockwiseRegular, DismissRegular } from '@fluentui/react-icons';
import { type ActionFailure, failureTitle } from './useSignalDetail';

export interface ActionFailureBarProps {
  readonly failure: ActionFailure;
  onReload(): void;
  onDismiss(): void;
}

/**
 * A failed action, in the server's words. A conflict (someone acted first, or the page is
 * stale) offers Reload, because nothing else will make the action possible again.
 */
export function ActionFailureBar({ failure, onReload, onDismiss }: ActionFailureBarProps) {
  return (
    <MessageBar intent={failure.conflict ? 'warning' : 'error'} layout="multiline" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{failureTitle(failure)}</MessageBarTitle>
        {failure.message}
        {failure.conflict && ' Reload to see the signal as it is now.'}
      </MessageBarBody>
      <MessageBarActions containerAction={<Button appearance="transparent" aria-label="Dismiss" icon={<DismissRegular />} onClick={onDismiss} />}>
        {failure.conflict && (
          <Button icon={<ArrowClockwiseRegular />} onClick={onReload}>
            Reload
          </Button>
        )}
      </MessageBarActions>
    </MessageBar>
  );
}
