import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, makeStyles, tokens } from '@fluentui/react-components';
import { ImpactBadge } from './ChangeBadges';
import { IMPACTS, IMPACT_LABELS, type ImpactRollup } from './types';

const useStyles = makeStyles({
  first: { width: '28%' },
  num: { fontVariantNumeric: 'tabular-nums' },
  warn: { color: tokens.colorStatusDangerForeground1, fontWeight: tokens.fontWeightSemibold },
});

export interface RollupRow {
  readonly key: string;
  readonly label: string;
  readonly rollup: ImpactRollup;
}

/** Responses and impact rolled up per domain or per objective. */
export function RollupTable({ label, firstColumn, rows }: { readonly label: string; readonly firstColumn: string; readonly rows: readonly RollupRow[] }) {
  const styles = useStyles();
  return (
    <Table aria-label={label} size="small">
      <TableHeader>
        <TableRow>
          <TableHeaderCell className={styles.first}>{firstColumn}</TableHeaderCell>
          <TableHeaderCell>Recipients</TableHeaderCell>
          <TableHeaderCell>Responded</TableHeaderCell>
          <TableHeaderCell>Pending</TableHeaderCell>
          <TableHeaderCell>Overdue</TableHeaderCell>
          <TableHeaderCell>Unreachable</TableHeaderCell>
          {IMPACTS.map((i) => (
            <TableHeaderCell key={i}>Impact {IMPACT_LABELS[i].toLowerCase()}</TableHeaderCell>
          ))}
          <TableHeaderCell>Highest impact</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map(({ key, label: name, rollup: r }) => (
          <TableRow key={key}>
            <TableCell>{name}</TableCell>
            <TableCell className={styles.num}>{r.recipients}</TableCell>
            <TableCell className={styles.num}>{r.responded}</TableCell>
            <TableCell className={styles.num}>{r.pending}</TableCell>
            <TableCell className={r.overdue > 0 ? styles.warn : styles.num}>{r.overdue}</TableCell>
            <TableCell className={r.unreachable > 0 ? styles.warn : styles.num}>{r.unreachable}</TableCell>
            {IMPACTS.map((i) => (
              <TableCell key={i} className={styles.num}>
                {r.impacts[i]}
              </TableCell>
            ))}
            <TableCell>
              <ImpactBadge impact={r.maxImpact} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
