import { makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { type LoadState, Loaded, type LoadedProps } from './Loaded';
import { PageHeader, type PageHeaderProps } from './PageHeader';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
});

export interface ListPageProps<S extends LoadState> extends PageHeaderProps, LoadedProps<S> {
  /** A bar between the header and the list, e.g. a failed export. */
  readonly notice?: ReactNode;
}

/**
 * The frame every list page shares: the header with its tools, then the list once it has
 * loaded (a spinner before, the server's reason with Retry if it failed).
 */
export function ListPage<S extends LoadState>({ title, description, tools, notice, ...load }: ListPageProps<S>) {
  const styles = useStyles();
  return (
    <div className={styles.page}>
      <PageHeader title={title} description={description} tools={tools} />
      {notice}
      <Loaded {...load} />
    </div>
  );
}
