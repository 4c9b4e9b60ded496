/**
 * Development mode only: what the demo identity's Teams activity feed would show. Locally no Graph
 * credentials are set, so notifications stay in the server's local log; this reads the caller's
 * own (`/api/me/notifications`) each time it is opened.
 */
import { Button, Link, Popover, PopoverSurface, PopoverTrigger, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { AlertRegular } from '@fluentui/react-icons';
import { useCallback, useState } from 'react';
import type { NotificationsResponse } from '../../../bot/api-contract/notifications';
import type { ApiClient } from '../api/client';
import { myNotifications } from '../api/notifications';
import { formatDateTime } from '../shared/dates';
import { useLoad } from '../shared/useLoad';

type Item = NotificationsResponse['items'][number];

const useStyles = makeStyles({
  surface: { maxWidth: '28rem', maxHeight: '26rem', overflowY: 'auto' },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: tokens.spacingVerticalM },
  item: { display: 'grid', gap: tokens.spacingVerticalXXS },
});

/** The line Teams would show, from the manifest's template text (appPackage/manifest.json, `activities`). */
function reason(n: Item): string {
  switch (n.activityType) {
    case 'signalDecided':
      return `Decision on your signal ${n.templateParameters.signalLabel}: ${n.templateParameters.outcome}`;
    case 'decisionAwaiting':
      return `${n.templateParameters.signalLabel} from ${n.templateParameters.domainName} awaits your decision`;
    case 'changeResponseOverdue':
      return `${n.templateParameters.recipientName} has not responded to ${n.templateParameters.changeTitle}, now overdue`;
  }
}

const STATE_NOTES: Readonly<Record<Item['state'], string>> = {
  logged: 'kept locally (Graph is not configured)',
  sent: 'sent to Teams',
  failed: 'Teams refused it',
};

function FeedList({ api }: { readonly api: ApiClient }) {
  const styles = useStyles();
  const load = useCallback((signal: AbortSignal) => myNotifications(api.transport, signal), [api]);
  const feed = useLoad(load);
  if (feed.status === 'loading') return <Spinner size="tiny" label="Loading the activity feed…" />;
  if (feed.status === 'error') return <Text>{feed.message}</Text>;
  if (feed.data.items.length === 0) return <Text>Nothing in your activity feed yet.</Text>;
  return (
    <ul className={styles.list} aria-label="Activity feed">
      {feed.data.items.map((n) => (
        <li key={n.id} className={styles.item}>
          <Text weight="semibold">{reason(n)}</Text>
          <Text size={200}>{n.previewText}</Text>
          <Text size={200}>
            <Link href={n.topic.webUrl}>{n.topic.text}</Link> · {formatDateTime(n.at)} · {STATE_NOTES[n.state]}
          </Text>
        </li>
      ))}
    </ul>
  );
}

export function LocalActivityFeed({ api }: { readonly api: ApiClient }) {
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  return (
    <div>
      <Popover open={open} onOpenChange={(_e, data) => setOpen(data.open)} withArrow trapFocus positioning="below-end">
        <PopoverTrigger disableButtonEnhancement>
          <Button icon={<AlertRegular />} appearance="subtle">
            Activity feed
          </Button>
        </PopoverTrigger>
        <PopoverSurface className={styles.surface} aria-label="Your Teams activity feed (development mode)">
          {open && <FeedList api={api} />}
        </PopoverSurface>
      </Popover>
    </div>
  );
}
