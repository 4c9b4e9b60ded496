/** Small controls every filtered list repeats: the "Showing n of m" line and Clear filters. */
import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { FilterDismissRegular } from '@fluentui/react-icons';

const useStyles = makeStyles({
  count: { color: tokens.colorNeutralForeground2 },
});

export interface ShownCountProps {
  readonly shown: number;
  readonly total: number;
  /** The plural noun, e.g. "work items". */
  readonly noun: string;
}

/** "Showing 4 of 12 work items", announced as the filters change it. */
export function ShownCount({ shown, total, noun }: ShownCountProps) {
  const styles = useStyles();
  return (
    <Text className={styles.count} role="status">
      Showing {shown} of {total} {noun}
    </Text>
  );
}

export interface ClearFiltersButtonProps {
  /** `primary` where it is the way out of an empty result. */
  readonly primary?: boolean;
  readonly disabled?: boolean;
  onClick(): void;
}

export function ClearFiltersButton({ primary, disabled, onClick }: ClearFiltersButtonProps) {
  return (
    <Button appearance={primary ? 'primary' : undefined} icon={<FilterDismissRegular />} disabled={disabled} onClick={onClick}>
      Clear filters
    </Button>
  );
}
