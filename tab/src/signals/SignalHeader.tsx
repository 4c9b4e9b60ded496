import { Body1, Title2, makeStyles, tokens } from '@fluentui/react-components';
import { formatDateTime } from '../shared/dates';
import { SignalBadges } from './SignalBadges';
import { STATE_LABELS, type SignalView } from './types';

const useStyles = makeStyles({
  header: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { margin: 0, overflowWrap: 'anywhere' },
  badges: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  meta: { color: tokens.colorNeutralForeground2 },
});

/** The signal's title, where it stands in badges, and who raised it and moved it last, when. */
export function SignalHeader({ signal, now }: { readonly signal: SignalView; readonly now: number }) {
  const styles = useStyles();
  return (
    <header className={styles.header}>
      <Title2 as="h1" className={styles.heading}>
        {signal.title}
      </Title2>
      <div className={styles.badges}>
        <SignalBadges signal={signal} now={now} />
      </div>
      <Body1 className={styles.meta}>
        {signal.domainName}
        {signal.workItemTitle ? ` · ${signal.workItemTitle}` : ''} · raised by {signal.raisedBy.displayName}, {formatDateTime(signal.createdAt)}
        {' · '}
        {`${STATE_LABELS[signal.state].toLowerCase()} since ${formatDateTime(signal.stateChangedAt)} (${signal.stateChangedBy.displayName})`}
      </Body1>
    </header>
  );
}
