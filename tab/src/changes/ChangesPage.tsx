import {
  Button,
  Dropdown,
  Field,
  Link,
  Option,
  Table,
  TableBody,
  TableCell,
  TableCellLayout,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { AddRegular, MegaphoneRegular } from '@fluentui/react-icons';
import { useCallback, useMemo, useState } from 'react';
import { formatDateTime, relativeDay } from '../shared/dates';
import { EmptyState } from '../shared/EmptyState';
import { ListPage } from '../shared/ListPage';
import { changeHash, composeHash, navigate } from '../shared/route';
import { SURFACE } from '../shared/surface';
import { useLive } from '../shared/useLive';
import type { ChangesApi } from './api';
import { KindBadge, ResponseProgress, StateBadge, StatusBadge } from './ChangeBadges';
import { type StateFilter, filterChanges, isFanOutRunning, sortChanges } from './progress';
import { STATES, STATE_LABELS, type ChangeSummary, type ChangesListResponse } from './types';

const useStyles = makeStyles({
  filter: { minWidth: '200px' },
  surface: { ...SURFACE, overflowX: 'auto' },
  title: { fontWeight: tokens.fontWeightSemibold },
  wide: { width: '40%' },
  medium: { width: '18%' },
  narrow: { width: '12%' },
  table: { minWidth: '860px' },
  meta: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, alignItems: 'center' },
  subtle: { color: tokens.colorNeutralForeground3 },
  overdue: { color: tokens.colorStatusDangerForeground1, fontWeight: tokens.fontWeightSemibold },
});

const FILTER_LABELS: Readonly<Record<StateFilter, string>> = { active: 'Drafts and published', all: 'All changes', ...STATE_LABELS };
const FILTERS: readonly StateFilter[] = ['active', 'all', ...STATES];

/** While a fan-out runs anywhere in the list, refresh it every few seconds. */
const listInterval = (data: ChangesListResponse): number | undefined => (data.items.some((s) => isFanOutRunning(s.progress?.delivery)) ? 3_000 : 30_000);

export interface ChangesPageProps {
  readonly changes: ChangesApi;
}

/** Every strategy change the caller may see, with where each stands. */
export function ChangesPage({ changes }: ChangesPageProps) {
  const styles = useStyles();
  const load = useCallback((signal: AbortSignal) => changes.list(signal), [changes]);
  const { state, reload } = useLive(load, listInterval);
  const [filter, setFilter] = useState<StateFilter>('active');
  const items = state.status === 'ready' ? state.data.items : undefined;
  const rows = useMemo(() => (items ? sortChanges(filterChanges(items, filter)) : []), [items, filter]);
  const canDraft = state.status === 'ready' && state.data.canDraft;

  const newChange = (
    <Button appearance="primary" icon={<AddRegular />} onClick={() => navigate(composeHash())}>
      New strategy change
    </Button>
  );

  return (
    <ListPage
      title="Strategy changes"
      description={canDraft ? 'What the EPMO has announced, and how every PMO and team has answered.' : 'Strategy changes from the EPMO that reach your domain or your teams.'}
      tools={
        <>
          <Field label="Show">
            <Dropdown className={styles.filter} value={FILTER_LABELS[filter]} selectedOptions={[filter]} onOptionSelect={(_e, d) => d.optionValue && setFilter(d.optionValue as StateFilter)}>
              {FILTERS.map((f) => (
                <Option key={f} value={f}>
                  {FILTER_LABELS[f]}
                </Option>
              ))}
            </Dropdown>
          </Field>
          {canDraft && newChange}
        </>
      }
      state={state}
      loading="Loading strategy changes…"
      failed="Could not load the strategy changes"
      refreshFailed="Could not refresh the list"
      onRetry={reload}
    >
      {({ data }) =>
        rows.length === 0 ? (
          <EmptyState icon={MegaphoneRegular} title={data.items.length === 0 ? 'No strategy changes yet' : 'No changes to show here'} action={canDraft && data.items.length === 0 && newChange}>
            {data.items.length === 0
              ? canDraft
                ? 'Announce a threat, an opportunity or a reprioritisation, and every affected PMO and team hears of it in Teams.'
                : 'When the EPMO announces a change that touches your work, it shows here.'
              : 'Choose “All changes” to see the others.'}
          </EmptyState>
        ) : (
          <div className={styles.surface}>
            <Table aria-label="Strategy changes" size="medium" className={styles.table}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell className={styles.wide}>Change</TableHeaderCell>
                  <TableHeaderCell className={styles.narrow}>State</TableHeaderCell>
                  <TableHeaderCell className={styles.medium}>Respond by</TableHeaderCell>
                  <TableHeaderCell className={styles.medium}>Responses</TableHeaderCell>
                  <TableHeaderCell className={styles.narrow}>Your status</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.map((s) => (
                  <ChangeRow key={s.change.id} summary={s} />
                ))}
              </TableBody>
            </Table>
          </div>
        )
      }
    </ListPage>
  );
}

function ChangeRow({ summary }: { readonly summary: ChangeSummary }) {
  const styles = useStyles();
  const { change, progress, overdue, mine } = summary;
  const now = Date.now();
  return (
    <TableRow>
      <TableCell>
        <TableCellLayout
          description={
            <span className={styles.meta}>
              <KindBadge kind={change.kind} />
              <Text size={200} className={styles.subtle}>
                v{change.version} · {change.authorName}
              </Text>
            </span>
          }
        >
          <Link
            href={changeHash(change.id)}
            className={styles.title}
            onClick={(e) => {
              e.preventDefault();
              navigate(changeHash(change.id));
            }}
          >
            {change.title}
          </Link>
        </TableCellLayout>
      </TableCell>
      <TableCell>
        <StateBadge state={change.state} />
      </TableCell>
      <TableCell>
        <TableCellLayout description={change.state === 'published' ? <span className={overdue ? styles.overdue : styles.subtle}>{overdue ? 'Overdue' : relativeDay(change.respondBy, now)}</span> : undefined}>
          {formatDateTime(change.respondBy)}
        </TableCellLayout>
      </TableCell>
      <TableCell>
        {progress ? <ResponseProgress rollup={progress.rollup} delivery={progress.delivery} label={`Responses to ${change.title}`} /> : <Text className={styles.subtle}>Not published</Text>}
      </TableCell>
      <TableCell>{mine ? <StatusBadge status={mine.status} /> : <Text className={styles.subtle}>—</Text>}</TableCell>
    </TableRow>
  );
}
