import { Button, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useId } from 'react';
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
}

/**
 * Objectives × overall health as a real table: objectives as row headers, health values as
 * column headers, counts in the cells. A non-zero count is a button to those work items.
 */
export function HeatmapView({ rows, objectives, onOpenCell }: HeatmapViewProps) {
  const styles = useStyles();
  const lines = heatmapLines(rows, objectives);
  const describedBy = useId();
  return (
    <div className={styles.root}>
      <Text id={describedBy} className={styles.caption}>
        Work items per objective by overall health. An item aligned to several objectives counts under each.{onOpenCell ? ' Select a count to see those items.' : ''}
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
              <HeatmapTableRow key={line.objectiveId ?? 'none'} line={line} onOpenCell={onOpenCell} />
            ))}
          </TableBody>
        </Table>
      </div>
    </div>
  );
}

function HeatmapTableRow({ line, onOpenCell }: { readonly line: HeatmapLine; readonly onOpenCell: HeatmapViewProps['onOpenCell'] }) {
  const styles = useStyles();
  return (
    <TableRow>
      <TableHeaderCell scope="row" className={styles.rowHeader}>
        {line.label}
      </TableHeaderCell>
      {RAGS.map((rag) => {
        const n = line.byOverall[rag];
        return (
          <TableCell key={rag} className={mergeClasses(styles.cell, n > 0 && styles[rag])}>
            {n > 0 && onOpenCell ? (
              <Button appearance="transparent" className={styles.count} aria-label={`${line.label}, ${RAG_LABELS[rag]}: ${n} work items`} onClick={() => onOpenCell(line.objectiveId, rag)}>
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
