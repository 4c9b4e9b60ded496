import {
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
import { Clock12Regular } from '@fluentui/react-icons';
import { useId } from 'react';
import { alignedObjectives, statusAgeText } from './filters';
import { RagBadge } from './RagBadge';
import {
  type GroupBy,
  type ItemGroup,
  type SortColumn,
  type SortState,
  type StrategicObjective,
  type WorkItemView,
  DIMENSIONS,
  DIMENSION_LABELS,
  MODE_LABELS,
  STRUCTURE_LABELS,
} from './types';

const useStyles = makeStyles({
  groups: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXL },
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { margin: 0, display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  scroller: {
    overflowX: 'auto',
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow4,
  },
  // Content-sized columns: badges and ages never wrap; titles and names may.
  table: { tableLayout: 'auto', minWidth: '1100px' },
  title: { fontWeight: tokens.fontWeightSemibold },
  titleCol: { minWidth: '240px' },
  objectives: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: tokens.spacingVerticalXXS, paddingBlock: tokens.spacingVerticalXS },
  badge: { whiteSpace: 'nowrap' },
  muted: { color: tokens.colorNeutralForeground3 },
  age: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, whiteSpace: 'nowrap' },
  nowrap: { whiteSpace: 'nowrap' },
});

interface Column {
  readonly id: SortColumn;
  readonly label: string;
}

const COLUMNS: readonly Column[] = [
  { id: 'title', label: 'Title' },
  { id: 'structure', label: 'Structure' },
  { id: 'mode', label: 'Mode' },
  { id: 'objectives', label: 'Objectives' },
  { id: 'owner', label: 'Owner' },
  { id: 'stage', label: 'Stage' },
  ...DIMENSIONS.map((d) => ({ id: d, label: DIMENSION_LABELS[d] })),
  { id: 'overall', label: 'Overall' },
  { id: 'statusAge', label: 'Status age' },
];

export interface PortfolioGridProps {
  readonly groups: readonly ItemGroup[];
  readonly groupBy: GroupBy;
  readonly objectives: ReadonlyMap<string, StrategicObjective>;
  readonly sort: SortState;
  onSortChange(sort: SortState): void;
  /** Opens the item's panel; the title is a link to it. */
  onOpenItem(item: WorkItemView): void;
}

/** The work items, in one table or one headed table per group, all sharing one sort order. */
export function PortfolioGrid({ groups, groupBy, objectives, sort, onSortChange, onOpenItem }: PortfolioGridProps) {
  const styles = useStyles();
  if (groupBy === 'none') {
    const all = groups[0];
    return all ? <ItemsTable label="Work items" items={all.items} objectives={objectives} sort={sort} onSortChange={onSortChange} onOpenItem={onOpenItem} /> : null;
  }
  return (
    <div className={styles.groups}>
      {groups.map((g) => (
        <Group key={g.key} group={g} objectives={objectives} sort={sort} onSortChange={onSortChange} onOpenItem={onOpenItem} />
      ))}
    </div>
  );
}

function Group({ group, objectives, sort, onSortChange, onOpenItem }: { readonly group: ItemGroup } & Omit<PortfolioGridProps, 'groups' | 'groupBy'>) {
  const styles = useStyles();
  const headingId = useId();
  const count = group.items.length;
  return (
    <section className={styles.group} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.heading}>
        <Subtitle2>{group.label}</Subtitle2>
        <Badge appearance="tint" color="brand" aria-label={`${count} ${count === 1 ? 'item' : 'items'}`}>
          {count}
        </Badge>
      </h2>
      <ItemsTable label={`Work items: ${group.label}`} items={group.items} objectives={objectives} sort={sort} onSortChange={onSortChange} onOpenItem={onOpenItem} />
    </section>
  );
}

interface ItemsTableProps {
  readonly label: string;
  readonly items: readonly WorkItemView[];
  readonly objectives: ReadonlyMap<string, StrategicObjective>;
  readonly sort: SortState;
  onSortChange(sort: SortState): void;
  onOpenItem(item: WorkItemView): void;
}

function ItemsTable({ label, items, objectives, sort, onSortChange, onOpenItem }: ItemsTableProps) {
  const styles = useStyles();
  const toggle = (column: SortColumn) =>
    onSortChange({ column, direction: sort.column === column && sort.direction === 'ascending' ? 'descending' : 'ascending' });
  return (
    // Focusable, so keyboard users can scroll the wide table sideways.
    <div className={styles.scroller} role="region" aria-label={label} tabIndex={0}>
      <Table sortable size="small" aria-label={label} className={styles.table}>
        <TableHeader>
          <TableRow>
            {COLUMNS.map((c) => (
              <TableHeaderCell
                key={c.id}
                className={c.id === 'title' ? styles.titleCol : styles.nowrap}
                sortDirection={sort.column === c.id ? sort.direction : undefined}
                onClick={() => toggle(c.id)}
              >
                {c.label}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {items.map((item) => (
            <ItemRow key={item.id} item={item} objectives={objectives} onOpen={onOpenItem} />
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

function ItemRow({ item, objectives, onOpen }: { readonly item: WorkItemView; readonly objectives: ReadonlyMap<string, StrategicObjective>; onOpen(item: WorkItemView): void }) {
  const styles = useStyles();
  const aligned = alignedObjectives(item, objectives);
  return (
    <TableRow data-item-id={item.id}>
      <TableCell>
        <Link as="button" className={styles.title} onClick={() => onOpen(item)}>
          {item.title}
        </Link>
      </TableCell>
      <TableCell className={styles.nowrap}>{STRUCTURE_LABELS[item.structure]}</TableCell>
      <TableCell className={styles.nowrap}>{MODE_LABELS[item.mode]}</TableCell>
      <TableCell>
        {aligned.length === 0 ? (
          <Text className={styles.muted}>None</Text>
        ) : (
          <span className={styles.objectives}>
            {aligned.map((o) => (
              <Badge key={o.objectiveId} className={styles.badge} appearance="outline" color="brand" shape="rounded" title={`${o.code}: ${o.title} (${o.weight}% contribution)`}>
                {o.code} · {o.weight}%
              </Badge>
            ))}
          </span>
        )}
      </TableCell>
      <TableCell className={styles.nowrap}>{item.owner.displayName}</TableCell>
      <TableCell className={styles.nowrap}>{item.stage}</TableCell>
      {DIMENSIONS.map((d) => (
        <TableCell key={d} className={styles.nowrap}>
          <RagBadge value={item.health[d]} dimension={DIMENSION_LABELS[d]} />
        </TableCell>
      ))}
      <TableCell className={styles.nowrap}>
        <RagBadge value={item.overall} dimension="Overall" />
      </TableCell>
      <TableCell>
        <span className={styles.age}>
          <span className={item.statusAgeDays === undefined ? styles.muted : undefined}>{statusAgeText(item)}</span>
          {item.stale && (
            <Badge className={styles.badge} appearance="filled" color="warning" icon={<Clock12Regular />} title="The status is older than the domain's freshness window">
              Stale
            </Badge>
          )}
        </span>
      </TableCell>
    </TableRow>
  );
}
