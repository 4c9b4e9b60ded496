import { Spinner, makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({ root: { padding: tokens.spacingVerticalXXXL } });

/** A labelled spinner, so screen readers hear what is loading. */
export function Loading({ label }: { readonly label: string }) {
  const styles = useStyles();
  return <Spinner className={styles.root} label={label} labelPosition="below" />;
}
