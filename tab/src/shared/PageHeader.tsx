import { Body1, Title2, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  header: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', justifyContent: 'space-between', gap: tokens.spacingHorizontalL },
  titles: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  heading: { margin: 0 },
  description: { color: tokens.colorNeutralForeground2 },
  tools: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalM },
});

export interface PageHeaderProps {
  /** The page's one `h1`. */
  readonly title: ReactNode;
  readonly description?: ReactNode;
  /** Controls at the header's end: a picker, the page's main buttons. */
  readonly tools?: ReactNode;
}

/** A page's title and what it is for, with its main controls beside them. */
export function PageHeader({ title, description, tools }: PageHeaderProps) {
  const styles = useStyles();
  const titles = (
    <>
      <Title2 as="h1" className={styles.heading}>
        {title}
      </Title2>
      {description && <Body1 className={styles.description}>{description}</Body1>}
    </>
  );
  if (!tools) return <header className={styles.titles}>{titles}</header>;
  return (
    <header className={styles.header}>
      <div className={styles.titles}>{titles}</div>
      <div className={styles.tools}>{tools}</div>
    </header>
  );
}
