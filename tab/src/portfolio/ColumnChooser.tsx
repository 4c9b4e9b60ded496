/**
 * Chooses the grid's columns and their order: a popover listing every column with a checkbox
 * (shown or hidden) and, for shown ones, buttons that move it earlier or later.
 */
import { Button, Checkbox, Popover, PopoverSurface, PopoverTrigger, Text, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowDownRegular, ArrowUpRegular, ColumnTripleEditRegular } from '@fluentui/react-icons';
import { useId } from 'react';
import { COLUMN_LABELS, GRID_COLUMNS, type GridColumnId, REQUIRED_COLUMN, moveColumn, toggleColumn } from './columns';

const useStyles = makeStyles({
  surface: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: '280px' },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column' },
  item: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalS },
  moves: { display: 'flex', gap: tokens.spacingHorizontalXXS },
});

export interface ColumnChooserProps {
  readonly columns: readonly GridColumnId[];
  onChange(columns: readonly GridColumnId[]): void;
}

export function ColumnChooser({ columns, onChange }: ColumnChooserProps) {
  const styles = useStyles();
  const headingId = useId();
  // Shown columns in their order, then the hidden ones.
  const listed = [...columns, ...GRID_COLUMNS.filter((c) => !columns.includes(c))];
  return (
    <Popover trapFocus positioning="below-end">
      <PopoverTrigger disableButtonEnhancement>
        <Button icon={<ColumnTripleEditRegular />}>Columns</Button>
      </PopoverTrigger>
      <PopoverSurface className={styles.surface} aria-labelledby={headingId}>
        <Text id={headingId} weight="semibold">
          Columns
        </Text>
        <ul className={styles.list}>
          {listed.map((c) => {
            const shown = columns.includes(c);
            const at = columns.indexOf(c);
            const label = COLUMN_LABELS[c];
            return (
              <li key={c} className={styles.item}>
                <Checkbox
                  label={label}
                  checked={shown}
                  disabled={c === REQUIRED_COLUMN}
                  onChange={(_e, data) => onChange(toggleColumn(columns, c, data.checked === true))}
                />
                {shown && (
                  <span className={styles.moves}>
                    {/* disabledFocusable: a button that reaches the end keeps focus instead of dropping it. */}
                    <Button
                      size="small"
                      appearance="subtle"
                      icon={<ArrowUpRegular />}
                      aria-label={`Move ${label} earlier`}
                      disabledFocusable={at === 0}
                      onClick={() => onChange(moveColumn(columns, c, -1))}
                    />
                    <Button
                      size="small"
                      appearance="subtle"
                      icon={<ArrowDownRegular />}
                      aria-label={`Move ${label} later`}
                      disabledFocusable={at === columns.length - 1}
                      onClick={() => onChange(moveColumn(columns, c, 1))}
                    />
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      </PopoverSurface>
    </Popover>
  );
}
