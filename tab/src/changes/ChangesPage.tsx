import {
  Body1,
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
  Title2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { AddRegular, MegaphoneRegular } from '@fluentui/react-icons';
import { useCallback, useMemo, useState } from 'react';
import { formatDateTime, relativeDay } from '../shared/dates';
import { ErrorState } from '../shared/ErrorState';
import { Loading } from '../shared/Loading';
import { changeHash, composeHash, navigate } from '../shared/route';
import type { ChangesApi } from './api';
import { KindBadge, ResponseProgress, StateBadge, StatusBadge } from './ChangeBadges';
import { type StateFilter, filterChanges, isFanOutRunning, sortChanges } from './progress';
import { STATES, STATE_LABELS, type ChangeSummary, type ChangesListResponse } from './types';
import { useLive } from '../shared/useLive';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  header: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', justifyContent: 'space-between', gap: tokens.spacingHorizontalL },
  titles: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  heading: { margin: 0 },
  description: { color: tokens.colorNeutralForeground2 },
  tools: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalM },
  filter: { minWidth: '200px' },
  surface: { backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusLarge, boxShadow: tokens.shadow4,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorTransparentStroke}`, overflowX: 'auto' },
  title: { fontWeight: tokens.fontWeightSemibold },
  wide: { width: '40%' },
  medium: { width: '18%' },
  narrow: { width: '12%' },
  table: { minWidth: '860px' },
  meta: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, alignItems: 'center' },
  subtle: { color: tokens.colorNeutralForeground3 },
  overdue: { color: tokens.colorStatusDangerForeground1, fontWeight: tokens.fontWeightSemibold },
  empty: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingVerticalXXXL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    textAlign: 'center',
  },
  emptyIcon: { fontSize: '40px', color: tokens.colorBrandForeground1 },
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

  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <div className={styles.titles}>
          <Title2 as="h1" className={styles.heading}>
            Strategy changes
          </Title2>
          <Body1 className={styles.description}>
            {canDraft ? 'What the EPMO has announced, and how every PMO and team has answered.' : 'Strategy changes from the EPMO that reach your domain or your teams.'}
          </Body1>
        </div>
        <div className={styles.tools}>
          <Field label="Show">
            <Dropdown className={styles.filter} value={FILTER_LABELS[filter]} selectedOptions={[filter]} onOptionSelect={(_e, d) => d.optionValue && setFilter(d.optionValue as StateFilter)}>
              {FILTERS.map((f) => (
                <Option key={f} value={f}>
                  {FILTER_LABELS[f]}
                </Option>
              ))}
            </Dropdown>
          </Field>
          {canDraft && (
            <Button appearance="primary" icon={<AddRegular />} onClick={() => navigate(composeHash())}>
              New strategy change
            </Button>
          )}
        </div>
      </header>

      {state.status === 'loading' && <Loading label="Loading strategy changes…" />}
      {state.status === 'error' && <ErrorState title="Could not load the strategy changes" message={state.message} onRetry={reload} />}
      {state.status === 'ready' && state.refreshError && <ErrorState title="Could not refresh the list" message={state.refreshError} onRetry={reload} />}
      {state.status === 'ready' &&
        (rows.length === 0 ? (
          <div className={styles.empty}>
            <MegaphoneRegular className={styles.emptyIcon} aria-hidden />
            <Title2 as="h2">{state.data.items.length === 0 ? 'No strategy changes yet' : 'No changes to show here'}</Title2>
            <Body1>
              {state.data.items.length === 0
                ? canDraft
                  ? 'Announce a threat, an opportunity or a reprioritisation, and every affected PMO and team hears of it in Teams.'
                  : 'When the EPMO announces a change that touches your work, it shows here.'
                : 'Choose “All changes” to see the others.'}
            </Body1>
            {canDraft && state.data.items.length === 0 && (
              <Button appearance="primary" icon={<AddRegular />} onClick={() => navigate(composeHash())}>
                New strategy change
              </Button>
            )}
          </div>
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
        ))}
    </div>
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
