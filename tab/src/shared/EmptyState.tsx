import { Body1, Title2, makeStyles, tokens } from '@fluentui/react-components';
import type { FluentIcon } from '@fluentui/react-icons';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  empty: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingVerticalXXXL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    textAlign: 'center',
  },
  icon: { fontSize: '40px', color: tokens.colorBrandForeground1 },
});

export interface EmptyStateProps {
  readonly title: string;
  /** A decorative icon above the title. */
  readonly icon?: FluentIcon;
  /** What to do about it, in a sentence. */
  readonly children?: ReactNode;
  /** A button that gets the user going (create the first one, clear the filters). */
  readonly action?: ReactNode;
}

/** In place of an empty list: why nothing shows, and what to do next. */
export function EmptyState({ title, icon: Icon, children, action }: EmptyStateProps) {
  const styles = useStyles();
  return (
    <div className={styles.empty}>
      {Icon && <Icon className={styles.icon} aria-hidden />}
      <Title2 as="h2">{title}</Title2>
      {children && <Body1>{children}</Body1>}
      {action}
    </div>
  );
}
