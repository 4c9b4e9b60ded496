import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Link,
  Subtitle2,
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
import { Suspense, lazy } from 'react';
import type { ItemChange, ItemPanelResponse, StatusReport } from '../../../bot/api-contract/portfolio';
import { formatDate } from '../shared/dates';
import { Loading } from '../shared/Loading';
import { changeHash, signalHash } from '../shared/route';
import { STATE_LABELS } from '../signals/types';
import { RagBadge } from './RagBadge';

// The chart library is big: loaded when a panel first shows a history, not with the page.
const HistoryCharts = lazy(() => import('./HistoryCharts'));

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  muted: { color: tokens.colorNeutralForeground3 },
});

const CHANGE_STATUS: Readonly<Record<ItemChange['status'], { readonly label: string; readonly color: 'informative' | 'warning' | 'success' | 'danger' }>> = {
  pending: { label: 'Awaiting response', color: 'informative' },
  overdue: { label: 'Response overdue', color: 'danger' },
  acknowledged: { label: 'Acknowledged', color: 'success' },
  assessed: { label: 'Impact assessed', color: 'success' },
  unreachable: { label: 'Team unreachable', color: 'warning' },
};

/** The item's history (chart and table), signals and strategy changes, from its panel response. */
export function ItemActivity({ panel }: { readonly panel: ItemPanelResponse }) {
  return (
    <>
      <HistorySection history={panel.history} />
      <SignalsSection panel={panel} />
      <ChangesSection changes={panel.changes} />
    </>
  );
}

function HistorySection({ history }: { readonly history: readonly StatusReport[] }) {
  const styles = useStyles();
  return (
    <section className={styles.section} aria-label="History">
      <Subtitle2 as="h3">Health and benefits history</Subtitle2>
      {history.length === 0 ? (
        <Text className={styles.muted}>No status reports kept yet: the history starts with the next one.</Text>
      ) : (
        <>
          <Suspense fallback={<Loading label="Loading the history chart…" />}>
            <HistoryCharts history={history} />
          </Suspense>
          {/* The same figures as a table, for screen readers and for exact values. */}
          <Accordion collapsible>
            <AccordionItem value="table">
              <AccordionHeader>History as a table</AccordionHeader>
              <AccordionPanel>
                <HistoryTable history={history} />
              </AccordionPanel>
            </AccordionItem>
          </Accordion>
        </>
      )}
    </section>
  );
}

/** How a report reached the portfolio, in the words of PRODUCT.md §2 ("tab edit, check-in card, import"). */
const HOW: Readonly<Record<StatusReport['source'], string>> = { tab: 'Tab edit', import: 'CSV import', 'check-in': 'Check-in card', card: 'Teams card' };

function HistoryTable({ history }: { readonly history: readonly StatusReport[] }) {
  const newestFirst = [...history].reverse();
  return (
    <Table size="small" aria-label="Status history">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Reported</TableHeaderCell>
            <TableHeaderCell>By</TableHeaderCell>
            <TableHeaderCell>How</TableHeaderCell>
            <TableHeaderCell>Overall</TableHeaderCell>
            <TableHeaderCell>Benefit realised / planned</TableHeaderCell>
            <TableHeaderCell>Note</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {newestFirst.map((r, i) => (
            <TableRow key={`${r.at}-${i}`}>
              <TableCell>{formatDate(r.at)}</TableCell>
              <TableCell>{r.by.displayName}</TableCell>
              <TableCell>{HOW[r.source]}</TableCell>
              <TableCell>
                <RagBadge value={r.overall} />
              </TableCell>
              <TableCell>{r.benefits ? `${r.benefits.realised.value} / ${r.benefits.planned.value} ${r.benefits.planned.unit}` : '—'}</TableCell>
              <TableCell>{r.note ?? ''}</TableCell>
            </TableRow>
          ))}
        </TableBody>
    </Table>
  );
}

function SignalsSection({ panel }: { readonly panel: ItemPanelResponse }) {
  const styles = useStyles();
  return (
    <section className={styles.section} aria-label="Signals">
      <Subtitle2 as="h3">Signals</Subtitle2>
      {panel.signals.length === 0 ? (
        <Text className={styles.muted}>No signal names this work item</Text>
      ) : (
        <ul className={styles.list}>
          {panel.signals.map((s) => (
            <li key={s.id}>
              <Link href={signalHash(s.id)}>
                #{s.number} {s.title}
              </Link>{' '}
              <Badge appearance="outline">{STATE_LABELS[s.state]}</Badge> <Text className={styles.muted}>raised {formatDate(s.raisedAt)}</Text>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ChangesSection({ changes }: { readonly changes: readonly ItemChange[] }) {
  const styles = useStyles();
  return (
    <section className={styles.section} aria-label="Strategy changes">
      <Subtitle2 as="h3">Strategy changes</Subtitle2>
      {changes.length === 0 ? (
        <Text className={styles.muted}>No strategy change has reached this team</Text>
      ) : (
        <ul className={styles.list}>
          {changes.map((c) => (
            <li key={`${c.changeId}-${c.version}`}>
              <Link href={changeHash(c.changeId)}>
                {c.title} (version {c.version})
              </Link>{' '}
              <Badge appearance="tint" color={CHANGE_STATUS[c.status].color}>
                {CHANGE_STATUS[c.status].label}
              </Badge>
              {c.response && (
                <Text block>
                  {c.response.by} responded {formatDate(c.response.at)}
                  {c.response.impact ? `: impact ${c.response.impact}` : ''}
                  {c.response.comment ? ` — “${c.response.comment}”` : ''}
                </Text>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
