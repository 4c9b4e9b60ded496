import { Button, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { type ReactNode, useId } from 'react';
import type { HeatmapRow } from '../../../bot/api-contract/portfolio';
import { type HeatmapLine, heatmapLines } from './heatmap';
import { RagBadge } from './RagBadge';
import { type Rag, type StrategicObjective, RAGS, RAG_LABELS } from './types';

const useStyles = makeStyles({
  scroller: { overflowX: 'auto', backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusLarge, boxShadow: tokens.shadow4 },
  table: { minWidth: '640px' },
  rowHeader: { fontWeight: tokens.fontWeightSemibold, minWidth: '240px' },
  cell: { textAlign: 'center', width: '120px' },
  count: { minWidth: '64px', fontWeight: tokens.fontWeightSemibold },
  // A non-zero cell takes its health colour; the number and the column header carry the meaning.
  green: { backgroundColor: tokens.colorPaletteGreenBackground2 },
  amber: { backgroundColor: tokens.colorPaletteMarigoldBackground2 },
  red: { backgroundColor: tokens.colorPaletteRedBackground2 },
  unknown: { backgroundColor: tokens.colorNeutralBackground3 },
  zero: { color: tokens.colorNeutralForeground3 },
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  caption: { color: tokens.colorNeutralForeground2 },
});

export interface HeatmapViewProps {
  readonly rows: readonly HeatmapRow[];
  readonly objectives: readonly StrategicObjective[];
  /** Opens the grid filtered to the objective (or none) and overall health of a cell; without it, counts are plain text. */
  onOpenCell?(objectiveId: string | null, rag: Rag): void;
  /** Renders a non-zero count's own control instead (the roll-up's list of domains); `label` is its accessible name. */
  renderCell?(cell: HeatmapCell): ReactNode;
  /** What selecting a count does, for the caption. */
  readonly hint?: string;
}

/** One non-zero count of the heatmap. */
export interface HeatmapCell {
  readonly line: HeatmapLine;
  readonly rag: Rag;
  readonly count: number;
  /** e.g. "P1 · OBJ-1 · Grow digital revenue, Red: 2 work items". */
  readonly label: string;
}

const itemsCount = (n: number): string => (n === 1 ? '1 work item' : `${n} work items`);

/**
 * Objectives × overall health as a real table: objectives as row headers, health values as
 * column headers, counts in the cells. A non-zero count is a button to those work items.
 */
export function HeatmapView({ rows, objectives, onOpenCell, renderCell, hint }: HeatmapViewProps) {
  const styles = useStyles();
  const lines = heatmapLines(rows, objectives);
  const describedBy = useId();
  return (
    <div className={styles.root}>
      <Text id={describedBy} className={styles.caption}>
        Work items per objective by overall health. Objectives are in priority order (P1 highest). An item aligned to several objectives counts under each.
        {hint ?? (onOpenCell ? ' Select a count to see those items.' : '')}
      </Text>
      <div className={styles.scroller}>
        <Table className={styles.table} aria-label="Objectives by overall health" aria-describedby={describedBy}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Objective</TableHeaderCell>
              {RAGS.map((rag) => (
                <TableHeaderCell key={rag} scope="col" className={styles.cell}>
                  <RagBadge value={rag} />
                </TableHeaderCell>
              ))}
              <TableHeaderCell scope="col" className={styles.cell}>
                Total
              </TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {lines.map((line) => (
              <HeatmapTableRow key={line.objectiveId ?? 'none'} line={line} onOpenCell={onOpenCell} renderCell={renderCell} />
            ))}
          </TableBody>
        </Table>
      </div>
    </div>
  );
}

interface HeatmapTableRowProps {
  readonly line: HeatmapLine;
  readonly onOpenCell: HeatmapViewProps['onOpenCell'];
  readonly renderCell: HeatmapViewProps['renderCell'];
}

function HeatmapTableRow({ line, onOpenCell, renderCell }: HeatmapTableRowProps) {
  const styles = useStyles();
  return (
    <TableRow>
      <TableHeaderCell scope="row" className={styles.rowHeader}>
        {line.label}
      </TableHeaderCell>
      {RAGS.map((rag) => {
        const n = line.byOverall[rag];
        const label = `${line.label}, ${RAG_LABELS[rag]}: ${itemsCount(n)}`;
        return (
          <TableCell key={rag} className={mergeClasses(styles.cell, n > 0 && styles[rag])}>
            {n > 0 && renderCell ? (
              renderCell({ line, rag, count: n, label })
            ) : n > 0 && onOpenCell ? (
              <Button appearance="transparent" className={styles.count} aria-label={label} onClick={() => onOpenCell(line.objectiveId, rag)}>
                {n}
              </Button>
            ) : (
              <Text className={n > 0 ? styles.count : styles.zero}>{n}</Text>
            )}
          </TableCell>
        );
      })}
      <TableCell className={styles.cell}>{line.total}</TableCell>
    </TableRow>
  );
}
