import { Link, MessageBar, MessageBarBody, Text, makeStyles, tokens } from '@fluentui/react-components';
import { OpenRegular } from '@fluentui/react-icons';
import { CLOSE_REASON_LABELS, type SignalView } from './types';

const useStyles = makeStyles({
  text: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground3 },
  quote: {
    margin: 0,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorBrandStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  },
});

/** What the raiser wrote, and how the signal ended (resolution, close reason) or what the EPMO still asks. */
export function SignalDetails({ signal }: { readonly signal: SignalView }) {
  const styles = useStyles();
  return (
    <>
      <Text className={styles.text}>{signal.details || 'No details given.'}</Text>
      {signal.resolution && (
        <Text className={styles.text}>
          <strong>Resolution: </strong>
          {signal.resolution}
        </Text>
      )}
      {signal.closeReason && (
        <Text className={styles.text}>
          <strong>Closed as {CLOSE_REASON_LABELS[signal.closeReason].toLowerCase()}</strong>
          {signal.duplicateOf ? ` of S-${signal.duplicateOf}` : ''}
          {signal.closeComment ? `: ${signal.closeComment}` : ''}
        </Text>
      )}
      {signal.infoRequest && signal.state === 'analysing' && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <strong>The EPMO asked for more information: </strong>
            {signal.infoRequest}
          </MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}

/** Where the signal came from: the Teams message it was raised from, quoted and linked, if any. */
export function SignalOrigin({ signal }: { readonly signal: SignalView }) {
  const styles = useStyles();
  const { origin, raisedBy } = signal;
  return (
    <>
      <Text>
        Raised by {raisedBy.displayName} {origin.messageId ? 'from a Teams message' : 'in Teams'}.
      </Text>
      {origin.messagePreview && <blockquote className={styles.quote}>{origin.messagePreview}</blockquote>}
      {origin.messageLink ? (
        <Link href={origin.messageLink} target="_blank" rel="noreferrer">
          Open the message in Teams <OpenRegular aria-hidden />
        </Link>
      ) : (
        <Text className={styles.muted}>No link back to a Teams message.</Text>
      )}
    </>
  );
}
