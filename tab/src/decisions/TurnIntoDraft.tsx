import { Button, Link, MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import { DocumentAddRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { errorMessage } from '../api/client';
import type { SignalsApi } from '../api/signals';
import { composeHash, navigate } from '../shared/route';

const useStyles = makeStyles({ root: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: tokens.spacingVerticalS } });

export interface TurnIntoDraftProps {
  readonly api: SignalsApi;
  readonly decisionId: string;
  /** A draft made from this decision already. */
  readonly existingChangeId?: string | undefined;
  /** Open the draft in the composer once made (default); off in lists, where a link is enough. */
  readonly openAfter?: boolean;
  /** A smaller button, for table rows. */
  readonly compact?: boolean;
}

/** Strategy owners: turn a decision into a strategy-change draft, closing the loop (PRODUCT.md §4). */
export function TurnIntoDraft({ api, decisionId, existingChangeId, openAfter = true, compact = false }: TurnIntoDraftProps) {
  const styles = useStyles();
  const [pending, setPending] = useState(false);
  const [made, setMade] = useState<{ id: string; title: string } | undefined>();
  const [error, setError] = useState<string | undefined>();
  const changeId = made?.id ?? existingChangeId;

  if (changeId && !made) {
    return (
      <Link href={composeHash(changeId)}>Open the strategy-change draft ({changeId})</Link>
    );
  }
  return (
    <div className={styles.root}>
      {!made && (
        <Button
          icon={<DocumentAddRegular />}
          size={compact ? 'small' : 'medium'}
          disabled={pending}
          onClick={async () => {
            setPending(true);
            setError(undefined);
            try {
              const draft = await api.strategyChangeFromDecision(decisionId);
              setMade({ id: draft.changeId, title: draft.title });
              if (openAfter) navigate(composeHash(draft.changeId));
            } catch (e) {
              setError(errorMessage(e));
            } finally {
              setPending(false);
            }
          }}
        >
          {pending ? 'Creating draft…' : 'Turn into strategy-change draft'}
        </Button>
      )}
      {made && (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Draft created</MessageBarTitle>
            Strategy-change draft {made.id} “{made.title}” is ready to edit. <Link href={composeHash(made.id)}>Open it</Link>
          </MessageBarBody>
        </MessageBar>
      )}
      {error && (
        <MessageBar intent="error" layout="multiline" role="alert">
          <MessageBarBody>
            <MessageBarTitle>Could not create the draft</MessageBarTitle>
            {error}
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
