import { Link, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import { formatDate } from '../shared/dates';
import { signalHash } from '../shared/route';
import { SURFACE } from '../shared/surface';
import { DueBadge, KindBadge, UrgencyBadge } from './SignalBadges';
import type { SignalView } from './types';

const useStyles = makeStyles({
  scroller: { overflowX: 'auto', ...SURFACE },
  // Fixed widths, so the tables of every state group line up under each other.
  table: { tableLayout: 'fixed', minWidth: '960px' },
  titleCol: { width: 'auto' },
  kindCol: { width: '150px' },
  urgencyCol: { width: '120px' },
  domainCol: { width: '130px' },
  personCol: { width: '170px' },
  dateCol: { width: '130px' },
  dueCol: { width: '190px' },
  title: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, paddingBlock: tokens.spacingVerticalXS },
  ref: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  link: { fontWeight: tokens.fontWeightSemibold },
  nowrap: { whiteSpace: 'nowrap' },
  muted: { color: tokens.colorNeutralForeground3 },
});

export interface SignalTableProps {
  /** Accessible name of the table, e.g. `Signals: Raised`. */
  readonly label: string;
  readonly signals: readonly SignalView[];
  readonly showDomain: boolean;
  readonly now: number;
}

/** One group of the inbox: each row links to the signal's page. */
export function SignalTable({ label, signals, showDomain, now }: SignalTableProps) {
  const styles = useStyles();
  return (
    <div className={styles.scroller} role="region" aria-label={label} tabIndex={0}>
      <Table size="small" aria-label={label} className={styles.table}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell className={styles.titleCol}>Signal</TableHeaderCell>
            <TableHeaderCell className={styles.kindCol}>Kind</TableHeaderCell>
            <TableHeaderCell className={styles.urgencyCol}>Urgency</TableHeaderCell>
            {showDomain && <TableHeaderCell className={styles.domainCol}>Domain</TableHeaderCell>}
            <TableHeaderCell className={styles.personCol}>Raised by</TableHeaderCell>
            <TableHeaderCell className={styles.dateCol}>Raised</TableHeaderCell>
            <TableHeaderCell className={styles.dueCol}>Due</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {signals.map((s) => (
            <TableRow key={s.id} data-signal-id={s.id}>
              <TableCell>
                <span className={styles.title}>
                  <Link className={styles.link} href={signalHash(s.id)}>
                    {s.title}
                  </Link>
                  <Text className={styles.ref}>
                    {s.label}
                    {s.workItemTitle ? ` · ${s.workItemTitle}` : ''}
                  </Text>
                </span>
              </TableCell>
              <TableCell className={styles.nowrap}>
                <KindBadge kind={s.kind} />
              </TableCell>
              <TableCell className={styles.nowrap}>
                <UrgencyBadge urgency={s.urgency} />
              </TableCell>
              {showDomain && <TableCell className={styles.nowrap}>{s.domainName}</TableCell>}
              <TableCell className={styles.nowrap}>{s.raisedBy.displayName}</TableCell>
              <TableCell className={styles.nowrap}>{formatDate(s.createdAt)}</TableCell>
              <TableCell className={styles.nowrap}>
                {s.dueAt || s.deferredUntil ? <DueBadge signal={s} now={now} /> : <Text className={styles.muted}>—</Text>}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
