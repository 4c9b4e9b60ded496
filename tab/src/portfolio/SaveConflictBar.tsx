import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import { formatDateTime } from '../shared/dates';
import type { SaveConflict } from './useWorkItemMutations';
import type { FieldChange } from './work-item-edit';

const useStyles = makeStyles({
  list: { margin: `${tokens.spacingVerticalXS} 0`, paddingLeft: tokens.spacingHorizontalL },
});

export interface SaveConflictBarProps {
  readonly conflict: SaveConflict;
  /** When the version the user edited was saved: a status report after it is the other person's change. */
  readonly since: string;
  /** What the other person changed (the version the user edited → the current one). */
  readonly theirs: readonly FieldChange[];
  readonly busy: boolean;
  onReapply(): void;
  onDiscard(): void;
}

/** Who changed the item, when: the latest status report when it is that change, else the save time alone. */
function whoAndWhen({ current, latestReport }: SaveConflict, since: string): string {
  const saved = `saved it at ${formatDateTime(current.updatedAt)}`;
  return latestReport && Date.parse(latestReport.at) > Date.parse(since) ? `${latestReport.by.displayName} ${saved}` : `Someone else ${saved}`;
}

/**
 * A save refused because the item changed meanwhile: who changed it and what, with the user's
 * edit kept in the form below, to lay on top of the new version in one click or to drop.
 */
export function SaveConflictBar({ conflict, since, theirs, busy, onReapply, onDiscard }: SaveConflictBarProps) {
  const styles = useStyles();
  return (
    <MessageBar intent="warning" layout="multiline" role="alert">
      <MessageBarBody>
        <MessageBarTitle>This item changed while you were editing it</MessageBarTitle>
        {whoAndWhen(conflict, since)}
        {theirs.length > 0 ? (
          <>
            , changing:
            <ul className={styles.list} aria-label="Their changes">
              {theirs.map((c) => (
                <li key={c.field}>
                  {c.field}: {c.before} → {c.after}
                </li>
              ))}
            </ul>
          </>
        ) : (
          ', with no change to the fields you edit here. '
        )}
        Your edit is kept below. Apply it on top of their version (fields you did not touch keep their values), or discard it.
      </MessageBarBody>
      <MessageBarActions>
        <Button appearance="primary" onClick={onReapply} disabled={busy}>
          Apply my changes again
        </Button>
        <Button onClick={onDiscard} disabled={busy}>
          Discard my changes
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
