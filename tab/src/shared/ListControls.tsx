/** The controls every filtered list repeats: the filter bar, its search, Clear filters, and "Showing n of m". */
import { Button, Field, SearchBox, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { FilterDismissRegular } from '@fluentui/react-icons';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  bar: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalM },
  search: { minWidth: '240px', flexGrow: 1, maxWidth: '360px' },
  count: { color: tokens.colorNeutralForeground2 },
});

/** The row of filters above a list, a region named for what it filters. */
export function FilterBar({ label, children }: { readonly label: string; readonly children: ReactNode }) {
  const styles = useStyles();
  return (
    <section aria-label={label} className={styles.bar}>
      {children}
    </section>
  );
}

export interface SearchFieldProps {
  readonly value: string;
  /** What may be searched for, e.g. "Title, owner or stage". */
  readonly placeholder: string;
  /** Width overrides for a list whose search wants more room. */
  readonly className?: string;
  onChange(value: string): void;
}

/** The "Search" box of a filter bar. */
export function SearchField({ value, placeholder, className, onChange }: SearchFieldProps) {
  const styles = useStyles();
  return (
    <Field label="Search">
      <SearchBox className={mergeClasses(styles.search, className)} placeholder={placeholder} value={value} onChange={(_e, data) => onChange(data.value)} />
    </Field>
  );
}

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
