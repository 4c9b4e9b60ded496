import { Button, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, makeStyles, tokens } from '@fluentui/react-components';
import { HistoryRegular } from '@fluentui/react-icons';
import { useCallback, useState } from 'react';
import { errorMessage } from '../api/client';
import { EmptyState } from '../shared/EmptyState';
import { ErrorState } from '../shared/ErrorState';
import { Loaded } from '../shared/Loaded';
import { formatDateTime } from '../shared/dates';
import { useLoad } from '../shared/useLoad';
import type { AdminApi, RoleChangesResponse } from './api';

const useStyles = makeStyles({ more: { marginTop: tokens.spacingVerticalM } });

type Change = RoleChangesResponse['changes'][number];

const labels = (roles: Change['granted']): string => roles.map((r) => r.label).join(', ') || '—';

/** Every change to roles, newest first: when, who made it, whose roles, what was granted and removed; older pages on demand. */
export function RoleChangesSection({ api }: { readonly api: AdminApi }) {
  const styles = useStyles();
  const load = useCallback((signal: AbortSignal) => api.roleChanges(undefined, signal), [api]);
  const first = useLoad(load);
  const [older, setOlder] = useState<{ changes: Change[]; continuation?: string }>();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();

  const more = async (continuation: string) => {
    setPending(true);
    setError(undefined);
    try {
      const page = await api.roleChanges(continuation);
      setOlder((o) => ({ changes: [...(o?.changes ?? []), ...page.changes], ...(page.continuation ? { continuation: page.continuation } : {}) }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setPending(false);
    }
  };

  return (
    <Loaded state={first} loading="Loading role changes…" failed="Could not load the role changes" onRetry={first.retry}>
      {({ data }) => {
        const changes = [...data.changes, ...(older?.changes ?? [])];
        const next = older ? older.continuation : data.continuation;
        if (changes.length === 0) return <EmptyState title="No role changes yet" icon={HistoryRegular}>Every role given or taken away is listed here, with who did it and when.</EmptyState>;
        return (
          <>
            <Table aria-label="Role changes">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>When</TableHeaderCell>
                  <TableHeaderCell>By</TableHeaderCell>
                  <TableHeaderCell>Person</TableHeaderCell>
                  <TableHeaderCell>Granted</TableHeaderCell>
                  <TableHeaderCell>Removed</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {changes.map((c) => (
                  <TableRow key={c.id}>
                    <TableCell>{formatDateTime(c.at)}</TableCell>
                    <TableCell>{c.by.displayName}</TableCell>
                    <TableCell>{c.subject.displayName}</TableCell>
                    <TableCell>{labels(c.granted)}</TableCell>
                    <TableCell>{labels(c.removed)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            {error && <ErrorState title="Could not load older changes" message={error} onRetry={() => next && void more(next)} />}
            {next && (
              <Button className={styles.more} disabled={pending} onClick={() => void more(next)}>
                {pending ? 'Loading…' : 'Show older changes'}
              </Button>
            )}
          </>
        );
      }}
    </Loaded>
  );
}
