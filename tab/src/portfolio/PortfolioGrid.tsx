/**
 * The work items in one virtualised table: thousands of items render only the rows in view
 * (plus a margin), yet it stays a real table — row and column semantics, `aria-rowcount` and
 * `aria-rowindex` so screen readers know its size, a sticky header, sortable columns — and
 * one tab stop whose arrow keys move between rows. Groups are heading rows in the same list.
 */
import {
  Badge,
  Subtitle2,
  Table,
  TableBody,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { type Ref, useImperativeHandle, useMemo, useRef } from 'react';
import { COLUMN_LABELS, COLUMN_SORT, COLUMN_WIDTHS, DEFAULT_COLUMNS, type GridColumnId } from './columns';
import { ItemRow } from './ItemRow';
import type { GroupBy, ItemGroup, SortColumn, SortState, StrategicObjective, WorkItemView } from './types';
import { flattenGroups, useVirtualRows } from './useVirtualRows';

const useStyles = makeStyles({
  scroller: {
    overflow: 'auto',
    // Tall enough to scan, short enough that the toolbar above stays in view.
    maxHeight: 'max(320px, calc(100vh - 240px))',
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow4,
  },
  table: { tableLayout: 'fixed' },
  header: {
    position: 'sticky',
    top: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: `0 ${tokens.strokeWidthThin} 0 ${tokens.colorNeutralStroke2}`,
  },
  headerCell: { whiteSpace: 'nowrap' },
  groupCell: { paddingBlock: tokens.spacingVerticalS, backgroundColor: tokens.colorNeutralBackground2 },
  heading: { margin: 0, display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  spacer: { padding: 0, border: 'none' },
});

/** Lets the page put focus back on an item's row, e.g. when the item's panel closes. */
export interface PortfolioGridHandle {
  /** Scrolls the item's row into view and focuses it; false when the item is not in the grid. */
  focusItem(itemId: string): boolean;
}

export interface PortfolioGridProps {
  readonly groups: readonly ItemGroup[];
  readonly groupBy: GroupBy;
  readonly objectives: ReadonlyMap<string, StrategicObjective>;
  readonly sort: SortState;
  onSortChange(sort: SortState): void;
  /** Opens the item's panel: the title is a link to it, and Enter on a row opens it. */
  onOpenItem(item: WorkItemView): void;
  /** The columns shown, in order (see `ColumnChooser`); the defaults when absent. */
  readonly columns?: readonly GridColumnId[];
  readonly ref?: Ref<PortfolioGridHandle>;
}

/** The work items, grouped under heading rows or not, all sharing one sort order. */
export function PortfolioGrid({ groups, groupBy, objectives, sort, onSortChange, onOpenItem, columns = DEFAULT_COLUMNS, ref }: PortfolioGridProps) {
  const styles = useStyles();
  const scrollRef = useRef<HTMLDivElement>(null);
  const headerRef = useRef<HTMLTableSectionElement>(null);
  const rows = useMemo(() => flattenGroups(groups, groupBy), [groups, groupBy]);
  const { virtualizer, activeIndex, onKeyDown, onFocusRow, onBlurGrid, focusItem, openItem } = useVirtualRows({ rows, scrollRef, headerRef, onOpen: onOpenItem });
  const stableObjectives = useStableMap(objectives);
  useImperativeHandle(ref, () => ({ focusItem }), [focusItem]);

  const width = columns.reduce((sum, c) => sum + COLUMN_WIDTHS[c], 0);
  const toggle = (column: SortColumn) =>
    onSortChange({ column, direction: sort.column === column && sort.direction === 'ascending' ? 'descending' : 'ascending' });

  // Rendered rows with spacer rows standing in for the gaps, so the scroll height is the full list's.
  const margin = virtualizer.options.scrollMargin;
  let cursor = margin;
  const body = [];
  for (const v of virtualizer.getVirtualItems()) {
    if (v.start > cursor) body.push(<Spacer key={`gap-${cursor}`} height={v.start - cursor} span={columns.length} />);
    cursor = v.end;
    const row = rows[v.index];
    if (!row) continue;
    if (row.kind === 'group') {
      body.push(
        <tr key={row.key} ref={virtualizer.measureElement} data-index={v.index} aria-rowindex={v.index + 2}>
          <td colSpan={columns.length} className={styles.groupCell}>
            <h2 className={styles.heading}>
              <Subtitle2>{row.label}</Subtitle2>
              <Badge appearance="tint" color="brand" aria-label={`${row.count} ${row.count === 1 ? 'item' : 'items'}`}>
                {row.count}
              </Badge>
            </h2>
          </td>
        </tr>,
      );
    } else {
      body.push(
        <ItemRow
          key={row.key}
          item={row.item}
          columns={columns}
          objectives={stableObjectives}
          rowIndex={v.index + 2}
          listIndex={v.index}
          active={v.index === activeIndex}
          rowRef={virtualizer.measureElement}
          onOpen={openItem}
          onKeyDown={onKeyDown}
          onFocusRow={onFocusRow}
        />,
      );
    }
  }
  const rest = virtualizer.getTotalSize() + margin - cursor;
  if (rest > 0) body.push(<Spacer key="gap-end" height={rest} span={columns.length} />);

  const label = 'Work items';
  return (
    // Focusable, so keyboard users can scroll the wide table sideways.
    <div ref={scrollRef} className={styles.scroller} role="region" aria-label={label} tabIndex={0} onBlur={(e) => onBlurGrid(e.relatedTarget as Element | null)}>
      <Table sortable size="small" aria-label={label} aria-rowcount={rows.length + 1} className={styles.table} style={{ width: `${width}px` }}>
        <colgroup>
          {columns.map((c) => (
            <col key={c} style={{ width: `${COLUMN_WIDTHS[c]}px` }} />
          ))}
        </colgroup>
        <TableHeader ref={headerRef} className={styles.header}>
          <TableRow aria-rowindex={1}>
            {columns.map((c) => {
              const sortColumn = COLUMN_SORT[c];
              return (
                <TableHeaderCell
                  key={c}
                  className={styles.headerCell}
                  sortable={sortColumn !== undefined}
                  {...(sortColumn ? { sortDirection: sort.column === sortColumn ? sort.direction : undefined, onClick: () => toggle(sortColumn) } : {})}
                >
                  {COLUMN_LABELS[c]}
                </TableHeaderCell>
              );
            })}
          </TableRow>
        </TableHeader>
        <TableBody>{body}</TableBody>
      </Table>
    </div>
  );
}

/**
 * The previous map while its entries are the same objects: the page rebuilds the objective
 * index on every filter or sort, and a new map would redraw every row.
 */
function useStableMap<K, V>(map: ReadonlyMap<K, V>): ReadonlyMap<K, V> {
  const previous = useRef(map);
  const prev = previous.current;
  const same = prev === map || (prev.size === map.size && [...map].every(([k, v]) => prev.get(k) === v));
  if (!same) previous.current = map;
  return previous.current;
}

/** Empty height standing in for rows that are not rendered; hidden from assistive technology. */
function Spacer({ height, span }: { readonly height: number; readonly span: number }) {
  const styles = useStyles();
  return (
    <tr aria-hidden="true">
      <td colSpan={span} className={styles.spacer} style={{ height: `${height}px` }} />
    </tr>
  );
}
