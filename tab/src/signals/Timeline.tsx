import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { formatDateTime } from '../shared/dates';
import { type AuditEvent, type SignalState, STATE_LABELS } from './types';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column' },
  item: {
    position: 'relative',
    paddingLeft: tokens.spacingHorizontalXL,
    paddingBottom: tokens.spacingVerticalM,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke2}`,
    marginLeft: tokens.spacingHorizontalXS,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
  },
  dot: {
    position: 'absolute',
    left: '-6px',
    top: '4px',
    width: '10px',
    height: '10px',
    borderRadius: tokens.borderRadiusCircular,
    backgroundColor: tokens.colorBrandBackground,
  },
  what: { fontWeight: tokens.fontWeightSemibold },
  when: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  comment: { color: tokens.colorNeutralForeground2, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
});

/** What each transition reads as in the timeline. */
const ACTION_TEXT: Readonly<Record<string, string>> = {
  raise: 'raised the signal',
  triage: 'accepted it for analysis',
  resolveLocally: 'resolved it locally',
  close: 'closed it',
  startAnalysis: 'started the analysis',
  saveAnalysis: 'updated the analysis',
  setContext: 'set the strategic context',
  addOption: 'added an option',
  recommend: 'made a recommendation',
  escalate: 'escalated it to the EPMO',
  decide: 'recorded the EPMO decision',
  requestMoreInfo: 'asked for more information',
  defer: 'deferred the decision',
  undefer: 'brought it back for decision',
  remind: 'sent a reminder that it is overdue',
  createStrategyChange: 'turned the decision into a strategy-change draft',
};

const stateLabel = (s: string): string => STATE_LABELS[s as SignalState] ?? s;

/** `Priya Patel accepted it for analysis`, with `Raised → Triaged` when the state moved. */
function describeEvent(e: Pick<AuditEvent, 'actorName' | 'action' | 'from' | 'to'>): string {
  const what = ACTION_TEXT[e.action] ?? e.action.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  const move = e.from && e.to && e.from !== e.to ? ` (${stateLabel(e.from)} → ${stateLabel(e.to)})` : '';
  return `${e.actorName} ${what}${move}`;
}

/** The audit trail, oldest first. */
export function Timeline({ events }: { readonly events: readonly AuditEvent[] }) {
  const styles = useStyles();
  if (events.length === 0) return <Text>No history yet.</Text>;
  return (
    <ol className={styles.list} aria-label="Timeline">
      {events.map((e) => (
        <li key={e.seq} className={styles.item}>
          <span className={styles.dot} aria-hidden />
          <Text className={styles.what}>{describeEvent(e)}</Text>
          <Text className={styles.when}>
            <time dateTime={e.at}>{formatDateTime(e.at)}</time>
          </Text>
          {e.comment && <Text className={styles.comment}>{e.comment}</Text>}
        </li>
      ))}
    </ol>
  );
}
