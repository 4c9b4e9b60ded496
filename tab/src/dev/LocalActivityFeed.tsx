/**
 * Development mode only: what the demo identity's Teams activity feed would show. Locally no Graph
 * credentials are set, so notifications stay in the server's local log; this reads the caller's
 * own (`/api/me/notifications`) each time it is opened.
 */
import { Button, Link, Popover, PopoverSurface, PopoverTrigger, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useState } from 'react';
import type { ApiClient } from '../api/client';
import { myNotifications } from '../api/notifications';
import { formatDateTime } from '../shared/dates';
import { useLoad } from '../shared/useLoad';

const useStyles = makeStyles({
  surface: { maxWidth: '28rem', maxHeight: '26rem', overflowY: 'auto' },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: tokens.spacingVerticalM },
  item: { display: 'grid', gap: tokens.spacingVerticalXXS },
});

/** What the feed holds, worded by the server as Teams words it (the manifest's templates). */
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
          <Text weight="semibold">{n.text}</Text>
          <Text size={200}>{n.previewText}</Text>
          <Text size={200}>
            <Link href={n.topic.webUrl}>{n.topic.text}</Link> · {formatDateTime(n.at)} · {n.stateNote}
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
          <Button appearance="subtle">
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
