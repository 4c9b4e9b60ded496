import {
  Button,
  Dropdown,
  Field,
  Link,
  Option,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowDownloadRegular } from '@fluentui/react-icons';
import { useCallback, useMemo, useState } from 'react';
import { type ApiClient, errorMessage } from '../api/client';
import { createSignalsApi } from '../api/signals';
import { formatDate, formatDateTime } from '../shared/dates';
import { EmptyState } from '../shared/EmptyState';
import { FailureBar } from '../shared/FailureBar';
import { ClearFiltersButton, FilterBar, SearchField, ShownCount } from '../shared/ListControls';
import { ListPage } from '../shared/ListPage';
import { signalHash } from '../shared/route';
import { SURFACE } from '../shared/surface';
import { useLoad } from '../shared/useLoad';
import { isStrategyOwner, useMe } from '../shared/useMe';
import { DECISION_OUTCOMES, type DecisionOutcome, FINAL_OUTCOME_SET, OUTCOME_LABELS } from '../signals/types';
import { domainsOf } from '../signals/useInbox';
import { csvFileName, saveBlob } from './download';
import { type DecisionFilters, NO_DECISION_FILTERS, exportQuery, filterDecisions } from './filters';
import { OutcomeBadge } from './OutcomeBadge';
import { TurnIntoDraft } from './TurnIntoDraft';

const useStyles = makeStyles({
  // Wider than the shared search: decisions are searched by question and rationale.
  search: { minWidth: '260px', maxWidth: '380px' },
  filter: { minWidth: '200px' },
  scroller: { overflowX: 'auto', ...SURFACE },
  table: { tableLayout: 'auto', minWidth: '1200px' },
  question: { minWidth: '260px', overflowWrap: 'anywhere', paddingBlock: tokens.spacingVerticalXS },
  nowrap: { whiteSpace: 'nowrap' },
  actionCol: { whiteSpace: 'nowrap', minWidth: '250px' },
  muted: { color: tokens.colorNeutralForeground3 },
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
    <ListPage
      title="Decision log"
      description="Every EPMO decision on an escalated signal, with its rationale. Records never change once made."
      tools={
        <Button icon={<ArrowDownloadRegular />} disabled={exporting || log.status !== 'ready'} onClick={() => void exportCsv()}>
          {exporting ? 'Exporting…' : 'Export CSV'}
        </Button>
      }
      notice={exportError && <FailureBar failure={{ title: 'Could not export the decision log', message: exportError }} />}
      state={log}
      loading="Loading decisions…"
      failed="Could not load the decision log"
      onRetry={log.retry}
    >
      {({ data }) => (
        <>
          <FilterBar label="Filter decisions">
            <SearchField className={styles.search} placeholder="Search decisions" value={filters.search} onChange={(search) => setFilters({ ...filters, search })} />
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
            <ClearFiltersButton disabled={!active} onClick={() => setFilters(NO_DECISION_FILTERS)} />
          </FilterBar>
          <ShownCount shown={rows.length} total={data.items.length} noun="decisions" />
          {data.items.length === 0 ? (
            <EmptyState title="No decisions yet">When strategy owners decide escalations, the decisions are recorded here.</EmptyState>
          ) : rows.length === 0 ? (
            <EmptyState title="No decisions match" action={<ClearFiltersButton primary onClick={() => setFilters(NO_DECISION_FILTERS)} />} />
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
    </ListPage>
  );
}
