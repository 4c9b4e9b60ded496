/**
 * Key figures as a grid of small cards: a big number and what it counts. Screen readers hear
 * each as one phrase ("Overdue: 3") instead of two loose words.
 */
import { Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  list: { display: 'grid', gap: tokens.spacingHorizontalM, listStyleType: 'none', margin: 0, padding: 0 },
  // Inside a panel: a quiet inset.
  inset: { display: 'flex', flexDirection: 'column', padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`, backgroundColor: tokens.colorNeutralBackground2, borderRadius: tokens.borderRadiusMedium },
  // On the page: a raised tile whose top edge can carry a colour (health, an alert).
  tile: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow4,
    borderTop: `${tokens.strokeWidthThickest} solid ${tokens.colorNeutralStroke2}`,
  },
  value: { fontSize: tokens.fontSizeHero700, lineHeight: tokens.lineHeightHero700, fontWeight: tokens.fontWeightSemibold },
  insetLabel: { color: tokens.colorNeutralForeground3 },
  tileLabel: { color: tokens.colorNeutralForeground2 },
});

type FigureLook = 'inset' | 'tile';

export interface FigureListProps {
  /** The list's accessible name, e.g. "Response figures". */
  readonly label?: string;
  /** The narrowest a figure may get before the grid wraps. */
  readonly minWidth: string;
  readonly children: ReactNode;
}

export function FigureList({ label, minWidth, children }: FigureListProps) {
  const styles = useStyles();
  return (
    <ul className={styles.list} style={{ gridTemplateColumns: `repeat(auto-fit, minmax(${minWidth}, 1fr))` }} aria-label={label}>
      {children}
    </ul>
  );
}

export interface FigureProps {
  /** What the figure counts; with the value, its accessible name. */
  readonly label: string;
  readonly value: number | string;
  readonly look: FigureLook;
  /** Extra styling, e.g. the tile's coloured top edge. */
  readonly className?: string;
  /** Shown in place of the label text (e.g. a badge); hidden from screen readers like the label. */
  readonly caption?: ReactNode;
}

export function Figure({ label, value, look, className, caption }: FigureProps) {
  const styles = useStyles();
  return (
    <li className={mergeClasses(styles[look], className)} aria-label={`${label}: ${value}`}>
      <Text className={styles.value} aria-hidden>
        {value}
      </Text>
      {caption ? (
        <span aria-hidden>{caption}</span>
      ) : (
        <Text className={look === 'tile' ? styles.tileLabel : styles.insetLabel} aria-hidden>
          {label}
        </Text>
      )}
    </li>
  );
}
