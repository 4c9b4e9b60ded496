import { Text, makeStyles, tokens } from '@fluentui/react-components';
import type { SignalsApi } from '../api/signals';
import { formatDate, formatDateTime } from '../shared/dates';
import type { DecisionView } from '../signals/types';
import { OutcomeBadge } from './OutcomeBadge';
import { TurnIntoDraft } from './TurnIntoDraft';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  head: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  muted: { color: tokens.colorNeutralForeground3 },
  text: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
});

export interface DecisionSummaryProps {
  readonly decision: DecisionView;
  readonly api: SignalsApi;
  /** Whether the caller may turn it into a strategy-change draft (strategy owners, final outcomes). */
  readonly canDraft: boolean;
}

/** One recorded decision on the signal page. */
export function DecisionSummary({ decision, api, canDraft }: DecisionSummaryProps) {
  const styles = useStyles();
  return (
    <article className={styles.root} aria-label={`Decision, round ${decision.round}`}>
      <div className={styles.head}>
        <OutcomeBadge outcome={decision.outcome} />
        {decision.chosenOptionTitle && <Text weight="semibold">{decision.chosenOptionTitle}</Text>}
        {decision.deferredUntil && <Text>until {formatDate(decision.deferredUntil)}</Text>}
      </div>
      <Text className={styles.text}>{decision.rationale}</Text>
      <Text className={styles.muted}>
        {decision.decidedBy.displayName}, {formatDateTime(decision.decidedAt)}
      </Text>
      {(canDraft || decision.strategyChangeId) && <TurnIntoDraft api={api} decisionId={decision.id} existingChangeId={decision.strategyChangeId} />}
    </article>
  );
}
