import { Subtitle1, makeStyles, tokens } from '@fluentui/react-components';
import { type ReactNode, useId } from 'react';
import { SURFACE } from '../shared/surface';

const useStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL}`,
    ...SURFACE,
  },
  heading: { margin: 0 },
});

/** One part of the signal page, a region named by its heading. */
export function TitledCard({ title, children }: { readonly title: string; readonly children: ReactNode }) {
  const styles = useStyles();
  const id = useId();
  return (
    <section className={styles.card} aria-labelledby={id}>
      <Subtitle1 as="h2" id={id} className={styles.heading}>
        {title}
      </Subtitle1>
      {children}
    </section>
  );
}
