import {
  Body1,
  Button,
  Dropdown,
  Field,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Option,
  SearchBox,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Title2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowDownloadRegular, FilterDismissRegular } from '@fluentui/react-icons';
import { useCallback, useMemo, useState } from 'react';
import { type ApiClient, errorMessage } from '../api/client';
import { createSignalsApi } from '../api/signals';
import { useLoad } from '../shared/useLoad';
import { formatDate, formatDateTime } from '../shared/dates';
import { ErrorState } from '../shared/ErrorState';
import { Loading } from '../shared/Loading';
import { signalHash } from '../shared/route';
import { isStrategyOwner, useMe } from '../shared/useMe';
import { DECISION_OUTCOMES, type DecisionOutcome, FINAL_OUTCOME_SET, OUTCOME_LABELS } from '../signals/types';
import { domainsOf } from '../signals/useInbox';
import { csvFileName, saveBlob } from './download';
import { type DecisionFilters, NO_DECISION_FILTERS, exportQuery, filterDecisions } from './filters';
import { OutcomeBadge } from './OutcomeBadge';
import { TurnIntoDraft } from './TurnIntoDraft';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  header: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', justifyContent: 'space-between', gap: tokens.spacingHorizontalL },
  titles: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  heading: { margin: 0 },
  description: { color: tokens.colorNeutralForeground2 },
  bar: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalM },
  search: { minWidth: '260px', maxWidth: '380px' },
  filter: { minWidth: '200px' },
  count: { color: tokens.colorNeutralForeground2 },
  scroller: { overflowX: 'auto', backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusLarge, boxShadow: tokens.shadow4, border: `${tokens.strokeWidthThin} solid ${tokens.colorTransparentStroke}` },
  table: { tableLayout: 'auto', minWidth: '1200px' },
  question: { minWidth: '260px', overflowWrap: 'anywhere', paddingBlock: tokens.spacingVerticalXS },
  nowrap: { whiteSpace: 'nowrap' },
  actionCol: { whiteSpace: 'nowrap', minWidth: '250px' },
  muted: { color: tokens.colorNeutralForeground3 },
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
});

export interface DecisionLogPageProps {
  readonly api: ApiClient;
}

/** The decision log: every EPMO decision, searchable, exportable as CSV. */
export function DecisionLogPage({ api }: DecisionLogPageProps) {
  const styles = useStyles();
  const signals = useMemo(() => createSignalsApi(api.transport), [api]);
  const me = useMe(api);
  const load = useCallback((signal: AbortSignal) => signals.decisions({}, signal), [signals]);
  const log = useLoad(load);
  const [filters, setFilters] = useState<DecisionFilters>(NO_DECISION_FILTERS);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | undefined>();

  const items = log.status === 'ready' ? log.data.items : undefined;
  const rows = useMemo(() => (items ? filterDecisions(items, filters) : []), [items, filters]);
  const domains = useMemo(() => domainsOf(items ?? []), [items]);
  const owner = me.status === 'ready' && isStrategyOwner(me.data);
  const active = filters.search.trim() !== '' || filters.outcome !== '' || filters.domainId !== '';

  const exportCsv = async () => {
    setExporting(true);
    setExportError(undefined);
    try {
      saveBlob(await signals.decisionsCsv(exportQuery(filters)), csvFileName(new Date()));
    } catch (e) {
      setExportError(errorMessage(e));
    } finally {
      setExporting(false);
    }
  };

  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <div className={styles.titles}>
          <Title2 as="h1" className={styles.heading}>
            Decision log
          </Title2>
          <Body1 className={styles.description}>Every EPMO decision on an escalated signal, with its rationale. Records never change once made.</Body1>
        </div>
        <Button icon={<ArrowDownloadRegular />} disabled={exporting || log.status !== 'ready'} onClick={() => void exportCsv()}>
          {exporting ? 'Exporting…' : 'Export CSV'}
        </Button>
      </header>
      {exportError && (
        <MessageBar intent="error" layout="multiline" role="alert">
          <MessageBarBody>
            <MessageBarTitle>Could not export the decision log</MessageBarTitle>
            {exportError}
          </MessageBarBody>
        </MessageBar>
      )}
      {log.status === 'loading' && <Loading label="Loading decisions…" />}
      {log.status === 'error' && <ErrorState title="Could not load the decision log" message={log.message} onRetry={log.retry} />}
      {log.status === 'ready' && (
        <>
          <section aria-label="Filter decisions" className={styles.bar}>
            <Field label="Search">
              <SearchBox className={styles.search} placeholder="Search decisions" value={filters.search} onChange={(_e, d) => setFilters({ ...filters, search: d.value })} />
            </Field>
            <Field label="Outcome">
              <Dropdown
                className={styles.filter}
                value={filters.outcome ? OUTCOME_LABELS[filters.outcome] : 'Any outcome'}
                selectedOptions={[filters.outcome]}
                onOptionSelect={(_e, d) => setFilters({ ...filters, outcome: (d.optionValue ?? '') as DecisionOutcome | '' })}
              >
                <Option value="">Any outcome</Option>
                {DECISION_OUTCOMES.map((o) => (
                  <Option key={o} value={o}>
                    {OUTCOME_LABELS[o]}
                  </Option>
                ))}
              </Dropdown>
            </Field>
            {domains.length > 1 && (
              <Field label="Domain">
                <Dropdown
                  className={styles.filter}
                  value={domains.find((d) => d.id === filters.domainId)?.name ?? 'All domains'}
                  selectedOptions={[filters.domainId]}
                  onOptionSelect={(_e, d) => setFilters({ ...filters, domainId: d.optionValue ?? '' })}
                >
                  <Option value="">All domains</Option>
                  {domains.map((d) => (
                    <Option key={d.id} value={d.id}>
                      {d.name}
                    </Option>
                  ))}
                </Dropdown>
              </Field>
            )}
            <Button icon={<FilterDismissRegular />} disabled={!active} onClick={() => setFilters(NO_DECISION_FILTERS)}>
              Clear filters
            </Button>
          </section>
          <Text className={styles.count} role="status">
            Showing {rows.length} of {log.data.items.length} decisions
          </Text>
          {log.data.items.length === 0 ? (
            <div className={styles.empty}>
              <Title2 as="h2">No decisions yet</Title2>
              <Body1>When strategy owners decide escalations, the decisions are recorded here.</Body1>
            </div>
          ) : rows.length === 0 ? (
            <div className={styles.empty}>
              <Title2 as="h2">No decisions match</Title2>
              <Button appearance="primary" icon={<FilterDismissRegular />} onClick={() => setFilters(NO_DECISION_FILTERS)}>
                Clear filters
              </Button>
            </div>
          ) : (
            <div className={styles.scroller} role="region" aria-label="Decisions" tabIndex={0}>
              <Table size="small" aria-label="Decisions" className={styles.table}>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell className={styles.nowrap}>Decided</TableHeaderCell>
                    <TableHeaderCell className={styles.nowrap}>Signal</TableHeaderCell>
                    <TableHeaderCell>Question</TableHeaderCell>
                    <TableHeaderCell className={styles.nowrap}>Outcome</TableHeaderCell>
                    <TableHeaderCell>Chosen option</TableHeaderCell>
                    <TableHeaderCell className={styles.nowrap}>Decided by</TableHeaderCell>
                    <TableHeaderCell className={styles.nowrap}>Domain</TableHeaderCell>
                    {owner && <TableHeaderCell className={styles.actionCol}>Strategy change</TableHeaderCell>}
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {rows.map((d) => (
                    <TableRow key={d.id} data-decision-id={d.id}>
                      <TableCell className={styles.nowrap}>
                        <time dateTime={d.decidedAt} title={formatDateTime(d.decidedAt)}>
                          {formatDate(d.decidedAt)}
                        </time>
                      </TableCell>
                      <TableCell className={styles.nowrap}>
                        <Link href={signalHash(d.signalId)} title={d.signalTitle}>
                          {d.signalLabel}
                        </Link>
                      </TableCell>
                      <TableCell>
                        <div className={styles.question}>{d.question}</div>
                      </TableCell>
                      <TableCell className={styles.nowrap}>
                        <OutcomeBadge outcome={d.outcome} />
                        {d.deferredUntil && <Text className={styles.muted}> until {formatDate(d.deferredUntil)}</Text>}
                      </TableCell>
                      <TableCell>{d.chosenOptionTitle ?? <Text className={styles.muted}>—</Text>}</TableCell>
                      <TableCell className={styles.nowrap}>{d.decidedBy.displayName}</TableCell>
                      <TableCell className={styles.nowrap}>{d.domainName}</TableCell>
                      {owner && (
                        <TableCell className={styles.nowrap}>
                          {FINAL_OUTCOME_SET.has(d.outcome) || d.strategyChangeId ? (
                            <TurnIntoDraft api={signals} decisionId={d.id} existingChangeId={d.strategyChangeId} compact />
                          ) : (
                            <Text className={styles.muted}>—</Text>
                          )}
                        </TableCell>
                      )}
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          )}
        </>
      )}
    </div>
  );
}
