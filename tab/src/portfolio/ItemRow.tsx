/** One work item as a grid row, memoised so sorting, filtering and scrolling re-render only rows that changed. */
import { Badge, Link, TableCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import { Clock12Regular } from '@fluentui/react-icons';
import { type KeyboardEvent, type Ref, memo } from 'react';
import type { GridColumnId } from './columns';
import { alignedObjectives, statusAgeText } from './filters';
import { RagBadge } from './RagBadge';
import { DIMENSION_LABELS, MODE_LABELS, STRUCTURE_LABELS, type StrategicObjective, type WorkItemView } from './types';

const useStyles = makeStyles({
  row: {
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: `calc(-1 * ${tokens.strokeWidthThick})` },
  },
  cell: { overflow: 'hidden' },
  title: { fontWeight: tokens.fontWeightSemibold, textAlign: 'start' },
  objectives: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXXS, paddingBlock: tokens.spacingVerticalXS },
  badge: { whiteSpace: 'nowrap' },
  muted: { color: tokens.colorNeutralForeground3 },
  age: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, whiteSpace: 'nowrap' },
  nowrap: { whiteSpace: 'nowrap', textOverflow: 'ellipsis' },
});

export interface ItemRowProps {
  readonly item: WorkItemView;
  readonly columns: readonly GridColumnId[];
  readonly objectives: ReadonlyMap<string, StrategicObjective>;
  /** 1-based position among all the table's rows, header included (`aria-rowindex`). */
  readonly rowIndex: number;
  /** Position in the virtual list, for measuring. */
  readonly listIndex: number;
  /** The one row in the tab order (roving tab index). */
  readonly active: boolean;
  readonly rowRef: Ref<HTMLTableRowElement>;
  onOpen(item: WorkItemView): void;
  onKeyDown(event: KeyboardEvent<HTMLTableRowElement>, listIndex: number): void;
  onFocusRow(listIndex: number): void;
}

function ItemRowView({ item, columns, objectives, rowIndex, listIndex, active, rowRef, onOpen, onKeyDown, onFocusRow }: ItemRowProps) {
  const styles = useStyles();
  return (
    <TableRow
      ref={rowRef}
      className={styles.row}
      data-index={listIndex}
      data-item-id={item.id}
      aria-rowindex={rowIndex}
      tabIndex={active ? 0 : -1}
      onKeyDown={(e) => onKeyDown(e, listIndex)}
      onFocus={(e) => e.target === e.currentTarget && onFocusRow(listIndex)}
    >
      {columns.map((c) => (
        <TableCell key={c} className={styles.cell}>
          <Cell column={c} item={item} objectives={objectives} onOpen={onOpen} />
        </TableCell>
      ))}
    </TableRow>
  );
}

/** Same item version, same place, same columns: nothing to redraw. */
export const ItemRow = memo(
  ItemRowView,
  (a, b) =>
    a.item.id === b.item.id &&
    a.item.etag === b.item.etag &&
    a.columns === b.columns &&
    a.objectives === b.objectives &&
    a.rowIndex === b.rowIndex &&
    a.listIndex === b.listIndex &&
    a.active === b.active &&
    a.rowRef === b.rowRef &&
    a.onOpen === b.onOpen &&
    a.onKeyDown === b.onKeyDown &&
    a.onFocusRow === b.onFocusRow,
);

interface CellProps {
  readonly column: GridColumnId;
  readonly item: WorkItemView;
  readonly objectives: ReadonlyMap<string, StrategicObjective>;
  onOpen(item: WorkItemView): void;
}

function Cell({ column, item, objectives, onOpen }: CellProps) {
  const styles = useStyles();
  switch (column) {
    case 'title':
      // Out of the tab order: the row is the grid's one tab stop and Enter on it opens the item.
      return (
        <Link as="button" tabIndex={-1} className={styles.title} onClick={() => onOpen(item)}>
          {item.title}
        </Link>
      );
    case 'structure':
      return <span className={styles.nowrap}>{STRUCTURE_LABELS[item.structure]}</span>;
    case 'mode':
      return <span className={styles.nowrap}>{MODE_LABELS[item.mode]}</span>;
    case 'objectives': {
      const aligned = alignedObjectives(item, objectives);
      if (aligned.length === 0) return <Text className={styles.muted}>None</Text>;
      return (
        <span className={styles.objectives}>
          {aligned.map((o) => (
            <Badge key={o.objectiveId} className={styles.badge} appearance="outline" color="brand" shape="rounded" title={`${o.code}: ${o.title} (${o.weight}% contribution)`}>
              {o.code} · {o.weight}%
            </Badge>
          ))}
        </span>
      );
    }
    case 'owner':
      return <span className={styles.nowrap}>{item.owner.displayName}</span>;
    case 'stage':
      return <span className={styles.nowrap}>{item.stage}</span>;
    case 'schedule':
    case 'cost':
    case 'scope':
    case 'benefit':
      return <RagBadge value={item.health[column]} dimension={DIMENSION_LABELS[column]} />;
    case 'overall':
      return <RagBadge value={item.overall} dimension="Overall" />;
    case 'statusAge':
      return (
        <span className={styles.age}>
          <span className={item.statusAgeDays === undefined ? styles.muted : undefined}>{statusAgeText(item)}</span>
          {item.stale && (
            <Badge className={styles.badge} appearance="filled" color="warning" icon={<Clock12Regular />} title="The status is older than the domain's freshness window">
              Stale
            </Badge>
          )}
          {item.checkInOverdue && (
            <Badge className={styles.badge} appearance="outline" color="danger" title="Its team has not answered the check-in by the due time">
              Check-in overdue
            </Badge>
          )}
        </span>
      );
    case 'openSignals':
      return <Count value={item.openSignals} />;
    case 'unansweredChanges':
      return <Count value={item.unansweredChanges} />;
  }
}

/** A count; zero is muted so the rows that need attention stand out. */
function Count({ value }: { readonly value: number }) {
  const styles = useStyles();
  return <Text className={value === 0 ? styles.muted : undefined}>{value}</Text>;
}
